"""The visible text of a built page's article, whitespace collapsed, for whole-phrase asserts."""

from __future__ import annotations

import html
import re
from pathlib import Path


def article_text(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    found = re.search(r"<article.*?</article>", text, re.S)
    body = found.group(0) if found else text
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def hrefs(page: Path) -> list[str]:
    return re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))
