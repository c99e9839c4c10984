"""Listing filters that work without JavaScript: one static page per validity status of a column
(`<column>/zt-yx/` …), linked from the listing; with JavaScript a year/validity form filters the
rows in place (theme_overrides/assets/javascripts/gongkai.js)."""

from __future__ import annotations

import posixpath
from itertools import groupby

from gongkai.config.settings import Column
from gongkai.content.document import Document
from gongkai.content.site import Site, column_docs
from gongkai.content.validity import Status, derive
from gongkai.dates.chinese import cn_date
from gongkai.pages.document import shows_validity
from gongkai.pages.escape import text

SLUGS = {
    Status.VALID: "zt-yx",
    Status.AMENDED: "zt-yxg",
    Status.NOT_YET: "zt-wsx",
    Status.EXPIRED: "zt-sx",
    Status.REPEALED: "zt-fz",
}


def _statuses(site: Site, docs: list[Document]) -> list[Status]:
    found = {derive(d.meta, site.ctx.today) for d in docs if shows_validity(d)}
    return [s for s in SLUGS if s in found]


def filter_lines(site: Site, column: Column, docs: list[Document], here: str = "") -> list[str]:
    """The filter links and the JavaScript form for a listing page (`here`: its status slug)."""
    years = sorted({d.meta.published.year for d in docs}, reverse=True)
    statuses = _statuses(site, docs)
    up = "../" if here else ""
    lines: list[str] = []
    if statuses:
        links = [f"[全部]({up}index.md)"] + [
            f"[{s}]({up}{SLUGS[s]}/index.md)" if SLUGS[s] != here else f"**{s}**" for s in statuses
        ]
        lines += ["", "按有效性：" + " · ".join(links)]
    options = "".join(f'<option value="{y}">{y}年</option>' for y in years)
    status_select = ""
    if statuses and not here:
        opts = "".join(f'<option value="{s}">{s}</option>' for s in statuses)
        status_select = (
            '<label for="gk-f-status">有效性</label> '
            f'<select id="gk-f-status" name="status"><option value="">全部</option>{opts}</select> '
        )
    lines += [
        "",
        '<form class="gk-filter" data-gk-filter hidden aria-label="筛选">'
        '<label for="gk-f-year">年份</label> '
        f'<select id="gk-f-year" name="year"><option value="">全部</option>{options}</select> '
        f"{status_select}</form>",
    ]
    return lines


def status_markdown(site: Site, column: Column, status: Status) -> str:
    everything = column_docs(site, column)
    docs = [d for d in everything if shows_validity(d) and derive(d.meta, site.ctx.today) == status]
    here = SLUGS[status]
    lines = [
        f"# {column.name}：{status}",
        "",
        f"共{len(docs)}条{status}的文件，按发布日期从新到旧排列。",
    ]
    lines += filter_lines(site, column, everything, here)
    for year, group in groupby(docs, key=lambda d: d.meta.published.year):
        lines += [
            "",
            f"## {year}年",
            "",
            "| 名称 | 发文字号 | 发布日期 | 有效性 |",
            "|---|---|---|---|",
        ]
        for d in group:
            link = posixpath.relpath(d.src_uri, posixpath.join(column.segment, here))
            row = [
                f"[{text(d.meta.title)}]({link})",
                text(d.meta.doc_no),
                cn_date(d.meta.published),
                str(status),
            ]
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def pages(site: Site) -> list[tuple[str, str]]:
    out = []
    for column in site.ctx.config.columns:
        for status in _statuses(site, column_docs(site, column)):
            out.append(
                (
                    f"{column.segment}/{SLUGS[status]}/index.md",
                    status_markdown(site, column, status),
                )
            )
    return out
