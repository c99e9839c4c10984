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
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai.content import attachments
from gongkai.content.site import Site
from gongkai.content.text import secrecy_text
from gongkai.processes import in_forks, workers_for
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
        self.hit_lines: set[str] = set()  # the lines of the memo that said something

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
        lines = dict.fromkeys(markup.splitlines())
        new = [line for line in lines if line not in self.memo]
        out: list[str] = []
        if not self.hit_lines.isdisjoint(lines):
            out = [what for line in lines if line in self.hit_lines for what in self.memo[line]]
        if new:
            together = self.says(_visible("\n".join(new)))
            out += together
            if len(self.memo) + len(new) > self.MEMO:
                self.memo.clear()
                self.hit_lines.clear()
            for line in new:
                said = self.says(_visible(line)) if together else []
                self.memo[line] = said
                if said:
                    self.hit_lines.add(line)
        return list(dict.fromkeys(out))

    def file(self, path: Path, shown: str) -> list[Hit]:
        if path.is_symlink() and not path.is_file():
            return [Hit(shown, "是指向目录或不存在的文件的链接，无法检查")]
        try:
            if path.suffix.lower() in PAGES:
                return [Hit(shown, f"有{what}") for what in self.page(_read(path))]
            parts = list(texts(path))
        except (attachments.AttachmentError, EOFError, gzip.BadGzipFile) as e:
            return [Hit(shown, f"无法检查（{e}）")]
        except OSError:
            return [Hit(shown, "无法读取，未能检查")]
        if not self.says("\n".join(text for _, text in parts)):
            return []  # the usual case: a catalogue's thousands of cells searched at once
        return [
            Hit(shown, f"{f'（{where}）' if where else ''}有{what}")
            for where, text in parts
            for what in self.says(text)
        ]


PARALLEL_FROM = 2_000  # files: below, forking costs more than it saves


def files(site_dir: Path) -> list[Path]:
    """Every file under site_dir, in path order, and every link to a directory (a hit: the
    server would serve what it points to, which was not searched)."""
    out: list[tuple[tuple[str, ...], Path]] = []
    for folder, dirs, names in os.walk(site_dir):
        base = Path(folder)
        linked = [d for d in dirs if (base / d).is_symlink()]
        for name in names + linked:
            path = base / name
            out.append((path.relative_to(site_dir).parts, path))
    return [path for _, path in sorted(out)]


def scan(site_dir: Path, shown_as: str, site: Site, today: dt.date) -> list[Hit]:
    """Every hit in every file under site_dir, in file order."""
    wanted = needles(site)
    out: list[Hit] = []
    for url in (site.urls[d.src_uri] for d in site.docs if d.src_uri in site.urls):
        if url in wanted and (site_dir / url / "index.html").exists():
            out.append(Hit(f"{shown_as}/{url}index.html", f"是{wanted[url]}的页面"))
    reader = Reader(wanted, lawful_numbers(site), today)
    paths = files(site_dir)

    def read(start: int, stop: int) -> list[Hit]:
        return [
            hit
            for path in paths[start:stop]
            for hit in reader.file(path, f"{shown_as}/{path.relative_to(site_dir).as_posix()}")
        ]

    workers = workers_for(len(paths), PARALLEL_FROM)
    found = in_forks(read, len(paths), workers) if workers > 1 else None
    return out + (read(0, len(paths)) if found is None else found)
