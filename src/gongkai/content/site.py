"""The index of all documents, built once per run: every rule that needs the whole site uses it.

This module finds and reads the documents; `gongkai.engine` runs the rules over them.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from gongkai.config.context import Context
from gongkai.config.settings import Column
from gongkai.content.document import Document, read_document
from gongkai.content.parse_cache import ParseCache
from gongkai.content.validation import validate
from gongkai.content.validity import references
from gongkai.findings import Finding

HOME = "index.md"
T = TypeVar("T")
Listed = tuple[str, str, str | None]


@dataclass
class Site:
    ctx: Context
    docs: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    by_index: dict[str, Document] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> url
    published: set[str] = field(default_factory=set)  # src_uris that pass the gate
    checked: list[Document] = field(default_factory=list)  # documents the text rules ran on
    rule_findings: list[Finding] = field(default_factory=list)  # of the site rules, every path
    # (src_uri, url, 索引号) of every document, also when `check FILE` did not read them all
    directory: list[Listed] = field(default_factory=list)

    memos: dict[str, object] = field(default_factory=dict, repr=False)

    @cached_property
    def valid_docs(self) -> list[Document]:
        """Documents whose front matter passed the model (asked for once all are read)."""
        return [d for d in self.docs if d.meta is not None]

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """An index derived from the documents, made once per run (e.g. by a site rule)."""
        if key not in self.memos:
            self.memos[key] = make()
        return self.memos[key]  # type: ignore[return-value]

    def is_published(self, doc: Document) -> bool:
        return doc.src_uri in self.published

    @cached_property
    def referrers(self) -> dict[str, list[tuple[str, Document]]]:
        """索引号 → (reference kind, document) of every document pointing at it."""
        out: dict[str, list[tuple[str, Document]]] = {}
        for doc in self.valid_docs:
            for kind, _, target in references(doc):
                out.setdefault(target, []).append((kind, doc))
        return out


def discover(docs_path: Path) -> list[str]:
    """src_uris of every Markdown file under docs_dir, sorted.

    os.walk tells folders from files without a stat and does not enter linked folders; one that
    cannot be read is reported by the reader (GK001), not skipped here. A linked file is no
    document (`gongkai.content.published`).
    """
    found: list[str] = []
    for folder, _, names in os.walk(docs_path):
        prefix = os.path.relpath(folder, docs_path).replace(os.sep, "/")
        for name in names:
            if name.endswith(".md") and not os.path.islink(os.path.join(folder, name)):
                found.append(name if prefix == "." else f"{prefix}/{name}")
    return sorted(found, key=lambda s: s.split("/"))


def read(src_uri: str, ctx: Context, cache: ParseCache | None) -> tuple[Document, list[Finding]]:
    config = ctx.config
    doc, found = read_document(
        config.docs_path / src_uri, _rel(ctx, src_uri), src_uri, _column(ctx, src_uri), cache
    )
    if doc.raw and not found:
        found = validate(doc)
    return doc, found


def _rel(ctx: Context, src_uri: str) -> str:
    return rel_prefix(ctx) + src_uri


def rel_prefix(ctx: Context) -> str:
    """What turns a src_uri (normalised by `discover`) into a repo-relative path."""
    docs_dir = posixpath.normpath(ctx.config.docs_dir)
    return "" if docs_dir == "." else f"{docs_dir}/"


def _column(ctx: Context, src_uri: str) -> Column | None:
    parts = src_uri.split("/")
    return ctx.config.column_by_segment(parts[0]) if len(parts) == 2 else None


def column_docs(site: Site, column: Column) -> list[Document]:
    """The published documents of a column, newest first."""
    docs = [d for d in site.valid_docs if d.column == column and site.is_published(d)]
    return sorted(docs, key=lambda d: (d.meta.published, d.meta.index_no or ""), reverse=True)
