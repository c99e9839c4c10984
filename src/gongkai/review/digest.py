"""What a reviewer approved, in a form that survives reformatting: the review digest.

The canonical form of a document (README, "Reviews"):

- every front-matter field except `review`, as its parsed value in JSON (keys sorted, no spaces,
  UTF-8, dates as YYYY-MM-DD): YAML quoting, indentation, flow or block style and key order do
  not change it, a changed value does;
- the body as paragraphs: lines with Windows line ends and trailing spaces removed, split at blank
  lines (so extra blank lines do not count, a changed character does);
- every file the document uses (its `attachments` and the files its body links to), by the name
  written in the document, as the SHA-256 of its bytes, `null` when it does not exist.

`digest` is the SHA-256 of that JSON (first 32 hex digits). The record also keeps a 6-digit digest
of each field, paragraph and file, enough to name what changed since the review.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongkai.content.attachments import named_files
from gongkai.content.model import LABELS

PART = 6  # hex digits kept of each part's digest
WHOLE = 32
MISSING = "-"  # a file the document names that does not exist


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def canonical(value: object) -> str:
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_iso
    )


def _sha(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str


def paragraphs(body: str, first_line: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    lines: list[str] = []
    for number, line in enumerate(body.replace("\r\n", "\n").split("\n"), start=first_line):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.rstrip())
        elif lines:
            out.append(Paragraph(start, "\n".join(lines)))
            lines = []
    if lines:
        out.append(Paragraph(start, "\n".join(lines)))
    return out


@dataclass(frozen=True)
class Content:
    """A document as the reviewer saw it: fields, paragraphs, the files it uses."""

    meta: dict[str, Any]
    paragraphs: list[Paragraph]
    files: dict[str, str | None]  # name as written → SHA-256 of the bytes

    def digest(self) -> str:
        whole = {"body": [p.text for p in self.paragraphs], "files": self.files, "meta": self.meta}
        return _sha(canonical(whole))[:WHOLE]

    def field_parts(self) -> dict[str, str]:
        return {k: _sha(f"{k}\n{canonical(v)}")[:PART] for k, v in sorted(self.meta.items())}

    def paragraph_parts(self) -> list[str]:
        return [_sha(p.text)[:PART] for p in self.paragraphs]

    def file_parts(self) -> dict[str, str]:
        return {name: sha[:PART] if sha else MISSING for name, sha in self.files.items()}

    def record(self) -> dict[str, Any]:
        """The digest keys of the review record, in the order they are written."""
        record: dict[str, Any] = {"digest": self.digest(), "fields": self.field_parts()}
        if self.paragraphs:
            record["paragraphs"] = " ".join(self.paragraph_parts())
        if self.files:
            record["files"] = self.file_parts()
        return record


Reader = Callable[[str], bytes | None]  # a path relative to the document's folder → its bytes


def content_of(raw: dict[str, Any], body: str, body_line: int, read: Reader) -> Content:
    """The canonical content of a document from its parsed front matter and its body."""
    meta = {k: v for k, v in raw.items() if k != "review"}
    attached = raw.get("attachments")
    items = attached if isinstance(attached, list) else []
    names = [a["file"] for a in items if isinstance(a, dict) and isinstance(a.get("file"), str)]
    files: dict[str, str | None] = {}
    for name in named_files(names, body):
        data = read(posixpath.normpath(name))
        files[name] = None if data is None else _sha(data)
    return Content(meta, paragraphs(body, body_line), files)


FIELD_SAYS = ("新增字段{}", "删去字段{}", "字段{}")
FILE_SAYS = ("新增附件 {}", "去掉附件 {}", "附件 {}")


def _label(key: str) -> str:
    return f"{LABELS[key]}（{key}）" if key in LABELS else key


def _part_changes(
    old: dict[str, str], new: dict[str, str], says: tuple[str, str, str], fields: bool
) -> list[str]:
    """Added, removed and changed parts of the front matter (`fields`) or of the files, worded by
    `says` (added, removed, changed); fields read by their Chinese label, the changed ones first."""
    order = (lambda k: (k not in new, k)) if fields else None
    out = []
    for key in sorted(old.keys() | new.keys(), key=order):
        name = _label(key) if fields else key
        if key not in old:
            out.append(says[0].format(name))
        elif key not in new:
            out.append(says[1].format(name))
        elif old[key] != new[key]:
            out.append(says[2].format(name))
    return out


def _paragraph_changes(old: list[str], new: list[str], now: list[Paragraph]) -> list[str]:
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert"):
            kind = "正文" if op == "replace" else "新增正文"
            out += [f"{kind}第{j + 1}段（第{now[j].line}行）" for j in range(j1, j2)]
        first = i1 + (j2 - j1)  # old paragraphs past the replaced ones were deleted
        if op != "equal" and first < i2:
            out.append(
                f"删去原第{first + 1}段" if i2 - first == 1 else f"删去原第{first + 1}–{i2}段"
            )
    return out


def changes(review: Any, now: Content) -> list[str]:
    """What differs between a review record (its part digests) and the content now."""
    old_paragraphs = (review.paragraphs or "").split()
    found = [
        *_part_changes(review.fields, now.field_parts(), FIELD_SAYS, fields=True),
        *_paragraph_changes(old_paragraphs, now.paragraph_parts(), now.paragraphs),
        *_part_changes(review.files, now.file_parts(), FILE_SAYS, fields=False),
    ]
    return found or ["内容（审查记录中的分项摘要与内容对不上）"]
