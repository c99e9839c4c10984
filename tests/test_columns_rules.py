"""GK504–GK540: mixed-up content, empty and stale columns, 预决算 completeness, procurement chains,
意见征集 and 回应关切 — each deadline crossed by moving `today`."""

from __future__ import annotations

import datetime as dt
from itertools import count
from pathlib import Path

import pytest
from pagetext import article_text
from sitekit import GONGKAI_YML, REPO, Project, new_project

from gongkai.config.context import Context
from gongkai.config.settings import load_config
from gongkai.dates import deadlines
from gongkai.engine import build_site

REVIEW = {"reviewer": "李某", "date": "2020-01-01", "result": "同意公开"}
serial = count(100)


def add(project: Project, src_uri: str, body: str = "正文。\n", /, **fields: object) -> Path:
    fields.setdefault("index_no", f"013544XXX/2026-{next(serial):05d}")
    fields.setdefault("review", REVIEW)
    return project.doc(src_uri, body, **fields)


def found(project: Project, rule: str, today: str) -> list[str]:
    ctx = Context(load_config(project.root), dt.date.fromisoformat(today))
    return [f.text() for f in build_site(ctx).findings if f.rule == rule]


# GK504 内容混杂：同一文件在两个栏目


def test_same_doc_no_in_two_columns_is_mixed_content(project: Project) -> None:
    add(
        project,
        "gfxwj/a.md",
        type="规范性文件",
        doc_no="吉狱发〔2022〕3号",
        validity={"effective": "2022-03-01"},
    )
    add(project, "ywgk/b.md", type="工作动态", doc_no="吉狱发〔2022〕3号")
    assert found(project, "GK504", "2026-11-26") == [
        "content/ywgk/b.md:12:1: GK504 error 发文字号 吉狱发〔2022〕3号 的文件已在“规范性文件”栏目发布"
        "（content/gfxwj/a.md），又出现在“狱务公开”栏目（内容混杂）：请删除本篇，需要时链接到 "
        "content/gfxwj/a.md"
    ]


def test_duplicate_within_one_column_is_not_mixed_content(project: Project) -> None:
    add(project, "ywgk/a.md", type="工作动态", doc_no="吉狱发〔2022〕3号")
    add(project, "ywgk/b.md", type="工作动态", doc_no="吉狱发〔2022〕3号")
    assert found(project, "GK504", "2026-11-26") == []


# GK505 空白栏目


def test_column_with_only_withheld_documents_is_empty(tmp_path: Path) -> None:
    project = new_project(tmp_path, GONGKAI_YML.split("# A tiny")[0])
    add(project, "tjxx/a.md", type="统计信息", disclosure="依申请公开")
    assert (
        "content/tjxx/:1:1: GK505 error “统计信息”栏目没有可公开的信息（空白栏目）：请在 content/tjxx/ "
        "发布至少一篇 type 为统计信息之一、已审查同意公开的文档"
    ) in found(project, "GK505", "2026-11-26")
    add(project, "tjxx/b.md", type="统计信息")
    assert not [t for t in found(project, "GK505", "2026-11-26") if "tjxx" in t]


# GK506 栏目未按时更新


def test_news_column_goes_stale_after_fourteen_days(project: Project) -> None:
    add(project, "ywgk/a.md", type="工作动态", published="2026-11-12")
    assert found(project, "GK506", "2026-11-26") == []
    assert found(project, "GK506", "2026-11-27") == [
        "content/ywgk/:1:1: GK506 warning “狱务公开”栏目已15天未更新（最近一次发布于2026年11月12日），"
        "超过动态类栏目14天的更新要求：请发布新的信息"
    ]


