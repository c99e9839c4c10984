"""Generated column listings: newest first, grouped by year, links written as Markdown links to the
source files so that MkDocs resolves (and validates) them."""

from __future__ import annotations

from itertools import groupby

from gongkai.config.settings import Column
from gongkai.content.site import Site, column_docs
from gongkai.content.validity import derive
from gongkai.dates.chinese import cn_date
from gongkai.pages.document import shows_validity
from gongkai.pages.escape import text
from gongkai.pages.filters import filter_lines
from gongkai.rules.interaction import CONCERN, SOLICITATION


def listing_markdown(site: Site, column: Column) -> str:
    docs = column_docs(site, column)
    lines = [f"# {column.name}", ""]
    if {CONCERN, SOLICITATION} & set(column.types):  # issue 23: the way to reach the bureau
        lines += ["向本局咨询或者提出意见建议：[咨询留言](../zxly/index.md)", ""]
    if not docs:
        lines.append("本栏目暂无信息。")
        return "\n".join(lines) + "\n"
    years = [(y, list(g)) for y, g in groupby(docs, key=lambda d: d.meta.published.year)]
    lines.append(f"共{len(docs)}条，按发布日期从新到旧排列。")
    lines.append("")
    lines.append("按年份：" + " · ".join(f"[{y}年](#{y}年)" for y, _ in years))
    lines += filter_lines(site, column, docs)
    from gongkai.pages.status import column_cells, column_intro  # issue 6: 征集状态, 答复用时, 项目

    lines += column_intro(site, column)
    if column.name == "规范性文件":  # issue 4: 本年制发 / 本年废止 / 现行有效
        lines += ["", "[规范性文件统计：本年制发、本年废止、现行有效](statistics.md)"]
    extra = column_cells(site, column)
    with_validity = any(shows_validity(d) for d in docs)
    with_doc_no = any(d.meta.doc_no for d in docs)  # 财政预决算 has none: no always-empty column
    for year, group in years:
        lines += ["", f"## {year}年", ""]
        header = ["名称"] + (["发文字号"] if with_doc_no else []) + ["发布日期"]
        header += ["有效性"] if with_validity else []
        header += [name for name, _ in extra]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for d in group:
            link = d.src_uri.removeprefix(column.segment + "/")  # a column's own folder
            title = text(d.meta.title) + (
                "（示例）" if site.ctx.config.is_example(d.src_uri) else ""
            )
            row = [f"[{title}]({link})"] + ([text(d.meta.doc_no)] if with_doc_no else [])
            row.append(cn_date(d.meta.published))
            if with_validity:
                row.append(str(derive(d.meta, site.ctx.today)) if shows_validity(d) else "")
            row += [cell(d) for _, cell in extra]  # Markdown, values escaped
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def pages(site: Site) -> list[tuple[str, str]]:
    return [(f"{c.segment}/index.md", listing_markdown(site, c)) for c in site.ctx.config.columns]
