"""How a date is written in Chinese on the site and in messages."""

from __future__ import annotations

import datetime as dt


def cn_date(value: dt.date | None) -> str:
    """2021-07-05 → 2021年7月5日 (GB/T 9704: no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""
