"""The MkDocs door: what `hooks/gongkai_hooks.py` calls at each build event.

The publication gate lives here: withheld documents (and files only they use) are removed from
the MkDocs file collection, so nothing of theirs reaches `site/` and a link to one fails the build
as a missing page. In preview mode (`gongkai.build.preview`) they are built too, each under a
banner saying why it will not be published, and every page shows its findings at its top.
"""

from __future__ import annotations

import errno
import gc
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, set_exclusions
from mkdocs.structure.pages import Page

from gongkai import engine
from gongkai.build import preview
from gongkai.build.output import Output
from gongkai.build.render_ahead import RenderAhead
from gongkai.build.twice import NotTwice
from gongkai.config.settings import ConfigError
from gongkai.content.parse_cache import ParseCache
from gongkai.content.published import Fate, decide, used_files
from gongkai.content.site import HOME, Site, discover, rel_prefix
from gongkai.engine import build_site
from gongkai.findings import Severity
from gongkai.links import written
from gongkai.links.ahead import SCANNED, ScanAhead
from gongkai.pages import generated, page_makers, post_build_steps, search
from gongkai.pages.document import view
from gongkai.pages.meta import page_meta
from gongkai.rules.public_text import text_findings
from gongkai.verify.command import verify

log = get_plugin_logger("gongkai")

