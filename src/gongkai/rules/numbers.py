"""Personal numbers (GK211–GK213) found as the reader will see them.

A text is searched twice: as written (a tag or an invisible character between two numbers keeps
them apart) and as rendered, in the *reader's view*: tags and HTML comments, Markdown's emphasis
and code marks and backslash escapes, and zero-width characters render as nothing and are taken
out; character references (`&#49;`) are decoded; full-width and other Unicode digits read as
ASCII. In both, a number may be typed in groups with separators between them (spaces, a
full-width space, hyphens, dashes: `110101 19900307 1234`, `138-1234-5678`), each group but the
last at least as long as such numbers are grouped (3 digits for ID and mobile numbers, 4 for
bank cards), so that rows of small numbers do not join into one. Offsets found in the view are
mapped back to the written text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]
SEPARATORS = "  \u2000-\u200a\u2028\u2029\u202f\u205f\u3000\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_RUN = re.compile(rf"(?<![0-9])[0-9]+(?:[{SEPARATORS}]{{1,3}}[0-9]+)*[Xx]?(?![0-9])")
_GROUP = re.compile(r"[0-9]+[Xx]?")
_LONG = re.compile(rf"[0-9](?:[{SEPARATORS}]{{0,3}}[0-9]){{10}}")
# Render as nothing: HTML comments and tags, emphasis and code marks, backslash escapes,
# zero-width and other invisible format characters; character references are decoded.
INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff"
UNSEEN = re.compile(
    r"<!--[\s\S]*?(?:-->|$)|</?[A-Za-z][^<>]*>|\\(?=[!-/:-@\[-`{-~])|[*_`"
    + INVISIBLE
    + r"]+|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
# A pattern that starts with one character class lets the regex engine skip quickly to where a
# match can begin; one that starts with a look-around or alternatives tries every position.
_WIDE = re.compile(r"[\dＸｘ](?<![0-9])")  # a digit other than 0-9, or a full-width X


@dataclass(frozen=True)
class Personal:
    start: int
    end: int
    rule: str  # GK211 | GK212 | GK213
    kind: str  # 身份证号码 | 银行卡号 | 手机号码
    shown: str
    digits: str = ""  # as the reader reads them: ASCII digits (and X)


def id_number_ok(number: str, today: dt.date) -> bool:
    """GB 11643: ISO 7064 MOD 11-2 check character and a real birth date not after today."""
    check = "10X98765432"[sum(int(d) * w for d, w in zip(number, _ID_WEIGHTS, strict=False)) % 11]
    if number[17].upper() != check:
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= today


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _hidden(digits: str) -> str:
    """Never repeat personal data in full in a log: keep the first 3/6 and the last 4."""
    keep = 6 if len(digits) >= 16 else 3
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


def _ascii_digit(m: re.Match[str]) -> str:
    c = m.group()
    return "X" if c in "Ｘｘ" else str(unicodedata.decimal(c))


def as_read(text: str) -> str:
    """Full-width and other Unicode digits as ASCII, one character for one (offsets kept)."""
    return _WIDE.sub(_ascii_digit, text) if _WIDE.search(text) else text


def _decoded(unseen: str) -> str:
    if not unseen.startswith("&"):
        return ""
    char = html.unescape(unseen)
    return "" if char == unseen or re.fullmatch(f"[{INVISIBLE}]*", char) else as_read(char)


_HIDING = re.compile(
    rf"[&0-9](?:(?<=&)#|(?<=[0-9])[{SEPARATORS}]*(?:(?:{UNSEEN.pattern})[{SEPARATORS}]*)+[0-9Xx])"
)


def _may_hide(text: str) -> bool:
    """Whether the rendered text can hold a number the written one does not: a character
    reference, or something unseen between two digits (and their separators)."""
    return _HIDING.search(text) is not None


# Where the text holds no tag, comment, escape or reference, only marks and invisible characters
# are unseen: the view is the text without them (Pagefind's fragments hold a zero-width space
# between every two words).
_MARKUP = re.compile(r"[<&\\]")
_MARKS = re.compile(rf"[*_`{INVISIBLE}]+")


@lru_cache(maxsize=4)
def reader_view(text: str) -> str:
    """The text as rendered (the secrecy and the number scanners ask for the same text)."""
    if _MARKUP.search(text) is None:
        return _MARKS.sub("", text)
    return UNSEEN.sub(lambda m: _decoded(m.group()), text)


@lru_cache(maxsize=4)
def _segments(text: str) -> list[tuple[int, int]]:
    """(view offset, text offset) where each segment of the view starts."""
    segments: list[tuple[int, int]] = [(0, 0)]
    at = length = 0
    for m in UNSEEN.finditer(text):
        length += m.start() - at
        shown = _decoded(m.group())
        if shown:
            segments.append((length, m.start()))
            length += len(shown)
        at = m.end()
        segments.append((length, at))
    return segments


def source_offset(text: str, offset: int) -> int:
    """Where in the written text an offset of its view is."""
    segments = _segments(text)
    i = bisect_right(segments, (offset, 1 << 62)) - 1
    view_at, text_at = segments[i]
    return text_at + (offset - view_at)


_KINDS = (  # rule, kind, shortest group but the last, lengths
    ("GK211", "身份证号码", 3, (18,)),
    ("GK212", "银行卡号", 4, (16, 17, 18, 19)),
    ("GK213", "手机号码", 3, (11,)),
)


def _valid(rule: str, number: str, today: dt.date) -> bool:
    if rule == "GK211":
        return id_number_ok(number, today)
    if not number.isdigit():
        return False
    if rule == "GK212":
        return number[0] in "3456" and luhn_ok(number)
    return number[0] == "1" and number[1] in "3456789"


def _clear_before(rule: str, text: str, start: int) -> bool:
    """Not the tail of a longer token (the old patterns' look-behinds): a letter or digit before
    an ID number; a digit, a hyphen or a decimal point before a card or mobile number."""
    before = text[max(start - 2, 0) : start]
    if rule == "GK211":
        return not re.search(r"[0-9A-Za-z]$", before)
    return not re.search(r"(?:[0-9-]|[0-9]\.)$", before)


def _clear_after(rule: str, text: str, end: int) -> bool:
    after = text[end : end + 2]
    return not re.match(r"[0-9A-Za-z]" if rule == "GK211" else r"\.?[0-9]", after)


def _numbers(text: str, today: dt.date) -> list[Personal]:
    if _LONG.search(text) is None:
        return []  # the usual text: no 11 digits in a row, separators or not
    runs = [
        [g.span() for g in _GROUP.finditer(text, *m.span())]
        for m in _RUN.finditer(text)
        if m.end() - m.start() >= 11
    ]
    found: list[Personal] = []
    taken: list[tuple[int, int]] = []
    for rule, kind, shortest, lengths in _KINDS:
        for groups in runs:
            for i in range(len(groups)):
                digits = ""
                for j in range(i, len(groups)):
                    if j > i and groups[j - 1][1] - groups[j - 1][0] < shortest:
                        break
                    digits += text[groups[j][0] : groups[j][1]].upper()
                    if len(digits) > max(lengths):
                        break
                    start, end = groups[i][0], groups[j][1]
                    if (
                        len(digits) in lengths
                        and _valid(rule, digits, today)
                        and (i > 0 or _clear_before(rule, text, start))
                        and (j < len(groups) - 1 or _clear_after(rule, text, end))
                        and not any(s < end and start < e for s, e in taken)
                    ):
                        taken.append((start, end))
                        found.append(Personal(start, end, rule, kind, _hidden(digits), digits))
    return found


@lru_cache(maxsize=8)
def personal_data(text: str, today: dt.date) -> tuple[Personal, ...]:
    """Every personal number in a text, as written or as rendered; found once per text."""
    written = as_read(text)
    found = _numbers(written, today)
    if not _may_hide(written):
        return tuple(sorted(found, key=lambda p: p.start))
    view = reader_view(written)
    if view != written:
        seen = {p.digits for p in found}
        for p in _numbers(view, today):
            if p.digits not in seen:
                start = source_offset(written, p.start)
                end = source_offset(written, p.end - 1) + 1
                found.append(Personal(start, end, p.rule, p.kind, p.shown, p.digits))
    return tuple(sorted(found, key=lambda p: p.start))