def test_a_withheld_newer_item_does_not_count_as_an_update(project: Project) -> None:
    add(
        project,
        "gfxwj/a.md",
        type="规范性文件",
        published="2026-01-01",
        validity={"effective": "2026-01-01"},
    )
    add(
        project,
        "gfxwj/b.md",
        type="规范性文件",
        published="2026-11-01",
        disclosure="不予公开",
        validity={"effective": "2026-11-01"},
    )
    assert found(project, "GK506", "2026-07-02") == []  # 182 days
    assert found(project, "GK506", "2026-07-04") == [
        "content/gfxwj/:1:1: GK506 warning “规范性文件”栏目已184天未更新（最近一次发布于2026年1月1日），"
        "超过通知公告和政策文件类栏目183天的更新要求：请发布新的信息"
    ]


# GK507 财政预决算


def budget(project: Project, unit: str, year: int, kind: str, **fields: object) -> None:
    add(
        project,
        f"czyjs/{unit}-{year}-{kind}.md",
        type="财政预决算",
        unit=unit,
        year=year,
        kind=kind,
        slug=f"u{next(serial)}",
        **fields,
    )


def test_missing_budget_of_a_unit_warns_from_the_day_after_its_due_date(project: Project) -> None:
    budget(project, "局本级", 2025, "预算", published="2025-02-14")
    assert found(project, "GK507", "2025-03-31") == []
    assert found(project, "GK507", "2025-04-01") == [
        "content/czyjs/:1:1: GK507 warning 长春监狱2025年预算应于2025年3月31日前公开，至今未发布："
        "请在 content/czyjs/ 发布 unit: 长春监狱、year: 2025、kind: 预算 的文档"
    ]


def test_final_accounts_are_due_in_the_following_year(project: Project) -> None:
    budget(project, "局本级", 2025, "预算", published="2025-02-14")
    budget(project, "长春监狱", 2025, "预算", published="2025-02-14")
    budget(project, "局本级", 2026, "预算", published="2026-02-10")
    budget(project, "长春监狱", 2026, "预算", published="2026-02-10")
    assert found(project, "GK507", "2026-09-30") == []
    assert [t.split(" warning ")[1][:14] for t in found(project, "GK507", "2026-10-01")] == [
        "局本级2025年决算应于20",
        "长春监狱2025年决算应于2",
    ]


# GK510–GK512 政府采购与招投标


def purchase(project: Project, name: str, stage: str, published: str, **fields: object) -> None:
    add(
        project,
        f"zfcg/{name}.md",
        type="政府采购",
        project="CG-1",
        stage=stage,
        published=published,
        **fields,
    )


def test_result_published_before_the_notice_is_an_order_error(project: Project) -> None:
    purchase(project, "gg", "采购公告", "2026-05-08")
    purchase(project, "jg", "采购结果", "2026-05-01")
    assert found(project, "GK510", "2026-05-20") == [
        "content/zfcg/jg.md:13:1: GK510 error 项目 CG-1 的“采购结果”发布于2026年5月1日，"
        "早于前一阶段“采购公告”（content/zfcg/gg.md，2026年5月8日）：请核对两篇文件的 stage 和 published"
    ]


def test_contract_missing_after_its_deadline_is_a_warning(project: Project) -> None:
    purchase(project, "yx", "采购意向", "2026-03-27")
    purchase(project, "gg", "采购公告", "2026-05-08")
    purchase(project, "jg", "采购结果", "2026-06-02")
    assert found(project, "GK511", "2026-07-06") == []
    assert found(project, "GK511", "2026-07-07") == [
        "content/zfcg/:1:1: GK511 warning 项目 CG-1 的“采购合同”应于2026年7月6日前公开"
        "（采购结果后30日加2个工作日内公开，政府采购法第四十六条（中标通知书发出之日起30日内签订合同）、"
        "政府采购法实施条例第五十条（签订之日起2个工作日内公告）），至今未发布：请在 content/zfcg/ 发布 "
        "project: CG-1、stage: 采购合同 的文件"
    ]


def test_a_later_stage_without_the_earlier_one_reports_the_gap(project: Project) -> None:
    purchase(project, "gg", "采购公告", "2026-05-08")
    purchase(project, "jg", "采购结果", "2026-06-02")
    assert found(project, "GK511", "2026-06-03") == [
        "content/zfcg/:1:1: GK511 warning 项目 CG-1 已公开后续阶段，但缺少“采购意向”：请在 content/zfcg/ "
        "补发 project: CG-1、stage: 采购意向 的文件"
    ]


