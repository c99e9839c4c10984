"""Patterns written for speed find exactly what they would find without the speed-up.

`_INLINE` (what the text rules mask) and `_LINK` (what the link checks read) begin with a
look-ahead holding the first character of every branch, so that the regex engine fails most
positions at once. A branch added later with another first character would silently never
match: each pattern is compared with itself without the look-ahead, on seeded random Markdown.

The reader's view of a text with no tag, reference or escape is made by deleting marks and
invisible characters at once; it must read as the general path reads, and every view offset must
map back to the character it shows.
"""

from __future__ import annotations

import random
import re

import pytest

from gongkai.content import text
from gongkai.links import markdown
from gongkai.rules import numbers

TOKENS = [
    *"[]()<>`!{}#:-@hfwsHS \n",
    *("\n\n", "中文，", "<!-- 注释 -->", "`代码`", "``x``", "<https://a.cn>", "<mailto:a@b.cn>"),
    *("](a.md)", '](a.md "题")', "][参考]", "[^1]", "\n[参考]: http://a.cn", "\n   [r]: b.md"),
    *("http://a.cn/x", "ftp://a.cn", "www.gov.cn", "{: .c }", "{#id}", '{ style="x" }'),
    *(
        "a@b.cn",
        "<video src='v.mp4'>",
        ' href="x.html"',
        " SRC='y.png'",
        "![图](p.png)",
        "[文](l.md)",
    ),
]


def _without_look_ahead(pattern: re.Pattern[str]) -> str:
    """The pattern's source with its leading `(?=[…])(?:` and the group's closing `)` taken out."""
    source = pattern.pattern
    m = re.match(r"\s*\(\?=\[(?:\\.|[^\]])*\]\)\(\?:", source)
    assert m is not None and source.endswith(")"), "the pattern lost its look-ahead"
    return source[: m.start()] + source[m.end() : -1]


PATTERNS = {
    "inline": (text._INLINE, _without_look_ahead(text._INLINE)),
    "inline with e-mail": (text._INLINE_AT, f"{_without_look_ahead(text._INLINE)} | {text._EMAIL}"),
    "links": (markdown._LINK, _without_look_ahead(markdown._LINK)),
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_look_ahead_lets_every_branch_through(name: str) -> None:
    pattern, source = PATTERNS[name]
    plain = re.compile(source, pattern.flags)
    rng = random.Random(20)
    for _ in range(20_000):
        s = "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 12)))
        assert [(m.span(), m.lastgroup) for m in pattern.finditer(s)] == [
            (m.span(), m.lastgroup) for m in plain.finditer(s)
        ], s


def test_the_check_fails_for_a_branch_the_look_ahead_would_stop() -> None:
    narrowed = re.compile(markdown._LINK.pattern.replace("<hs]", "<h]"), markdown._LINK.flags)
    plain = re.compile(_without_look_ahead(markdown._LINK), markdown._LINK.flags)
    s = ' src="a.png"'
    assert list(plain.finditer(s)) and not list(narrowed.finditer(s))


VIEW_TOKENS = [
    *"12 -x*_`\\<>&#;机密★",
    "\u200b",
    "\u00ad",
    "&amp;",
    "&#49;",
    "&#x31;",
    "<b>",
    "<!--",
    "-->",
]


def test_the_readers_view_reads_as_the_general_path_and_maps_back() -> None:
    rng = random.Random(21)
    fast = 0
    for _ in range(20_000):
        s = "".join(rng.choice(VIEW_TOKENS) for _ in range(rng.randint(0, 16)))
        view = numbers.reader_view(s)
        assert view == numbers.UNSEEN.sub(lambda m: numbers._decoded(m.group()), s), s
        fast += numbers._MARKUP.search(s) is None
        decoded = {m.start() for m in numbers.UNSEEN.finditer(s) if numbers._decoded(m.group())}
        for offset, char in enumerate(view):
            at = numbers.source_offset(s, offset)
            assert s[at] == char or at in decoded, (s, offset)
    assert fast > 2_000  # the fast path was tried
