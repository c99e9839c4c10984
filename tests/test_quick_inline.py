"""The quick inline pass writes the same HTML as Python-Markdown's own, on every kind of text."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
import yaml
from markdown.inlinepatterns import InlineProcessor
from sitekit import REPO

from gongkai.build.quick_inline import QuickInline, markup_test

sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import write_project

# Each with one kind of markup only, so that a wrong entry in NEEDS shows.
TRICKY = [
    "一、总体要求\n\n按照有关规定执行。",
    "见[乙文件](b.md#二工作措施)。",
    "见![图](a.png)。",
    "见[引用][1]和[1]。\n\n[1]: http://example.gov.cn",
    "**加粗**、*强调*、2*3*4",
    "__下划线加粗__、_下划线_、snake_case_name",
    "`代码` 与 ``两个`反引号``",
    "转义的句点：1986\\. 年",
    "第一行  \n第二行（两个空格换行）",
    "实体 &amp; &copy; &#169; &#xA9; 与 AT&T",
    "<span style='color:red'>行内 HTML</span> <!-- 注释 -->",
    "网址 <https://example.gov.cn> 邮箱 <ab@example.gov.cn>",
    "| 名称 | 金额 |\n|---|---|\n| 办公费 | 1,000 |\n| [链接](x.md) | **2** |",
    '!!! note "提示"\n    提示里的*强调*和纯文字。',
    '<div markdown="1">\n块内的 **Markdown** 与纯文字\n</div>',
    '标题 {: #id .class }\n\n段落 {: style="color:red" }',
    "末尾空格  ",
]


def _site_extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.Loader)
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = options
    return names, configs


def _html(text: str, quick: bool, extra: list[object] | None = None) -> str:
    names, configs = _site_extensions()
    extensions = [*names, *(extra or []), *([QuickInline()] if quick else [])]
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


def _texts(tmp_path: Path) -> list[str]:
    write_project(tmp_path, 120, seed=5, layout="columns")
    files = [*(tmp_path / "content").rglob("*.md"), *(REPO / "content").rglob("*.md")]
    front_matter = re.compile(r"\A---\n.*?\n---\n", re.S)
    return TRICKY + [front_matter.sub("", f.read_text("utf-8")) for f in files]


def test_the_same_html_as_python_markdown_on_documents_and_tricky_text(tmp_path: Path) -> None:
    texts = _texts(tmp_path)
    assert len(texts) > 150
    for text in texts:
        assert _html(text, quick=True) == _html(text, quick=False), text[:80]


def test_the_site_configuration_keeps_the_quick_pass_on() -> None:
    names, configs = _site_extensions()
    md = markdown.Markdown(extensions=[*names, QuickInline()], extension_configs=configs)
    test = markup_test(md)
    assert test is not None
    assert test.search("按照有关规定执行，现将有关事项通知如下。") is None
    assert test.search("见[乙文件](b.md)") is not None


class _Mark(InlineProcessor):
    """==text== → <mark>, a pattern the quick pass does not know."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        el = etree.Element("mark")
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


class _MarkExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_Mark(r"==(.+?)==", md), "mark", 65)


@pytest.mark.parametrize("quick", [True, False])
def test_a_pattern_it_does_not_know_gets_every_text(quick: bool) -> None:
    html = _html("这是==重点==内容", quick=quick, extra=[_MarkExtension()])
    assert html == "<p>这是<mark>重点</mark>内容</p>"
