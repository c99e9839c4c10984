"""`python -m gongkai check|explain|rules` as whole processes: output formats and exit codes."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pytest
from sitekit import REPO, Project, run

from gongkai.cli import build_parser
from gongkai.rules import catalog


def test_check_json_prints_the_findings_of_a_broken_document(project: Project) -> None:
    project.doc("ghjh/good.md")
    project.doc("ghjh/bad.md", index_no="013544XXX/2021-00002", publised="2021-07-05")
    result = project.check("content/ghjh/bad.md", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {
            "path": "content/ghjh/bad.md",
            "line": 12,
            "column": 1,
            "rule": "GK011",
            "severity": "error",
            "message": "未知字段 publised，是不是要写 published？",
            "fix": None,
        }
    ]


def test_check_text_reports_only_the_given_file_and_exits_0_when_clean(project: Project) -> None:
    project.doc("ghjh/good.md")
    project.doc("ghjh/bad.md", index_no="013544XXX/2021-00002", drafter=None)
    result = project.check("content/ghjh/good.md")
    assert (result.returncode, result.stdout) == (0, "")
    result = project.check("content/ghjh/bad.md")
    assert result.returncode == 1
    assert result.stdout == (
        "content/ghjh/bad.md:1:1: GK010 error 缺少必填字段 drafter（起草部门）：请补上“drafter: …”\n"
    )


def test_check_cannot_run_exits_2_with_one_line(project: Project) -> None:
    result = project.check("content/nowhere.md")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "gongkai: content/nowhere.md: 文件或目录不存在\n"
    result = project.check("--format", "xml")
    assert result.returncode == 2
    assert result.stderr.startswith("gongkai: 参数错误：")


def test_bad_severity_override_is_a_clear_error(project: Project) -> None:
    path = project.root / "gongkai.yml"
    path.write_text(path.read_text(encoding="utf-8") + "severity:\n  GK104: fatal\n", "utf-8")
    result = project.check()
    assert result.returncode == 2
    assert result.stderr == (
        f"gongkai: {path}: severity 中 GK104 的级别“fatal”无效，应为 error、warning 或 info\n"
    )


def test_severity_override_changes_the_outcome(project: Project) -> None:
    path = project.root / "gongkai.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("severity:\n", "severity:\n  GK019: warning\n"), "utf-8")
    project.doc("ghjh/a.md", written="2021-07-06")
    result = project.check()
    assert result.returncode == 0
    assert " GK019 warning " in result.stdout


def test_explain_prints_why_and_examples() -> None:
    result = run(["-m", "gongkai", "explain", "gk017"], REPO, today="2026-11-26")
    assert result.returncode == 0
    assert result.stdout.startswith("GK017 发文字号格式错误（元数据，默认级别 error）\n\n为什么：")
    assert "错误示例：doc_no: 吉狱发[2021]第012号" in result.stdout
    assert "正确示例：doc_no: 吉狱发〔2021〕12号" in result.stdout


def test_every_rule_documents_why_and_a_wrong_and_right_example() -> None:
    for r in catalog.load_all().values():
        assert "为什么：" in r.doc and "错误示例：" in r.doc and "正确示例：" in r.doc, r.id


def test_rules_lists_every_rule() -> None:
    result = run(["-m", "gongkai", "rules"], REPO, today="2026-11-26")
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert ids == sorted(catalog.load_all())


def _gongkai(*args: str, cwd=REPO):
    return run(["-m", "gongkai", *args], cwd, today="2026-11-26")


def test_check_help_is_all_chinese() -> None:
    result = _gongkai("check", "--help")
    prog = f"{Path(sys.executable).relative_to(REPO)} -m gongkai"
    pad = " " * len(f"用法：{prog} check ")
    assert result.stdout == (
        f"用法：{prog} check [-h] [--fix]\n"
        f"{pad}[--format {{text,json,github}}]\n"
        f"{pad}[路径 ...]\n"
        "\n"
        "位置参数：\n"
        "  路径                    要报告的文件或目录；站点级检查总是读取全部文档\n"
        "\n"
        "选项：\n"
        "  -h, --help            显示本帮助并退出\n"
        "  --fix                 先自动修正标点、空格、发文字号括号等（正文和元数据中），再检查\n"
        "  --format {text,json,github}\n"
        "                        输出格式：text 每条一行（默认），json 供程序读取，github 在拉取请求中标注到行\n"
    )


def test_the_manual_has_no_argparse_english() -> None:
    result = _gongkai("--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"用法：{Path(sys.executable).relative_to(REPO)} -m gongkai")
    assert "子命令：\n" in result.stdout and "常用步骤：\n" in result.stdout
    for english in ("usage", "positional arguments", "options:", "show this help", "{check,"):
        assert english not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("explain",), "缺少必需的参数：规则编号（用 {prog} explain --help 查看用法）"),
        (
            ("check", "--format", "xml"),
            "参数 --format：“xml”不是可选的值：可选 text、json、github（用 {prog} check --help 查看用法）",
        ),
        (("check", "--bogus"), "无法识别的参数：--bogus（用 {prog} --help 查看用法）"),
        (
            ("fee", "--pieces", "x"),
            "参数 --pieces：“x”不是有效的值（应为 整数）（用 {prog} fee --help 查看用法）",
        ),
        (("new", "--ledger"), "参数 --ledger：后面需要写一个值（用 {prog} new --help 查看用法）"),
    ],
)
def test_argument_errors_are_chinese(args: tuple[str, ...], message: str) -> None:
    result = _gongkai(*args)
    prog = f"{Path(sys.executable).relative_to(REPO)} -m gongkai"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"gongkai: 参数错误：{message.format(prog=prog)}\n"


def _actions(parser: argparse.ArgumentParser, name: str = "gongkai"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _actions(sub, f"{name} {sub_name}")
        else:
            yield name, action


def test_every_option_of_every_command_has_chinese_help() -> None:
    for name, action in _actions(build_parser()):
        assert action.help and re.search(r"[\u4e00-\u9fff]", action.help), (name, action.dest)


def test_summary_counts_broken_files_and_says_what_is_withheld_and_why(project: Project) -> None:
    project.doc("ghjh/good.md")
    project.doc("ghjh/noreview.md", index_no="013544XXX/2021-00002", review=None)
    project.write("ghjh/broken.md", "---\ntitle：通知\n---\n正文\n")

    result = project.check("content/ghjh")

    assert result.returncode == 1, result.stdout
    assert result.stderr == (
        "检查了 3 篇文档：1 个错误，2 个警告，0 个提示；可发布 1 篇，不发布 2 篇："
        "content/ghjh/broken.md（元数据 YAML 语法错误）、"
        "content/ghjh/noreview.md（未经公开属性与保密审查）\n"
    )
