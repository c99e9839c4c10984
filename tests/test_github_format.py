"""`check --format github`: findings as GitHub Actions annotations on the file and line."""

from __future__ import annotations

from sitekit import Project

from gongkai.findings import Finding, Severity, format_github


def test_findings_become_error_warning_and_notice_annotations(project: Project) -> None:
    project.doc("ghjh/a.md", doc_no="吉狱发[2021]第012号")
    project.doc("ghjh/b.md", index_no="013544XXX/2021-00002", review=None)

    result = project.check("content/ghjh/a.md", "content/ghjh/b.md", "--format", "github")

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/ghjh/a.md,line=12,col=1,title=GK017::GK017 error 发文字号“吉狱发[2021]第012号”"
        "格式不对：应为 机关代字〔年份〕序号号，用六角括号、不加“第”、序号不补零，例如“吉狱发〔2021〕12号”",
        "::warning file=content/ghjh/b.md,line=7,col=1,title=GK201::GK201 warning "
        "未经公开属性与保密审查，本文档暂不发布：请补上 review（reviewer、date、result: 同意公开）",
    ]


def test_clean_content_prints_no_annotation(project: Project) -> None:
    project.doc("ghjh/a.md")

    result = project.check("content/ghjh/a.md", "--format", "github")

    assert (result.returncode, result.stdout) == (0, "")


def test_newlines_percent_and_property_separators_are_escaped() -> None:
    finding = Finding("content/a,b:c.md", 3, 2, "GK999", Severity.INFO, "第一行\n100% 完成")

    assert format_github([finding]) == (
        "::notice file=content/a%2Cb%3Ac.md,line=3,col=2,title=GK999::GK999 info 第一行%0A100%25 完成\n"
    )
