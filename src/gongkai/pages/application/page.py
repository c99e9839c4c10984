"""The page `zfxxgkzn/sqb/`: the form as a table laid out to print on A4, the fill-in notes, the fee
rules, and links to the DOCX and PDF made from the same grid (`files`)."""

from __future__ import annotations

from html import escape

from gongkai.content.site import Site
from gongkai.ledger import fees
from gongkai.pages.application import files
from gongkai.pages.application.form import Cell, fee_lines, form, grid
from gongkai.pages.document import human_size

SRC_URI = "zfxxgkzn/sqb.md"


def _html_cell(cell: Cell) -> str:
    span = f' colspan="{cell.span}"' if cell.span > 1 else ""
    if cell.kind == "head":
        return f'<th{span} scope="colgroup" class="gk-form__head">{escape(cell.text)}</th>'
    if cell.kind == "label":
        return f'<th scope="row">{escape(cell.text)}</th>'
    if cell.kind == "choice":
        return f"<td{span}>{escape(cell.text)}</td>"
    return f'<td{span} class="gk-form__blank" data-lines="{cell.lines}"></td>'


def form_html() -> str:
    rows = "".join("<tr>" + "".join(map(_html_cell, row)) + "</tr>" for row in grid())
    caption = f"{form()['title']}（栏目依据{form()['basis']}）"
    return (
        f'<table class="gk-form"><caption>{escape(caption)}</caption><tbody>{rows}</tbody></table>'
    )


def page_markdown(made: dict[str, bytes]) -> str:
    """The page; `made`: the files made (DOCX, PDF) by kind, listed like a document's attachments."""
    data = form()
    downloads = " · ".join(
        f"[{data['title']}（{kind}）]({files.FILES[kind].rsplit('/', 1)[1]})"
        f'<span class="gk-filetype">（{human_size(len(content))}）</span>'
        for kind, content in made.items()
    )
    lines = [
        '<div class="gk-print-a4" markdown>',
        "",
        f"# {data['title']}",
        "",
        '<p class="gk-form__intro">本表可以打印后手写填写，也可以下载电子版填写后打印。'
        "本站不能在线提交申请。</p>",
        "",
        f'<p class="gk-form__downloads" markdown>下载：{downloads}</p>',
        "",
        form_html(),
        "",
        '<div class="gk-form__notes" markdown>',
        "",
        "## 填写说明",
        "",
        *[f"{n}. {note}" for n, note in enumerate(data["notes"], start=1)],
        "",
        "## 信息处理费",
        "",
        "依申请提供政府信息，不收取费用。申请数量、频次明显超过合理范围的，"
        f"依照《政府信息公开信息处理费管理办法》（{fees.basis()}）收取信息处理费，"
        "按件计收和按量计收只能选择其中一种方式，均实行超额累进计费：",
        "",
        *[f"- {line}" for line in fee_lines()],
        "",
        "各档标准和计算器见[信息处理费标准和计算器](fees.md)。",
        "",
        "</div>",
        "",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def pages(site: Site) -> list[tuple[str, str | bytes]]:
    made = {"DOCX": files.docx_bytes(site.ctx.today)}
    if (pdf := files.pdf_bytes(site.ctx.today)) is not None:  # else GK398 after the build
        made["PDF"] = pdf
    page: list[tuple[str, str | bytes]] = [(SRC_URI, page_markdown(made))]
    return page + [(files.FILES[kind], content) for kind, content in made.items()]
