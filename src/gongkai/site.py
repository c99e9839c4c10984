"""The index of all documents, built once per run: every rule that needs the whole site uses it."""

from __future__ import annotations

import multiprocessing as mp
import os
import posixpath
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from gongkai import directives, model, rules
from gongkai.context import Context
from gongkai.document import Document, read_document
from gongkai.findings import Finding, Severity
from gongkai.parse_cache import ParseCache
from gongkai.urls import url_of

HOME = "index.md"
T = TypeVar("T")


@dataclass
class Site:
    ctx: Context
    docs: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    by_index: dict[str, Document] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> url
    published: set[str] = field(default_factory=set)  # src_uris that pass the gate
    checked: list[Document] = field(default_factory=list)  # documents the text rules ran on

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
        from gongkai.rules.validity import references

        out: dict[str, list[tuple[str, Document]]] = {}
        for doc in self.valid_docs:
            for kind, _, target in references(doc):
                out.setdefault(target, []).append((kind, doc))
        return out


def discover(docs_path: Path) -> list[str]:
    """src_uris of every Markdown file under docs_dir, sorted (os.walk: 10,000 files add up)."""
    found: list[str] = []
    for folder, _, names in os.walk(docs_path):
        prefix = os.path.relpath(folder, docs_path).replace(os.sep, "/")
        for name in names:
            if name.endswith(".md") and os.path.isfile(os.path.join(folder, name)):
                found.append(name if prefix == "." else f"{prefix}/{name}")
    return sorted(found, key=lambda s: s.split("/"))


def _read(src_uri: str, ctx: Context, cache: ParseCache | None) -> tuple[Document, list[Finding]]:
    config = ctx.config
    rel = posixpath.normpath(posixpath.join(config.docs_dir, src_uri))
    parts = src_uri.split("/")
    column = config.column_by_segment(parts[0]) if len(parts) == 2 else None
    doc, found = read_document(config.docs_path / src_uri, rel, src_uri, column, cache)
    if doc.raw and not found:
        found = model.validate(doc)
    return doc, found


def _gate(site: Site) -> None:
    from gongkai.rules.disclosure import blocks_publication

    blocked = {f.path for f in site.findings if blocks_publication(f)}
    site.published = {d.src_uri for d in site.valid_docs if d.rel not in blocked}


def build_site(
    ctx: Context,
    severity: dict[str, Severity] | None = None,
    focus: Callable[[str], bool] | None = None,
) -> Site:
    """Read every document under docs_dir, run all rules, apply the publication gate.

    With `focus` (a test on the repo-relative path), the document rules run only on the matching
    documents: the editor checking one file pays for its text rules, not for the whole site's.
    """
    site = Site(ctx)
    # Checking some files: the others are taken from the cache when untouched since the last run.
    cache = ParseCache(ctx.config.root, trust_stat=focus is not None)
    for src_uri in discover(ctx.config.docs_path):
        if src_uri == HOME:
            continue
        doc, found = _read(src_uri, ctx, cache)
        site.docs.append(doc)
        site.findings.extend(found)
    cache.save()
    for doc in site.valid_docs:
        site.urls[doc.src_uri] = url_of(doc)
        assert doc.meta is not None
        if doc.meta.index_no:
            site.by_index.setdefault(doc.meta.index_no, doc)
    site.checked = [d for d in site.valid_docs if focus is None or focus(d.rel)]
    site.findings.extend(document_findings(site.checked, ctx))
    site.findings.extend(rules.run(rules.by_scope("site"), site, ctx))
    # <!-- gongkai-disable … --> in the documents checked or reported on
    concerned = {f.path for f in site.findings} | {d.rel for d in site.checked}
    site.findings = directives.apply([d for d in site.docs if d.rel in concerned], site.findings)
    overrides = severity if severity is not None else ctx.config.severity
    site.findings = sorted(
        (_with_severity(f, overrides) for f in site.findings), key=Finding.sort_key
    )
    _gate(site)
    return site


PARALLEL_FROM = 400  # documents; below this a process pool costs more than it saves
_FORKED: tuple[list[Document], Context] | None = None


def _check_span(span: tuple[int, int]) -> list[Finding]:
    assert _FORKED is not None
    docs, ctx = _FORKED
    return _check_docs(docs[span[0] : span[1]], ctx)


def document_findings(
    docs: list[Document],
    ctx: Context,
    workers: int | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> list[Finding]:
    """Run every document-scope rule; on a big site, in forked worker processes.

    The rules only read their document, so forked workers see the parsed documents without any
    copying and send back their findings; the result is the same as the sequential run.
    """
    workers = min(os.cpu_count() or 1, 4) if workers is None else workers
    if workers < 2 or len(docs) < parallel_from or "fork" not in mp.get_all_start_methods():
        return _check_docs(docs, ctx)
    global _FORKED
    _FORKED = (docs, ctx)
    step = max(1, len(docs) // (workers * 4))
    spans = [(i, i + step) for i in range(0, len(docs), step)]
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            return [f for part in pool.map(_check_span, spans) for f in part]
    finally:
        _FORKED = None


def _check_docs(docs: list[Document], ctx: Context) -> list[Finding]:
    return [f for doc in docs for r in rules.by_scope("document") for f in r.check(doc, ctx)]


def _with_severity(f: Finding, overrides: dict[str, Severity]) -> Finding:
    level = overrides.get(f.rule)
    if level is None or level == f.severity:
        return f
    return Finding(f.path, f.line, f.column, f.rule, level, f.message, f.fix)
