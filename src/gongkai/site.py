"""The index of all documents, built once per run: every rule that needs the whole site uses it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from gongkai import directives, model, rules
from gongkai.context import Context
from gongkai.document import Document, read_document
from gongkai.findings import Finding, Severity
from gongkai.urls import url_of

HOME = "index.md"


@dataclass
class Site:
    ctx: Context
    docs: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    by_index: dict[str, Document] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> url
    published: set[str] = field(default_factory=set)  # src_uris that pass the gate

    @property
    def valid_docs(self) -> list[Document]:
        """Documents whose front matter passed the model."""
        return [d for d in self.docs if d.meta is not None]

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


def discover(docs_path: Path) -> list[Path]:
    return sorted(p for p in docs_path.rglob("*.md") if p.is_file())


def _read(path: Path, ctx: Context) -> tuple[Document, list[Finding]]:
    config = ctx.config
    src_uri = path.relative_to(config.docs_path).as_posix()
    rel = path.relative_to(config.root).as_posix()
    parts = src_uri.split("/")
    column = config.column_by_segment(parts[0]) if len(parts) == 2 else None
    doc, found = read_document(path, rel, src_uri, column)
    if doc.raw and not found:
        found = model.validate(doc)
    return doc, found


def _gate(site: Site) -> None:
    from gongkai.rules.disclosure import blocks_publication

    blocked = {f.path for f in site.findings if blocks_publication(f)}
    site.published = {d.src_uri for d in site.valid_docs if d.rel not in blocked}


def build_site(ctx: Context, severity: dict[str, Severity] | None = None) -> Site:
    """Read every document under docs_dir, run all rules, apply the publication gate."""
    site = Site(ctx)
    for path in discover(ctx.config.docs_path):
        if path.relative_to(ctx.config.docs_path).as_posix() == HOME:
            continue
        doc, found = _read(path, ctx)
        site.docs.append(doc)
        site.findings.extend(found)
    for doc in site.valid_docs:
        site.urls[doc.src_uri] = url_of(doc)
        assert doc.meta is not None
        if doc.meta.index_no:
            site.by_index.setdefault(doc.meta.index_no, doc)
        for r in rules.by_scope("document"):
            site.findings.extend(r.check(doc, ctx))
    site.findings.extend(rules.run(rules.by_scope("site"), site, ctx))
    site.findings = directives.apply(site.docs, site.findings)  # <!-- gongkai-disable … -->
    overrides = severity if severity is not None else ctx.config.severity
    site.findings = sorted(
        (_with_severity(f, overrides) for f in site.findings), key=Finding.sort_key
    )
    _gate(site)
    return site


def _with_severity(f: Finding, overrides: dict[str, Severity]) -> Finding:
    level = overrides.get(f.rule)
    if level is None or level == f.severity:
        return f
    return Finding(f.path, f.line, f.column, f.rule, level, f.message, f.fix)
