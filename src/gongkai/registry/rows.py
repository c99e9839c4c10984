"""One row of an export of the national law database: a law, or one version of it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


class ImportError_(Exception):
    """The export cannot be read; one Chinese sentence with file and row."""


@dataclass(frozen=True)
class Row:
    where: str
    name: str
    status: str
    promulgated: dt.date | None = None
    effective: dt.date | None = None
    order: str | None = None
    repealed: dt.date | None = None
    kind: str | None = None
    source: str | None = None
    replaced_by: str | None = None


def parse_date(value: str, where: str, column: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{8}", value):
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    m = _DATE.match(value)
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else dt.date.fromisoformat(value)
    except ValueError:
        raise ImportError_(
            f"{where}: {column}“{value}”不是日期：请写成 YYYY-MM-DD 或 YYYY年M月D日"
        ) from None
