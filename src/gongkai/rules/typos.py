"""GK311's scanner: the typo table, matched on word boundaries.

A table word is only a candidate; jieba (its dictionary loaded on the first candidate, never for
a text without one) confirms it is not the middle of other words (“既使用” is 既/使用, “发展转型” is
发展/转型). Variant forms (`variant: true`: 帐户, 其它, 摹仿, 做出决定 …) are still the wording of
enacted laws: they are not reported inside a quotation, nor when the caller says the text is
another organ's enacted text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from gongkai.content.text import Prose
from gongkai.rules.scanners import Hit

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WINDOW = 12  # characters of context on each side given to the segmenter


@dataclass(frozen=True)
class Typo:
    wrong: str
    right: str
    source: str
    exceptions: tuple[str, ...] = ()
    variant: bool = False


@cache
def typo_table() -> dict[str, Typo]:
    raw = yaml.load(
        resources.files("gongkai.data").joinpath("typos.yml").read_text("utf-8"), Loader=_Loader
    )
    return {
        e["wrong"]: Typo(
            e["wrong"],
            e["right"],
            e["source"],
            tuple(e.get("except") or ()),
            bool(e.get("variant")),
        )
        for e in raw["typos"]
    }


@cache
def _typo_re() -> re.Pattern[str]:
    words = sorted(typo_table(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _excepted(text: str, start: int, end: int, exceptions: tuple[str, ...]) -> bool:
    for word in exceptions:
        lo = max(0, end - len(word))
        i = text.find(word, lo, start + len(word))
        if i != -1 and i <= start and i + len(word) >= end:
            return True
    return False


@cache
def _segmenter() -> Any:  # a jieba.Tokenizer; jieba has no type hints
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def across_words(text: str, start: int, end: int) -> bool:
    """Whether a word of the segmentation begins before `start` or ends after `end` inside it."""
    lo = max(0, start - _WINDOW)
    window = text[lo : end + _WINDOW]
    s, e = start - lo, end - lo
    return any(a < s < b or a < e < b for _, a, b in _segmenter().tokenize(window, HMM=False))


def _quoted(prose: Prose, pos: int) -> bool:
    """Inside a “…” of its paragraph, or in a paragraph that opens a quotation (“ first)."""
    for start, end in prose.units:
        if start <= pos < end:
            before = prose.masked[start:pos]
            return before.count("“") > before.count("”") or before.lstrip(" >").startswith("“")
    return False


def scan_typos(prose: Prose, enacted: bool = False) -> Iterator[Hit]:
    table, text = typo_table(), prose.masked
    for m in _typo_re().finditer(text):
        typo = table[m.group()]
        if _excepted(text, m.start(), m.end(), typo.exceptions):
            continue
        if typo.variant and (enacted or _quoted(prose, m.start())):
            continue
        if across_words(text, m.start(), m.end()):
            continue
        yield Hit(m.start(), m.end(), f"错别字：“{typo.wrong}”应写作“{typo.right}”")
