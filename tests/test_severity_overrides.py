"""A severity override changes the level shown, never whether a document is published (GK208)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import GONGKAI_YML, TODAY, Project, new_project

from gongkai import engine

ID_NUMBER = "联系人身份证 11010519491231002X\n"
NOTE = (
    "gongkai.yml:{line}:1: GK208 warning severity 把 GK211（身份证号码）改为 info："
    "GK211 发现问题的文档仍然不发布，改级别只改变报告中显示的级别；要发布，请改正文档本身，"
    "并删去这一行"
)
HIT = (
    "content/ghjh/a.md:14:8: GK211 info 正文中有身份证号码“110105********002X”，本文档暂不发布："
    "公开前删去或隐去该号码；确有法定依据公开的，在元数据中写明 pii_basis"
)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)


def _project(tmp_path: Path, severity: str) -> Project:
    project = new_project(tmp_path, GONGKAI_YML + severity)
    project.doc("ghjh/a.md", ID_NUMBER)
    project.doc("ghjh/b.md", "正文。\n", index_no="013544XXX/2021-00002")
    return project


def test_an_id_number_lowered_to_info_is_still_withheld_from_the_build(tmp_path: Path) -> None:
    project = _project(tmp_path, "  GK211: info\n")

    result = project.build("--strict")

    assert result.returncode == 0, result.stderr
    assert NOTE.format(line=11) in result.stderr
    assert HIT in result.stderr
    assert "共 2 篇文档，发布 1 篇，不发布 1 篇" in result.stderr
    assert not (project.site / "ghjh" / "a").exists()
    assert (project.site / "ghjh" / "b" / "index.html").is_file()
    leaked = [
        p
        for p in project.site.rglob("*")
        if p.is_file() and b"11010519491231002X" in p.read_bytes()
    ]
    assert leaked == []


def test_check_reports_the_override_and_still_withholds(tmp_path: Path) -> None:
    project = _project(tmp_path, "  GK211: info\n")

    result = project.check()

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert NOTE.format(line=11) in lines
    assert HIT in lines
    assert result.stderr.endswith("可发布 1 篇，不发布 1 篇：content/ghjh/a.md（身份证号码）\n")


def test_an_inline_override_is_reported_on_the_severity_line(tmp_path: Path) -> None:
    yml = GONGKAI_YML.replace(
        "severity:\n  GK505: warning\n", "severity: {GK505: warning, GK211: info}\n"
    )
    project = new_project(tmp_path, yml)
    project.doc("ghjh/a.md", ID_NUMBER)

    site = engine.build_site(engine.make_context(project.root))

    assert [f.text() for f in site.findings if f.rule == "GK208"] == [NOTE.format(line=9)]
    assert site.published == set()


def test_raising_a_level_withholds_and_is_not_reported(tmp_path: Path) -> None:
    project = new_project(tmp_path, GONGKAI_YML + "  GK303: error\n  GK211: error\n")
    project.doc("ghjh/a.md", "2021 年印发。\n")

    site = engine.build_site(engine.make_context(project.root))

    assert [f.rule for f in site.findings if f.rule in {"GK208", "GK303"}] == ["GK303"]
    assert site.published == set()


def test_lowering_a_rule_that_does_not_withhold_is_not_reported(tmp_path: Path) -> None:
    project = new_project(tmp_path, GONGKAI_YML + "  GK303: info\n")
    project.doc("ghjh/a.md", "2021 年印发。\n")

    site = engine.build_site(engine.make_context(project.root))

    assert [f.rule for f in site.findings if f.rule in {"GK208", "GK303"}] == ["GK303"]
    assert site.published == {"ghjh/a.md"}


def test_an_error_lowered_to_a_warning_still_withholds_and_is_reported(tmp_path: Path) -> None:
    project = new_project(tmp_path, GONGKAI_YML + "  GK020: warning\n")
    project.doc("ghjh/a.md", published="2027-01-05")

    site = engine.build_site(engine.make_context(project.root))

    assert [f.text() for f in site.findings if f.rule == "GK208"] == [
        "gongkai.yml:11:1: GK208 warning severity 把 GK020（日期在未来）改为 warning："
        "GK020 发现问题的文档仍然不发布，改级别只改变报告中显示的级别；要发布，请改正文档本身，"
        "并删去这一行"
    ]
    assert site.published == set()
