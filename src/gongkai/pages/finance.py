"""The 财政预决算 overview: every public unit × year × {预算, 决算}, each cell a link or a gap."""

from __future__ import annotations

import posixpath

from gongkai.config.settings import Column
from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.dates import deadlines
from gongkai.dates.chinese import cn_date
from gongkai.pages.escape import text
from gongkai.rules.columns import budget_since, budget_years

PAGE = "matrix.md"
KINDS = ("预算", "决算")


def finance_column(site: Site) -> Column | None:
    return next((c for c in site.ctx.config.columns if "财政预决算" in c.types), None)


def page_uri(column: Column) -> str:
    return f"{column.segment}/{PAGE}"


def _cell(
    site: Site, unit: str, doc: Document | None, year: int, kind: str, since: int | None
) -> str:
    if doc is not None:  # a screen reader's list of links says which document each one opens
        hidden = f'<span class="gk-sr">：{text(unit)}{year}年{kind}</span>'
        return f"[已公开{hidden}]({posixpath.basename(doc.src_uri)})"

    due = deadlines.load().budget_due(year, kind)
    if since is None or year < since:
        return "—"
    if due < site.ctx.today:
        return f"**未公开**（应于{cn_date(due)}前）"
    return f"未到期（{cn_date(due)}前）"


def matrix_markdown(site: Site, column: Column) -> str:
    docs: dict[tuple[str, int, str], Document] = {}
    for d in site.valid_docs:
        m = d.meta
        if d.column == column and site.is_published(d) and m.unit and m.year and m.kind:
            docs.setdefault((m.unit, m.year, m.kind), d)
    units = list(site.ctx.config.units) + sorted(
        {u for u, _, _ in docs} - set(site.ctx.config.units)
    )
    years = sorted(budget_years(site, site.ctx), reverse=True)
    since = budget_since(site, site.ctx)
    lines = [
        f"# {column.name}公开情况",
        "",
        f"本表列出各单位各年度部门预算、决算的公开情况（截至{cn_date(site.ctx.today)}）。"
        f"点击“已公开”查看全文；全部文件见[{column.name}栏目](index.md)。",
        "",
    ]
    header = ["单位"] + [f"{y}年{k}" for y in years for k in KINDS]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    dashes = False
    for unit in units:
        cells = [
            _cell(site, unit, docs.get((unit, y, k)), y, k, since) for y in years for k in KINDS
        ]
        dashes = dashes or "—" in cells
        lines.append("| " + " | ".join([text(unit), *cells]) + " |")
    table = deadlines.load().budget
    lines += [
        "",
        "公开时限："
        + "；".join(
            f"{k}于{'次年' if table[k]['offset'] else '当年'}{table[k]['month']}月{table[k]['day']}日前"
            for k in KINDS
        )
        + "。",
    ]
    if dashes:
        start = f"自{since}年度起" if since else "有文件后"
        lines += ["", f"“—”表示不要求在本站公开：本站{start}公开财政预决算。"]
    return "\n".join(lines) + "\n"


def pages(site: Site) -> list[tuple[str, str]]:
    column = finance_column(site)
    if column is None:
        return []
    return [(page_uri(column), matrix_markdown(site, column))]
