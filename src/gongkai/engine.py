"""One engine, three doors: the `check` command, the MkDocs hooks and CI all call `run`.

The engine reads the site (`gongkai.content.site`), runs every rule of the catalogue over it, applies
the directives and severity overrides, and decides what is published (the gate).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from gongkai.config.context import Context, today_from_env
from gongkai.config.settings import CONFIG_NAME, ConfigError, load_config
from gongkai.content import directives
from gongkai.content.document import Document
from gongkai.content.parse_cache import Entry, Key, ParseCache, site_key
from gongkai.content.published import escaping_links
from gongkai.content.site import HOME, Site, discover, read, rel_prefix
from gongkai.content.urls import url_of
from gongkai.findings import Finding, Severity
from gongkai.ledger.records import LEDGER_DIR, ledger_files
from gongkai.processes import in_forks, workers_for
from gongkai.registry.laws import registry_files
from gongkai.rules import catalog
from gongkai.rules.disclosure import blocks_publication, lowered_withholding
from gongkai.rules.public_text import home_findings


def make_context(root: Path) -> Context:
    config = load_config(root)
    unknown = sorted(set(config.severity) - set(catalog.load_all()))
    if unknown:
        raise ConfigError(f"gongkai.yml 的 severity 中有不存在的规则：{'、'.join(unknown)}")
    return Context(config=config, today=today_from_env())


def run(root: Path, paths: Sequence[Path] = ()) -> Site:
    """Index the whole content tree at `root`; run the document rules on `paths` (all if none)."""
    wanted = _wanted(root, paths)
    focus = None if wanted is None else (lambda rel: _matches(rel, wanted))
    return build_site(make_context(root), focus=focus)


def _wanted(root: Path, paths: Sequence[Path]) -> list[str] | None:
    """Repo-relative forms of the given files or folders; None means everything."""
    if not paths:
        return None
    wanted: list[str] = []
    for p in paths:
        # A link is named where it is written: GK001 says where it leads.
        resolved = p.parent.resolve() / p.name if p.is_symlink() else p.resolve()
        if not (resolved.exists() or resolved.is_symlink()):
            raise ConfigError(f"{p}: 文件或目录不存在")
        try:
            wanted.append(
                resolved.relative_to(root.resolve()).as_posix()
                if resolved != root.resolve()
                else ""
            )
        except ValueError:
            raise ConfigError(f"{p}: 不在项目目录 {root} 中") from None
    return wanted


def _matches(rel: str, wanted: list[str]) -> bool:
    return any(w == "" or rel == w or rel.startswith(w.rstrip("/") + "/") for w in wanted)


def select(site: Site, paths: Sequence[Path]) -> list[Finding]:
    """The findings that concern the given files or folders (all when none are given)."""
    wanted = _wanted(site.ctx.config.root, paths)
    if wanted is None:
        return site.findings
    if any(_matches(site.ctx.config.docs_dir, [w]) for w in wanted):
        wanted.append(CONFIG_NAME)  # the whole column checked: what gongkai.yml says of it too
    # The ledgers are checked by every run and belong to no document: always reported.
    ledgers = f"{LEDGER_DIR}/"
    return [f for f in site.findings if _matches(f.path, wanted) or f.path.startswith(ledgers)]


def concerned(site: Site, paths: Sequence[Path]) -> list[Document]:
    """The documents the given files or folders name (all when none are given), readable or not."""
    wanted = _wanted(site.ctx.config.root, paths)
    return [d for d in site.docs if wanted is None or _matches(d.rel, wanted)]


def withheld(site: Site, docs: list[Document]) -> dict[str, Finding]:
    """Each of `docs` the gate keeps off the site, with the first reason (an error first)."""
    reasons: dict[str, Finding] = {}
    for f in sorted(site.findings, key=lambda f: f.severity is not Severity.ERROR):
        if blocks_publication(f):
            reasons.setdefault(f.path, f)
    return {d.rel: reasons[d.rel] for d in docs if d.src_uri not in site.published}


def site_inputs(root: Path) -> list[Path]:
    """Every file the site rules read besides the documents' front matter.

    They are hashed into `site_key`; `tests/test_parse_cache.py` watches the files the site rules open: a rule that starts reading
    another file must add it here, or `check FILE` would report stale findings.
    """
    return [root / "gongkai.yml", root / "mkdocs.yml", *registry_files(root), *ledger_files(root)]


def _gate(site: Site) -> None:
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
    config = ctx.config
    site.findings += escaping_links(config.docs_path, config.root, rel_prefix(ctx))
    site.findings += home_findings(ctx)
    # <!-- gongkai-disable … --> in the documents checked or reported on
    concerned = {f.path for f in site.findings} | {d.rel for d in site.checked}
    site.findings = directives.apply(
        [d for d in site.docs if d.rel in concerned], site.findings, catalog.load_all()
    )
    overrides = severity if severity is not None else ctx.config.severity
    found = [_with_severity(f, overrides) for f in site.findings]
    notes = lowered_withholding(ctx, catalog.load_all(), found, {d.rel for d in site.docs})
    found += (_with_severity(f, overrides) for f in notes)
    site.findings = sorted(found, key=Finding.sort_key)
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
        checked_early = _read_and_check_in_forks(ctx, cache, src_uris, focus)
        for src_uri in src_uris:
            doc, found = read(src_uri, ctx, cache)
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
    site.directory = [(d.src_uri, site.urls[d.src_uri], d.meta.index_no) for d in site.valid_docs]
    site.checked = [d for d in site.valid_docs if focus is None or focus(d.rel)]
    if checked_early is None:
        checked_early = document_findings(site.checked, ctx)
    site.findings.extend(checked_early)
    found = catalog.run(catalog.by_scope("site"), site, ctx)
    cache.snapshot = (
        site_key(
            ctx.today, site_inputs(ctx.config.root), ((d.rel, d.block_hash) for d in site.docs)
        ),
        found,
        site.directory,
    )
    site.findings.extend(found)
    site.rule_findings = found
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
    prefix, docs_path = rel_prefix(ctx), os.fspath(ctx.config.docs_path)
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
        doc, found = read(src_uri, ctx, cache if len(focused) > FRESH_UP_TO else None)
        site.docs.append(doc)
        site.findings.extend(found)
        blocks.append((doc.rel, doc.block_hash))
    key, found, site.directory = cache.old_snapshot
    if site_key(ctx.today, site_inputs(ctx.config.root), blocks) != key:
        return None
    site.checked = site.valid_docs
    site.findings.extend(document_findings(site.checked, ctx))
    site.findings.extend(f for f in found if focus(f.path) or not f.path.startswith(prefix))
    site.rule_findings = found
    return site


def withholding(site: Site, src_uri: str) -> tuple[Document, Finding | None] | None:
    """A document of the content tree and the finding that withholds it (None: published).

    A document this run checked is judged as the run judged it; any other (the target of a link,
    when `check` was given files) is read and checked now, alone, as a whole run would judge it.
    None when there is no such file.
    """
    doc = site.memo("docs by src_uri", lambda: {d.src_uri: d for d in site.docs}).get(src_uri)
    checked = site.memo("checked src_uris", lambda: {d.src_uri for d in site.checked})
    if doc is not None and (doc.meta is None or src_uri in checked):
        blocking = site.memo("first blocking", lambda: _first_blocking(site.findings))
        return doc, blocking.get(doc.rel)
    if not (site.ctx.config.docs_path / src_uri).is_file():
        return None
    doc, found = read(src_uri, site.ctx, None)
    if doc.meta is not None:
        found += _check_docs([doc], site.ctx)
        by_path = site.memo("site rule findings by path", lambda: _by_path(site.rule_findings))
        found += by_path.get(doc.rel, [])
    found = directives.apply([doc], found, catalog.load_all())
    found = [_with_severity(f, site.ctx.config.severity) for f in found]
    return doc, _first_blocking(found).get(doc.rel)


def _first_blocking(found: list[Finding]) -> dict[str, Finding]:
    """Path → its first finding (in report order) that withholds the document."""
    out: dict[str, Finding] = {}
    for f in sorted(found, key=Finding.sort_key):
        if blocks_publication(f):
            out.setdefault(f.path, f)
    return out


def _by_path(found: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in found:
        out.setdefault(f.path, []).append(f)
    return out


PARALLEL_FROM = 400  # documents; below this a process pool costs more than it saves


def _read_and_check_in_forks(
    ctx: Context, cache: ParseCache, src_uris: list[str], focus: Callable[[str], bool] | None
) -> list[Finding] | None:
    """On a big site, the documents read, parsed and checked by the document rules in workers.

    Parsing front matter is most of reading a document, and the document rules need nothing but
    their document: each worker reads its share, runs the rules on the documents that will be
    checked, and sends back their findings and each front matter it parsed. The parse goes
    into `cache`, so the reading that follows in this process parses nothing; its result is the
    same as a reading here. None on a small site, or where there is no fork: the caller reads
    and checks itself.
    """
    workers = workers_for(len(src_uris), PARALLEL_FROM)
    if workers < 2 or len(src_uris) < PARALLEL_FROM:
        return None
    # The first document read and checked here: what the rules load once (the regulation
    # registry, word tables) is then loaded before the fork, for every worker, instead of in each.
    first = _read_and_check(ctx, cache, src_uris[:1], focus)
    rest = src_uris[1:]
    shares = in_forks(
        lambda i, j: [_read_and_check(ctx, cache, rest[i:j], focus)], len(rest), workers
    )
    if shares is None:
        return None
    found: list[Finding] = []
    for parsed, share_found in [first, *shares]:
        for key, entry in parsed:
            cache.put(key, entry)
        found += share_found
    return found


def _read_and_check(
    ctx: Context, cache: ParseCache, src_uris: list[str], focus: Callable[[str], bool] | None
) -> tuple[list[tuple[Key, Entry]], list[Finding]]:
    """(the front matters parsed afresh, the document rules' findings) of these documents."""
    parsed: list[tuple[Key, Entry]] = []
    docs: list[Document] = []
    for src_uri in src_uris:
        misses = cache.misses
        doc, _ = read(src_uri, ctx, cache)
        if cache.misses > misses:
            key = (doc.rel, doc.block_hash)
            parsed.append((key, cache.used[key]))
        if doc.meta is not None and (focus is None or focus(doc.rel)):
            docs.append(doc)
    return parsed, _check_docs(docs, ctx)


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
    workers = workers_for(len(docs), parallel_from) if workers is None else workers
    if workers < 2 or len(docs) < parallel_from:
        return _check_docs(docs, ctx)
    # The first document checked here: what the rules load once (the regulation registry, word
    # tables) is then loaded before the fork, for every worker, instead of once in each.
    first = _check_docs(docs[:1], ctx)
    rest = docs[1:]
    found = in_forks(lambda i, j: _check_docs(rest[i:j], ctx), len(rest), workers)
    return first + (_check_docs(rest, ctx) if found is None else found)


def _check_docs(docs: list[Document], ctx: Context) -> list[Finding]:
    return [f for doc in docs for r in catalog.by_scope("document") for f in r.check(doc, ctx)]


def _with_severity(f: Finding, overrides: dict[str, Severity]) -> Finding:
    level = overrides.get(f.rule)
    if level is None or level == f.severity:
        return f
    given = f.rule_severity or f.severity
    return Finding(f.path, f.line, f.column, f.rule, level, f.message, f.fix, given)
