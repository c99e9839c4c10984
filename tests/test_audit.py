"""`python -m gongkai report audit`: the single-veto scorecard, judged on the build day."""

from __future__ import annotations

import json

from sitekit import Project, run

REVIEW = {"reviewer": "李某", "date": "2026-01-01", "result": "同意公开"}


def audit(project: Project, *args: str, today: str) -> tuple[int, str, str]:
    result = run(["-m", "gongkai", "report", "audit", *args], project.root, today)
    return result.returncode, result.stdout, result.stderr


def unanswered(project: Project) -> None:
    project.doc(
        "hygq/ly.md",
        type="回应关切",
        index_no="013544XXX/2026-00001",
        published="2026-08-27",
        review=REVIEW,
        received="2026-08-26",
    )


def test_message_unanswered_past_three_months_vetoes_the_audit(project: Project) -> None:
    unanswered(project)
    code, out, _ = audit(project, today="2026-11-27")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "网站自查（国办秘函〔2019〕19号 单项否决指标），检查日 2026-11-27：单项否决"
    assert "[单项否决] 互动回应：1 项（网民留言超过3个月未答复即单项否决）" in lines
    assert (
        "    content/hygq/ly.md:12:1: GK530 warning 留言于2026年8月26日收到，超过3个月（2026年11月26日）"
        "仍未答复（单项否决）：请立即答复，并写上 replied: 答复日期"
    ) in lines


def test_the_day_before_the_deadline_the_message_item_passes(project: Project) -> None:
    unanswered(project)
    code, out, _ = audit(project, "--format", "json", today="2026-11-26")
    card = json.loads(out)
    item = next(x for x in card["lines"] if x["name"] == "互动回应")
    assert item == {
        "name": "互动回应",
        "criterion": "网民留言超过3个月未答复即单项否决",
        "count": 0,
        "result": "通过",
        "findings": [],
    }
    # The tiny project leaves most columns empty: that alone vetoes (5 or more blank columns).
    blank = next(x for x in card["lines"] if x["name"] == "空白栏目")
    assert (blank["count"] >= 5, blank["result"], card["result"], code) == (
        True,
        "单项否决",
        "单项否决",
        1,
    )


def test_markdown_scorecard_is_a_table(project: Project) -> None:
    unanswered(project)
    _, out, _ = audit(project, "--format", "markdown", today="2026-11-26")
    assert out.startswith("# 网站自查记分卡\n\n检查日 2026-11-26，结论：**单项否决**")
    assert "| 互动回应 | 网民留言超过3个月未答复即单项否决 | 0 | 通过 |" in out.splitlines()


def test_a_built_site_adds_the_link_gate_findings(project: Project) -> None:
    unanswered(project)
    assert project.build(today="2026-11-26").returncode == 0
    page = project.site / "hygq" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</article>", '<a href="../nowhere/">x</a></article>'
        ),
        encoding="utf-8",
    )
    _, without, _ = audit(project, today="2026-11-26")
    _, with_site, _ = audit(project, "--site", "site", today="2026-11-26")
    assert "[通过] 链接可用性：0 项（出现不可用链接（死链、错链）的扣分；目标为零）" in without
    assert "[扣分] 链接可用性：1 项（出现不可用链接（死链、错链）的扣分；目标为零）" in with_site
    assert "site/hygq/index.html" in with_site


def test_site_that_was_not_built_cannot_be_audited(project: Project) -> None:
    code, out, err = audit(project, "--site", "nosite", today="2026-11-26")
    assert (code, out) == (2, "")
    assert err == "gongkai: nosite: 不是已构建的网站（没有 index.html）：请先运行 mkdocs build\n"
