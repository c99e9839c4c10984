"""The files a document attaches or links to, and their text, by their real type.

The secrecy and personal-data rules read every file a document uses: PDF, DOCX, XLSX, CSV, TXT
(and WebVTT captions), JSON, SVG, HTML and Markdown, whatever the case of the extension. Each is
read into `Chunk`s (a page, a paragraph, a cell, a line) that say where they are, so a finding can
tell the editor which page or cell holds the problem. Images, audio and video hold no text to
read: they are published when their first bytes are really of the type the extension names.
Any other type cannot be checked, so it is never published (GK214).
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

if TYPE_CHECKING:
    from gongkai.content.document import Document

# What the first bytes of each media type are.
MEDIA = {
    ".png": rb"\x89PNG\r\n\x1a\n",
    ".jpg": rb"\xff\xd8\xff",
    ".jpeg": rb"\xff\xd8\xff",
    ".gif": rb"GIF8[79]a",
    ".webp": rb"RIFF.{4}WEBP",
    ".webm": rb"\x1a\x45\xdf\xa3",
    ".mp4": rb".{4}ftyp",
    ".mp3": rb"ID3|\xff[\xfb\xf3\xf2]",
    ".ogg": rb"OggS",
}
LOCAL_REF = re.compile(r"""(?:\]\(|src=["']|href=["'])([^)"'\s#?]+)""")


def named_files(attached: list[str], body: str) -> list[str]:
    """The files a text uses, as written (relative to it): attachments, then body links (the
    review digest reads old versions from git, with no `Document`)."""
    linked = [r for r in LOCAL_REF.findall(body) if ":" not in r and not r.endswith(".md")]
    return list(dict.fromkeys([*attached, *linked]))


@dataclass(frozen=True)
class Chunk:
    where: str  # 第2页 / 第3段 / 工作表“名单”B3 / 第5行
    text: str


class AttachmentError(Exception):
    """The file cannot be read as its type (damaged, encrypted, not that format, no such type)."""


def local_files(doc: Document) -> list[tuple[str, int]]:
    """(name as written, line) of every local file a document attaches or links to, once each.

    Links to other documents (`.md`), to folders and to other sites are not files it uses.
    """
    declared = [
        (a.file, doc.line_of("attachments", i, "file"))
        for i, a in enumerate(doc.meta.attachments if doc.meta else [])
    ]
    linked = [
        (m.group(1), doc.text.count("\n", 0, m.start()) + 1) for m in LOCAL_REF.finditer(doc.text)
    ]
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    for name, line in declared + linked:
        if name in seen or ":" in name or name.endswith(("/", ".md")) or name.startswith("/"):
            continue
        seen.add(name)
        out.append((name, line))
    return out


def used_src_uri(doc: Document, name: str) -> str:
    """The src_uri of a file named, relative to its document, as MkDocs resolves it."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc.src_uri), name))


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


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AttachmentError("既不是 UTF-8 也不是 GB18030 编码")


def _csv(path: Path) -> Iterator[Chunk]:
    for r, row in enumerate(csv.reader(io.StringIO(decode(path.read_bytes()))), start=1):
        for c, value in enumerate(row, start=1):
            yield Chunk(f"第{r}行第{c}列", value)


def _txt(path: Path) -> Iterator[Chunk]:
    for number, line in enumerate(decode(path.read_bytes()).splitlines(), start=1):
        yield Chunk(f"第{number}行", line)


def _json(path: Path) -> Iterator[Chunk]:
    def walk(value: object, where: str) -> Iterator[Chunk]:
        if isinstance(value, dict):
            for k, v in value.items():
                yield Chunk(f"{where}的键", str(k))
                yield from walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, f"{where}[{i}]")
        elif value is not None:
            yield Chunk(where, str(value))

    yield from walk(json.loads(decode(path.read_bytes())), "$")


def _svg(path: Path) -> Iterator[Chunk]:
    """Text and attribute values of every element: `<text>`, `<title>`, `<desc>` are read."""
    root = ElementTree.fromstring(decode(path.read_bytes()))
    for number, element in enumerate(root.iter(), start=1):
        texts = [element.text or "", element.tail or "", *element.attrib.values()]
        yield Chunk(f"第{number}个元素", " ".join(t for t in texts if t.strip()))


class _Text(HTMLParser):
    """The text of an HTML file, line by line, attribute values included."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[int, str]] = []

    def handle_data(self, data: str) -> None:
        self.parts.append((self.getpos()[0], data))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend((self.getpos()[0], v) for _, v in attrs if v)


def _html(path: Path) -> Iterator[Chunk]:
    parser = _Text()
    parser.feed(decode(path.read_bytes()))
    parser.close()
    for line, text in parser.parts:
        yield Chunk(f"第{line}行", text)


_READERS = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".xlsx": _xlsx,
    ".xlsm": _xlsx,
    ".csv": _csv,
    ".txt": _txt,
    ".vtt": _txt,
    ".json": _json,
    ".svg": _svg,
    ".html": _html,
    ".htm": _html,
}
READABLE = frozenset(_READERS)
PUBLISHABLE = READABLE | frozenset(MEDIA)


def _media(path: Path) -> list[Chunk]:
    suffix = path.suffix.lower()
    with path.open("rb") as f:
        head = f.read(16)
    if re.match(MEDIA[suffix], head, re.DOTALL) is None:
        raise AttachmentError(f"扩展名是 {suffix[1:].upper()}，内容却不是这种格式")
    return []


def chunks(path: Path) -> list[Chunk]:
    """All text of an attached file ([] for media); AttachmentError with a Chinese reason."""
    suffix = path.suffix.lower()
    if suffix in MEDIA:
        return _media(path)
    reader = _READERS.get(suffix)
    if reader is None:
        kinds = "、".join(sorted({s[1:].upper() for s in PUBLISHABLE}))
        raise AttachmentError(
            f"{suffix[1:].upper() or '没有扩展名的'}文件无法检查，只能附 {kinds} 文件"
        )
    try:
        return list(reader(path))
    except AttachmentError:
        raise
    except Exception as e:  # every library has its own errors for a damaged file
        raise AttachmentError(f"文件已损坏或不是 {suffix[1:].upper()} 格式") from e