@pytest.mark.parametrize(("published", "late"), [("2026-10-10", False), ("2026-10-12", True)])
def test_contract_deadline_counts_the_adjusted_working_saturday(
    project: Project, published: str, late: bool
) -> None:
    purchase(project, "yx", "采购意向", "2026-08-01")
    purchase(project, "gg", "采购公告", "2026-09-01")
    purchase(project, "jg", "采购结果", "2026-09-30")
    purchase(project, "ht", "采购合同", published, signed="2026-10-08")
    expected = [
        "content/zfcg/ht.md:6:1: GK512 warning 项目 CG-1 的“采购合同”发布于2026年10月12日，最迟应为"
        "2026年10月10日（合同签订后2个工作日内公开，政府采购法实施条例第五十条：合同自签订之日起"
        "2个工作日内公告）：今后请按期公开；如日期写错，请改正 published"
    ]
    assert found(project, "GK512", "2026-11-26") == (expected if late else [])


def test_intention_published_less_than_thirty_days_before_the_notice_is_late(
    project: Project,
) -> None:
    purchase(project, "yx", "采购意向", "2026-04-20")
    purchase(project, "gg", "采购公告", "2026-05-08")
    assert found(project, "GK512", "2026-05-09") == [
        "content/zfcg/yx.md:6:1: GK512 warning 项目 CG-1 的“采购意向”发布于2026年4月20日，应早于"
        "2026年5月8日的采购公告至少30日（应早于采购公告至少30日公开，财库〔2020〕10号：采购意向原则上"
        "不得晚于采购活动开始前30日公开）：今后请按期公开；如日期写错，请改正 published"
    ]


def test_a_deadline_in_an_unknown_year_warns_instead_of_guessing(project: Project) -> None:
    purchase(project, "yx", "采购意向", "2026-10-20")
    purchase(project, "gg", "采购公告", "2026-11-25")
    purchase(project, "jg", "采购结果", "2026-12-20")
    purchase(
        project,
        "ht",
        "采购合同",
        "2027-01-05",
        signed="2026-12-30",
        review={**REVIEW, "date": "2027-01-05"},
    )
    assert found(project, "GK512", "2027-01-10") == []
    assert found(project, "GK540", "2027-01-10") == [
        "content/zfcg/:1:1: GK540 warning 项目 CG-1 的“采购合同”期限（合同签订后2个工作日内公开）"
        "无法确定2027年的工作日：chinesecalendar 1.11.0 只有2004—2026年的法定节假日安排，"
        "请在国务院办公厅公布新一年的安排后升级（requirements.txt 中的 chinesecalendar），本项期限暂不检查"
    ]


def test_tender_candidates_are_due_after_the_bidding_period(project: Project) -> None:
    add(
        project,
        "ztb/gg.md",
        type="招投标",
        project="ZB-1",
        stage="招标公告",
        published="2026-11-16",
    )
    # 11-16 + 20日 = 12-06（星期日），再加3个工作日 = 12-09
    assert found(project, "GK511", "2026-12-09") == []
    assert len(found(project, "GK511", "2026-12-10")) == 1


# GK520–GK525 意见征集


def solicit(project: Project, **fields: object) -> None:
    fields.setdefault("opens", "2026-04-10")
    fields.setdefault("closes", "2026-05-10")
    add(
        project,
        "yjzj/zqyj.md",
        type="意见征集",
        published="2026-04-10",
        index_no="013544XXX/2026-00015",
        **fields,
    )


ADOPTION_BODY = "共收到意见7条，采纳5条，未采纳2条。\n\n## 未采纳的意见及理由\n\n（一）……\n"


