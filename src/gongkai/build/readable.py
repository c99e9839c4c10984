"""Tables and heading anchors a reader can use on a phone and with the keyboard (issue 23), as a
Python-Markdown extension (`gongkai.build.readable` in mkdocs.yml).

A postprocessor over the page's finished HTML, so that it also sees the raw-HTML tables of the
annual report and the tables of generated pages:

- every table is wrapped in a scroll region (`div.gk-scroll`, `role="region"`, `tabindex="0"`,
  labelled by its caption or the heading above it): a table wider than a phone scrolls inside it,
  and a keyboard can reach and scroll it (axe `scrollable-region-focusable`);
- the columns whose values are one token (发文字号, dates, 有效性) get a width from a <colgroup>
  and their cells the class `gk-token`, which the stylesheet keeps on one line: every year's
  table of a listing has the same columns; on a phone such a table stacks each row (the title,
  then each token after its column's name from `data-label`), so 有效性 stays in view;
- a heading's ¶ permalink stays a link for the mouse but is no Tab stop, is hidden from screen
  readers (the heading itself is the landmark) and is kept out of the search index.

Cells holding only a number get the class `gk-num` (centred, as in the annual report's format).
The 申请表 (`gk-form`) is laid out for A4 and printed: it is left as it is.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

# Columns whose values must not wrap inside the token (“吉狱发〔2026〕15 / 号”).
TOKEN_COLUMNS = {
    **dict.fromkeys(("发文字号", "索引号"), "no"),
    **dict.fromkeys(("发布日期", "成文日期", "施行日期", "有效期至", "日期"), "date"),
    "有效性": "status",
}
_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
_HEAD_ROW = re.compile(r"<thead>\s*<tr>(.*?)</tr>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
# The first column names the row (the budget matrix's 单位): it stays in view when the table scrolls.
KEY_COLUMNS = frozenset({"单位"})
_NUMBER = re.compile(r"<td>(\d+(?:\.\d+)?)</td>")
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<t[dh]\b")
_HEADERLINK = re.compile(r'<a class="headerlink" href=')
_HEADERLINK_NEW = (
    '<a class="headerlink" tabindex="-1" aria-hidden="true" data-pagefind-ignore href='
)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).replace("¶", "").strip()


def _tables(html: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost table."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for m in _TAG.finditer(html):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, m.end()))
    return spans


def _label(html: str, table: str, before: str) -> str:
    caption = _CAPTION.search(table)
    if caption and _text(caption.group(1)):
        return _text(caption.group(1))
    headings = list(_HEADING.finditer(before))
    if headings:
        return _text(headings[-1].group(2)) + "（表格）"
    return "表格"


def _token_columns(table: str) -> dict[int, str]:
    """Index → kind (no, date, status) of the one-token columns named in the table's header."""
    row = _HEAD_ROW.search(table)
    if row is None:
        return {}
    names = [_text(c) for c in _TH.findall(row.group(1))]
    return {i: TOKEN_COLUMNS[n] for i, n in enumerate(names) if n in TOKEN_COLUMNS}


def _cells(row: re.Match[str], names: list[str]) -> str:
    """Every cell named by its column (`data-label`, shown before it when a phone stacks the
    row); a one-token cell also gets `gk-token`."""
    index = iter(range(len(names)))

    def cell(c: re.Match[str]) -> str:
        i = next(index, None)
        if i is None:
            return c.group(0)
        token = ' class="gk-token"' if names[i] in TOKEN_COLUMNS else ""
        return f'{c.group(0)}{token} data-label="{escape(names[i])}"'

    return _CELL.sub(cell, row.group(0))


def _first_header(table: str) -> str:
    row = _HEAD_ROW.search(table)
    first = _TH.search(row.group(1)) if row else None
    return _text(first.group(1)) if first else ""


def _mark(table: str, tokens: dict[int, str]) -> str:
    """The table with a <colgroup> giving the token columns their width, and their cells kept on
    one line: every year's table of a listing then has the same columns."""
    opening = _TAG.match(table)
    assert opening is not None
    names = [_text(n) for n in _TH.findall(_HEAD_ROW.search(table).group(1))]  # type: ignore[union-attr]
    cols = "".join(
        f'<col class="gk-col--{tokens[i]}">' if i in tokens else "<col>" for i in range(len(names))
    )
    body = _ROW.sub(lambda r: _cells(r, names), table[opening.end() :])
    return f"{opening.group(0)}<colgroup>{cols}</colgroup>{body}"


def readable(html: str) -> str:
    """The page's HTML with its tables in labelled scroll regions and quiet heading anchors."""
    html = _HEADERLINK.sub(_HEADERLINK_NEW, html)
    out: list[str] = []
    last = 0
    for start, end in _tables(html):
        table = html[start:end]
        out.append(html[last:start])
        if "gk-form" in (_TAG.match(table) or [""])[0]:
            out.append(table)
        else:
            label = escape(_label(html, table, html[:start]))
            tokens = _token_columns(table)
            kind = "gk-scroll gk-scroll--columns" if tokens else "gk-scroll"
            if _first_header(table) in KEY_COLUMNS:
                kind += " gk-scroll--key"  # the first column stays in view while the rest scrolls
            table = _NUMBER.sub(r'<td class="gk-num">\1</td>', table)
            out.append(
                f'<div class="{kind}" role="region" tabindex="0" aria-label="{label}">'
                f"{_mark(table, tokens) if tokens else table}</div>"
            )
        last = end
    out.append(html[last:])
    return "".join(out)


class _Readable(Postprocessor):
    def run(self, text: str) -> str:
        return readable(text)


class ReadableExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the raw HTML is put back (30) and after the media paths (5): the final HTML.
        md.postprocessors.register(_Readable(md), "gongkai_readable", 4)


def makeExtension(**kwargs: Any) -> ReadableExtension:
    return ReadableExtension(**kwargs)
