"""The text scanners behind the GK3xx rules: each reads a `Prose` once and yields `Hit`s.

A hit is a span of the file text, a Chinese message and, when the fix is safe and mechanical,
the replacement of that span. Rules turn hits into findings; `gongkai.editor.fix` applies replacements.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gongkai.content.text import Prose

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PUNCT = "，。；：？！、“”‘’（）《》〔〕【】…—"
_CTX = HAN + _PUNCT
_SP = "[ \t\u3000]"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    message: str
    replacement: str | None = None
    at: int | None = None  # where to report, when not `start`

    @property
    def report_at(self) -> int:
        return self.start if self.at is None else self.at


Scanner = Callable[[Prose], Iterator[Hit]]

# --- GK301 发文字号 ------------------------------------------------------------------------

_DOC_NO = re.compile(
    rf"(?P<sp1>{_SP}*)(?P<open>[\[(（【〔])(?P<sp2>{_SP}*)(?P<year>(?:19|20)\d{{2}})(?P<sp3>{_SP}*)"
    rf"(?P<close>[\])）】〕])(?P<sp4>{_SP}*)(?P<di>第?)(?P<sp5>{_SP}*)(?P<no>\d{{1,5}})(?P<sp6>{_SP}*)号"
)
_AGENCY_STOP = set("和与及照据对经于在见的为以将按由是")
_LEAD_VERBS = (
    "转发",
    "印发",
    "根据",
    "按照",
    "依据",
    "对照",
    "落实",
    "贯彻",
    "执行",
    "参照",
    "遵照",
)


def _agency_start(masked: str, end: int) -> int:
    start = end
    while start > 0 and end - start < 8 and re.match(f"[{HAN}]", masked[start - 1]):
        if masked[start - 1] in _AGENCY_STOP:
            break
        start -= 1
    return start


def doc_numbers(prose: Prose) -> list[tuple[int, int, str, str]]:
    """(start, end, written, canonical) of every 发文字号 in the prose; found once (two rules ask)."""
    found = prose.memo.get("doc_numbers")
    if found is None:
        found = prose.memo["doc_numbers"] = list(_doc_numbers(prose))
    return found


def _doc_numbers(prose: Prose) -> Iterator[tuple[int, int, str, str]]:
    if "号" not in prose.masked:
        return  # no 发文字号 can end here (most texts): the pattern is slow to fail
    for m in _DOC_NO.finditer(prose.masked):
        start = _agency_start(prose.masked, m.start())
        if start == m.start():
            continue
        agency = prose.masked[start : m.start()]
        for verb in _LEAD_VERBS:
            if agency.startswith(verb) and len(agency) > len(verb) + 1:
                start, agency = start + len(verb), agency[len(verb) :]
        canonical = f"{agency}〔{m['year']}〕{int(m['no'])}号"
        yield start, m.end(), prose.text[start : m.end()], canonical


def scan_doc_number(prose: Prose) -> Iterator[Hit]:
    for start, end, written, canonical in doc_numbers(prose):
        if written == canonical:
            continue
        if "〔" not in written or "〕" not in written:
            what = "发文字号应使用六角括号〔〕"
        elif "第" in written[written.index("〕") :] or re.search(r"〕\s*0", written):
            what = "发文字号的序号不加“第”、不编虚位"
        else:
            what = "发文字号中不应有空格"
        yield Hit(start, end, f"{what}：把“{written}”改为“{canonical}”", canonical)


# --- GK302 半角标点 -------------------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
# The mark first, the character before it looked at from there: a pattern that starts with one
# character class lets the regex engine skip to the marks instead of trying every position.
_HALF = re.compile(
    rf"[,;:?!.](?:(?<=[,;:?])(?:(?<=[{_CTX}].)|(?=[{HAN}]))"
    rf"|(?<=!)(?<=[{_CTX}]!)(?![\[=])"
    rf"|(?<=\.)(?<=[{_CTX}]\.)(?![.0-9A-Za-z_/\\]))"
)
# “一.” at the start of a line is a first-level number written with the wrong mark (GB/T 9704: 一、)
_CN_ORDINAL = re.compile(r"(?:^|\n)[ \t>#*]*[（(]?[一二三四五六七八九十]{1,3}$")
_PAIR = re.compile(r"\(([^()\n]*)\)")
_LONE = re.compile(rf"[()](?:(?<=[{_CTX}].)|(?=[{HAN}]))")


def scan_half_width(prose: Prose) -> Iterator[Hit]:
    text = prose.masked
    for m in _HALF.finditer(text):
        full = _HALF_TO_FULL[m.group()]
        if m.group() == "." and _CN_ORDINAL.search(text, max(0, m.start() - 12), m.start()):
            number = text[m.start() - 1]
            yield Hit(m.start(), m.end(), f"序号后应使用顿号：把“{number}.”改为“{number}、”", "、")
            continue
        yield Hit(
            m.start(),
            m.end(),
            f"中文里应使用全角标点：把半角“{m.group()}”改为“{full}”",
            full,
        )
    paired: set[int] = set()
    for m in _PAIR.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if (
            re.search(f"[{HAN}]", m.group(1))
            or (before and re.match(f"[{_CTX}]", before))
            or (after and re.match(f"[{HAN}]", after))
        ):
            paired.update((m.start(), m.end() - 1))
            yield Hit(
                m.start(),
                m.end(),
                f"中文里应使用全角括号：把“{m.group()}”改为“（{m.group(1)}）”",
                f"（{m.group(1)}）",
            )
    for m in _LONE.finditer(text):
        if m.start() not in paired:
            full = "（" if m.group() == "(" else "）"
            yield Hit(
                m.start(), m.end(), f"中文里应使用全角括号：把半角“{m.group()}”改为“{full}”", full
            )


# --- GK303 汉字与数字、字母之间的空格 -------------------------------------------------------

# ASCII spaces only: a full-width space (U+3000) is a deliberate separator in 公文 (“第一条　为了…”).
# A run of spaces after a Chinese character and before a digit or letter, or the other way round;
# from its first space, which the engine finds fast, the character before is looked at.
_SPACED = re.compile(
    r"[ \t](?:(?<=[" + HAN + r"][ \t])[ \t]*(?=[0-9A-Za-z])"
    r"|(?<=[0-9A-Za-z%][ \t])[ \t]*(?=[" + HAN + "]))"
)
_CAPTION = re.compile(r"(?:附件|附表|附图|表|图)\d+$")
# A separator, not a space inside running text: after an article number at the start of a line
# (“第九条 1985年…”), after a section number (“5.1.2 省级…”).
_SEPARATOR = re.compile(
    r"(?:^|\n)[ \t>#*]*(?:第[一二三四五六七八九十百千零〇两]+[条章节编]|\d+(?:\.\d+)+)$"
)
_SENTENCE = re.compile("[，。；：？！]")
# In a line with no sentence punctuation (a table row, a list of items, a 题注 line) spaces
# separate columns; only a space that splits a number from its unit or a date is reported there.
_BOUND = re.compile(r"\d[ \t]+[年月日号时分秒个件人次条款项元%]|[年月][ \t]+\d")


def _quote_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = start - 1
    if re.match(f"[{HAN}]", text[left]):
        while left > 0 and re.match(r"[0-9A-Za-z]", text[left - 1]):
            left -= 1
    else:
        while left > 0 and start - left < 16 and re.match(r"[0-9A-Za-z%.]", text[left - 1]):
            left -= 1
    right = end + 1
    if re.match(r"[0-9A-Za-z]", text[end]):
        while right < len(text) and re.match(r"[0-9A-Za-z%.]", text[right]):
            right += 1
        if right < len(text) and re.match(f"[{HAN}]", text[right]):
            right += 1
    return left, right


def _in_running_text(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if _SEPARATOR.search(text, max(0, line_start - 1), start):
        return False
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    if _SENTENCE.search(line):
        return True
    return bool(_BOUND.fullmatch(text, start - 1, end + 1))


def scan_spacing(prose: Prose) -> Iterator[Hit]:
    covered = [(s, e) for s, e, *_ in doc_numbers(prose)]
    for m in _SPACED.finditer(prose.masked):
        if any(s <= m.start() < e for s, e in covered):
            continue
        if _CAPTION.search(prose.masked, max(0, m.start() - 8), m.start()):
            continue  # “附件1 统计表”“表2 收费项目”: a caption number and its name (GB/T 7713)
        if not _in_running_text(prose.masked, m.start(), m.end()):
            continue
        left, right = _quote_around(prose.masked, m.start(), m.end())
        written = prose.text[left:right]
        wanted = prose.text[left : m.start()] + prose.text[m.end() : right]
        yield Hit(
            m.start(),
            m.end(),
            f"汉字与数字、字母之间不加空格：把“{written}”改为“{wanted}”",
            "",
            at=left,
        )


# --- GK304 全角数字和字母 -------------------------------------------------------------------

_FULL_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ][０-９Ａ-Ｚａ-ｚ]*")  # one class first: found fast


def scan_full_width(prose: Prose) -> Iterator[Hit]:
    for m in _FULL_ALNUM.finditer(prose.masked):
        half = "".join(chr(ord(c) - 0xFEE0) for c in m.group())
        yield Hit(m.start(), m.end(), f"数字和字母应使用半角：把“{m.group()}”改为“{half}”", half)


# --- GK305 日期中的虚位 0 -------------------------------------------------------------------

_DATE = re.compile(
    r"(?<![\d０-９])(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"|(?<![\d０-９])(?P<y2>\d{4})年(?P<m2>\d{1,2})月"
)


_ZERO_PADDED = re.compile(r"0\d[月日]")  # every hit has one: most texts are skipped at once


def scan_date_zeros(prose: Prose) -> Iterator[Hit]:
    if not _ZERO_PADDED.search(prose.masked):
        return
    for m in _DATE.finditer(prose.masked):
        parts = [p for p in (m["m"], m["d"], m["m2"]) if p]
        if not any(len(p) == 2 and p.startswith("0") for p in parts):
            continue
        fixed = re.sub(r"(?<![\d])0(\d)(?=[月日])", r"\1", m.group())
        yield Hit(
            m.start(),
            m.end(),
            f"日期中的月、日不编虚位：把“{m.group()}”改为“{fixed}”",
            fixed,
        )


# --- GK307 标点重复 -------------------------------------------------------------------------

_DOUBLED = re.compile("[，。；：、？！][，。；：、？！]+")  # one class first: found fast


def scan_doubled(prose: Prose) -> Iterator[Hit]:
    for m in _DOUBLED.finditer(prose.masked):
        run = m.group()
        if set(run) <= {"？", "！"} and len(set(run)) == 2 and len(run) == 2:
            continue  # “？！” is a legitimate combination (GB/T 15834-2011 4.3.3)
        if len(set(run)) == 1 and run[0] in "，。；：、？！":
            yield Hit(m.start(), m.end(), f"标点重复：把“{run}”改为“{run[0]}”", run[0])
        else:
            yield Hit(m.start(), m.end(), f"标点连用：“{run}”只保留一个合适的标点")