def adoption(project: Project, body: str = ADOPTION_BODY, **fields: object) -> None:
    fields.setdefault("solicitation", "013544XXX/2026-00015")
    add(
        project,
        "yjzj/cnqk.md",
        body,
        type="采纳情况",
        published="2026-06-05",
        adopted=5,
        not_adopted=2,
        **fields,
    )


def test_solicitation_without_dates_names_the_missing_field(project: Project) -> None:
    solicit(project, opens=None, closes=None)
    assert found(project, "GK520", "2026-11-26") == [
        "content/yjzj/zqyj.md:1:1: GK520 error 信息类别“意见征集”的文档必须写 opens：请补上“opens: …”",
        "content/yjzj/zqyj.md:1:1: GK520 error 信息类别“意见征集”的文档必须写 closes：请补上“closes: …”",
    ]


def test_closing_before_opening_is_an_error(project: Project) -> None:
    solicit(project, opens="2026-05-10", closes="2026-04-10")
    assert found(project, "GK521", "2026-11-26") == [
        "content/yjzj/zqyj.md:13:1: GK521 error 征集截止日期2026年4月10日早于开始日期2026年5月10日："
        "请核对 opens 和 closes"
    ]


@pytest.mark.parametrize(("closes", "short"), [("2026-05-10", False), ("2026-05-09", True)])
def test_a_period_under_thirty_days_is_too_short(
    project: Project, closes: str, short: bool
) -> None:
    solicit(project, closes=closes)
    expected = [
        "content/yjzj/zqyj.md:12:1: GK522 warning 征集期限只有29日（2026年4月10日至2026年5月9日），"
        "一般不少于30日：请把 closes 改为2026年5月10日或更晚，确需缩短的在正文中说明理由"
    ]
    assert found(project, "GK522", "2026-11-26") == (expected if short else [])


def test_no_adoption_report_thirty_days_after_closing_is_a_warning(project: Project) -> None:
    solicit(project)
    assert found(project, "GK523", "2026-06-09") == []
    assert found(project, "GK523", "2026-06-10") == [
        "content/yjzj/zqyj.md:13:1: GK523 warning 征集已于2026年5月10日截止，超过30日仍未公布采纳情况"
        "（应于2026年6月9日前）：请发布 type: 采纳情况、solicitation: 013544XXX/2026-00015 "
        "的文档，写明采纳条数和未采纳的理由"
    ]
    adoption(project)
    assert found(project, "GK523", "2026-06-10") == []


def test_adoption_report_must_give_counts_and_reasons(project: Project) -> None:
    solicit(project)
    adoption(project, body="感谢社会各界的宝贵意见。\n")
    assert found(project, "GK524", "2026-11-26") == [
        "content/yjzj/cnqk.md:16:1: GK524 error 正文没有写明采纳的条数：请写“采纳5条”（与 adopted: 5 一致）",
        "content/yjzj/cnqk.md:16:1: GK524 error 正文没有写明未采纳的条数：请写“未采纳2条”"
        "（与 not_adopted: 2 一致）",
        "content/yjzj/cnqk.md:16:1: GK524 error 有2条意见未采纳，正文没有说明理由："
        "请增加“未采纳的意见及理由”一节，逐条说明",
    ]


def test_complete_adoption_report_passes(project: Project) -> None:
    solicit(project)
    adoption(project)
    assert found(project, "GK524", "2026-11-26") == []
    assert found(project, "GK525", "2026-11-26") == []


def test_adoption_report_pointing_at_no_solicitation_is_an_error(project: Project) -> None:
    adoption(project, solicitation="013544XXX/2026-00099")
    assert found(project, "GK525", "2026-11-26") == [
        "content/yjzj/cnqk.md:14:1: GK525 error solicitation 指向的索引号 013544XXX/2026-00099 不存在，"
        "不是意见征集：请写所反馈的征集公告的索引号"
    ]


# GK530–GK531 回应关切


def concern(project: Project, published: str = "2026-08-27", **fields: object) -> None:
    add(project, "hygq/ly.md", type="回应关切", published=published, **fields)


