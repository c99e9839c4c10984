"""The closed set of what may reach site/: one function decides every file under content/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitekit import new_project

from gongkai.content.published import Decision, Fate, decide

NOT_USED = Decision(Fate.NOT_PUBLISHED, "没有已发布的文档使用该文件，不发布")
LINKED = Decision(Fate.NOT_PUBLISHED, "经符号链接找到的文件，不发布：请把文件本身放进 content/")


@pytest.mark.parametrize(
    ("src_uri", "decision"),
    [
        ("index.md", Decision(Fate.DOCUMENT)),
        ("ghjh/a.md", Decision(Fate.DOCUMENT)),
        ("ghjh/b.md", Decision(Fate.NOT_PUBLISHED, "文档未通过发布检查，不发布")),
        ("ghjh/名单.CSV", Decision(Fate.ATTACHMENT)),
        ("ghjh/data.json", Decision(Fate.ATTACHMENT)),
        ("ghjh/tu.svg", Decision(Fate.ATTACHMENT)),
        ("ghjh/x.zip", NOT_USED),  # used, but of a type nothing can check
        ("ghjh/unused.csv", NOT_USED),
        ("secret.txt", NOT_USED),
        ("files/mingdan.csv", NOT_USED),
        ("ghjh/.hidden.csv", Decision(Fate.NOT_PUBLISHED, "隐藏文件，不发布")),
        (".git/config", Decision(Fate.NOT_PUBLISHED, "隐藏文件，不发布")),
        ("linked/a.csv", LINKED),
        ("ghjh/linked.md", LINKED),
    ],
)
def test_every_file_under_content_has_one_fate(
    tmp_path: Path, src_uri: str, decision: Decision
) -> None:
    docs = tmp_path / "content"
    (docs / "ghjh").mkdir(parents=True)
    (docs / "ghjh" / "real.md").write_text("x", "utf-8")
    os.symlink(docs / "ghjh", docs / "linked")
    os.symlink(docs / "ghjh" / "real.md", docs / "ghjh" / "linked.md")
    published = {"ghjh/a.md", "ghjh/linked.md"}
    used = {"ghjh/名单.CSV", "ghjh/data.json", "ghjh/tu.svg", "ghjh/x.zip", "linked/a.csv"}

    assert decide(docs / src_uri, docs, published, used) == decision


def test_a_theme_file_is_an_asset(tmp_path: Path) -> None:
    assert decide(tmp_path / "theme" / "main.css", tmp_path / "content", set(), set()) == Decision(
        Fate.ASSET
    )


def test_files_outside_columns_and_unscannable_types_do_not_reach_the_site(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.doc("ghjh/a.md", "[名单](名单.CSV) [表](data.json)\n")
    project.write("ghjh/名单.CSV", "姓名\n张某\n")
    project.write("ghjh/data.json", '{"a": "说明"}')
    project.write("secret.txt", "x")
    project.write("files/mingdan.csv", "x")

    assert project.build().returncode == 0
    site = sorted(p.relative_to(project.site).as_posix() for p in project.site.rglob("*"))
    assert "ghjh/名单.CSV" in site and "ghjh/data.json" in site
    assert "secret.txt" not in site and not (project.site / "files").exists()


def test_an_id_number_in_an_upper_case_csv_withholds_its_document(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.doc("ghjh/a.md", "[名单](名单.CSV)\n")
    project.write("ghjh/名单.CSV", "姓名,身份证号\n张某,11010519491231002X\n")

    result = project.check()

    assert (
        "content/ghjh/a.md:14:1: GK211 warning 附件 名单.CSV（第2行第2列）中有身份证号码“110105********002X”"
        in result.stdout
    )


def test_the_home_text_is_scanned_and_a_hit_fails_the_build(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.write("index.md", "# 首页\n\n联系人身份证 11010519491231002X\n")

    result = project.check()

    assert [line for line in result.stdout.splitlines() if "GK21" in line] == [
        "content/index.md:3:8: GK211 error 首页文字中有身份证号码“110105********002X”："
        "它无法暂不发布，构建失败；请删去或隐去后重新构建"
    ]
    assert project.build().returncode == 1


def test_a_symlink_leaving_the_repository_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text("---\ntitle: x\n---\n", "utf-8")
    (tmp_path / "project").mkdir()
    project = new_project(tmp_path / "project")
    project.doc("ghjh/a.md")
    os.symlink(outside / "x.md", project.root / "content" / "ghjh" / "x.md")

    result = project.check()

    assert [line for line in result.stdout.splitlines() if "GK001" in line] == [
        f"content/ghjh/x.md:1:1: GK001 error 符号链接指向项目之外（{outside / 'x.md'}），"
        "不读取也不发布：请把文件本身复制进 content/，或删去该链接"
    ]
    assert project.build().returncode == 1
    assert not (project.site / "ghjh" / "x").exists()
