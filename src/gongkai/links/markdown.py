"""What a document's Markdown holds for the link checks: its links and the anchors its page will
have (from mkdocs.yml's `toc` settings).

Headings get the id `toc` gives them (mkdocs.yml's `slugify`, e.g. pymdownx's Unicode slugs:
"一、总体要求" → 一总体要求; a repeated heading gets _1, _2), or the `{#id}` of attr_list;
elements with an `id`/`name` in raw HTML or `{: #id}` keep it; 问答 questions get theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

from gongkai.content.document import Document
from gongkai.content.text import without_code

Slugify = Callable[[str, str], str]

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_SETEXT = re.compile(r"^ {0,3}(\S[^\n]*)\n {0,3}(?:=+|-+)[ \t]*$", re.M)
_ATTR = re.compile(r"\{:?[ \t]*([^}\n]*)\}[ \t]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_ID = re.compile(r"""\{:?[^}\n]*?#([^\s}]+)[^}\n]*\}|\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_UNDERLINE = re.compile(r"\n {0,3}[=-]")  # what every setext heading has
_QA = re.compile(r"^问[：:][ \t]*(.*?)[ \t]*$", re.M)
_QA_ID = re.compile(r"\s*\{#([A-Za-z0-9_\-\u4e00-\u9fff]+)\}\s*$")
_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"\\(.)"), r"\1"),
    (re.compile(r"[*_`~]"), ""),
]
_COUNT = re.compile(r"^(.*)_([0-9]+)$")


# Markdown links and reference definitions; media sources, which the build rewrites from the
# Markdown file's folder (`gongkai.build.charts`); other raw HTML, resolved from the page's.
# The look-ahead holds the first character of every branch: most positions fail at it, at once.
_LINK = re.compile(
    r"""(?=[!\[ <hs])(?:!?\[[^\]\n]*\]\(\s*<?(?P<md>[^)\s>]+)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<ref>[^>\s]+)"""
    r"""|<(?:video|audio|source|track)\b[^>]*?\bsrc=["'](?P<media>[^"']+)["']"""
    r"""|\b(?:href|src)\s*=\s*["'](?P<html>[^"'\s>]*)["'])""",
    re.M | re.I,
)


@dataclass(frozen=True)
class Written:
    url: str
    kind: str  # md, ref, media (the build rewrites them, from the Markdown file) or html
    line: int
    column: int


def links_of(doc: Document) -> Iterator[Written]:
    """Every link of the body, outside code blocks and inline code, with its line and column."""
    text = without_code(doc.text, len(doc.text) - len(doc.body))
    if "`" in text:
        text = re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group()), text)
    for m in _LINK.finditer(text, len(doc.text) - len(doc.body)):
        kind = m.lastgroup or "html"
        start = m.start(kind)
        line = text.count("\n", 0, start) + 1
        yield Written(m.group(kind), kind, line, start - text.rfind("\n", 0, start))


@cache
def mkdocs_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (its `!!python/...` slugify included)."""
    from mkdocs.utils.yaml import yaml_load  # only for a link that needs it (`check FILE`)

    with (root / "mkdocs.yml").open(encoding="utf-8") as f:
        return yaml_load(f) or {}


@cache
def toc_slugify(root: Path) -> tuple[Slugify, str]:
    from markdown.extensions.toc import slugify as toc_default

    for ext in mkdocs_config(root).get("markdown_extensions") or []:
        if isinstance(ext, dict) and "toc" in ext:
            options = ext["toc"] or {}
            return options.get("slugify", toc_default), options.get("separator", "-")
    return toc_default, "-"


def anchors(doc: Document, root: Path) -> set[str]:
    """Every id the document's page will have for a link's `#…`."""
    text = without_code(doc.text, len(doc.text) - len(doc.body))[len(doc.text) - len(doc.body) :]
    slugify, separator = toc_slugify(root)
    # Each pattern is tried only where the text holds what it needs (they are slow to fail).
    may_id = "{" in text or "id" in text or "name" in text
    ids = {a or b for a, b in _ID.findall(text)} if may_id else set()
    for q in _QA.findall(doc.body) if "问" in doc.body else ():
        m = _QA_ID.search(q)
        ids.add(m.group(1) if m else "q-" + slugify(re.sub(r"\s*\{#[^}]*\}\s*$", "", q), "-"))
    atx = _ATX.finditer(text) if "#" in text else ()
    setext = _SETEXT.finditer(text) if _UNDERLINE.search(text) else ()
    headings = sorted([*atx, *setext], key=lambda m: m.start())
    for m in headings:
        heading = m.group(1)
        attr = _ATTR.search(heading)
        own = _ATTR_ID.search(attr.group(1)) if attr else None
        if own is None:
            ids.add(
                _unique(
                    slugify(_plain(heading[: attr.start()] if attr else heading), separator), ids
                )
            )
    return ids


def _plain(heading: str) -> str:
    for pattern, repl in _INLINE:
        heading = pattern.sub(repl, heading)
    return unescape(heading.strip())


def _unique(slug: str, ids: set[str]) -> str:
    """As `toc` does: a slug already used gets _1, then _2."""
    while slug in ids or not slug:
        m = _COUNT.match(slug)
        slug = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{slug}_1"
    return slug
