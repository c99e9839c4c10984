"""Generated pages and build outputs.

Two extension points, one line per page family:

- `PAGE_MAKERS`: functions `(site) -> [(src_uri, markdown)]` whose pages MkDocs renders like any
  other (links in them are resolved and validated by MkDocs); bytes for a file that is no page
  (the application form's DOCX and PDF);
- `POST_BUILD`: functions `(site, site_dir) -> [Finding]` run after MkDocs has written `site/`
  (exports, the link gate); their errors fail the build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.config.settings import SiteConfig
    from gongkai.content.site import Site
    from gongkai.findings import Finding

PageMaker = Callable[["Site"], Iterable[tuple[str, str | bytes]]]
PostBuild = Callable[["Site", Path], list["Finding"]]


def page_makers() -> list[PageMaker]:
    from gongkai.pages import fees as fee_page
    from gongkai.pages import listing

    return [
        listing.pages,
        fee_page.pages,
        *_site_pages(),
        *_column_pages(),
        *_validity_pages(),
        *_reader_pages(),
    ]


def post_build_steps() -> list[PostBuild]:
    from gongkai.links import written
    from gongkai.pages import catalogue

    # the link gate last: it checks what the others wrote
    return [catalogue.write, *_site_outputs(), *_reader_outputs(), written.gate]


def generated(config: SiteConfig) -> Callable[[str], bool]:
    """Whether a path of the built site may be a generated page or output (a listing, the
    statistics, a project's page, search, the feed…): links written in Markdown to one of
    these are left to the link gate, which sees the built site."""
    from gongkai.pages import fees, filters, finance, projects, statistics

    segments = {c.segment for c in config.columns}
    names = {PurePosixPath(p).stem for p in (fees.SRC_URI, finance.PAGE, statistics.PAGE)}
    names |= {projects.FOLDER, *filters.SLUGS.values()}

    def may_be(path: str) -> bool:
        parts = path.split("/")
        if len(parts) == 1 or parts[0] not in segments:
            return True
        return parts[1] == "index.html" or (len(parts) > 2 and parts[1] in names)

    return may_be


def _validity_pages() -> list[PageMaker]:
    """规范性文件统计 (issue 4): 本年制发 / 本年废止 / 现行有效."""
    from gongkai.pages import statistics

    return [statistics.pages]


def _column_pages() -> list[PageMaker]:
    """The 预决算 overview and one page per procurement/tender project (issue 6)."""
    from gongkai.pages import finance, projects

    return [finance.pages, projects.pages]


def _site_pages() -> list[PageMaker]:
    """The public site's own pages (issue 8): home, search, filtered listings."""
    from gongkai.pages import filters, home, search

    return [home.pages, search.pages, filters.pages]


def _site_outputs() -> list[PostBuild]:
    """The Atom feed (issue 8); the search index is built alongside (`search.Indexer`)."""
    from gongkai.pages import feed

    return [feed.write]


def _reader_pages() -> list[PageMaker]:
    """Issue 23: 咨询留言, the 依申请公开 application form and its files, 主题分类 pages."""
    from gongkai.pages import contact, topics
    from gongkai.pages.application import page as application

    return [contact.pages, application.pages, topics.pages]


def _reader_outputs() -> list[PostBuild]:
    """Issue 23: the application form's DOCX and PDF, read back and scanned as attachments are."""
    from gongkai.pages.application import files

    return [files.scan]
