"""Front-matter values as text in the Markdown of generated pages.

A listing, the home page, a topic's or a project's page is Markdown that MkDocs renders; a value an
editor wrote (title, 发文字号, topic, project, unit…) put there as it is would be read as Markdown
and raw HTML: `<img src=x onerror=…>` an element, `[x](javascript:…)` a link, `{: onclick=…}` an
attribute. `text` turns the value into what the reader sees, character for character: `& < > "`
become character references, every character Python-Markdown lets a backslash escape is escaped,
and a line break becomes a space. Templates escape with Jinja's `| e` (theme_overrides/).
"""

from __future__ import annotations

import re

# Python-Markdown's backslash escapes (`Markdown.ESCAPED_CHARS`, `|` added by `tables`)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def text(value: object) -> str:
    """A value as literal text in Markdown (also inside a table cell or a link's text)."""
    if value is None:
        return ""
    plain = " ".join(str(value).splitlines())
    plain = _MARKDOWN.sub(r"\\\1", plain)
    return "".join(_HTML.get(c, c) for c in plain)
