"""One pass over the built HTML: every link (href/src) and every anchor (id/name) of every page.

A regular expression over the raw text is several times faster than an HTML parser and sees
the same attributes in the markup MkDocs and Material write. Only real tags are read (never text
inside them), so an escaped example like `&lt;a href="x"&gt;` in a code block is not a link.
"""

from __future__ import annotations

import html
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

# A start tag that carries at least one attribute we care about.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s([^<>]*?\b(?:href|src|id|name)\s*=[^<>]*)>")
_ATTR = re.compile(r"""(?:^|\s)(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>&]+))""")
# Inside code blocks `<` is always escaped, so only script/style bodies can hold fake tags.
_SKIP = re.compile(r"<(script|style|textarea)\b[^>]*>(?=[^<]*<[^/]).*?</\1>", re.S | re.I)


@dataclass(slots=True)
class Link:
    url: str
    tag: str
    offset: int  # character offset of the tag in the page text


@dataclass(slots=True)
class Page:
    dest: str  # path below site_dir, posix, e.g. gfxwj/a/index.html
    text: str
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    _newlines: list[int] | None = None

    def line_of(self, offset: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect_right(self._newlines, offset - 1) + 1


def _blank(m: re.Match[str]) -> str:
    # Keep offsets (and so line numbers) while hiding code blocks; keep the <pre>/<script> tag
    # itself, whose own id/src still count.
    opening = m.group(0).find(">") + 1
    body = m.group(0)[opening:]
    return m.group(0)[:opening] + re.sub(r"[^\n]", " ", body)


def scan_page(dest: str, text: str) -> Page:
    page = Page(dest, text)
    body = _SKIP.sub(_blank, text)
    for m in _TAG.finditer(body):
        tag = m.group(1).lower()
        for a in _ATTR.finditer(m.group(2)):
            name = a.group(1)
            value = (
                a.group(2)
                if a.group(2) is not None
                else a.group(3)
                if a.group(3) is not None
                else a.group(4)
            )
            if "&" in value:
                value = html.unescape(value)
            if name == "id" or (name == "name" and tag == "a"):
                page.ids.add(value)
            elif name in ("href", "src") and not (tag == "link" and "preconnect" in m.group(2)):
                page.links.append(Link(value.strip(), tag, m.start()))
    return page


def site_files(site_dir: Path) -> set[str]:
    """Every file below site_dir as a posix path relative to it."""
    out: set[str] = set()
    root = str(site_dir)
    for folder, _, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        out.update(prefix + n for n in names)
    return out


def scan_site(site_dir: Path, files: set[str] | None = None) -> dict[str, Page]:
    files = site_files(site_dir) if files is None else files
    pages: dict[str, Page] = {}
    for dest in sorted(f for f in files if f.endswith(".html")):
        text = (site_dir / dest).read_text(encoding="utf-8", errors="replace")
        pages[dest] = scan_page(dest, text)
    return pages
