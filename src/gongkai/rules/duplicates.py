"""Groups of documents sharing a value that should be unique (索引号, 发文字号, URL)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any


def duplicate_groups(items: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    """Group items by a non-empty key; keep only the keys shared by two or more items."""
    keyed = [(key(item), item) for item in items]
    counts = Counter(value for value, _ in keyed if value)
    groups: dict[Any, list[Any]] = defaultdict(list)
    for value, item in keyed:
        if counts[value] > 1:
            groups[value].append(item)
    return dict(groups)