def test_message_unanswered_for_three_months_is_a_warning(project: Project) -> None:
    concern(project, received="2026-08-26")
    assert found(project, "GK530", "2026-11-26") == []
    assert found(project, "GK530", "2026-11-27") == [
        "content/hygq/ly.md:12:1: GK530 warning 留言于2026年8月26日收到，超过3个月（2026年11月26日）"
        "仍未答复（单项否决）：请立即答复，并写上 replied: 答复日期"
    ]


def test_answered_message_is_never_overdue(project: Project) -> None:
    concern(project, received="2026-08-26", replied="2026-12-01")
    assert found(project, "GK530", "2027-06-01") == []


def test_reply_before_message_is_an_error(project: Project) -> None:
    concern(project, received="2026-09-17", replied="2026-09-14")
    assert found(project, "GK531", "2026-11-26") == [
        "content/hygq/ly.md:13:1: GK531 error 答复日期2026年9月14日早于留言日期2026年9月17日："
        "请核对 received 和 replied"
    ]


# Listings: 征集状态 and 答复用时, in a real build


def test_listing_shows_solicitation_status_and_reply_time(project: Project) -> None:
    solicit(project)
    adoption(project)
    add(
        project,
        "yjzj/open.md",
        type="意见征集",
        published="2026-11-20",
        opens="2026-11-20",
        closes="2026-12-20",
        title="关于征求甲办法意见的公告",
    )
    add(
        project,
        "yjzj/closed.md",
        type="意见征集",
        published="2026-10-01",
        opens="2026-10-01",
        closes="2026-11-01",
        title="关于征求乙办法意见的公告",
    )
    concern(project, received="2026-09-14", replied="2026-09-17", published="2026-09-18")
    result = project.build(today="2026-11-26")
    assert result.returncode == 0, result.stderr
    yjzj = article_text(project.site / "yjzj" / "index.html")
    assert "征集中（2026年11月20日—2026年12月20日）" in yjzj
    assert "已结束（2026年10月1日—2026年11月1日）" in yjzj
    assert "已反馈（2026年4月10日—2026年5月10日）" in yjzj
    hygq = article_text(project.site / "hygq" / "index.html")
    assert "留言日期 答复日期 答复用时" in hygq
    assert "2026年9月14日 2026年9月17日 3天" in hygq


def test_a_withheld_adoption_report_is_not_linked_from_its_solicitation(project: Project) -> None:
    solicit(project)
    adoption(project, body=ADOPTION_BODY + "\n联系人身份证号220102199003071235。\n")  # GK211
    result = project.build(today="2026-11-26")
    assert result.returncode == 0, result.stderr
    assert not (project.site / "yjzj" / "cnqk").exists()
    page = article_text(project.site / "yjzj" / "zqyj" / "index.html")
    assert "征集已于2026年5月10日结束，意见采纳情况将在本栏目公布。" in page
    assert "已结束（2026年4月10日—2026年5月10日）" in article_text(
        project.site / "yjzj" / "index.html"
    )


# The data: columns.yml and deadlines.yml agree


def test_every_update_rule_and_stage_deadline_is_declared_in_the_data() -> None:
    config = load_config(REPO)
    table = deadlines.load()
    classes = {f.days for f in table.freshness}
    assert {c.update_days for c in config.columns if c.update_days} <= classes
    for type_, chain in table.chains.items():
        column = next(c for c in config.columns if type_ in c.types)
        assert column.fields["stage"] == chain.order
        for rule in chain.deadlines:
            assert {rule.stage, rule.after or rule.stage, rule.before or rule.stage} <= set(
                chain.order
            )
            assert rule.source


def test_the_example_content_is_complete_and_current_on_the_default_build_day() -> None:
    ctx = Context(load_config(REPO), dt.date.fromisoformat("2026-11-26"))
    going_live = {"GK541", "GK542"}  # the example content is examples, and says so
    found = [f.text() for f in build_site(ctx).findings if f.rule.startswith("GK5")]
    assert [f for f in found if f.split(" ")[1] not in going_live] == []
