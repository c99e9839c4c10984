"""The generated 预决算 overview: units × years × {预算, 决算}, links to published documents only."""

from __future__ import annotations

from pathlib import Path

from pagetext import article_text, hrefs
from sitekit import Project

REVIEW = {"reviewer": "李某", "date": "2025-01-01", "result": "同意公开"}


def budget(
    project: Project, slug: str, n: int, unit: str, year: int, kind: str, **f: object
) -> None:
    project.doc(
        f"czyjs/{slug}.md",
        index_no=f"013544XXX/2025-{n:05d}",
        title=f"{unit}{year}年部门{kind}",
        type="财政预决算",
        published="2025-02-14",
        review=REVIEW,
        unit=unit,
        year=year,
        kind=kind,
        slug=slug,
        **f,
    )


def test_matrix_links_published_documents_and_marks_what_is_missing(project: Project) -> None:
    budget(project, "2025-jbj-ys", 1, "局本级", 2025, "预算")
    budget(project, "2025-ccjy-ys", 2, "长春监狱", 2025, "预算", disclosure="依申请公开")
    budget(project, "2025-jbj-js", 3, "局本级", 2025, "决算")
    result = project.build(today="2026-04-01")
    assert result.returncode == 0, result.stderr
    assert "GK507 warning 长春监狱2025年预算应于2025年3月31日前公开，至今未发布" in result.stderr
    page = project.site / "czyjs" / "matrix" / "index.html"
    assert article_text(page) == (
        "财政预决算公开情况 ¶ 本表列出各单位各年度部门预算、决算的公开情况（截至2026年4月1日）。"
        "点击“已公开”查看全文；全部文件见 财政预决算栏目 。 "
        "单位 2026年预算 2026年决算 2025年预算 2025年决算 "
        "局本级 未公开 （应于2026年3月31日前） 未到期（2027年9月30日前） "
        "已公开 ：局本级2025年预算 已公开 ：局本级2025年决算 "
        "长春监狱 未公开 （应于2026年3月31日前） 未到期（2027年9月30日前） "
        "未公开 （应于2025年3月31日前） 未到期（2026年9月30日前） "
        "公开时限：预算于当年3月31日前；决算于次年9月30日前。"
    )
    links = hrefs(page)
    assert "../2025-jbj-ys/" in links and "../2025-jbj-js/" in links
    assert not [h for h in links if "ccjy" in h]  # the withheld budget is not linked
    listing = project.site / "czyjs" / "index.html"
    assert "各单位各年度公开情况见 财政预决算公开情况表 。" in article_text(listing)
    assert "matrix/" in hrefs(listing)
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert "czyjs/matrix/" not in home  # reached from the column, not from the navigation


def test_final_accounts_become_missing_the_day_after_their_due_date(project: Project) -> None:
    budget(project, "2025-jbj-ys", 1, "局本级", 2025, "预算")
    on_time = project.build(today="2026-09-30")
    late = project.build(today="2026-10-01")
    assert "局本级2025年决算" not in on_time.stderr
    assert (
        "content/czyjs/:1:1: GK507 warning 局本级2025年决算应于2026年9月30日前公开，至今未发布："
        "请在 content/czyjs/ 发布 unit: 局本级、year: 2025、kind: 决算 的文档"
    ) in late.stderr
    page = project.site / "czyjs" / "matrix" / "index.html"
    assert (
        "局本级 未公开 （应于2026年3月31日前） 未到期（2027年9月30日前） "
        "已公开 ：局本级2025年预算 未公开 （应于2026年9月30日前）" in article_text(page)
    )


def test_example_site_publishes_every_due_budget_of_every_unit(example_site: Path) -> None:
    text = article_text(example_site / "czyjs" / "matrix" / "index.html")
    assert "未公开" not in text
    for unit in [
        "局本级",
        "吉林省监狱管理局物资供应中心",
        "吉林监狱",
        "长春监狱",
        "四平监狱",
        "吉林女子监狱",
    ]:
        assert (
            f"{unit} 已公开 ：{unit}2026年预算 未到期（2027年9月30日前） "
            f"已公开 ：{unit}2025年预算 已公开 ：{unit}2025年决算"
        ) in text
