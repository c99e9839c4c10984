"""The web editor's configuration is generated (python -m gongkai editor config), never by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from sitekit import REPO, TODAY, new_project, run


def test_committed_editor_config_is_the_generated_one() -> None:
    result = run(["-m", "gongkai", "editor", "config", "--check"], REPO, TODAY)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_stale_editor_config_is_reported(tmp_path: Path) -> None:
    new_project(tmp_path)
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "config.yml").write_text("collections: []\n", encoding="utf-8")
    result = run(["-m", "gongkai", "editor", "config", "--check"], tmp_path, TODAY)
    assert result.returncode == 1
    assert result.stderr == (
        "admin/config.yml 与栏目树和元数据模型不一致：请运行 python -m gongkai editor config\n"
    )


def test_doc_no_field_carries_the_rule_pattern_and_message() -> None:
    config = yaml.safe_load((REPO / "admin" / "config.yml").read_text(encoding="utf-8"))
    gfxwj = next(c for c in config["collections"] if c["name"] == "gfxwj")
    doc_no = next(f for f in gfxwj["fields"] if f["name"] == "doc_no")
    assert doc_no["pattern"] == [
        "^[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+〔(\\d{4})〕([1-9]\\d*)号$",
        "发文字号格式不对：应为 机关代字〔年份〕序号号，用六角括号、不加“第”、序号不补零，"
        "例如“吉狱发〔2021〕12号”",
    ]
    assert [c["label"] for c in config["collections"]][:4] == [
        "政府信息公开指南",
        "政府信息公开制度",
        "机构职能",
        "规范性文件",
    ]
    assert {c["media_folder"] for c in config["collections"]} == {""}


def test_admin_page_is_never_part_of_the_site(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    shutil.copytree(REPO / "admin", tmp_path / "admin")
    assert project.build().returncode == 0
    assert not list((tmp_path / "site").rglob("admin*")), "管理页面进入了 site/"
    assert not list((tmp_path / "site").rglob("gongkai-cms.js"))
