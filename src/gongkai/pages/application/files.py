"""The application form's DOCX (python-docx) and PDF (fpdf2, pure Python, embedding a subset of a
Debian CJK font), drawn from `form.grid()` at build time, and the scan of the files as
written: the same secrecy and personal-data checks as a document's attachments (GK21x).

fpdf2 was chosen for the PDF: maintained, pure Python (fontTools for the font subset), and it reads
the TrueType collections Debian's CJK fonts come in; Chromium's own PDF would need a browser in
every build.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai.content import attachments
from gongkai.content.site import Site
from gongkai.findings import REGISTRY, Finding
from gongkai.pages.application.form import WIDTH, fee_lines, form, grid
from gongkai.rules import secrecy
from gongkai.rules.media import APPLICATION_PDF

if TYPE_CHECKING:
    from fpdf import FPDF

# Debian's CJK fonts (scripts/system-deps.sh installs fonts-wqy-microhei), first found is used.
FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
A4_MM = (210, 297)
MARGIN_MM = 18
LINE_MM = 9
FILES = {"DOCX": "zfxxgkzn/sqb.docx", "PDF": "zfxxgkzn/sqb.pdf"}
DATA = "src/gongkai/data/application.yml"  # where a finding about the files points
WITHHELD = "不发布：请从申请表的数据中删去"


def font() -> Path | None:
    return next((f for f in FONTS if f.is_file()), None)


@lru_cache(maxsize=2)
def docx_bytes(day: dt.date) -> bytes:
    """The form as a DOCX, the same bytes for the same build day (made once per process)."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    style.font.name = "宋体"  # sets w:ascii/w:hAnsi; Chinese text reads w:eastAsia
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.add_heading(form()["title"], level=1)
    rows = grid()
    table = document.add_table(rows=len(rows), cols=WIDTH)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            target = table.cell(r, c)
            if cell.span > 1:
                target = target.merge(table.cell(r, c + cell.span - 1))
            target.text = cell.text if cell.kind != "blank" else "\n" * (cell.lines - 1)
            if cell.kind in ("head", "label"):
                target.paragraphs[0].runs[0].bold = cell.kind == "head"
            c += cell.span
    for heading, lines in _notes():
        document.add_heading(heading, level=2)
        for line in lines:
            document.add_paragraph(line)
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    document.core_properties.created = document.core_properties.modified = stamp
    out = io.BytesIO()
    document.save(out)
    return _stamped(out.getvalue(), day)


def _stamped(data: bytes, day: dt.date) -> bytes:
    """The zip with every entry dated `day` (python-docx dates them at the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, (day.year, day.month, day.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def _notes() -> list[tuple[str, list[str]]]:
    notes = form()["notes"]
    return [
        ("填写说明", [f"{n}. {note}" for n, note in enumerate(notes, start=1)]),
        ("信息处理费", fee_lines()),
    ]


@lru_cache(maxsize=2)
def pdf_bytes(day: dt.date) -> bytes | None:
    """The form as an A4 PDF, or None when no CJK font is installed (GK398); the same bytes for
    the same build day (made once per process)."""
    path = font()
    if path is None:
        return None
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
    pdf.set_margins(MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, MARGIN_MM)
    pdf.add_font("cjk", fname=str(path))
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.cell(text=form()["title"], new_x="LMARGIN", new_y="NEXT", align="C", w=0)
    pdf.ln(3)
    _pdf_grid(pdf)
    for heading, lines in _notes():
        pdf.ln(3)
        pdf.set_font("cjk", size=12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=9.5)
        for line in lines:
            pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pdf_grid(pdf: FPDF) -> None:
    width = A4_MM[0] - 2 * MARGIN_MM
    label = 44  # mm: the longest label, 12 characters at 10 pt, on one line
    columns = (label, width / 2 - label, label, width / 2 - label)  # label, blank, label, blank
    pdf.set_font("cjk", size=10)
    for row in grid():
        height = LINE_MM * max(cell.lines for cell in row)
        for i, cell in enumerate(row):
            start = sum(c.span for c in row[:i])
            w = sum(columns[start : start + cell.span])
            fill = cell.kind == "head"
            pdf.set_fill_color(235, 238, 242)
            pdf.cell(w, height, cell.text, border=1, fill=fill, align="L")
        pdf.ln(height)


def scan(site: Site, site_dir: Path) -> list[Finding]:
    """Read the written DOCX and PDF back and check them as attachments are checked; a file with
    a finding is withheld (removed), so the page's link to it fails the link gate."""
    found: list[Finding] = []
    if not (site_dir / FILES["PDF"]).is_file():
        found.append(
            APPLICATION_PDF.at(
                DATA,
                1,
                1,
                "申请表 PDF 没有生成：找不到中文字体（文泉驿微米黑等）："
                "请运行 bash scripts/system-deps.sh 安装 fonts-wqy-microhei 后重新构建",
            )
        )
    for uri in FILES.values():
        path = site_dir / uri
        if path.is_file() and (problems := _problems(path, site)):
            path.unlink()
            found += problems
    return found


def _problems(path: Path, site: Site) -> list[Finding]:
    """The GK21x findings of one generated file, as for an attachment; GK214 if unreadable."""
    try:
        chunks = attachments.chunks(path)
    except attachments.AttachmentError as e:
        return [REGISTRY["GK214"].at(DATA, 1, 1, f"申请表 {path.name} 无法读取（{e}），不发布")]
    out: list[Finding] = []
    for chunk in chunks:
        where = f"申请表 {path.name}（{chunk.where}）"
        for _, _, text, kind in secrecy.markings(chunk.text):
            out.append(
                REGISTRY["GK210"].at(
                    DATA, 1, 1, f"{where}有{kind}“{text}”，不发布：请从申请表的数据中删去"
                )
            )
        for p in secrecy.personal_data(chunk.text, site.ctx.today):
            out.append(
                REGISTRY[p.rule].at(
                    DATA, 1, 1, f"{where}有{p.kind}“{p.shown}”，不发布：请从申请表的数据中删去"
                )
            )
    return out
