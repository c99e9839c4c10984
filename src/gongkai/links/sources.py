"""From a built page back to the Markdown an editor wrote: file and line of a link."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from gongkai.content.document import Document
from gongkai.content.site import HOME, Site
from gongkai.content.text import offset_of_line


@dataclass(frozen=True)
class Source:
    rel: str  # path shown to the editor, e.g. content/gfxwj/a.md
    text: str
    doc: Document | None

    def find(self, url: str) -> tuple[int, int] | None:
        """Line and column where the link `url` (as it is in the HTML) is written, if found."""
        # in the body only: the front matter's review record names the files the body links to
        body = offset_of_line(self.text, self.doc.body_line) if self.doc is not None else 0
        for needle in _needles(url):
            at = self.text.find(needle, body)
            if at >= 0:
                at = _link_start(self.text, at)
                line = self.text.count("\n", 0, at) + 1
                return line, at - (self.text.rfind("\n", 0, at) + 1) + 1
        return None

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def _link_start(text: str, at: int) -> int:
    """Where the link holding the text at `at` starts: `old.md` is found in `(../gfxwj/old.md)`,
    the link is written from `../`."""
    while at > 0 and text[at - 1] not in "(<\"' \t\n":
        at -= 1
    return at


def _needles(url: str) -> list[str]:
    """How the link may be written in Markdown: as is, decoded, or as the .md MkDocs rewrote."""
    out = [url, unquote(url)]
    path, _, fragment = url.partition("#")
    path = path.split("?", 1)[0]
    stem = posixpath.basename(path.rstrip("/"))
    if stem and path.endswith("/") and stem not in ("..", "."):
        out += [f"{stem}.md", f"{stem}/"]
    if fragment:
        out += [f"#{fragment}", f"#{unquote(fragment)}"]
    return [n for n in dict.fromkeys(out) if n]


def source_map(site: Site) -> dict[str, Source]:
    """dest path in site/ (e.g. gfxwj/a/index.html) → the Markdown it was built from."""
    out: dict[str, Source] = {}
    for doc in site.valid_docs:
        url = site.urls.get(doc.src_uri)
        if url is not None:  # a withheld document has a page in the preview only
            out[url + "index.html"] = Source(doc.rel, doc.text, doc)
    home = site.ctx.config.docs_path / HOME
    if home.is_file():
        rel = _rel(home, site.ctx.config.root)
        out["index.html"] = Source(rel, home.read_text(encoding="utf-8", errors="replace"), None)
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
