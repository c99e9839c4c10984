"""MkDocs' own English warnings about a link that the link rules have already reported, dropped.

`gongkai.links.written` reports a Markdown link to a missing file, a missing anchor or a withheld
document in Chinese, with the line and the document meant; MkDocs then warns of the same link
("Doc file '…' contains a link '…', but the target '…' is not found …"). Only the warnings about
the links reported are dropped: any other MkDocs warning is printed and counted by `--strict`.
"""

from __future__ import annotations

import logging
import re

_LOGGER = "mkdocs.structure.pages"
_ABOUT_LINK = re.compile(
    r"Doc file '(?P<src>[^']+)' contains an? (?:[a-z ]+ )?link '(?P<url>[^']+)'"
)


class NotTwice(logging.Filter):
    """Drops MkDocs' warning about each (src_uri, link as written) in `reported`."""

    def __init__(self, reported: set[tuple[str, str]]) -> None:
        super().__init__()
        self.reported = reported

    def filter(self, record: logging.LogRecord) -> bool:
        m = _ABOUT_LINK.match(record.getMessage())
        return m is None or (m["src"], m["url"]) not in self.reported

    @classmethod
    def install(cls, reported: set[tuple[str, str]]) -> NotTwice:
        """The filter of this build, in place of any an earlier build in this process left."""
        logger = logging.getLogger(_LOGGER)
        for old in [f for f in logger.filters if isinstance(f, NotTwice)]:
            logger.removeFilter(old)
        own = cls(reported)
        logger.addFilter(own)
        return own

    def remove(self) -> None:
        logging.getLogger(_LOGGER).removeFilter(self)
