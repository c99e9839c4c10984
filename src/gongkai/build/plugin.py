"""The MkDocs door: what `hooks/gongkai_hooks.py` calls at each build event.

The publication gate lives here: withheld documents (and files only they use) are removed from
the MkDocs file collection, so nothing of theirs reaches `site/` and a link to one fails the build
as a missing page.
"""

from __future__ import annotations

import gc
import posixpath
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

from gongkai import engine
from gongkai.build.render_ahead import RenderAhead
from gongkai.config.settings import ConfigError
from gongkai.content.parse_cache import ParseCache
from gongkai.content.site import HOME, Site, discover
from gongkai.engine import build_site
from gongkai.findings import Severity
from gongkai.links.ahead import SCANNED, ScanAhead
from gongkai.pages import page_makers, post_build_steps, search
from gongkai.pages.document import view
from gongkai.pages.meta import page_meta

log = get_plugin_logger("gongkai")

QUICK_INLINE = "gongkai.build.quick_inline"
SCAN_AHEAD_FROM = 2000  # documents; below this the gate reads the few pages itself
_LOCAL_REF = re.compile(r"""(?:\]\(|src=["']|href=["'])([^)"'\s#?]+)""")


def keep() -> None:
    """What the build has made so far lives to its end: the garbage collector stops walking it.

    Python's full collections walk every object that can hold others, and MkDocs leaves cyclic
    garbage with each page, so they come often; on a big site they walked millions of objects
    (documents, pages) each time, 4.5 s of a build at 10,000 documents (2 s with `keep`).
    Frozen objects are never freed: `Build.start` unfreezes what an earlier build kept.
    """
    gc.freeze()


