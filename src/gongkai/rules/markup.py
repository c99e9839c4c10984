"""GK220 正文中的 HTML: a document's body is data, never code that runs on the reader's page.

The body is rendered as MkDocs will render it (the Markdown extensions of `mkdocs.yml`), and what
comes out is read with the standard library's HTML parser and held against an allow-list of
elements, attributes, URL schemes and CSS properties (`data/html_allowlist.yml`). So raw HTML,
attribute lists (`{: onclick=…}`, attr_list), `markdown` blocks (md_in_html) and Markdown links
(`[x](javascript:…)`) are checked alike, entities decoded as the browser decodes them. What falls
outside is an error (the document is withheld, the strict build fails), never silently removed.

The rendered HTML knows no source lines: each problem is put on the first body line (outside code
blocks) that writes it — the attribute, the address, the element — and on the body's first line
when the text only makes it through Markdown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import unescape
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import markdown
import yaml

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.content.text import without_code
from gongkai.findings import Finding, Severity, rule

# The extensions MkDocs always loads besides those mkdocs.yml names (`markdown_extensions`).
MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")  # a browser drops these inside a URL: java\tscript:
_URL_EDGES = "".join(map(chr, range(0x21)))  # … and C0 controls and spaces around it


@dataclass(frozen=True)
class AllowList:
    everywhere: frozenset[str]
    elements: dict[str, frozenset[str]]
    links: frozenset[str]
    link_schemes: frozenset[str]
    sources: frozenset[str]
    style_properties: frozenset[str]
    style_value: re.Pattern[str]
    instead: dict[str, str]

    @property
    def value_checked(self) -> frozenset[str]:
        """Attributes whose value, not only their presence, can be what is not allowed."""
        return self.links | self.sources | {"style"}

    def attribute_ok(self, tag: str, name: str) -> bool:
        own = self.elements[tag]
        return (
            name in own
            or name in self.everywhere
            or (name.startswith("aria-") and "aria-*" in self.everywhere)
        )


_MARKUP = re.compile(r"[<{&]|!\[|(?<!:)//")
_SCHEME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def may_make_html(body: str, schemes: frozenset[str]) -> bool:
    """Whether the body's HTML can hold anything outside the list (else it is not rendered).

    Without it Markdown makes only its own elements, and their only addresses are link targets
    with an allowed scheme or none: raw HTML and autolinks need a `<`, attribute lists a `{`, a
    character reference an `&`, an image (whose `src` must be on the site) `![`, a protocol-
    relative address a `//` with no `:` before it, a link to another scheme that scheme's name
    and a colon. Most documents have none of these.
    """
    if _MARKUP.search(body):
        return True
    if ":" not in body:
        return False
    for m in _SCHEME_WORD.finditer(body):
        before = body[m.start() - 1] if m.start() else ""
        if before and before.isascii() and (before.isalnum() or before in "+.-"):
            continue  # no scheme starts after a digit or a sign (a browser reads a path)
        if m.group()[:-1].lower() not in schemes:
            return True
    return False


@cache
def allow_list() -> AllowList:
    raw = yaml.safe_load(
        resources.files("gongkai.data").joinpath("html_allowlist.yml").read_text("utf-8")
    )
    return AllowList(
        everywhere=frozenset(raw["global"]),
        elements={tag: frozenset(attrs) for tag, attrs in raw["elements"].items()},
        links=frozenset(raw["links"]),
        link_schemes=frozenset(raw["link_schemes"]),
        sources=frozenset(raw["sources"]),
        style_properties=frozenset(raw["style_properties"]),
        style_value=re.compile(raw["style_value"]),
        instead=dict(raw["instead"]),
    )


@dataclass(frozen=True)
class Problem:
    """One thing of the rendered HTML outside the allow-list, and what the editor wrote for it."""

    tag: str
    attribute: str | None  # None: the element itself is not allowed
    value: str  # the attribute's value, when the value is what is not allowed
    message: str

    def written(self) -> list[re.Pattern[str]]:
        """What to look for in the body, best first."""
        found: list[re.Pattern[str]] = []
        if self.value:
            found.append(re.compile(re.escape(self.value[:40]), re.I))
        if self.attribute:
            found.append(re.compile(rf"(?<![\w-]){re.escape(self.attribute)}\s*=?", re.I))
        found.append(re.compile(rf"<{re.escape(self.tag)}(?![\w-])", re.I))
        return found


def _check_url(tag: str, name: str, value: str, allowed: AllowList) -> str | None:
    url = _URL_NOISE.sub("", value).strip(_URL_EDGES)
    scheme = _SCHEME.match(url)
    shown = f"<{tag}> 的 {name}“{value}”"
    if name in allowed.sources:
        if scheme or url.startswith(("//", "/", "\\")):
            return (
                f"{shown}不是本站的文件：图片、视频、字幕等须放在文档旁边，用相对路径引用，"
                f'例如 ![流程图](tu.png) 或 {name}="tu.png"'
            )
        return None
    if scheme and scheme.group(1).lower() not in allowed.link_schemes:
        return (
            f"{shown}不允许：链接只能指向本站的页面和文件，或 http、https、mailto、tel 地址，"
            "例如 [查看原文](https://www.gov.cn/…)"
        )
    return None


def _check_style(tag: str, value: str, allowed: AllowList) -> str | None:
    for declaration in value.split(";"):
        if not declaration.strip():
            continue
        prop, colon, css = declaration.partition(":")
        prop = prop.strip().lower()
        if not colon or prop not in allowed.style_properties or not allowed.style_value.match(css):
            return (
                f"<{tag}> 的 style 中的“{declaration.strip()}”不允许：版式由网站样式统一设置，"
                "请删去它（表格的对齐用 Markdown 表格的 :---: 写法）"
            )
    return None


def _check_attribute(tag: str, name: str, value: str, allowed: AllowList) -> str | None:
    if name.startswith("on"):
        return f"<{tag}> 的属性 {name} 是网页脚本，不允许：请删去 {name}=“…”"
    if not allowed.attribute_ok(tag, name):
        own = "、".join(sorted(allowed.elements[tag])) or "无"
        return (
            f"<{tag}> 不能带属性 {name}：请删去它（<{tag}> 可用的属性：{own}，"
            "以及 id、class、title 等通用属性）"
        )
    if name in allowed.links or name in allowed.sources:
        return _check_url(tag, name, value, allowed)
    if name == "style":
        return _check_style(tag, value, allowed)
    return None


class _Reader(HTMLParser):
    def __init__(self, allowed: AllowList) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.problems: list[Problem] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.allowed.elements:
            instead = self.allowed.instead.get(tag, self.allowed.instead["default"])
            message = f"正文中有不允许的 HTML 元素 <{tag}>：{instead}"
            self.problems.append(Problem(tag, None, "", message))
            return
        for name, value in attrs:
            message = _check_attribute(tag, name, value or "", self.allowed)
            if message:
                about_value = name in self.allowed.value_checked
                self.problems.append(
                    Problem(tag, name, value or "" if about_value else "", message)
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    # Where the browser (HTML5) and html.parser read a text differently, the browser's reading
    # counts: what it takes for markup is checked as markup.
    def handle_comment(self, data: str) -> None:
        """A browser also ends a comment at `<!-->`, `<!--->` and `--!>`; html.parser at `-->`."""
        for early in (">", "->"):
            if data.startswith(early):
                self._live(data[len(early) :])
                return
        if "--!>" in data:
            self._live(data.split("--!>", 1)[1])

    def unknown_decl(self, data: str) -> None:
        """`<![CDATA[…]]>` in HTML is a comment to a browser, ended by its first `>`."""
        self._live(data.partition(">")[2])

    def _live(self, text: str) -> None:
        self.problems += problems(text)


def problems(html: str) -> list[Problem]:
    """Everything of `html` outside the allow-list, in document order."""
    reader = _Reader(allow_list())
    reader.feed(html)
    reader.close()
    return reader.problems


@cache
def _extensions(root: Path) -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions and their settings, as MkDocs takes them from mkdocs.yml."""
    from mkdocs.utils.yaml import yaml_load  # reads mkdocs.yml's !!python/… tags as MkDocs does

    try:
        with (root / "mkdocs.yml").open(encoding="utf-8") as f:
            config = yaml_load(f) or {}
    except (OSError, yaml.YAMLError):
        config = {}  # the build reports it; render with what MkDocs always loads
    names: list[Any] = list(MKDOCS_BUILTINS)
    settings: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if options:
            settings[name] = options
    return names, settings


