"""One generated page per procurement/tender project: the timeline with each stage's deadline."""

from __future__ import annotations

from pagetext import article_text, hrefs
from sitekit import Project

REVIEW = {"reviewer": "李某", "date": "2026-01-01", "result": "同意公开"}


def stage(project: Project, slug: str, n: int, stage: str, published: str, **f: object) -> None:
    project.doc(
        f"zfcg/{slug}.md",
        index_no=f"013544XXX/2026-{n:05d}",
        title=f"监控设备采购项目{stage}",
        type="政府采购",
        published=published,
        review=REVIEW,
        project="JLJY-CG-2026-003",
        stage=stage,
        slug=slug,
        **f,
    )


def test_project_page_shows_the_timeline_and_what_is_still_due(project: Project) -> None:
    stage(project, "yx", 1, "采购意向", "2026-03-27", budget=2860000)
    stage(project, "gg", 2, "采购公告", "2026-05-08")
    stage(project, "jg", 3, "采购结果", "2026-06-02", amount=2746800)
    stage(project, "ht", 4, "采购合同", "2026-06-19", disclosure="依申请公开")
    result = project.build(today="2026-07-07")
    assert result.returncode == 0, result.stderr
    assert "GK511 warning 项目 JLJY-CG-2026-003 的“采购合同”应于2026年7月6日前公开" in result.stderr
    page = project.site / "zfcg" / "projects" / "jljy-cg-2026-003" / "index.html"
    assert article_text(page) == (
        "项目：JLJY-CG-2026-003 ¶ 监控设备采购项目采购意向。所属栏目： 政府采购 。 "
        "预算金额：2860000元；成交金额：2746800元 公开进程 ¶ 阶段 发布日期 文件 公开时限 "
        "采购意向 2026年3月27日 监控设备采购项目采购意向 应早于采购公告至少30日公开：按期 "
        "采购公告 2026年5月8日 监控设备采购项目采购公告 — "
        "采购结果 2026年6月2日 监控设备采购项目采购结果 "
        "采购公告后20日加9个工作日内公开，最迟2026年6月10日：按期 "
        "采购合同 未公开 — 采购结果后30日加2个工作日内公开，最迟2026年7月6日：逾期 "
        "以上情况截至2026年7月7日。工作日按国务院办公厅公布的节假日安排计算。"
    )
    assert {"../../yx/", "../../gg/", "../../jg/"} <= set(hrefs(page))
    assert not [h for h in hrefs(page) if "ht" in h.split("/")]  # withheld contract not linked
    listing = article_text(project.site / "zfcg" / "index.html")
    assert "按项目查看： JLJY-CG-2026-003" in listing
    assert "2026年6月2日 采购结果·JLJY-CG-2026-003" in listing
