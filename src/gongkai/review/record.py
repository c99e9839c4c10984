"""The review block of a document's front matter, rewritten in place.

Only the lines of `review:` (the key and the lines indented under it) are replaced; every other
line of the front matter — comments, quoting, order, the editor's spacing — stays as it was.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from gongkai.content.document import Document, from_text
from gongkai.review.digest import Content, Reader, content_of

_KEY = re.compile(r"^review[ \t]*:")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def _scalar(value: object) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 20)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def render(record: dict[str, Any], indent: str = "  ", newline: str = "\n") -> str:
    lines = ["review:", *(f"{indent}{key}: {_scalar(v)}" for key, v in record.items())]
    return newline.join(lines) + newline


def block_span(lines: list[str]) -> tuple[int, int]:
    """Start and end line index of the review block, or (end, end) at the closing `---`."""
    end = next(i for i in range(1, len(lines)) if _END.match(lines[i].rstrip("\r\n")))
    start = next((i for i in range(1, end) if _KEY.match(lines[i])), None)
    if start is None:
        return end, end
    stop = start + 1
    while stop < end and (not lines[stop].strip() or lines[stop][0] in " \t"):
        stop += 1
    while stop - 1 > start and not lines[stop - 1].strip():
        stop -= 1  # blank lines before the next key are the editor's spacing
    return start, stop


def replace_block(text: str, record: dict[str, Any]) -> str:
    """The text with its review block replaced by `record` (added before `---` if missing)."""
    lines = text.splitlines(keepends=True)
    start, stop = block_span(lines)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    child = lines[start + 1] if start + 1 < stop else ""
    indent = child[: len(child) - len(child.lstrip(" \t"))] or "  "
    return "".join([*lines[:start], render(record, indent, newline), *lines[stop:]])


def file_reader(doc: Document) -> Reader:
    folder = doc.path.parent

    def read(name: str) -> bytes | None:
        try:
            return (folder / name).read_bytes()
        except OSError:
            return None

    return read


def content_now(doc: Document) -> Content:
    """The content of a document as it is on disk."""
    return content_of(doc.raw, doc.body, doc.body_line, file_reader(doc))


def write(path: Path, doc: Document, record: dict[str, Any]) -> None:
    path.write_bytes(replace_block(doc.text, record).encode("utf-8"))


def sealed_record(text: str, path: Path) -> dict[str, Any] | None:
    """The 同意公开 record of a document written without digest, with the digest of its content;
    None when there is no such record. For generated corpora and test projects: a reviewer uses
    `review approve`, which checks who reviews."""
    doc = from_text(path.name, text)
    doc.path = path
    review = doc.raw.get("review")
    if not isinstance(review, dict) or review.get("result") != "同意公开" or "digest" in review:
        return None
    return {**review, **content_now(doc).record()}


def with_digest(text: str, path: Path) -> str:
    record = sealed_record(text, path)
    return text if record is None else replace_block(text, record)
