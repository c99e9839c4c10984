"""Links as an editor wrote them: GK402–GK405 and GK407 found in the Markdown, without a build.

`check` reports them on the source files and the build reports them before it writes a page,
with the messages the link gate (`gongkai.links.internal`) gives the same link in the built
site; the gate then leaves those links out (`reported`). A link is resolved as MkDocs does:
a Markdown link first to a file of the content tree (rewritten to that page's URL), anything
else as written, from the folder of the built page. Only a link's target document is read (and
given its rules, to know whether it is published), its headings only for a link with an anchor;
pages named by their URL are found in the site's directory of documents, which `check FILE`
takes from the last run with the site findings (`Site.directory`).
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gongkai import engine
from gongkai.content.document import Document
from gongkai.content.site import HOME, Site, rel_prefix
from gongkai.content.urls import url_of
from gongkai.content.validity import Status, derive
from gongkai.findings import Finding, Rule
from gongkai.links import internal
from gongkai.links.internal import NOT_CHECKED, SAYS_STALE, SCHEME, resolve
from gongkai.links.markdown import Written, anchors, links_of, mkdocs_config
from gongkai.processes import in_forks, workers_for
from gongkai.rules import catalog
from gongkai.rules import links as link_rules

RULES = ("GK402", "GK403", "GK404", "GK405", "GK407")
Generated = Callable[[str], bool]  # a path of the built site that a generated page may take


REPORTED = "written links: reported"  # Site.memos key: (src_uri, link as written) of each finding


def check(site: Site, generated: Generated) -> list[Finding]:
    """The link findings of the published documents this run checked.

    The links they concern are kept in the site's memos (`REPORTED`), so that the build does not
    print MkDocs' own warning for the same link a second time.
    """
    targets = Targets(site, generated)
    docs = [doc for doc in site.checked if site.is_published(doc)]

    def judge(start: int, stop: int) -> list[tuple[Finding, str, str]]:
        return [
            (f, doc.src_uri, link.url)
            for doc in docs[start:stop]
            for link in links_of(doc)
            for f in targets.judge(doc, link)
        ]

    found = None
    workers = workers_for(len(docs), engine.PARALLEL_FROM)
    if workers > 1:  # what every worker needs, found once before the fork
        targets.prepare(docs[0])
        found = in_forks(judge, len(docs), workers)
    judged = judge(0, len(docs)) if found is None else found
    site.memos[REPORTED] = {(src_uri, url) for _, src_uri, url in judged}
    return sorted((f for f, _, _ in judged), key=Finding.sort_key)


def add(site: Site, generated: Generated) -> Site:
    """The site with its written links' findings (errors never withhold the linking document)."""
    site.findings = sorted(site.findings + check(site, generated), key=Finding.sort_key)
    return site


def gate(site: Site, site_dir: Path) -> list[Finding]:
    """The build's link gate (`internal.gate`), less what was reported from the Markdown."""
    return reported(site, internal.gate(site, site_dir))


def reported(site: Site, found: list[Finding]) -> list[Finding]:
    """The gate's findings less those already reported from the Markdown (same place or words)."""
    ours = [f for f in site.findings if f.rule in RULES]
    seen = {(f.path, f.line, f.rule) for f in ours} | {(f.path, f.rule, f.message) for f in ours}
    return [
        f
        for f in found
        if (f.path, f.line, f.rule) not in seen and (f.path, f.rule, f.message) not in seen
    ]


