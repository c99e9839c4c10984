"""Every file of a built site searched for withheld documents and for GK21x hits.

What is withheld is computed from `content/` by the engine, never read from the site, so a site
built by another engine (one that ignored our hooks) is verified the same way. Pages are searched
in their visible text (tags removed, character references decoded), Pagefind's gzip files
decompressed, attachments read by their real type (`gongkai.content.attachments`), everything
else as text. A file of any other type cannot be checked and is a hit too.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai.content import attachments
from gongkai.content.site import Site
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


def texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of one built file; AttachmentError when its type cannot be read."""
    suffix = path.suffix.lower()
    if suffix in attachments.PUBLISHABLE and suffix not in PAGES:
        for chunk in attachments.chunks(path):
            yield chunk.where, chunk.text
        return
    if suffix not in PAGES | AS_TEXT:
        raise attachments.AttachmentError(f"{suffix[1:].upper() or '没有扩展名的'}文件无法检查")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    yield "", html.unescape(_TAG.sub(" ", text)) if suffix in PAGES else text


def scan(site_dir: Path, shown_as: str, site: Site, today: dt.date) -> list[Hit]:
    """Every hit in every file under site_dir, in file order."""
    wanted = needles(site)
    found = re.compile("|".join(map(re.escape, sorted(wanted, key=len, reverse=True))))
    out: list[Hit] = []
    for url in (site.urls[d.src_uri] for d in site.docs if d.src_uri in site.urls):
        if url in wanted and (site_dir / url / "index.html").exists():
            out.append(Hit(f"{shown_as}/{url}index.html", f"是{wanted[url]}的页面"))
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        shown = f"{shown_as}/{path.relative_to(site_dir).as_posix()}"
        out += _file_hits(path, shown, wanted, found if wanted else None, today)
    return out


def _file_hits(
    path: Path, shown: str, wanted: dict[str, str], found: re.Pattern[str] | None, today: dt.date
) -> list[Hit]:
    try:
        parts = list(texts(path))
    except (attachments.AttachmentError, OSError, EOFError, gzip.BadGzipFile) as e:
        return [Hit(shown, f"无法检查（{e}）")]
    out: list[Hit] = []
    for where, text in parts:
        at = f"（{where}）" if where else ""
        if found is not None:
            out += [Hit(shown, f"{at}有{wanted[m]}") for m in dict.fromkeys(found.findall(text))]
        out += [Hit(shown, f"{at}有{h.what}") for h in hits(text, today)]
    return out
