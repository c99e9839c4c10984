"""Stable ASCII URLs: `<column segment>/<slug>/`, the slug frozen in front matter or derived."""

from __future__ import annotations

import re

from gongkai.content.document import Document

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """吉林省2021年工作要点 → ji-lin-sheng-2021-nian-gong-zuo-yao-dian (tone marks stripped)."""
    if text.isascii():  # most file names already are: skip loading the pinyin dictionaries
        return _NON_SLUG.sub("-", text.lower()).strip("-")
    from pypinyin import lazy_pinyin

    words = lazy_pinyin(text)
    return "-".join(w for w in (_NON_SLUG.sub("-", w.lower()).strip("-") for w in words) if w)


def slug_of(doc: Document) -> str:
    if doc.meta and doc.meta.slug:
        return doc.meta.slug
    stem = doc.path.stem
    return slugify(stem) or slugify(doc.meta.title if doc.meta else "") or "doc"


def url_of(doc: Document) -> str:
    """Site-relative URL with a trailing slash, e.g. `gfxwj/2021-gzyd/`."""
    segment = doc.column.segment if doc.column else doc.src_uri.rsplit("/", 1)[0]
    return f"{segment}/{slug_of(doc)}/"
