"""The prose of a document: what the text rules read, with offsets that map back to file lines.

A `Prose` keeps the whole file text and a *masked* copy of the same length in which everything
that is not prose (front-matter keys and structural values, code spans and blocks, URLs, link
targets, HTML tags and comments, attribute lists) is replaced by `MASK`. Rules run their regexes
over the masked copy, so an offset found there is an offset into the file, and a fix is a
replacement of `text[start:end]`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.content.document import Document

MASK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: neither CJK, nor ASCII, nor punctuation

# Front-matter keys whose values are prose an editor wrote (the rest are codes, dates, names).
PROSE_KEYS = frozenset(
    {"title", "publisher", "drafter", "topic", "keywords", "pii_basis", "unit", "stage"}
)

_FM_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?:(?P<key>[A-Za-z_][\w-]*)(?P<sep>\s*:(?:\s+|$)))?")
_FM_COMMENT = re.compile(r"\s#.*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_CODE_MARKS = ("```", "~~~", "\n    ", "\n\t")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
# The look-ahead holds the first character of every branch: most positions fail at it, at once.
_INLINE_PATTERN = r"""
    (?=[<`\[\]\ hfw{])(?:
      <!--[\s\S]*?-->                                   # HTML comment
    | (?P<tick>`+)[^\n]*?(?P=tick)                        # code span
    | <(?:https?|ftp|mailto):[^>\s]*>                     # autolink
    | \]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"\n]*")?\)   # link target (with its parens)
    | \]\[[^\]\n]*\]                                      # reference-link label
    | \[\^[^\]\n]+\]                                      # footnote reference
    | ^\ {0,3}\[[^\]\n]+\]:[^\n]*$                        # link reference definition
    | (?:https?|ftp)://[^\s<>"'()（）\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+   # bare URL
    | \bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>"'()（）\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*
    | \{:?\s*(?:[#.]|[A-Za-z-]+=)[^}\n]*\}                  # attribute list {: .class }
    )"""
_EMAIL = r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_INLINE = re.compile(_INLINE_PATTERN, re.VERBOSE | re.MULTILINE)
# The e-mail branch tries, at each character of a run of Chinese text, the rest of the run (\w
# matches 汉字): it is only worth its cost where there is an @ it could match.
_INLINE_AT = re.compile(f"{_INLINE_PATTERN} | {_EMAIL}", re.VERBOSE | re.MULTILINE)
_TAG = re.compile(r"</?(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s[^<>]*?)?)\s*/?>")
_ATTR_LIST = re.compile(r"\{:?\s*[^}\n]*\bstyle\s*=[^}\n]*\}")
_STYLE_ATTR = re.compile(r"""\bstyle\s*=\s*(?P<q>["'])(?P<value>[^"']*)(?P=q)""", re.IGNORECASE)


@dataclass(frozen=True)
class Tag:
    """An HTML tag in the body (outside code), with the offset of its style value if any."""

    start: int
    name: str
    style: str | None
    style_start: int


@dataclass
class Prose:
    text: str
    masked: str
    body_start: int = 0
    units: list[tuple[int, int]] = field(default_factory=list)  # paragraphs, for pair balance
    tags: list[Tag] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)  # what scanners share

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based file line and character column of an offset."""
        i = bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_offset(self, line: int) -> int:
        return self._line_starts[line - 1]


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with each span (in order, not overlapping) masked, its line breaks kept."""
    out: list[str] = []
    at = 0
    for start, end in spans:
        out.append(text[at:start])
        part = text[start:end]
        if "\n" in part:
            out.append("\n".join(MASK * len(piece) for piece in part.split("\n")))
        else:
            out.append(MASK * len(part))
        at = end
    if not out:
        return text
    out.append(text[at:])
    return "".join(out)


UNPUBLISHED = "review"  # never rendered, so never scanned (its digests can look like numbers)


def _masked_front_matter(text: str, end: int) -> tuple[str, str]:
    """`text[:end]` with only the values of prose keys visible, and with every value visible."""
    prose: list[str] = []
    every: list[str] = []
    key = ""
    for line in text[:end].splitlines(keepends=True):
        stripped = line.rstrip("\n")
        m = _FM_LINE.match(stripped)
        value_from = prose_from = len(stripped)
        if stripped.strip() not in ("---", "...") and m:
            if m.group("key"):
                own = m.group("key")
                if not m.group("lead"):
                    key = own
                if key != UNPUBLISHED:
                    value_from = m.end()
                    prose_from = value_from if own in PROSE_KEYS else prose_from
            elif m.group("lead").strip() == "-":
                value_from = m.end()
                prose_from = value_from if key in PROSE_KEYS else prose_from
        for out, start in ((every, value_from), (prose, prose_from)):
            value = stripped[start:]
            comment = _FM_COMMENT.search(value)
            value_end = start + (comment.start() if comment else len(value))
            out.append(MASK * start)
            out.append(_without_yaml_syntax(stripped[start:value_end]))
            out.append(MASK * (len(stripped) - value_end) + line[len(stripped) :])
    return "".join(prose), "".join(every)


_PROPERTIES = re.compile(r"\s*(?:[&!]\S*\s+)+")


def _without_yaml_syntax(written: str) -> str:
    """A value with its YAML masked: the brackets and commas of `[a, b]`, quotes, `|` or `>`."""
    value = written.strip()
    if not value:
        return written
    properties = _PROPERTIES.match(written)  # `&anchor`, `!tag` before the value are YAML too
    if properties and properties.end() < len(written):
        return MASK * properties.end() + _without_yaml_syntax(written[properties.end() :])
    first = written.index(value[0])
    last = first + len(value) - 1
    if value[0] in "[{":
        inner = "".join(MASK if c in "[]{}," else c for c in value)
        return written[:first] + inner + written[last + 1 :]
    if value[0] in "'\"" and value[-1] == value[0]:
        masked = MASK if first == last else MASK + written[first + 1 : last] + MASK
        return written[:first] + masked + written[last + 1 :]
    if value[0] in "|>":
        return written[:first] + MASK + written[first + 1 :]
    return written


def _code_blocks(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of fenced blocks, and of indented blocks that are not the continuation of a list item."""
    spans: list[tuple[int, int]] = []
    offset, fence, prev_blank, in_list = start, "", True, False
    for line in text[start:].splitlines(keepends=True):
        body = line.rstrip("\n")
        m = _FENCE.match(body)
        if fence:
            spans.append((offset, offset + len(body)))
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence):
                fence = ""
        elif m:
            fence = m.group("fence")
            spans.append((offset, offset + len(body)))
        elif body.startswith(("    ", "\t")) and prev_blank and not in_list:
            spans.append((offset, offset + len(body)))
            prev_blank = False
            offset += len(line)
            continue
        if body.strip():
            if not body.startswith((" ", "\t")):
                in_list = bool(_LIST_ITEM.match(body))
            prev_blank = False
        else:
            prev_blank = True
        offset += len(line)
    return spans


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    units, begin = [], start
    for m in re.finditer(r"\n[ \t]*\n", text[start:]):
        units.append((begin, start + m.start()))
        begin = start + m.end()
    units.append((begin, len(text)))
    return [u for u in units if u[0] < u[1]]


def markdown_prose(text: str, body_start: int, all_values: bool = False) -> Prose:
    """The prose of a Markdown file whose body starts at `body_start` (front matter before it)."""
    head = _masked_front_matter(text, body_start)[1 if all_values else 0]
    return _body_prose(text, body_start, head)


def _body_prose(text: str, body_start: int, head: str) -> Prose:
    """The prose of the body, after `head` (the masked front matter)."""
    partial = _masked(head + text[body_start:], _code_blocks(text, body_start))
    tags: list[Tag] = []
    for m in _ATTR_LIST.finditer(partial, body_start):  # {: style="…" } is inline styling too
        style = _STYLE_ATTR.search(m.group())
        if style:
            tags.append(Tag(m.start(), "{:}", style["value"], m.start() + style.start("value")))
    inline = (_INLINE_AT if "@" in partial else _INLINE).finditer(partial, body_start)
    partial = _masked(partial, (m.span() for m in inline))
    found = list(_TAG.finditer(partial, body_start))
    for m in found:
        style = _STYLE_ATTR.search(m.group("attrs") or "")
        style_start = m.start("attrs") + style.start("value") if style else m.start()
        tags.append(Tag(m.start(), m.group("name").lower(), style and style["value"], style_start))
    fm_units = [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[:body_start]) if m.group(0)
    ]
    tags.sort(key=lambda t: t.start)
    masked = _masked(partial, (m.span() for m in found))
    return Prose(text, masked, body_start, fm_units + _paragraphs(text, body_start), tags)


def plain_prose(text: str) -> Prose:
    """Plain text (e.g. text pasted from a PDF): all of it is prose, one unit for pair balance."""
    return Prose(text, text, 0, [(0, len(text))])


def document_prose(doc: Document) -> Prose:
    """The prose of a parsed document, computed once and kept on the document."""
    cached = doc.__dict__.get("_prose")
    if cached is None:
        body_start, (head, _) = _front_matter_views(doc)
        cached = _body_prose(doc.text, body_start, head)
        doc.__dict__["_prose"] = cached
    return cached


def secrecy_text(doc: Document) -> Prose:
    """Everything an editor wrote, code and URLs included: a number in a link is published too."""
    cached = doc.__dict__.get("_secrecy_prose")
    if cached is None:
        body_start, (_, every) = _front_matter_views(doc)
        cached = Prose(doc.text, every + doc.text[body_start:], body_start)
        doc.__dict__["_secrecy_prose"] = cached
    return cached


def _front_matter_views(doc: Document) -> tuple[int, tuple[str, str]]:
    """Where the body starts, and the two masked forms of the front matter (one pass for both)."""
    cached = doc.__dict__.get("_front_matter_views")
    if cached is None:
        body_start = _offset_of_line(doc.text, doc.body_line)
        cached = body_start, _masked_front_matter(doc.text, body_start)
        doc.__dict__["_front_matter_views"] = cached
    return cached


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        nl = text.find("\n", offset)
        if nl < 0:
            return len(text)
        offset = nl + 1
    return offset


def without_code(text: str, start: int) -> str:
    """The text with its fenced and indented code blocks masked (for directives, links)."""
    rest = text[start:]
    if not any(m in rest for m in _CODE_MARKS) and not rest.startswith(("    ", "\t")):
        return text  # no fence, no indented line: nothing to mask (most documents)
    return _masked(text, _code_blocks(text, start))


def offset_of_line(text: str, line: int) -> int:
    return _offset_of_line(text, line)


def body_lines(prose: Prose) -> Iterator[tuple[int, str]]:
    """(offset, masked line) of every body line."""
    offset = prose.body_start
    for line in prose.masked[prose.body_start :].split("\n"):
        yield offset, line
        offset += len(line) + 1
