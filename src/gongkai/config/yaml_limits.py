"""Bounds on hand-written YAML: no aliases, no deep nesting, found before anything is built.

PyYAML expands an alias wherever it is used: nine aliases of nine aliases … (a "billion laughs")
take gigabytes, an alias inside its own anchor recurses forever, and a few thousand nested
brackets overflow the composer's recursion. Front matter and ledgers never need either, so the
text's events are read first (PyYAML's parser is a loop, not a recursion) and the first alias,
or the first level past `MAX_DEPTH`, is reported with its place instead.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_DEPTH = 20  # nested mappings and lists; the deepest field of a document has 3
_DEEP = re.compile(rf"^[ \t-]{{{MAX_DEPTH}}}", re.MULTILINE)


def _may_exceed(text: str) -> bool:
    """Cheap: only a text with `*`, or with many brackets or deep indents, can break a bound."""
    return "*" in text or text.count("[") + text.count("{") >= MAX_DEPTH or bool(_DEEP.search(text))


def beyond_limits(text: str, loader_class: Any) -> tuple[int, int, str] | None:
    """(0-based line, 0-based column, Chinese reason) of the first alias or too deep level.

    None when the text is within bounds, and when it is not YAML at all: the parse that follows
    reports the syntax error.
    """
    if not _may_exceed(text):
        return None
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                return (
                    mark.line,
                    mark.column,
                    (
                        f"用了 YAML 别名“*{event.anchor}”：别名会把别处的值复制过来，可能无限展开；"
                        "请删去 & 锚点和 * 别名，把值直接写出来"
                    ),
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return (
                        mark.line,
                        mark.column,
                        (
                            f"嵌套超过 {MAX_DEPTH} 层：元数据和台账的字段最多嵌套几层，"
                            "请检查是不是多写了括号或缩进"
                        ),
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None
