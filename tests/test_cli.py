"""`python -m gongkai check|explain|rules` as whole processes: output formats and exit codes."""

from __future__ import annotations

import json

from sitekit import REPO, Project, run

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
