"""About half of the pages converted from Markdown in a second process, on the second core.

MkDocs converts every page on one core, one after another. Once all files and URLs are known
(the end of `on_files`), a forked child converts the last pages, those holding `CHILD_SHARE` of
the work (generated listings included), exactly as MkDocs would (`on_pre_page` and
`on_page_markdown` events, `Page.read_source`, `Page.render`) and streams back, page by page,
the HTML, the table of contents, the anchors, the title and every message it logged. When MkDocs
reaches such a page, its `page.render` puts the child's result in place and logs the child's
messages (so `--strict` counts them). A page the child could not convert is converted in the
parent, as if nothing had happened. Both convert with one Markdown instance each (`Converter`).

Used only on sites of `PARALLEL_FROM` published documents or more, with no other MkDocs plugin
(another plugin's page events could not be run in the same order), and where `fork` exists.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from gongkai.build.convert import Converter
from gongkai.processes import die_with_parent

PARALLEL_FROM = 400
Logged = tuple[str, int, str]  # logger name, level, message


@dataclass
class Rendered:
    content: str
    toc: TableOfContents
    anchors: set[str] | None
    links_to_anchors: list[tuple[str, str, str]]  # (target src_uri, anchor, link as written)
    title: str | None  # of the first heading: the page's title when its metadata has none
    logged: list[Logged] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[Logged] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class RenderAhead:
    """The parent's side: which pages the child converts, and their results as they arrive."""

    def __init__(self) -> None:
        self.conn: Connection | None = None
        self.process: mp.process.BaseProcess | None = None
        self.ahead: set[str] = set()  # src_uris the child converts
        self.received: dict[str, Rendered | None] = {}
        self.in_child = False
        self.files: Files | None = None
        self.reader: threading.Thread | None = None
        self.arrived = threading.Condition()
        self.finished = False  # the child has sent everything (or is gone)
        self.converter = Converter()

    def start(self, files: Files, config: MkDocsConfig, documents: set[str]) -> None:
        """Fork the child for the last pages, holding `CHILD_SHARE` of the work (in MkDocs' order)."""
        if (
            len(documents) < PARALLEL_FROM
            or not all(name.endswith("gongkai_hooks.py") for name in config.plugins)
            or "fork" not in mp.get_all_start_methods()
        ):
            return
        share = _last_share(files.documentation_pages())
        self.files = files
        self.ahead = {f.src_uri for f in share}
        parent, child = mp.get_context("fork").Pipe(duplex=False)
        self.process = mp.get_context("fork").Process(
            target=self._child, args=(child, share, files, config, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()
        self.conn = parent
        # Read the results as they come: a full pipe would stop the child until MkDocs got there.
        self.reader = threading.Thread(target=self._receive, name="render-ahead", daemon=True)
        self.reader.start()

    def _receive(self) -> None:
        assert self.conn is not None
        while True:
            try:
                got, result = self.conn.recv()
            except (EOFError, OSError):  # done, or the child is gone: MkDocs converts the rest
                break
            with self.arrived:
                self.received[got] = result
                self.arrived.notify_all()
        with self.arrived:
            self.finished = True
            self.arrived.notify_all()

    def _child(
        self, conn: Connection, share: list[File], files: Files, config: MkDocsConfig, parent: int
    ) -> None:
        die_with_parent(parent)
        self.in_child = True
        logger = logging.getLogger("mkdocs")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)  # the parent prints (and counts) what is logged here
        collect = _Collect()
        logger.addHandler(collect)
        try:
            for file in share:
                collect.records = []
                try:
                    result: Rendered | None = _render(file, files, config, collect.records)
                except Exception:  # the parent converts this page itself
                    result = None
                conn.send((file.src_uri, result))
        except BaseException:  # the pipe is gone or a result cannot be sent: the parent
            pass  # converts whatever it did not receive
        finally:
            conn.close()

    def markdown_for(self, page: Page, markdown: str) -> str:
        """In `on_page_markdown`: how MkDocs' `page.render` next converts this page."""
        result = None
        if not self.in_child and page.file.src_uri in self.ahead:
            self._wait(page.file.src_uri)
            result = self.received.pop(page.file.src_uri, None)
        if result is None:
            self.converter.use_for(page)
        else:
            page.render = lambda config, files: self._use(page, result)  # type: ignore[method-assign]
        return markdown

    def _use(self, page: Page, result: Rendered) -> None:
        """The child's HTML, TOC and anchors in place of a conversion, and its log messages."""
        del page.render
        assert self.files is not None
        page.content = result.content
        page.toc = result.toc
        page._title_from_render = result.title
        page.present_anchor_ids = result.anchors
        links: dict[File, dict[str, str]] = {}
        for src_uri, anchor, written in result.links_to_anchors:
            if (target := self.files.get_file_from_path(src_uri)) is not None:
                links.setdefault(target, {})[anchor] = written
        page.links_to_anchors = links
        for name, level, message in result.logged:
            logging.getLogger(name).log(level, message)

    def _wait(self, src_uri: str) -> None:
        with self.arrived:
            self.arrived.wait_for(lambda: src_uri in self.received or self.finished)

    def close(self) -> None:
        if self.process is not None:
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
            self.process = None
        if self.reader is not None:
            self.reader.join()
            self.reader = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None


PAGE_COST = 2000  # what a page costs besides its text, in bytes of Markdown (events, TOC, …)
CHILD_SHARE = 0.45  # the parent also reads every page and runs its events: it has less time


def _last_share(pages: Sequence[File]) -> Sequence[File]:
    """The last pages, holding `CHILD_SHARE` of the work (listings are long, projects short)."""
    weights = [PAGE_COST + _size(f) for f in pages]
    left = sum(weights) * CHILD_SHARE
    for i in range(len(pages) - 1, -1, -1):
        left -= weights[i]
        if left <= 0:
            return pages[i:]
    return pages


def _size(file: File) -> int:
    if file.generated_by or file.abs_src_path is None:
        return len(file.content_bytes)
    try:
        return os.path.getsize(file.abs_src_path)
    except OSError:
        return 0


def _render(file: File, files: Files, config: MkDocsConfig, logged: list[Logged]) -> Rendered:
    page = Page(None, file, config)
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(
        page.markdown, page=page, config=config, files=files
    )
    page.render(config, files)
    links = [
        (target.src_uri, anchor, written)
        for target, anchors in (page.links_to_anchors or {}).items()
        for anchor, written in anchors.items()
    ]
    return Rendered(
        page.content or "",
        page.toc,
        page.present_anchor_ids,
        links,
        page._title_from_render,
        list(logged),
    )
