"""Text of attached files, for the secrecy and personal-data rules: PDF, DOCX, XLSX, CSV, TXT.

Each file is read into `Chunk`s (a page, a paragraph, a cell, a line) that say where they are, so a
finding can tell the editor which page or cell holds the problem.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LOCAL_REF = re.compile(r"""(?:\]\(|src=["']|href=["'])([^)"'\s#?]+)""")


def local_files(attached: list[str], body: str) -> list[str]:
    """The files a document uses, as written (relative to it): attachments, then body links.

    Links to other documents (.md) and to other sites are not the document's files.
    """
    linked = [r for r in LOCAL_REF.findall(body) if ":" not in r and not r.endswith(".md")]
    return list(dict.fromkeys([*attached, *linked]))


READABLE = frozenset({".pdf", ".docx", ".xlsx", ".xlsm", ".csv", ".txt"})


@dataclass(frozen=True)
class Chunk:
    where: str  # 第2页 / 第3段 / 工作表“名单”B3 / 第5行
    text: str


class AttachmentError(Exception):
    """The file has a readable type but could not be read (damaged, encrypted, not that format)."""


def _pdf(path: Path) -> Iterator[Chunk]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        raise AttachmentError("PDF 已加密")
    for number, page in enumerate(reader.pages, start=1):
        yield Chunk(f"第{number}页", page.extract_text() or "")


def _docx(path: Path) -> Iterator[Chunk]:
    import docx

    document = docx.Document(str(path))
    for number, paragraph in enumerate(document.paragraphs, start=1):
        yield Chunk(f"第{number}段", paragraph.text)
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                yield Chunk(f"表格{t}第{r}行第{c}列", cell.text)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number typed into a number cell
    return str(value)


def _xlsx(path: Path) -> Iterator[Chunk]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                for c, value in enumerate(row, start=1):
                    if value is not None:
                        where = f"工作表“{sheet.title}”{get_column_letter(c)}{r}"
                        yield Chunk(where, _cell_text(value))
    finally:
        book.close()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AttachmentError("既不是 UTF-8 也不是 GB18030 编码")


def _csv(path: Path) -> Iterator[Chunk]:
    for r, row in enumerate(csv.reader(io.StringIO(_decode(path.read_bytes()))), start=1):
        for c, value in enumerate(row, start=1):
            yield Chunk(f"第{r}行第{c}列", value)


def _txt(path: Path) -> Iterator[Chunk]:
    for number, line in enumerate(_decode(path.read_bytes()).splitlines(), start=1):
        yield Chunk(f"第{number}行", line)


_READERS = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".xlsx": _xlsx,
    ".xlsm": _xlsx,
    ".csv": _csv,
    ".txt": _txt,
}


def chunks(path: Path) -> list[Chunk]:
    """All text of a readable attachment; AttachmentError with a Chinese reason if it fails."""
    reader = _READERS[path.suffix.lower()]
    try:
        return list(reader(path))
    except AttachmentError:
        raise
    except Exception as e:  # every library has its own errors for a damaged file
        raise AttachmentError(f"文件已损坏或不是 {path.suffix.lower()[1:].upper()} 格式") from e
