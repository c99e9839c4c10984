"""Derived validity (有效性): editors record dates, the build derives the status for `today`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum

from gongkai.content.document import Document
from gongkai.content.model import FrontMatter

EXPIRING_DAYS = 90


class Status(StrEnum):
    VALID = "有效"
    EXPIRED = "失效"
    REPEALED = "废止"
    AMENDED = "已修改"
    NOT_YET = "尚未生效"


def effective_date(meta: FrontMatter) -> dt.date:
    v = meta.validity
    return v.effective if v and v.effective else meta.published


def derive(meta: FrontMatter, today: dt.date) -> Status:
    """First match wins (spec/content.md): repealed, expired, not yet, amended, valid.

    A repealed document with a successor counts as 失效 (已被替代), one without as 废止.
    """
    v = meta.validity
    if v is None:
        return Status.VALID
    if v.repealed and v.repealed <= today:
        return Status.EXPIRED if v.replaced_by else Status.REPEALED
    if v.expires and v.expires < today:
        return Status.EXPIRED
    if effective_date(meta) > today:
        return Status.NOT_YET
    if v.amended_by:
        return Status.AMENDED
    return Status.VALID


def was_once(meta: FrontMatter, status: Status, today: dt.date) -> bool:
    """Whether the dates gave `status` on some day from publication to `today`: a status
    written right that time alone has made wrong. The status changes only on the days tried."""
    v = meta.validity
    turns = [meta.published, effective_date(meta), today]
    if v and v.expires:
        turns.append(v.expires + dt.timedelta(days=1))
    if v and v.repealed:
        turns.append(v.repealed)
    return any(derive(meta, d) == status for d in turns if meta.published <= d <= today)


def expiring_soon(meta: FrontMatter, today: dt.date) -> bool:
    v = meta.validity
    return bool(
        v
        and v.expires
        and derive(meta, today) in (Status.VALID, Status.AMENDED)
        and (v.expires - today).days < EXPIRING_DAYS
    )


def in_force(status: Status) -> bool:
    return status in (Status.VALID, Status.AMENDED)


def references(doc: Document) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """Every (kind, key path, 索引号) this document points at."""
    m = doc.meta
    if m.interprets:
        yield "interprets", ("interprets",), m.interprets
    if m.validity:
        if m.validity.replaced_by:
            yield "replaced_by", ("validity", "replaced_by"), m.validity.replaced_by
        for i, target in enumerate(m.validity.amended_by):
            yield "amended_by", ("validity", "amended_by", i), target
