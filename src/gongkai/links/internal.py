"""The internal link gate: every link and anchor in the built site, after `mkdocs build`.

Runs in-process as a post-build step (errors fail `--strict`) and as `python -m gongkai links`.
Links are resolved the way a browser would from the built page, so links written in raw HTML,
in templates and in generated pages are checked too; each finding is mapped back to the
Markdown file and line where the link was written, when it was written by an editor.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

import yaml

from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.content.validity import Status, derive
from gongkai.findings import Finding, Rule, Severity
from gongkai.links.ahead import SCANNED
from gongkai.links.scan import (
    Link,
    Page,
    Scanned,
    Scanner,
    same_everywhere,
    scan_all,
    site_files,
)
from gongkai.links.sources import Source, source_map
from gongkai.rules import catalog
from gongkai.rules import links as link_rules

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CANONICAL = re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)["']""")
SAYS_STALE = re.compile(r"失效|废止|已废|停止执行|不再执行|已被.{0,20}替代")
NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:")


@cache
def gov_https_hosts() -> tuple[frozenset[str], tuple[str, ...]]:
    text = resources.files("gongkai.data").joinpath("gov_https_hosts.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    return frozenset(data.get("hosts") or []), tuple(data.get("domains") or [])


def serves_https(host: str) -> bool:
    hosts, domains = gov_https_hosts()
    return host in hosts or any(host == d or host.endswith("." + d) for d in domains)


def site_url_of(site_dir: Path) -> str | None:
    """The public address of the site, read from the home page's canonical link."""
    home = site_dir / "index.html"
    if not home.is_file():
        return None
    m = _CANONICAL.search(home.read_text(encoding="utf-8", errors="replace"))
    return m.group(1) if m else None


def resolve(
    folder: str, url: str, site_url: str | None, is_dir: Callable[[str], bool]
) -> tuple[str, str] | str | None:
    """(path below the site, fragment) of a link on a page in `folder`, as a browser resolves it;
    a string is the reason the link leaves the site; None for an external link or a scheme that
    is not checked. `is_dir` tells a folder of the site written without its final slash."""
    if url.startswith("//"):
        return None
    if SCHEME.match(url):
        if site_url and url.startswith(site_url):
            return _join("", url[len(site_url) :], is_dir)
        return None
    if url.startswith("/"):
        base = urlsplit(site_url).path if site_url else "/"
        if not url.startswith(base):
            return f"以 / 开头，指向专栏（{base}）以外"
        return _join("", url[len(base) :], is_dir)
    return _join(folder, url, is_dir)


def _join(folder: str, url: str, is_dir: Callable[[str], bool]) -> tuple[str, str] | str:
    path, _, fragment = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return "", fragment
    joined = posixpath.normpath(posixpath.join(folder, path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return "用 ../ 跳出了网站根目录"
    if joined == ".":
        joined = ""
    if path.endswith("/") or joined == "" or is_dir(joined):
        joined = posixpath.join(joined, "index.html")
    return joined, fragment


@dataclass
class Gate:
    site_dir: Path
    root: Path  # paths in findings are relative to it
    site: Site | None = None
    site_url: str | None = None
    files: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)
    pages: dict[str, Page] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    withheld: dict[str, Document] = field(default_factory=dict)
    stale: dict[str, tuple[Document, Status]] = field(default_factory=dict)
    _repeats: dict[tuple[str, str], list[Finding]] = field(default_factory=dict)
    broken: set[tuple[str, str]] = field(default_factory=set)  # (page, href) of every error
    _resolved: dict[tuple[int | str, str], tuple[str, str] | str] = field(default_factory=dict)
    _clean: set[tuple[int | str, str]] = field(default_factory=set)  # keys checked sound
    scanner: Scanner = field(default_factory=Scanner)
    ahead: Scanned | None = None  # pages scanned while the build wrote them (ScanAhead)

    def load(self) -> Gate:
        self.files = site_files(self.site_dir)
        self.dirs = {posixpath.dirname(f) for f in self.files}
        for d in list(self.dirs):
            while d:
                d = posixpath.dirname(d)
                self.dirs.add(d)
        self.pages, self.scanner = scan_all(self.site_dir, self.files, self.ahead)
        self.site_url = self.site_url or site_url_of(self.site_dir)
        if self.site is not None:
            self._index_site(self.site)
        return self

    def _index_site(self, site: Site) -> None:
        self.sources = source_map(site)
        for doc in site.valid_docs:
            url = site.urls[doc.src_uri]
            if not site.is_published(doc):
                for key in (doc.src_uri, url + "index.html", url.rstrip("/")):
                    self.withheld.setdefault(key, doc)
                self.files.discard(url + "index.html")  # built by the preview, never published
                continue
            status = derive(doc.meta, site.ctx.today)
            if status in (Status.EXPIRED, Status.REPEALED):
                self.stale[url + "index.html"] = (doc, status)

    # -- resolving --------------------------------------------------------------------------

    def _local(self, folder: str, key: tuple[int | str, str]) -> tuple[str, str] | str | None:
        if (resolved := self._resolved.get(key)) is None:
            resolved = resolve(folder, key[1], self.site_url, self.dirs.__contains__)
            if resolved is not None:
                self._resolved[key] = resolved
        return resolved

    # -- checking ---------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        for page in self.pages.values():
            folder = posixpath.dirname(page.dest)
            depth = page.dest.count("/")
            for link in page.links:
                url = link.url
                if url.startswith("#") and url[1:] in page.ids:
                    continue  # the page's own heading (its table of contents)
                # Links that climb to the root (nav, header, footer: most of a page's links)
                # mean the same from every folder as deep as this one: checked once per depth.
                key = (depth, url) if same_everywhere(url, depth) else (folder, url)
                if key not in self._clean:
                    found.extend(self._check(page, link, folder, key))
        for (_, _), group in self._repeats.items():
            first = group[0]
            if len(group) > 1:
                first = Finding(
                    first.path,
                    first.line,
                    first.column,
                    first.rule,
                    first.severity,
                    f"{first.message}（模板生成，另有 {len(group) - 1} 个页面相同）",
                    first.fix,
                )
            found.append(first)
        return sorted(found, key=Finding.sort_key)

    def _check(
        self, page: Page, link: Link, folder: str, key: tuple[int | str, str]
    ) -> Iterator[Finding]:
        """The link's findings; a link found sound for every page sharing `key` is memoized."""
        url = link.url
        if not url or url.lower().startswith(NOT_CHECKED):
            self._clean.add(key)
            return
        host = (urlsplit(url).hostname or "") if url.startswith("http://") else ""
        upgrade = bool(host) and serves_https(host)
        if upgrade:
            yield from self._report(
                page,
                link,
                link_rules.GK406,
                f"链接“{url}”使用 http://，而 {host} 支持 https：请改为“https://{url[7:]}”",
            )
        local = self._local(folder, key)
        if local is None:
            if not upgrade:
                self._clean.add(key)
            return
        if isinstance(local, str):
            yield from self._report(
                page,
                link,
                link_rules.GK405,
                f"链接“{url}”{local}：站内链接请写相对路径的 .md 文件，站外链接请写完整的 https:// 网址",
            )
            return
        target, fragment = local
        if target and target not in self.files and target != page.dest:
            yield from self._missing(page, link, target)
            return
        sound = bool(target) and not upgrade  # a "#anchor" depends on the page: never memoized
        target = target or page.dest
        if (
            fragment
            and target.endswith(".html")
            and target in self.pages
            and not self._has_anchor(target, fragment)
        ):
            sound = False
            yield from self._anchor(page, link, target, fragment)
        if target in self.stale:
            if target != page.dest:
                yield from self._stale(page, link, target)
        elif sound:
            self._clean.add(key)

    def _missing(self, page: Page, link: Link, target: str) -> Iterator[Finding]:
        doc = self.withheld.get(target) or self.withheld.get(target.removesuffix("/index.html"))
        source = self.sources.get(page.dest)
        if doc is None and source is not None and source.doc is not None:
            # MkDocs leaves a link to a removed .md as written: relative to the Markdown file.
            written = posixpath.dirname(source.doc.src_uri)
            path = unquote(link.url.partition("#")[0].split("?", 1)[0])
            doc = self.withheld.get(posixpath.normpath(posixpath.join(written, path)))
        if doc is not None:
            yield from self._report(
                page,
                link,
                link_rules.GK404,
                f"链接“{link.url}”指向不发布的文档 {doc.rel}（{self._why_withheld(doc)}）："
                "删除该链接，或等该文档审查同意公开、发布后再链接",
            )
            return
        yield from self._report(
            page,
            link,
            link_rules.GK402,
            link_rules.missing_at(
                link.url, link_rules.page_address(target, page.dest), self._hint(page, target)
            ),
            key=target,
        )

    def _hint(self, page: Page, target: str) -> str:
        """The published page (not this one) or file closest to `target`, as `written` says it."""
        near = difflib.get_close_matches(target, self._candidates(), n=3, cutoff=0.75)
        near = [n for n in near if n != page.dest]
        if not near:
            return link_rules.NO_NEAR_DOCUMENT
        meant, source = self.sources.get(near[0]), self.sources.get(page.dest)
        if meant and meant.doc and meant.doc.meta and source and source.doc:
            rel = posixpath.relpath(meant.doc.src_uri, posixpath.dirname(source.doc.src_uri) or ".")
            return link_rules.meant_document(meant.doc.meta.title, rel)
        return f"是不是要链接 {self._relative(page, near[0])}？"

    def _has_anchor(self, target: str, fragment: str) -> bool:
        ids = self.pages[target].ids
        return fragment in ids or unquote(fragment) in ids or fragment == "top"

    def _anchor(self, page: Page, link: Link, target: str, fragment: str) -> Iterator[Finding]:
        ids = self.pages[target].ids
        wanted = unquote(fragment)
        headings = [i for i in ids if not i.startswith("__")]
        near = difflib.get_close_matches(wanted, headings, n=3, cutoff=0.5)
        hint = (
            f"是不是 {'、'.join('#' + n for n in near)}？"
            if near
            else "请打开该页面，点标题旁的 ¶ 复制正确的锚点"
        )
        where = "本页" if target == page.dest else target.removesuffix("index.html")
        yield from self._report(
            page,
            link,
            link_rules.GK403,
            f"链接“{link.url}”的锚点“#{wanted}”在 {where} 中不存在：{hint}",
            key=f"{target}#{wanted}",
        )

    def _stale(self, page: Page, link: Link, target: str) -> Iterator[Finding]:
        source = self.sources.get(page.dest)
        at = source.find(link.url) if source else None
        if source is None or at is None:
            return  # written by a template (e.g. 所替代的文件), which says what the link is
        if SAYS_STALE.search(source.line_text(at[0])):
            return
        doc, status = self.stale[target]
        successor = ""
        v = doc.meta.validity
        if self.site and v and v.replaced_by and v.replaced_by in self.site.by_index:
            new = self.site.by_index[v.replaced_by]
            if self.site.is_published(new):
                successor = (
                    f"，或改为链接现行的《{new.meta.title}》（{posixpath.basename(new.src_uri)}）"
                )
        yield link_rules.GK407.at(
            source.rel,
            at[0],
            at[1],
            f"链接指向的《{doc.meta.title}》已{status}，但这句话没有说明：请写明“（已{status}）”{successor}",
        )

    # -- reporting ----------------------------------------------------------------------------

    def _report(
        self, page: Page, link: Link, rule: Rule, message: str, key: str = ""
    ) -> Iterator[Finding]:
        repeats = self.scanner.repeats(page.dest, link.url)  # pages sharing this nav link
        if rule.severity is Severity.ERROR:
            self.broken.update((p, link.url) for p in [page.dest, *repeats])
        source = self.sources.get(page.dest)
        at = source.find(link.url) if source else None
        if source is not None and at is not None:
            yield rule.at(source.rel, at[0], at[1], message)
            return
        finding = rule.at(self._html_path(page), page.line_of(link.offset), 1, message)
        # A template link is broken on every page: report it once, with the count.
        self._repeats.setdefault((rule.id, key or message), []).extend(
            [finding] * (1 + len(repeats))
        )

    def _html_path(self, page: Page) -> str:
        path = self.site_dir / page.dest
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def _why_withheld(self, doc: Document) -> str:
        from gongkai.rules.disclosure import blocks_publication

        assert self.site is not None
        for f in self.site.findings:
            if f.path == doc.rel and blocks_publication(f):
                return f"{f.rule} {catalog.get(f.rule).title}"
        return "不发布"

    def _candidates(self) -> list[str]:
        return [
            f for f in self.files if f.endswith(".html") or not f.startswith(("assets/", "search/"))
        ]

    @staticmethod
    def _relative(page: Page, target: str) -> str:
        rel = posixpath.relpath(target, posixpath.dirname(page.dest) or ".")
        return rel.removesuffix("index.html") or "./"


def check(
    site_dir: Path,
    root: Path,
    site: Site | None = None,
    site_url: str | None = None,
    ahead: Scanned | None = None,
) -> list[Finding]:
    """Every link finding of the built site in `site_dir`."""
    return Gate(site_dir, root, site, site_url, ahead=ahead).load().findings()


def gate(site: Site, site_dir: Path) -> list[Finding]:
    """The post-build step: runs after the catalogue export, so its files are checked too."""
    ahead = cast("Scanned | None", site.memos.get(SCANNED))
    return check(site_dir, site.ctx.config.root, site, ahead=ahead)