class Targets:
    """What a link can reach: the content tree, read as far as the links need."""

    def __init__(self, site: Site, generated: Generated) -> None:
        self.site = site
        self.generated = generated
        self.docs_path = site.ctx.config.docs_path
        self._judged: dict[str, tuple[Document, Finding | None] | None] = {}
        self._anchors: dict[str, set[str]] = {}

    @cached_property
    def site_url(self) -> str | None:
        return mkdocs_config(self.site.ctx.config.root).get("site_url")

    def prepare(self, doc: Document) -> None:
        """What the judging of any link reads, made now (before the workers are forked)."""
        _ = self.site_url, self.by_url(), self.by_index("")
        self.withholding(doc.src_uri)

    # -- the content tree -----------------------------------------------------------------

    def withholding(self, src_uri: str) -> tuple[Document, Finding | None] | None:
        if src_uri not in self._judged:
            self._judged[src_uri] = engine.withholding(self.site, src_uri)
        return self._judged[src_uri]

    def anchors(self, doc: Document) -> set[str]:
        if doc.src_uri not in self._anchors:
            self._anchors[doc.src_uri] = anchors(doc, self.site.ctx.config.root)
        return self._anchors[doc.src_uri]

    def by_url(self) -> dict[str, str]:
        """Built page → src_uri of every document."""
        return self.site.memo(
            "written links: by url",
            lambda: {url + "index.html": src for src, url, _ in self.site.directory},
        )

    def by_index(self, index_no: str) -> str | None:
        first: dict[str, str] = self.site.memo("written links: by index", dict)
        if not first:
            for src, _, number in self.site.directory:
                first.setdefault(number or "", src)
        return first.get(index_no)

    def published(self, src_uri: str) -> Document | None:
        found = self.withholding(src_uri)
        return found[0] if found is not None and found[1] is None else None

    def near_page(self, dest: str, own: str) -> str | None:
        """The published page (not the linking page `own`) whose path is closest to `dest`."""
        pages = ["index.html"] + [f"{c.segment}/index.html" for c in self.site.ctx.config.columns]
        near = difflib.get_close_matches(dest, [*pages, *self.by_url()], n=5, cutoff=0.75)
        return next(
            (p for p in near if p != own and (p in pages or self.published(self.by_url()[p]))),
            None,
        )

    def near_source(self, src: str, own: str) -> Document | None:
        """The published document (not `own`) a missing Markdown file most likely means: one of
        the same file name in another folder, else the closest path."""
        sources = [s for s, _, _ in self.site.directory if s != own]
        name = posixpath.basename(src)
        same_name = [s for s in sources if posixpath.basename(s) == name]
        near = same_name + difflib.get_close_matches(src, sources, n=5, cutoff=0.8)
        return next((d for s in near if (d := self.published(s)) is not None), None)

    # -- judging one link -------------------------------------------------------------------

    def judge(self, doc: Document, link: Written) -> Iterator[Finding]:
        url = link.url
        if not url or url.lower().startswith(NOT_CHECKED) or url.startswith("//"):
            return
        page = url_of(doc) + "index.html"
        path = unquote(urlsplit(url).path)
        if link.kind != "html" and path and not SCHEME.match(url) and not url.startswith("/"):
            src = posixpath.normpath(posixpath.join(posixpath.dirname(doc.src_uri), path))
            if not src.startswith("../"):
                if (self.docs_path / src).is_file():
                    yield from self._to_source(doc, link, page, src)
                    return
                if self.generated(_dest_of(src)):
                    return  # a generated page (MkDocs rewrites the link), or left to the gate
                if not _is_dir(src):  # a file of the content tree, named from this file's folder
                    yield self._missing_source(doc, link, src)
                    return
            if link.kind == "media":  # written from the page's folder by the build
                link = replace(link, url=posixpath.relpath(src, posixpath.dirname(page)))
        local = resolve(posixpath.dirname(page), link.url, self.site_url, _is_dir)
        if local is None:
            return
        if isinstance(local, str):
            yield self._at(
                link_rules.GK405, doc, link, f"链接“{link.url}”{local}：" + _WRITE_RELATIVE
            )
            return
        yield from self._to_page(doc, link, page, *local)

    def _to_source(self, doc: Document, link: Written, page: str, src: str) -> Iterator[Finding]:
        """A Markdown link to a file of the content tree: MkDocs rewrites it to the file's URL."""
        if not src.endswith(".md") or src == HOME:
            return  # an attachment the linking document uses is published with it; the home page
        found = self.withholding(src)
        assert found is not None
        target, why = found
        if why is not None:
            yield self._withheld(doc, link, target, why)
            return
        fragment = urlsplit(link.url).fragment
        dest = url_of(target) + "index.html"
        html = posixpath.relpath(url_of(target), url_of(doc)) + "/"
        html += f"#{fragment}" if fragment else ""
        yield from self._on_page(doc, link, page, html, target, dest, fragment)

    def _to_page(
        self, doc: Document, link: Written, page: str, dest: str, fragment: str
    ) -> Iterator[Finding]:
        """A link as written, resolved from the built page's folder."""
        dest = dest or page
        src = doc.src_uri if dest == page else self.by_url().get(dest)  # a page named by its URL
        found = (doc, None) if dest == page else self.withholding(src) if src else None
        if found is not None:
            target, why = found
            if why is not None:
                yield self._withheld(doc, link, target, why)
                return
            yield from self._on_page(doc, link, page, link.url, target, dest, fragment)
        elif not self.generated(dest) and not (self.docs_path / dest).is_file():
            yield from self._missing(doc, link, page, dest)

    def _on_page(
        self,
        doc: Document,
        link: Written,
        page: str,
        html: str,
        target: Document,
        dest: str,
        fragment: str,
    ) -> Iterator[Finding]:
        """A published page: is the anchor there, and does the sentence say the page is stale?"""
        if fragment and fragment != "top":
            ids = self.anchors(target)
            if fragment not in ids and unquote(fragment) not in ids:
                yield self._anchor(doc, link, html, page, dest, fragment, ids)
        status = derive(target.meta, self.site.ctx.today)
        stale = dest != page and status in (Status.EXPIRED, Status.REPEALED)
        if stale and not SAYS_STALE.search(doc.text.splitlines()[link.line - 1]):
            yield self._stale(doc, link, target, status)

    # -- the findings -------------------------------------------------------------------------

    def _at(self, rule: Rule, doc: Document, link: Written, message: str) -> Finding:
        return rule.at(doc.rel, link.line, link.column, message)

    def _withheld(self, doc: Document, link: Written, target: Document, why: Finding) -> Finding:
        reason = f"{why.rule} {catalog.get(why.rule).title}"
        return self._at(
            link_rules.GK404,
            doc,
            link,
            f"链接“{link.url}”指向不发布的文档 {target.rel}（{reason}）："
            "删除该链接，或等该文档审查同意公开、发布后再链接",
        )

    def _missing_source(self, doc: Document, link: Written, src: str) -> Finding:
        """A link to a file (a document, an attachment) the content tree does not have."""
        if src.endswith(".md"):
            hint = self._suggest(doc, self.near_source(src, doc.src_uri))
        else:
            folder = rel_prefix(self.site.ctx) + (posixpath.dirname(doc.src_uri) or ".")
            hint = f"请检查文件名：附件放在本文件所在的文件夹（{folder}/）时，直接写文件名；或删除该链接"
        where = rel_prefix(self.site.ctx) + src
        return self._at(link_rules.GK402, doc, link, link_rules.missing_at(link.url, where, hint))

    def _missing(self, doc: Document, link: Written, page: str, dest: str) -> Iterator[Finding]:
        """A link written as a page address (or a file) that the built site will not have."""
        near = self.near_page(dest, page)
        target = self.by_url().get(near) if near else None
        if near and target is None:  # the home page or a column's listing
            rel = posixpath.relpath(near, posixpath.dirname(page) or ".")
            hint = f"是不是要链接 {rel.removesuffix('index.html') or './'}？"
        elif not dest.endswith(".html"):  # a file, written in raw HTML
            hint = link_rules.RAW_FILE
        else:
            hint = self._suggest(doc, self.published(target) if target else None)
        where = link_rules.page_address(dest, page)
        yield self._at(link_rules.GK402, doc, link, link_rules.missing_at(link.url, where, hint))

    def _suggest(self, doc: Document, target: Document | None) -> str:
        """What to write instead: the real document meant, as a Markdown link from `doc`."""
        if target is None:
            return link_rules.NO_NEAR_DOCUMENT
        rel = posixpath.relpath(target.src_uri, posixpath.dirname(doc.src_uri) or ".")
        return link_rules.meant_document(target.meta.title, rel)

    def _anchor(
        self,
        doc: Document,
        link: Written,
        html: str,
        page: str,
        dest: str,
        fragment: str,
        ids: set[str],
    ) -> Finding:
        wanted = unquote(fragment)
        near = difflib.get_close_matches(wanted, sorted(ids), n=3, cutoff=0.5)
        hint = (
            f"是不是 {'、'.join('#' + n for n in near)}？"
            if near
            else "请打开该页面，点标题旁的 ¶ 复制正确的锚点"
        )
        where = "本页" if dest == page else dest.removesuffix("index.html")
        return self._at(
            link_rules.GK403, doc, link, f"链接“{html}”的锚点“#{wanted}”在 {where} 中不存在：{hint}"
        )

    def _stale(self, doc: Document, link: Written, target: Document, status: Status) -> Finding:
        successor = ""
        v = target.meta.validity
        src = self.by_index(v.replaced_by) if v and v.replaced_by else None
        new = self.published(src) if src else None
        if new is not None:
            successor = (
                f"，或改为链接现行的《{new.meta.title}》（{posixpath.basename(new.src_uri)}）"
            )
        return self._at(
            link_rules.GK407,
            doc,
            link,
            f"链接指向的《{target.meta.title}》已{status}，但这句话没有说明：请写明“（已{status}）”{successor}",
        )


_WRITE_RELATIVE = "站内链接请写相对路径的 .md 文件，站外链接请写完整的 https:// 网址"


def _is_dir(path: str) -> bool:
    """A page's folder written without its slash: the site's pages are folders, files have a dot."""
    return "." not in posixpath.basename(path)


def _dest_of(src: str) -> str:
    """The built path of a Markdown file (directory URLs), or of any other file."""
    if not src.endswith(".md"):
        return src
    stem = src.removesuffix(".md")
    return (
        f"{stem.removesuffix('index')}index.html"
        if posixpath.basename(stem) == "index"
        else f"{stem}/index.html"
    )
