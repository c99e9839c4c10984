"""What the inspection sees, gathered once: the documents published on the check day, the
findings on them, the built site's link gate results and what `verify` finds in its files.

Withheld documents never count: they are not on the site. Findings of the checker are kept only
when they belong to a published document or to the site as a whole.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.config.settings import Column
from gongkai.content.document import Document
from gongkai.content.site import HOME, Site
from gongkai.findings import Finding, Severity
from gongkai.links import written
from gongkai.pages import generated
from gongkai.verify.command import verify
from gongkai.verify.scan import Hit


@dataclass
class Evidence:
    site: Site
    site_dir: Path | None
    shown_site: str  # the site folder as written in evidence: "site"
    docs: list[Document] = field(default_factory=list)  # published on the check day
    findings: list[Finding] = field(default_factory=list)  # of published documents or the site
    links: list[Finding] = field(default_factory=list)  # link errors (written and built)
    hits: list[Hit] = field(default_factory=list)  # verify's hits in the built site

    @property
    def today(self) -> dt.date:
        return self.site.ctx.today

    @property
    def docs_dir(self) -> str:
        return self.site.ctx.config.docs_dir

    def column_path(self, column: Column) -> str:
        return f"{self.docs_dir}/{column.segment}/"

    def in_column(self, column: Column) -> list[Document]:
        return [d for d in self.docs if d.column == column]

    def home_rel(self) -> str:
        return f"{self.docs_dir}/{HOME}"


def published_docs(site: Site) -> list[Document]:
    """The documents the site shows on its day, newest first."""
    today = site.ctx.today
    docs = [d for d in site.valid_docs if site.is_published(d) and d.meta.published <= today]
    return sorted(docs, key=lambda d: (d.meta.published, d.rel), reverse=True)


def _on_the_site(site: Site, docs: list[Document]) -> list[Finding]:
    """The findings of published documents and of no document (the site, gongkai.yml, a column)."""
    shown = {d.rel for d in docs}
    withheld = {d.rel for d in site.docs} - shown
    return [f for f in site.findings if f.path not in withheld]


def gather(site: Site, site_dir: Path | None) -> Evidence:
    """The evidence for `site` on its day, with the built site in `site_dir` when given."""
    shown = os.path.normpath(os.path.relpath(site_dir, site.ctx.config.root)) if site_dir else ""
    if shown.startswith(".."):
        shown = os.path.normpath(str(site_dir))
    site = written.add(site, generated(site.ctx.config))
    docs = published_docs(site)
    found = _on_the_site(site, docs)
    links = [f for f in found if f.rule.startswith("GK4")]
    hits: list[Hit] = []
    if site_dir is not None:
        links += written.gate(site, site_dir)
        hits = verify(site_dir, site, shown)
    errors = [f for f in links if f.severity is Severity.ERROR]
    return Evidence(site, site_dir, shown, docs, found, errors, hits)
