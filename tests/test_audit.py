"""`python -m gongkai report audit`: the 19号 scorecard on the site that is actually published.

The example content is built with real MkDocs once per scenario day (today, +15, +200, +400
days) and the scorecard read as an inspector would; a tiny project shows that a typo, a leaked
ID number and a dead link each flip exactly their item.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sitekit import REPO, TODAY, Project, new_project, run

ID = "11010519491231002X"  # a valid 身份证号 (MOD 11-2, real birth date)
DAYS = {"today": "2026-12-02", "+15": "2026-12-17", "+200": "2027-06-20", "+400": "2028-01-06"}


def audit(root: Path, *args: str, today: str) -> tuple[int, str, str]:
    result = run(["-m", "gongkai", "report", "audit", *args], root, today)
    return result.returncode, result.stdout, result.stderr


def verdicts(card: dict[str, Any]) -> dict[str, tuple[str, int]]:
    return {x["id"]: (x["verdict"], x["count"]) for x in card["lines"] if x["kind"] != "manual"}


def line(card: dict[str, Any], item: str) -> dict[str, Any]:
    return next(x for x in card["lines"] if x["id"] == item)


def counted(card: dict[str, Any], item: str) -> list[tuple[str, str]]:
    return [(r["where"], r["what"]) for r in line(card, item)["rows"] if r["counted"]]


Example = Callable[[str], tuple[Path, dict[str, Any]]]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    """Scenario name → (built site, scorecard as JSON) of the example content, built once."""
    built: dict[str, tuple[Path, dict[str, Any]]] = {}

    def get(name: str) -> tuple[Path, dict[str, Any]]:
        if name not in built:
            day = DAYS[name]
            site = tmp_path_factory.mktemp(f"audit{day}") / "site"
            result = run(["-m", "mkdocs", "build", "--strict", "-d", str(site)], REPO, day)
            assert result.returncode == 0, result.stderr
            code, out, err = audit(REPO, "--site", str(site), "--format", "json", today=day)
            assert (code, err) == (0, "")
            built[name] = site, json.loads(out)
        return built[name]

    return get


NOT_READY = {"R1": ("不通过", 46), "R2": ("不通过", 8), "R3": ("不通过", 1), "R4": ("通过", 0)}
FRESH = {f"V{n}": ("通过", 0) for n in range(1, 10)}
EXPECTED = {
    "today": {**FRESH, "D1": ("通过", 0), "D2": ("通过", 0), **NOT_READY},
    "+15": {
        **FRESH,
        "V1": ("不通过", 1),  # the home page's newest item is 27 days old
        "V2": ("通过", 1),  # 狱务公开 (动态类) is stale: one column, 5 veto
        "D1": ("通过", 0),
        "D2": ("扣 1 分", 1),  # a tender's 中标候选人公示 is due
        **NOT_READY,
    },
    "+200": {
        **FRESH,
        "V1": ("不通过", 1),
        "V2": ("不通过", 6),
        "V3": ("通过", 4),
        "D1": ("通过", 0),
        "D2": ("扣 8 分", 8),
        **NOT_READY,
    },
    "+400": {
        **FRESH,
        "V1": ("不通过", 1),
        "V2": ("不通过", 6),
        "V3": ("通过", 6),
        "D1": ("通过", 0),
        "D2": ("扣 10 分", 14),  # 14 found, the item's 10 points at most
        **NOT_READY,
    },
}


@pytest.mark.parametrize("name", list(DAYS))
def test_example_content_gets_the_expected_verdict_per_item_on_each_day(
    example: Example, name: str
) -> None:
    _, card = example(name)
    assert verdicts(card) == EXPECTED[name]
    vetoed = [k for k, (v, _) in EXPECTED[name].items() if k.startswith("V") and v == "不通过"]
    assert card["total"]["vetoed"] == vetoed
    assert card["total"]["result"] == (
        "不合格（单项否决）" if vetoed else "可测项目未发现不合格情形（需人工检查的项目另行判断）"
    )
    assert card["total"]["not_ready"] == ["R1", "R2", "R3"]
    assert card["total"]["unscored"] == ["M8", "M9"]
    assert card["total"]["manual"] == [f"M{n}" for n in range(1, 10)]


def test_every_column_line_shows_its_last_update_and_threshold(example: Example) -> None:
    _, card = example("+15")
    assert counted(card, "V2") == [
        ("content/ywgk/", "“狱务公开”（动态类，14天）最近更新2026年11月20日（27天前）：超期未更新")
    ]
    rows = [(r["where"], r["what"]) for r in line(card, "V2")["rows"]]
    assert (
        "content/gfxwj/",
        "“规范性文件”（通知公告和政策文件类，183天）最近更新2026年7月10日（160天前）：按时更新",
    ) in rows
    assert len(rows) == 6  # every 动态 and 通知公告/政策文件 class column, stale or not
    # counted once: the stale 动态 column is not counted again under V3
    assert all("狱务公开" not in r["what"] for r in line(card, "V3")["rows"])


@pytest.mark.parametrize("name", ["today", "+15"])
def test_home_page_freshness_is_read_from_the_built_home_page(example: Example, name: str) -> None:
    site, card = example(name)
    age, verdict = {"today": (12, "在14天内"), "+15": (27, "超过14天未更新")}[name]
    assert line(card, "V1")["rows"] == [
        {
            "where": f"{site}/index.html",
            "what": f"首页最新信息发布于2026年11月20日（{age}天前），要求14天内有更新：{verdict}",
            "counted": name == "+15",
            "points": 0.0,
        }
    ]


def test_readiness_items_name_the_placeholders_and_the_fix(example: Example) -> None:
    _, card = example("today")
    assert counted(card, "R2")[:3] == [
        ("gongkai.yml:5", "org_code“013544XXX”是示例代码"),
        ("gongkai.yml:21", "site.address“吉林省长春市（示例地址）”是示例值"),
        ("gongkai.yml:23", "site.phone“0431-00000000（示例）”是示例值"),
    ]
    assert ("gongkai.yml:25", "site.icp“吉ICP备00000000号（示例）”是示例值") in counted(card, "R2")
    assert counted(card, "R2")[-1][1].startswith(
        "已发布文档中47篇的索引号前段是示例代码 013544XXX："
    )
    assert counted(card, "R3") == [
        ("gongkai.yml:45", "contact.mailbox“xxgk@example.gov.cn”是示例地址")
    ]
    assert line(card, "R3")["fix"].startswith("在 gongkai.yml 的 contact 下写本局留言系统的网址")
    assert line(card, "V5")["verdict"] == "通过"  # a channel is on the page; R3 says it is fake


def test_text_and_strict_exit_code_on_the_example(example: Example) -> None:
    site, _ = example("today")
    code, out, _ = audit(REPO, "--site", str(site), today=DAYS["today"])
    strict, _, _ = audit(REPO, "--site", str(site), "--strict", today=DAYS["today"])
    assert (code, strict) == (0, 1)  # a report for CI; --strict for a go-live gate
    lines = out.splitlines()
    assert lines[:3] == [
        "网站自查记分卡（国办秘函〔2019〕19号）",
        f"检查日 2026-12-02，网站 {site}，依据国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》政府网站检查指标",
        "结论：可测项目未发现不合格情形（需人工检查的项目另行判断）",
    ]
    assert (
        "[通过] V2 栏目不更新：动态、通知公告、政策文件类栏目未更新：0 项（5 项即不通过）" in lines
    )
    assert "[需人工检查] M1 站点无法访问" in lines
    assert "[不通过] R3 上线准备：互动渠道：1 项" in lines
    assert "    ✗ gongkai.yml:45：contact.mailbox“xxgk@example.gov.cn”是示例地址" in lines


# -- the tiny project: one change flips exactly one item -----------------------------------


def tiny(root: Path, body: str = "正文。\n") -> Project:
    project = new_project(root)
    project.doc("ghjh/a.md", f"{body}\n附件：[名单](mingdan.csv)\n", published="2026-11-20")
    project.write("ghjh/mingdan.csv", "姓名,单位\n张某,局本级\n")
    assert project.build().returncode == 0
    return project


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return tiny(tmp_path_factory.mktemp("base"))


def card_of(project: Project, site: Path) -> dict[str, Any]:
    code, out, err = audit(project.root, "--site", str(site), "--format", "json", today=TODAY)
    assert (code, err) == (0, "")
    return json.loads(out)


@pytest.fixture(scope="module")
def base_card(base: Project) -> dict[str, Any]:
    return card_of(base, base.site)


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    a, b = verdicts(before), verdicts(after)
    return {k: (a[k], b[k]) for k in a if a[k] != b[k]}


def test_a_real_typo_in_a_published_document_flips_only_serious_wording(
    base_card: dict[str, Any], tmp_path: Path
) -> None:
    project = tiny(tmp_path, "既使如此，仍按计划执行。\n")
    card = card_of(project, project.site)
    assert changed(base_card, card) == {"V7": (("通过", 0), ("不通过", 1))}
    [(where, what)] = counted(card, "V7")
    assert where.startswith("content/ghjh/a.md:")
    assert "既使" in what and "即使" in what


def test_a_leaked_id_number_in_a_published_attachment_flips_only_personal_data(
    base: Project, base_card: dict[str, Any], tmp_path: Path
) -> None:
    site = Path(shutil.copytree(base.site, tmp_path / "site"))
    (site / "ghjh" / "mingdan.csv").write_text(f"姓名,身份证号\n张某,{ID}\n", "utf-8")
    card = card_of(base, site)
    assert changed(base_card, card) == {"V9": (("通过", 0), ("不通过", 1))}
    assert counted(card, "V9") == [
        (f"{site}/ghjh/mingdan.csv", "（第2行第2列）有身份证号码“110105********002X”")
    ]


def test_a_dead_link_on_the_built_site_flips_only_link_availability(
    base: Project, base_card: dict[str, Any], tmp_path: Path
) -> None:
    site = Path(shutil.copytree(base.site, tmp_path / "site"))
    page = site / "ghjh" / "a" / "index.html"
    page.write_text(
        page.read_text("utf-8").replace("</article>", '<a href="../nowhere/">x</a></article>'),
        "utf-8",
    )
    card = card_of(base, site)
    assert changed(base_card, card) == {"D1": (("通过", 0), ("扣 0.1 分", 1))}
    assert card["total"]["score"] == 99.9
    [(where, what)] = counted(card, "D1")
    assert where.startswith(f"{site}/ghjh/a/index.html:")
    assert what.startswith("GK402 ")


def test_a_dead_link_on_the_home_page_loses_the_home_page_points(
    base: Project, tmp_path: Path
) -> None:
    site = Path(shutil.copytree(base.site, tmp_path / "site"))
    page = site / "index.html"
    page.write_text(
        page.read_text("utf-8").replace("</article>", '<a href="nowhere/">x</a></article>'),
        "utf-8",
    )
    card = card_of(base, site)
    assert line(card, "D1")["verdict"] == "扣 1 分"
    [(where, _)] = counted(card, "D1")
    assert where.startswith(f"{site}/index.html:") and where.endswith("（首页）")


def test_withheld_documents_are_not_counted(base: Project, tmp_path: Path) -> None:
    project = tiny(tmp_path)
    project.doc(
        "ghjh/b.md",
        "既使有身份证号 " + ID + "。\n",
        title="关于内部某某事项的安排意见",
        index_no="013544XXX/2021-00002",
        disclosure="不予公开",
    )
    assert project.build().returncode == 0
    card = card_of(project, project.site)
    assert (line(card, "V7")["verdict"], line(card, "V8")["verdict"]) == ("通过", "通过")
    assert line(card, "V9")["verdict"] == "通过"
    assert {
        "where": "content/ghjh/",
        "what": "“规划计划”已发布1篇",
        "counted": False,
        "points": 0.0,
    } in (line(card, "V4")["rows"])


def test_without_a_site_the_site_items_are_left_unchecked(base: Project) -> None:
    code, out, _ = audit(base.root, "--format", "json", today=TODAY)
    card = json.loads(out)
    assert code == 0
    assert (line(card, "V8")["verdict"], line(card, "V8")["note"]) == (
        "未检查",
        "需要构建好的网站：加上 --site site/",
    )
    assert line(card, "V1")["note"] == "未指定 --site：按已发布文档中最新的发布日期"
    assert "V8" in card["total"]["manual"]


def test_markdown_and_html_reports_are_written_outside_the_site(base: Project) -> None:
    code, out, err = audit(
        base.root,
        "--site",
        "site",
        "--format",
        "markdown",
        "--html",
        "reports/audit.html",
        today=TODAY,
    )
    assert (code, err) == (0, "")
    assert out.startswith(
        "# 网站自查记分卡（国办秘函〔2019〕19号）\n\n- 检查日 2026-11-26，网站 site，"
    )
    assert "| V1 | 首页不更新 | **通过** | 0 | 首页最新信息距检查日不超过14天 |" in out.splitlines()
    page = (base.root / "reports" / "audit.html").read_text(encoding="utf-8")
    assert page.startswith('<!doctype html>\n<html lang="zh-CN">')
    assert (
        '<section id="M1"><h3>M1 站点无法访问：<span class="manual">需人工检查</span></h3>' in page
    )
    assert not [p for p in base.site.rglob("*") if "audit" in p.name]


@pytest.mark.parametrize(
    ("option", "target"),
    [("--html", "site/audit.html"), ("--html", "content/audit.html"), ("--output", "site/a.md")],
)
def test_the_report_is_never_written_into_the_public_site(
    base: Project, option: str, target: str
) -> None:
    code, out, err = audit(base.root, "--site", "site", option, target, today=TODAY)
    folder = target.split("/")[0]
    assert (code, out) == (2, "")
    assert err == (
        f"gongkai: {target}: 在 {folder}/ 里，会随网站发布：自查报告只能写在网站之外，如 reports/audit.html\n"
    )
    assert not (base.root / target).exists()


def test_site_that_was_not_built_cannot_be_audited(project: Project) -> None:
    code, out, err = audit(project.root, "--site", "nosite", today=TODAY)
    assert (code, out) == (2, "")
    assert err == "gongkai: nosite: 不是已构建的网站（没有 index.html）：请先运行 mkdocs build\n"


def test_a_message_unanswered_past_three_months_vetoes_from_the_next_day(project: Project) -> None:
    project.doc(
        "hygq/ly.md",
        type="回应关切",
        index_no="013544XXX/2026-00001",
        published="2026-08-27",
        received="2026-08-26",
    )
    _, out, _ = audit(project.root, "--format", "json", today="2026-11-26")
    before = json.loads(out)
    _, out, _ = audit(project.root, "--format", "json", today="2026-11-27")
    after = json.loads(out)
    assert line(before, "V6")["rows"] == [
        {
            "where": "content/hygq/ly.md",
            "what": "留言2026年8月26日，答复：未答复",
            "counted": False,
            "points": 0.0,
        }
    ]
    assert (line(after, "V6")["verdict"], counted(after, "V6")) == (
        "不通过",
        [
            (
                "content/hygq/ly.md:12",
                "留言于2026年8月26日收到，超过3个月（2026年11月26日）仍未答复（单项否决）："
                "请立即答复，并写上 replied: 答复日期",
            )
        ],
    )
    assert after["total"]["vetoed"][-1] == "V6"


def test_no_message_channel_fails_the_channel_and_readiness_items(project: Project) -> None:
    _, out, _ = audit(project.root, "--format", "json", today=TODAY)
    card = json.loads(out)
    assert counted(card, "V5") == [
        ("gongkai.yml", "contact 没有写留言系统网址（message_url）或电子邮箱（mailbox）")
    ]
    assert counted(card, "R3") == [("gongkai.yml:1", "没有写留言系统网址或电子邮箱")]