QUICK_INLINE = "gongkai.build.quick_inline"
SCAN_AHEAD_FROM = 2000  # documents; below this the gate reads the few pages itself


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
        self,
        site: Site,
        site_dir: Path,
        scan_ahead: ScanAhead,
        cache: ParseCache,
        output: Output | None,
    ) -> None:
        self.site = site
        self.output = output  # None under `mkdocs serve`, which builds into its own temp folder
        self.site_dir = site_dir
        self.fragments: dict[str, Markup] = {}
        self.docs = {d.src_uri: d for d in site.valid_docs}
        self.indexer = search.Indexer(site, site_dir)
        self.render_ahead = RenderAhead()
        self.scan_ahead = scan_ahead
        self.last_page: str | None = None  # rendered, written to disk by MkDocs after post_page
        self.cache = cache  # saved once the pages are written
        self.preview = preview.active()
        self.pages: dict[str, str] = {}  # repo-relative source path -> dest path of its page
        self.not_twice: NotTwice | None = None  # MkDocs' warnings for links reported, dropped

    @classmethod
    def start(cls, config: MkDocsConfig, command: str = "build") -> Build:
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
        if preview.active() and Path(config.site_dir).resolve().is_relative_to(root):
            raise PluginError(f"预览不能构建到项目目录中：{config.site_dir}")
        preview_or_serve = command == "serve" or preview.active()
        output = None if preview_or_serve else Output(Path(config.site_dir), config.strict)
        if output is not None:
            config.site_dir = str(output.fresh)
        scan_ahead = ScanAhead(Path(config.site_dir))
        if len(discover(ctx.config.docs_path)) >= SCAN_AHEAD_FROM:
            scan_ahead.start()  # the link gate's reading, done as MkDocs writes the pages
        cache = ParseCache(root)
        site = written.add(build_site(ctx, cache=cache), generated(ctx.config))
        build = cls(site, Path(config.site_dir), scan_ahead, cache, output)
        build.not_twice = NotTwice.install(site.memos[written.REPORTED])  # type: ignore[arg-type]
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

    def _shown(self) -> set[str]:
        """src_uris of the documents built: the published ones, or all in preview mode."""
        return {d.src_uri for d in self.site.docs} if self.preview else self.site.published

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        """Only what `gongkai.content.published.decide` publishes stays in the collection (in
        the preview, the withheld documents and what they use too)."""
        docs_path = self.site.ctx.config.docs_path
        shown = self._shown()
        home = [d for d in self.site.docs if d.src_uri == HOME]
        used = used_files([self.docs[u] for u in sorted(shown & self.docs.keys())] + home)
        used |= set(self.site.ctx.config.fact_files.values())  # logo, favicon, badge (scanned)
        for file in list(files):
            path = Path(file.abs_src_path) if file.abs_src_path else docs_path / file.src_uri
            decision = decide(path, docs_path, shown, used)
            if decision.fate is Fate.NOT_PUBLISHED:
                if not file.src_uri.endswith(".md"):  # withheld documents are reported already
                    log.info(f"{self.site.ctx.config.docs_dir}/{file.src_uri}: {decision.reason}")
                files.remove(file)
            elif file.src_uri in shown and file.src_uri in self.site.urls:
                file.dest_uri = self.site.urls[file.src_uri] + "index.html"  # else broken (preview)
        for make in page_makers():
            for src_uri, markdown in make(self.site):
                if (own := files.get_file_from_path(src_uri)) is not None:
                    files.remove(own)  # the generated home page includes content/index.md
                elif src_uri != HOME and isinstance(markdown, str):
                    self._scan_generated(src_uri, markdown)  # generated files: scanned when written
                files.append(File.generated(config, src_uri, content=markdown))
        prefix = rel_prefix(self.site.ctx)
        self.pages = {prefix + f.src_uri: f.dest_uri for f in files.documentation_pages()}
        # Every file and URL is known (MkDocs would set the generated pages' inclusion next):
        # start converting about half of the pages ahead while MkDocs builds the nav.
        set_exclusions(files, config)
        self.render_ahead.start(files, config, self.site.published)
        return files

    def _scan_generated(self, src_uri: str, markdown: str) -> None:
        today = self.site.ctx.today
        for f in text_findings(src_uri, markdown, today, f"生成的页面 {src_uri}"):
            log.error(f.text())

    def page_source(self, page: Page) -> str | None:
        """A document's text as the checker split it: MkDocs renders exactly the body scanned.

        The front matter is replaced by an empty one (MkDocs' own parse of it is replaced in
        `page_markdown`); the body is the checker's, so no character can make MkDocs split the
        file elsewhere (`gongkai.content.document`: one normalised text, one split).
        """
        doc = self.docs.get(page.file.src_uri)
        if doc is None:
            return None
        return "---\n{}\n---\n" + doc.body

    def page_markdown(self, markdown: str, page: Page) -> str:
        doc = self.docs.get(page.file.src_uri)
        if doc is not None:
            # Replace MkDocs' own parse of the front matter: the review record never reaches a page.
            page.meta = {"title": doc.meta.title, "gongkai": view(doc, self.site)}
        if isinstance(title := page.meta.get("title"), str):
            page.meta["title"] = escape(title)  # Material prints it as it is: <title>, header
        page.meta["gk_meta"] = page_meta(self.site, page.file.src_uri, doc)
        if self.preview and doc is not None and doc.rel in self._unsafe():
            return preview.as_written(markdown)
        return self.render_ahead.markdown_for(page, markdown)

    def _unsafe(self) -> set[str]:
        return self.site.memo(
            "preview: unsafe HTML",
            lambda: {f.path for f in self.site.findings if f.rule == preview.UNSAFE},
        )

    def env(self, env: Environment, config: MkDocsConfig) -> Environment:
        self.render_ahead.close()  # every page has been converted
        keep()
        env.globals["gk_fragment"] = self.fragment
        env.globals["gk_phrase"] = self._phrases(env, config.theme["language"])
        env.globals["gk_preview"] = self.preview
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
        if self.not_twice is not None:
            self.not_twice.remove()
        self._written()
        self.indexer.flush()
        self.site.memos[SCANNED] = self.scan_ahead.result()
        found = [f for step in post_build_steps() for f in step(self.site, self.site_dir)]
        self.cache.save()  # for the next `check`, while Pagefind finishes
        found += self.indexer.finish()
        for f in found:
            (log.error if f.severity is Severity.ERROR else log.info)(f.text())
        if self.preview:
            withheld = {d.rel for d in self.site.docs if d.src_uri not in self.site.published}
            shown = preview.notes(self.site.findings + found, withheld, self.pages, self.site_dir)
            preview.write_notes(self.site_dir, shown)
        if self.output is not None:
            self._publish(self.output)

    def _publish(self, output: Output) -> None:
        """Verify the fresh site last; it becomes `site/` only when nothing went wrong."""
        hits = verify(self.site_dir, self.site, shown_as=str(output.final))
        for hit in hits:
            log.error(f"gongkai verify: {hit.file}: {hit.what}，不能发布")
        output.verified = not hits
        if output.succeeded():
            output.swap()
            return
        output.discard()
        log.error(f"构建有错误：{output.final}/ 保持上一次构建的网站不变（本次构建的结果已删除）")

    def build_error(self, error: Exception) -> None:
        """A build that stopped: its fresh folder goes; a file-system error is one Chinese line.

        MkDocs prints a traceback for any error but its own; `Abort` is its clean stop (exit 1).
        """
        if self.not_twice is not None:
            self.not_twice.remove()
        if self.output is not None:
            self.output.discard()
        if isinstance(error, OSError):
            where = f"写入或读取 {error.filename} 时" if error.filename else ""
            if error.errno == errno.ENOSPC:
                problem = f"磁盘已满：{where}没有空间了，请腾出磁盘空间后重新构建"
            else:
                problem = f"{where}出错（{error.strerror or error}）：请检查该文件或目录的权限"
            final = self.output.final if self.output is not None else self.site_dir
            log.error(f"构建中止，{problem}；{final}/ 保持上一次构建的网站不变")
            raise Abort("构建中止") from None