class Build:
    """State of one MkDocs build: the checked site index, shared by all events."""

    def __init__(
        self, site: Site, site_dir: Path, scan_ahead: ScanAhead, cache: ParseCache
    ) -> None:
        self.site = site
        self.site_dir = site_dir
        self.fragments: dict[str, Markup] = {}
        self.docs = {d.src_uri: d for d in site.valid_docs}
        self.indexer = search.Indexer(site, site_dir)
        self.render_ahead = RenderAhead()
        self.scan_ahead = scan_ahead
        self.last_page: str | None = None  # rendered, written to disk by MkDocs after post_page
        self.cache = cache  # saved once the pages are written

    @classmethod
    def start(cls, config: MkDocsConfig) -> Build:
        gc.unfreeze()  # what an earlier build in this process kept (mkdocs serve): freed now
        gc.collect()
        root = Path(config.config_file_path).resolve().parent
        try:
            ctx = engine.make_context(root)
        except ConfigError as e:
            raise PluginError(str(e)) from None
        if Path(config.docs_dir).resolve() != ctx.config.docs_path.resolve():
            raise PluginError(
                f"mkdocs.yml 的 docs_dir 应与 gongkai.yml 一致：{ctx.config.docs_dir}"
            )
        scan_ahead = ScanAhead(Path(config.site_dir))
        if len(discover(ctx.config.docs_path)) >= SCAN_AHEAD_FROM:
            scan_ahead.start()  # the link gate's reading, done as MkDocs writes the pages
        cache = ParseCache(root)
        build = cls(build_site(ctx, cache=cache), Path(config.site_dir), scan_ahead, cache)
        if QUICK_INLINE not in config.markdown_extensions:
            config.markdown_extensions.append(QUICK_INLINE)  # the same HTML, sooner
        build.report()
        config.nav = build.nav()
        config.extra["gongkai"] = ctx.config.facts | {
            "organisation": ctx.config.organisation,
            "site_domain": urlsplit(config.site_url or "").netloc,  # <meta name="SiteDomain">
        }
        keep()
        return build

    def report(self) -> None:
        """Print every finding as the `check` command does; only errors fail `--strict`."""
        for f in self.site.findings:
            (log.error if f.severity is Severity.ERROR else log.info)(f.text())
        withheld = len(self.site.docs) - len(self.site.published)
        log.info(
            f"共 {len(self.site.docs)} 篇文档，发布 {len(self.site.published)} 篇，不发布 {withheld} 篇"
        )

    def nav(self) -> list[Any]:
        """The nav holds the home page and the column listings only, never the documents."""
        nav: list[Any] = [{"首页": HOME}]
        for name, columns in self.site.ctx.config.tree:
            if len(columns) == 1 and columns[0].name == name:
                nav.append({name: f"{columns[0].segment}/index.md"})
            else:
                nav.append({name: [{c.name: f"{c.segment}/index.md"} for c in columns]})
        return nav

    def _used_files(self) -> set[str]:
        """src_uris of the non-Markdown files that published documents attach or link to."""
        used: set[str] = set()
        for src_uri in self.site.published:
            doc = self.docs[src_uri]
            folder = posixpath.dirname(src_uri)
            refs = [a.file for a in doc.meta.attachments] + _LOCAL_REF.findall(doc.body)
            used.update(posixpath.normpath(posixpath.join(folder, r)) for r in refs)
        return used

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        segments = {c.segment for c in self.site.ctx.config.columns}
        used = self._used_files()
        for file in list(files):
            top = file.src_uri.split("/", 1)[0]
            if file.is_documentation_page():
                if file.src_uri == HOME:
                    continue
                if file.src_uri not in self.site.published:
                    files.remove(file)
                    continue
                file.dest_uri = self.site.urls[file.src_uri] + "index.html"
            elif top in segments and file.src_uri not in used:
                # Files in column folders go out only when a published document uses them.
                log.info(
                    f"{self.site.ctx.config.docs_dir}/{file.src_uri}: 没有已发布的文档使用该文件，不发布"
                )
                files.remove(file)
        for make in page_makers():
            for src_uri, markdown in make(self.site):
                if (own := files.get_file_from_path(src_uri)) is not None:
                    files.remove(own)  # the generated home page includes content/index.md
                files.append(File.generated(config, src_uri, content=markdown))
        # Every file and URL is known (MkDocs would set the generated pages' inclusion next):
        # start converting about half of the pages ahead while MkDocs builds the nav.
        set_exclusions(files, config)
        self.render_ahead.start(files, config, self.site.published)
        return files

    def page_source(self, page: Page) -> str | None:
        """A document's text as MkDocs would read it, without the front matter it need not parse.

        The text was read by the checker; MkDocs' own metadata is replaced in `page_markdown`.
        MkDocs' split is kept (`YAML_RE`), so the Markdown is the same to the byte.
        """
        doc = self.docs.get(page.file.src_uri)
        if doc is None:
            return None
        text = doc.text.replace("\r\n", "\n").replace("\r", "\n")  # as a text-mode read
        m = YAML_RE.match(text)
        return None if m is None else "---\n{}\n---\n" + text[m.end() :]

    def page_markdown(self, markdown: str, page: Page) -> str:
        doc = self.docs.get(page.file.src_uri)
        if doc is not None:
            # Replace MkDocs' own parse of the front matter: the review record never reaches a page.
            page.meta = {"title": doc.meta.title, "gongkai": view(doc, self.site)}
        page.meta["gk_meta"] = page_meta(self.site, page.file.src_uri, doc)
        return self.render_ahead.markdown_for(page, markdown)

    def env(self, env: Environment, config: MkDocsConfig) -> Environment:
        self.render_ahead.close()  # every page has been converted
        keep()
        env.globals["gk_fragment"] = self.fragment
        env.globals["gk_phrase"] = self._phrases(env, config.theme["language"])
        return env

    @staticmethod
    def _phrases(env: Environment, language: str) -> Callable[[str], Markup]:
        """Material's `t(key)` (partials/language.html), each phrase looked up once per build."""
        own = env.get_template(f"partials/languages/{language}.html").module
        fallback = env.get_template("partials/languages/en.html").module

        @cache
        def phrase(key: str) -> Markup:
            return Markup(own.t(key) or fallback.t(key) or key)  # type: ignore[attr-defined]

        return phrase

    def fragment(self, key: str, html: Markup | None = None) -> Markup | None:
        """Template fragments identical on many pages, rendered once per build (see main.html)."""
        if html is not None:
            self.fragments[key] = html
        return self.fragments.get(key)

    def post_page(self, page: Page) -> None:
        # MkDocs writes a page after this event: the one before it is on disk now.
        self._written()
        self.last_page = page.file.dest_uri

    def _written(self) -> None:
        if self.last_page is not None:
            self.indexer.written(self.last_page)
            self.scan_ahead.written(self.last_page)
            self.last_page = None

    def post_build(self) -> None:
        keep()
        self._written()
        self.indexer.flush()
        self.site.memos[SCANNED] = self.scan_ahead.result()
        found = [f for step in post_build_steps() for f in step(self.site, self.site_dir)]
        self.cache.save()  # for the next `check`, while Pagefind finishes
        for f in found + self.indexer.finish():
            (log.error if f.severity is Severity.ERROR else log.info)(f.text())
