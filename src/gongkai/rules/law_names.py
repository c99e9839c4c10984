"""The 《…》 citations of a document's prose, resolved to the name of the law they mean.

The prose view (`gongkai.content.text`) masks HTML comments, code and URLs, so a 《…》 there is no
citation. A name is resolved within the document: a short form it defined (“《中华人民共和国政府
采购法实施条例》（以下简称《实施条例》）”) means what it defined, and a bare 《条例》 or 《法》 means
the last 《…条例》 or 《…法》 cited before it. An ordinance of Hong Kong, Macao or Taiwan
(香港特别行政区《仲裁条例》) is no citation of a national law.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.content.document import Document
from gongkai.content.text import document_prose

CITATION = re.compile(r"《([^《》\n]{2,80})》")
INNER_PAREN = re.compile(r"^(.*?)（([^（）]*)）$")
AFTER_PAREN = re.compile(r"[（(]([^（）()\n]{1,80})[）)]")
DEFINED = re.compile(r"以下简称[《“]([^》”]{1,20})[》”]")
# 香港特别行政区《仲裁条例》, 香港特区《仲裁条例》, 香港法例第179章《婚姻诉讼条例》: chapters
# (第N章) are Hong Kong's; so is 《婚姻制度改革条例》（香港法例第178章）, and each 《…》 written on
# straight after one of these (香港特别行政区《仲裁条例》《高等法院条例》).
OUTSIDE = re.compile(r"(?:(?:香港|澳门|台湾)(?:特别行政区|特区|地区)?(?:的|现行)?|第\d+章)$")
OUTSIDE_AFTER = re.compile(r"[（(](?:香港|澳门)(?:特别行政区)?法例")
JOINED = re.compile(r"、?")
# Names that end in 法 but are not laws (办法 is a rule, not a 法律).
NOT_LAW = ("办法", "方法", "做法", "看法", "说法", "想法", "写法", "用法", "手法", "算法")
LOCAL = re.compile(r"^[\u4e00-\u9fff]{2,7}?(?:省|自治区|市)")
NATIONAL = ("中华人民共和国", "国务院", "全国人民代表大会")
BARE = {"条例": "条例", "法": "法"}  # a bare name → the ending of the law it stands for
ABBREVIATIONS = {"条例", "本条例", "法", "本法"}


@dataclass(frozen=True)
class Citation:
    name: str  # the law meant: without 《》 and an inner （…）, short forms resolved
    title: str  # the whole text between 《》, as written
    qualifier: str  # the text of a （…） inside or right after the brackets
    start: int  # offset of 《 in the body
    before: str  # up to 10 characters before 《
    sentence: str  # the rest of its sentence after 》


def _scan(doc: Document) -> Iterator[Citation]:
    prose = document_prose(doc)
    text, base = prose.masked, prose.body_start
    defined: dict[str, str] = {}
    last: dict[str, str] = {}
    outside_to = -1  # the end of the last 《…》 that named no national law
    for m in CITATION.finditer(text, base):
        before = text[max(base, m.start() - 10) : m.start()]
        joined = outside_to >= 0 and JOINED.fullmatch(text, outside_to, m.start()) is not None
        if joined or OUTSIDE.search(before) or OUTSIDE_AFTER.match(text, m.end()):
            outside_to = m.end()
            continue
        title = m[1].strip()
        name, qualifier = title, ""
        inner = INNER_PAREN.match(title)
        if inner:
            name, qualifier = inner[1], inner[2]
        after = AFTER_PAREN.match(text, m.end())
        if after and not qualifier:
            qualifier = after[1]
        name = defined.get(title) or defined.get(name) or last.get(BARE.get(name, ""), name)
        short = DEFINED.search(qualifier)
        if short:
            defined[short[1]] = name
        for ending in BARE:
            if name.endswith(ending) and name not in ABBREVIATIONS:
                last[ending] = name
        rest = re.split(r"[。；\n]", text[m.end() : m.end() + 120], maxsplit=1)[0]
        yield Citation(name, title, qualifier, m.start() - base, before, rest)


def doc_citations(doc: Document) -> tuple[Citation, ...]:
    """The citations of a document's body, found once for the rules that ask."""
    cached = doc.__dict__.get("_citations")
    if cached is None:
        cached = tuple(_scan(doc)) if "《" in doc.body else ()
        doc.__dict__["_citations"] = cached
    return cached


def looks_like_law(name: str) -> bool:
    """A 《…法》 or 《…条例》 of the state: what counts as a citation of a national law."""
    if name in ABBREVIATIONS or "草案" in name or "征求意见稿" in name:
        return False
    if not (name.endswith("条例") or (name.endswith("法") and not name.endswith(NOT_LAW))):
        return False
    return name.startswith(NATIONAL) or not LOCAL.match(name)


def within(short: str, long: str) -> bool:
    """`short` is `long` with some characters left out (监狱法 in 监狱管理法)."""
    rest = iter(long)
    return all(c in rest for c in short)


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or `limit + 1` as soon as it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > limit:
            return limit + 1
    return row[-1]