@cache
def _renderer(root: Path) -> markdown.Markdown:
    names, settings = _extensions(root)
    return markdown.Markdown(extensions=names, extension_configs=settings)


def render(body: str, root: Path) -> str:
    """The body's HTML as MkDocs' Markdown makes it (without MkDocs' link rewriting)."""
    return _renderer(root).reset().convert(body)


def _place(doc: Document, problem: Problem, taken: Counter[str]) -> tuple[int, int]:
    """(file line, column) where the editor wrote it: the n-th such problem at its n-th place."""
    lines = without_code(doc.body, 0).split("\n")
    for pattern in problem.written():
        hits = [
            (i, m.start())
            for i, line in enumerate(lines)
            for m in (list(pattern.finditer(line)) or list(pattern.finditer(unescape(line))))
        ]
        if hits:
            n = taken[pattern.pattern]
            taken[pattern.pattern] += 1
            i, col = hits[min(n, len(hits) - 1)]
            return doc.body_line + i, col + 1
    return doc.body_line, 1


@rule("GK220", "正文中有不允许的 HTML", Severity.ERROR)
def html_allow_list(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：文档的正文是政府信息，是给人读的文字，不能是在读者浏览器里运行的代码。正文里的
    HTML 只能用允许的元素和属性（段落、标题、列表、表格、链接、本站的图片和视频等，清单见
    src/gongkai/data/html_allowlist.yml）：不能有 <script>、<style>、<iframe>、<object>、
    <embed>、<form>、<input>、<base>、<meta>、<link>；不能有 onclick、onerror、onload、
    ontoggle 等事件属性（写在 HTML 里或写成 Markdown 属性列表 {: onclick=… } 都一样）；
    链接不能是 javascript:、vbscript:、data: 等地址；图片、视频、字幕的 src 只能是本站的文件。
    检查的是正文按 Markdown 转换后的网页，所以 [点击](javascript:…) 这样的 Markdown 链接、
    用字符实体（&#106;avascript:）写的地址也会查出。不允许的内容不会被悄悄删掉：本文档暂不
    发布，构建失败，直到改正。

    错误示例：
        <img src="tu.png" onerror="alert(1)">
        <details ontoggle="…"><summary>附件</summary>…</details>
        [办事指南](javascript:void(0))
        会见须知{: onclick="…" }

    正确示例：
        ![会见流程图](tu.png)
        <details><summary>附件</summary>…</details>
        [办事指南](../zfxxgkzn/2024-ysqgkzn.md)
    """
    return body_findings(doc, ctx, "本文档暂不发布")


def body_findings(doc: Document, ctx: Context, outcome: str) -> Iterator[Finding]:
    """GK220 for a document's body, or the home text's (`outcome`: what happens to it)."""
    if not may_make_html(doc.body, allow_list().link_schemes):
        return
    try:
        html = render(doc.body, ctx.config.root)
    except Exception as e:  # an extension that fails on this text fails the build the same way
        yield html_allow_list.at(
            doc.rel,
            doc.body_line,
            1,
            f"正文无法按 Markdown 转换（{type(e).__name__}: {e}），其中的 HTML 无法检查，"
            f"{outcome}：请检查正文中不完整的 HTML 或代码块",
        )
        return
    taken: Counter[str] = Counter()
    for p in problems(html):
        line, col = _place(doc, p, taken)
        yield html_allow_list.at(doc.rel, line, col, f"{p.message}；{outcome}")
