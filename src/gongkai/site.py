"""The index of all documents, built once per run: every rule that needs the whole site uses it."""

from __future__ import annotations

import gc
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from gongkai import directives, model, rules
from gongkai.config import Column
from gongkai.context import Context
from gongkai.document import Document, read_document
from gongkai.findings import Finding, Severity
from gongkai.parse_cache import ParseCache, site_key
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
    """src_uris of every Markdown file under docs_dir, sorted.

    os.walk tells folders from files without a stat; one that cannot be read is reported by the
    reader (GK001), not skipped here.
    """
    found: list[str] = []
    for folder, _, names in os.walk(docs_path):
        prefix = os.path.relpath(folder, docs_path).replace(os.sep, "/")
        for name in names:
            if name.endswith(".md"):
                found.append(name if prefix == "." else f"{prefix}/{name}")
    return sorted(found, key=lambda s: s.split("/"))


def _read(src_uri: str, ctx: Context, cache: ParseCache | None) -> tuple[Document, list[Finding]]:
    config = ctx.config
    doc, found = read_document(
        config.docs_path / src_uri, _rel(ctx, src_uri), src_uri, _column(ctx, src_uri), cache
    )
    if doc.raw and not found:
        found = model.validate(doc)
    return doc, found


def _rel(ctx: Context, src_uri: str) -> str:
    return _rel_prefix(ctx) + src_uri


def _rel_prefix(ctx: Context) -> str:
    """What turns a src_uri (normalised by `discover`) into a repo-relative path."""
    docs_dir = posixpath.normpath(ctx.config.docs_dir)
    return "" if docs_dir == "." else f"{docs_dir}/"


def _column(ctx: Context, src_uri: str) -> Column | None:
    parts = src_uri.split("/")
    return ctx.config.column_by_segment(parts[0]) if len(parts) == 2 else None


def _gate(site: Site) -> None:
    from gongkai.rules.disclosure import blocks_publication

    blocked = {f.path for f in site.findings if blocks_publication(f)}
    site.published = {d.src_uri for d in site.valid_docs if d.rel not in blocked}


def build_site(
    ctx: Context,
    severity: dict[str, Severity] | None = None,
    focus: Callable[[str], bool] | None = None,
    cache: ParseCache | None = None,
) -> Site:
    """Read every document under docs_dir, run all rules, apply the publication gate.

    With `focus` (a test on the repo-relative path), the document rules run only on the matching
    documents: the editor checking one file pays for its text rules, not for the whole site's.
    When nothing else changed since the last run, the site is not indexed at all (`_focused`):
    the site holds the focus documents only, with every finding that concerns them.
    A `cache` given by the caller is saved by the caller (the build: once the pages are written).
    """
    # Checking some files: the others are taken from the cache when untouched since the last run.
    own_cache = cache is None
    if cache is None:
        cache = ParseCache(ctx.config.root, trust_stat=focus is not None)
    src_uris = [u for u in discover(ctx.config.docs_path) if u != HOME]
    site = None if focus is None else _focused(ctx, cache, src_uris, focus)
    if site is None:
        site = _indexed(ctx, cache, src_uris, focus)
        if own_cache:
            cache.save()
    # <!-- gongkai-disable … --> in the documents checked or reported on
    concerned = {f.path for f in site.findings} | {d.rel for d in site.checked}
    site.findings = directives.apply([d for d in site.docs if d.rel in concerned], site.findings)
    overrides = severity if severity is not None else ctx.config.severity
    site.findings = sorted(
        (_with_severity(f, overrides) for f in site.findings), key=Finding.sort_key
    )
    _gate(site)
    return site


def _indexed(
    ctx: Context, cache: ParseCache, src_uris: list[str], focus: Callable[[str], bool] | None
) -> Site:
    """The whole site read, with every rule run; the site findings are kept for `_focused`."""
    site = Site(ctx)
    collecting = gc.isenabled()
    gc.disable()  # the documents live to the end of the run: nothing to collect while reading
    try:
        for src_uri in src_uris:
            doc, found = _read(src_uri, ctx, cache)
            site.docs.append(doc)
            site.findings.extend(found)
    finally:
        if collecting:
            gc.enable()
    for doc in site.valid_docs:
        site.urls[doc.src_uri] = url_of(doc)
        assert doc.meta is not None
        if doc.meta.index_no:
            site.by_index.setdefault(doc.meta.index_no, doc)
    site.checked = [d for d in site.valid_docs if focus is None or focus(d.rel)]
    site.findings.extend(document_findings(site.checked, ctx))
    found = rules.run(rules.by_scope("site"), site, ctx)
    cache.snapshot = (site_key(ctx, ((d.rel, d.block_hash) for d in site.docs)), found)
    site.findings.extend(found)
    return site


FRESH_UP_TO = 50  # focus documents parsed without loading the front-matter cache


def _focused(
    ctx: Context, cache: ParseCache, src_uris: list[str], focus: Callable[[str], bool]
) -> Site | None:
    """The focus documents read and checked, the site findings taken from the last run.

    Only when every other document is untouched since that run (size and time, as git does) and
    the site rules' inputs hash the same (`site_key`): the focus documents' bodies may have
    changed, their front matter not. None when anything else changed.
    """
    if cache.old_snapshot is None:
        return None
    focused: list[str] = []
    blocks: list[tuple[str, bytes]] = []
    prefix, docs_path = _rel_prefix(ctx), os.fspath(ctx.config.docs_path)
    for src_uri in src_uris:
        rel = prefix + src_uri
        if focus(rel):
            focused.append(src_uri)
            continue
        try:
            seen = cache.seen_block(rel, os.stat(f"{docs_path}/{src_uri}"))
        except OSError:
            return None
        if seen is None:
            return None
        blocks.append(seen[2])
    site = Site(ctx)
    for src_uri in focused:
        doc, found = _read(src_uri, ctx, cache if len(focused) > FRESH_UP_TO else None)
        site.docs.append(doc)
        site.findings.extend(found)
        blocks.append((doc.rel, doc.block_hash))
    key, found = cache.old_snapshot
    if site_key(ctx, blocks) != key:
        return None
    site.checked = site.valid_docs
    site.findings.extend(document_findings(site.checked, ctx))
    site.findings.extend(f for f in found if focus(f.path))
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
    if workers < 2 or len(docs) < parallel_from:
        return _check_docs(docs, ctx)
    import multiprocessing as mp  # not needed (nor imported) to check a few files
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in mp.get_all_start_methods():
        return _check_docs(docs, ctx)
    # The first document checked here: what the rules load once (the regulation registry, word
    # tables) is then loaded before the fork, for every worker, instead of once in each.
    first = _check_docs(docs[:1], ctx)
    global _FORKED
    _FORKED = (docs, ctx)
    step = max(1, (len(docs) - 1) // (workers * 4))
    spans = [(i, i + step) for i in range(1, len(docs), step)]
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            return first + [f for part in pool.map(_check_span, spans) for f in part]
    finally:
        _FORKED = None


def _check_docs(docs: list[Document], ctx: Context) -> list[Finding]:
    return [f for doc in docs for r in rules.by_scope("document") for f in r.check(doc, ctx)]


def _with_severity(f: Finding, overrides: dict[str, Severity]) -> Finding:
    level = overrides.get(f.rule)
    if level is None or level == f.severity:
        return f
    return Finding(f.path, f.line, f.column, f.rule, level, f.message, f.fix)
