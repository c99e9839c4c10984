"""Every file of a built site searched for withheld documents and for GK21x hits.

What is withheld is computed from `content/` by the engine, never read from the site, so a site
built by another engine (one that ignored our hooks) is verified the same way. Pages are searched
in their visible text (tags removed, character references decoded), Pagefind's gzip files
decompressed, attachments read by their real type (`gongkai.content.attachments`), everything
else as text. A file of any other type cannot be checked and is a hit too. A personal number
that a published document shows with a legal basis (`pii_basis`) is no hit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai.content import attachments
from gongkai.content.site import Site
from gongkai.content.text import secrecy_text
from gongkai.rules.public_text import hits

MIN_TITLE = 6  # characters: a shorter withheld title would match ordinary text
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)
PAGES = frozenset({".html", ".htm", ".xml"})
# Files of the site's machinery (theme, Pagefind), searched as text.
AS_TEXT = frozenset({".js", ".css", ".map", ".wasm", ".pagefind", ".gz", ".ico", ".woff", ".woff2"})
AS_TEXT |= {".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"}


@dataclass(frozen=True)
class Hit:
    file: str  # as shown: site/gfxwj/a/index.html
    what: str


def needles(site: Site) -> dict[str, str]:
    """What of each withheld document must not appear: 索引号, title, address → what it is."""
    shown = {d.meta.title for d in site.valid_docs if site.is_published(d)}  # type: ignore[union-attr]
    out: dict[str, str] = {}
    for doc in site.docs:
        if site.is_published(doc):
            continue
        raw = doc.raw if isinstance(doc.raw, dict) else {}
        index_no, title = raw.get("index_no"), raw.get("title")
        if isinstance(index_no, str) and index_no.strip():
            out[index_no.strip()] = f"不发布文档 {doc.rel} 的索引号“{index_no.strip()}”"
        if isinstance(title, str) and len(title.strip()) >= MIN_TITLE and title not in shown:
            out[title.strip()] = f"不发布文档 {doc.rel} 的标题“{title.strip()}”"
        if doc.src_uri in site.urls:
            out[site.urls[doc.src_uri]] = f"不发布文档 {doc.rel} 的地址“{site.urls[doc.src_uri]}”"
    return out


def lawful_numbers(site: Site) -> set[str]:
    """The personal numbers published documents may show: those that give `pii_basis`."""
    out: set[str] = set()
    for doc in site.valid_docs:
        if not (site.is_published(doc) and doc.meta and doc.meta.pii_basis):
            continue
        parts = [secrecy_text(doc).masked]
        for name, _ in attachments.local_files(doc):
            path = site.ctx.config.docs_path / attachments.used_src_uri(doc, name)
            with contextlib.suppress(attachments.AttachmentError, OSError):
                parts += [c.text for c in attachments.chunks(path)]
        out |= {h.number for text in parts for h in hits(text, site.ctx.today) if h.number}
    return out


def texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of a built file that is not a page; AttachmentError when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix in attachments.PUBLISHABLE:
        for chunk in attachments.chunks(path):
            yield chunk.where, chunk.text
        return
    if suffix not in AS_TEXT:
        raise attachments.AttachmentError(f"{suffix[1:].upper() or '没有扩展名的'}文件无法检查")
    yield "", _read(path)


def _read(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def _visible(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", markup))


class Reader:
    """What the files say; a line many pages share (nav, header, footer) is searched once."""

    MEMO = 200_000  # lines remembered, then forgotten all at once

    def __init__(self, wanted: dict[str, str], lawful: set[str], today: dt.date) -> None:
        self.wanted = wanted
        self.lawful = lawful
        self.pattern = re.compile("|".join(map(re.escape, sorted(wanted, key=len, reverse=True))))
        self.today = today
        self.memo: dict[str, list[str]] = {}

    def says(self, text: str) -> list[str]:
        """What of a withheld document, which marking or number a text holds."""
        found = (
            [self.wanted[m] for m in dict.fromkeys(self.pattern.findall(text))]
            if self.wanted
            else []
        )
        return found + [h.what for h in hits(text, self.today) if h.number not in self.lawful]

    def page(self, markup: str) -> list[str]:
        """The same in a page's visible text (tags removed, character references decoded).

        The lines no earlier page had are searched together, once; only when they hold a hit is
        each searched alone, so that a later page sharing one of them reports it too.
        """
        out: list[str] = []
        new: list[str] = []
        for line in dict.fromkeys(markup.splitlines()):
            said = self.memo.get(line)
            if said is None:
                new.append(line)
            else:
                out += said
        if new:
            together = self.says(_visible("\n".join(new)))
            out += together
            if len(self.memo) + len(new) > self.MEMO:
                self.memo.clear()
            for line in new:
                self.memo[line] = self.says(_visible(line)) if together else []
        return list(dict.fromkeys(out))

    def file(self, path: Path, shown: str) -> list[Hit]:
        try:
            if path.suffix.lower() in PAGES:
                return [Hit(shown, f"有{what}") for what in self.page(_read(path))]
            parts = list(texts(path))
        except (attachments.AttachmentError, OSError, EOFError, gzip.BadGzipFile) as e:
            return [Hit(shown, f"无法检查（{e}）")]
        if not self.says("\n".join(text for _, text in parts)):
            return []  # the usual case: a catalogue's thousands of cells searched at once
        return [
            Hit(shown, f"{f'（{where}）' if where else ''}有{what}")
            for where, text in parts
            for what in self.says(text)
        ]


def scan(site_dir: Path, shown_as: str, site: Site, today: dt.date) -> list[Hit]:
    """Every hit in every file under site_dir, in file order."""
    wanted = needles(site)
    out: list[Hit] = []
    for url in (site.urls[d.src_uri] for d in site.docs if d.src_uri in site.urls):
        if url in wanted and (site_dir / url / "index.html").exists():
            out.append(Hit(f"{shown_as}/{url}index.html", f"是{wanted[url]}的页面"))
    reader = Reader(wanted, lawful_numbers(site), today)
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        out += reader.file(path, f"{shown_as}/{path.relative_to(site_dir).as_posix()}")
    return out
