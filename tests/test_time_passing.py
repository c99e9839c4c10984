"""Time passing alone never stops a deploy: what only the build day makes true is a warning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sitekit import REPO, Project, run

VALIDITY_CELL = '<th scope="row">有效性</th><td>{}</td>'


def regulations_ended_by(day: dt.date) -> dict[str, bool]:
    """URL of every example 规范性文件 → whether its term has ended by `day` (from the files)."""
    out = {}
    for path in sorted((REPO / "content" / "gfxwj").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        expires = (meta.get("validity") or {}).get("expires")
        out[f"gfxwj/{meta.get('slug', path.stem)}/index.html"] = bool(expires and expires < day)
    return out


@pytest.mark.parametrize("days", [1, 100, 400, 1500])
def test_example_content_builds_strictly_on_any_later_day(tmp_path: Path, days: int) -> None:
    day = dt.date.today() + dt.timedelta(days=days)
    site = tmp_path / "site"
    result = run(["-m", "mkdocs", "build", "--strict", "-d", str(site)], REPO, day.isoformat())
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    ended = regulations_ended_by(day)
    assert any(ended.values()) and not all(ended.values())  # the example has both kinds
    for page, over in ended.items():
        text = (site / page).read_text(encoding="utf-8")
        assert (VALIDITY_CELL.format("失效") in text) is over, page


def time_sensitive_site(project: Project) -> None:
    """One of each finding the build day alone makes true, written right when it was written."""
    project.doc(
        "hygq/ly.md",
        type="回应关切",
        index_no="013544XXX/2026-00001",
        published="2026-10-02",
        received="2026-10-01",
    )
    project.doc(
        "gfxwj/a.md",
        type="规范性文件",
        index_no="013544XXX/2026-00002",
        published="2026-10-02",
        validity={"effective": "2026-10-02", "expires": "2026-12-31", "status": "有效"},
    )
    project.write(
        "../ledger/2026.yml",
        "year: 2026\nrequests:\n"
        "  - id: 2026-001\n    received: 2026-11-02\n    applicant: 自然人\n"
        "  - id: 2026-002\n    received: 2026-12-21\n    applicant: 自然人\n",
    )


def test_issue_case_unanswered_message_warns_and_deploys(project: Project) -> None:
    time_sensitive_site(project)
    assert project.build(today="2026-11-26").returncode == 0
    result = project.build(today="2027-01-05")
    assert result.returncode == 0, result.stderr
    log = result.stderr.splitlines()
    assert (
        "INFO    -  gongkai: content/hygq/ly.md:12:1: GK530 warning 留言于2026年10月1日收到，"
        "超过3个月（2027年1月1日）仍未答复（单项否决）：请立即答复，并写上 replied: 答复日期"
    ) in log
    assert (
        "INFO    -  gongkai: content/gfxwj/a.md:15:1: GK105 warning 有效性写的是“有效”，"
        "但按日期截至 2027-01-05 应为“失效”：请改为 status: 失效，或删去 status 由系统推算"
    ) in log
    page = (project.site / "gfxwj/a/index.html").read_text(encoding="utf-8")
    assert VALIDITY_CELL.format("失效") in page
    assert any(" ledger/2026.yml:3:1: GK072 warning " in x for x in log)
    # 2027's holidays are not in chinesecalendar yet: said, never guessed, never an error
    assert any(
        x.startswith(
            "INFO    -  gongkai: ledger/2026.yml:6:1: GK075 warning 申请 2026-002：无法确定2027年"
        )
        for x in log
    )


def test_check_far_past_the_holiday_calendar_reports_and_passes(project: Project) -> None:
    time_sensitive_site(project)
    result = project.check(today="2040-01-02")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert " error " not in result.stdout
    rules = {line.split()[1] for line in result.stdout.splitlines()}
    assert {"GK105", "GK506", "GK530", "GK072", "GK075"} <= rules, result.stdout
