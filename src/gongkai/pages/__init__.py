"""Generated pages and build outputs.

Two extension points, one line per page family:

- `PAGE_MAKERS`: functions `(site) -> [(src_uri, markdown)]` whose pages MkDocs renders like any
  other (links in them are resolved and validated by MkDocs);
- `POST_BUILD`: functions `(site, site_dir) -> [Finding]` run after MkDocs has written `site/`
  (exports, the link gate); their errors fail the build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.findings import Finding
    from gongkai.site import Site

PageMaker = Callable[["Site"], Iterable[tuple[str, str]]]
PostBuild = Callable[["Site", Path], list["Finding"]]


def page_makers() -> list[PageMaker]:
    from gongkai.pages import listing

    return [listing.pages]


def post_build_steps() -> list[PostBuild]:
    from gongkai.pages import catalogue

    return [catalogue.write]
