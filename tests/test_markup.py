"""GK220: the HTML a body becomes is held against the allow-list; what falls outside withholds the
document and fails the strict build, with file and line (issue 19, point 3). The rule's cases are
tests/fixtures/rules/GK220.yml; here the build, the home text and the parser's blind spots."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import GONGKAI_YML, REPO, Project, new_project

from gongkai.rules.markup import allow_list, may_make_html, problems, render

ONERROR = "<img> 的属性 onerror 是网页脚本，不允许：请删去 onerror=“…”"


def test_a_body_with_an_event_handler_is_withheld_and_fails_the_strict_build(
    project: Project,
) -> None:
    project.doc("ghjh/a.md", '会见须知。\n\n<img src="a.png" alt="图" onerror="alert(1)">\n')
    project.doc("ghjh/b.md", "正文。\n", index_no="013544XXX/2021-00002")
    result = project.build()
    assert result.returncode == 1
    assert f"content/ghjh/a.md:16:26: GK220 error {ONERROR}；本文档暂不发布" in result.stderr
    assert "共 2 篇文档，发布 1 篇，不发布 1 篇" in result.stderr
    assert not project.site.exists()  # the failed build left nothing to deploy


def test_a_lower_severity_still_withholds_the_document(tmp_path: Path) -> None:
    project = new_project(tmp_path, GONGKAI_YML + "  GK220: info\n")
    project.doc("ghjh/a.md", "<script>alert(1)</script>\n")
    result = project.check()
    assert " GK220 info 正文中有不允许的 HTML 元素 <script>" in result.stdout
    assert "可发布 0 篇，不发布 1 篇：content/ghjh/a.md（正文中有不允许的 HTML）" in result.stderr


def test_the_home_text_is_checked_too_and_cannot_be_withheld(project: Project) -> None:
    project.write("index.md", "---\ntitle: 首页\n---\n\n# 首页\n\n[留言](javascript:alert(1))\n")
    project.doc("ghjh/a.md")
    result = project.check()
    assert result.returncode == 1
    assert (
        "content/index.md:7:6: GK220 error <a> 的 href“javascript:alert(1)”不允许：链接只能指向"
        "本站的页面和文件，或 http、https、mailto、tel 地址，例如 [查看原文](https://www.gov.cn/…)；"
        "首页不能暂不发布，构建失败\n"
    ) in result.stdout


@pytest.mark.parametrize(
    "html",
    [
        '<!-- --!><img src="x.png" onerror="alert(1)"> -->',  # a browser ends the comment at --!>
        '<!--><img src="x.png" onerror="alert(1)">-->',  # … and at <!-->
        '<![CDATA[><img src="x.png" onerror="alert(1)">]]>',  # a comment up to the first >
        '<IMG SRC="x.png" ONERROR="alert(1)">',
    ],
)
def test_what_a_browser_reads_as_markup_is_checked_as_markup(html: str) -> None:
    assert [p.message for p in problems(render(html, REPO))] == [ONERROR]


@pytest.mark.parametrize(
    "href",
    ["JavaScript:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)", "&#x6A;avascript:x"],
)
def test_a_scheme_is_read_as_the_browser_reads_it(href: str) -> None:
    found = problems(f'<a href="{href}">x</a>')
    assert len(found) == 1 and found[0].attribute == "href"


def test_explain_prints_the_rule_documentation() -> None:
    from sitekit import run

    result = run(["-m", "gongkai", "explain", "GK220"], REPO, "2026-11-26")
    assert result.stdout.startswith(
        "GK220 正文中有不允许的 HTML（公开与保密，默认级别 error）\n\n为什么："
    )


def test_the_example_content_is_within_the_allow_list(tmp_path: Path) -> None:
    from sitekit import run

    result = run(["-m", "gongkai", "check", "content"], REPO, "2026-11-26")
    assert " GK220 " not in result.stdout


def test_a_body_is_rendered_only_when_it_can_hold_html_outside_the_list() -> None:
    schemes = allow_list().link_schemes
    plain = ["见[国务院](https://www.gov.cn/)、[邮箱](mailto:a@example.gov.cn)。", "9:00 开始。"]
    needs = ["[x](javascript:1)", "[x](java\nscript:1)", "Note: x", "![图](a.png)", "[x](//a/)"]
    needs += ["<b>x</b>", "x{: .a }", "&#106;"]
    assert [may_make_html(b, schemes) for b in plain + needs] == [False] * 2 + [True] * 8
    for path in sorted((REPO / "content").rglob("*.md")):  # those skipped have nothing to find
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        if not may_make_html(body, schemes):
            assert problems(render(body, REPO)) == [], path
