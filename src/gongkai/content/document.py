"""A parsed document: front matter (with the line of every key) + body.

MkDocs drops invalid front matter silently and renders it as text, so we read it ourselves and
turn every problem into a finding with the real line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

import yaml

from gongkai.config.yaml_limits import beyond_limits
from gongkai.findings import Finding, Severity, declare

if TYPE_CHECKING:
    from gongkai.config.settings import Column
    from gongkai.content.model import FrontMatter
    from gongkai.content.parse_cache import ParseCache

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KeyPath = tuple[str | int, ...]

GK001 = declare(
    "GK001",
    "文件无法读取或不是 UTF-8",
    Severity.ERROR,
    """
    为什么：网站按 UTF-8 读取每个文件；GBK 等其他编码保存的文件会变成乱码，无法检查也无法发布。

    错误示例：用记事本“ANSI”编码保存的 .md 文件。

    正确示例：在编辑器里选择“UTF-8”编码另存。
    """,
)
GK002 = declare(
    "GK002",
    "空文件",
    Severity.ERROR,
    """
    为什么：空文件不是一篇文档，发布出去就是栏目里的一个空白页。

    错误示例：只新建了文件，没有写内容就提交。

    正确示例：写好元数据和正文后再提交，或删除该文件。
    """,
)
GK003 = declare(
    "GK003",
    "缺少元数据块",
    Severity.ERROR,
    """
    为什么：每篇文档必须以 --- 开头的元数据块开始、以 --- 结束。没有它，MkDocs 会把正文第一行
    （如“说明: ……”）当作元数据吃掉，而索引号、公开属性等都无从检查。

    错误示例：
        说明: 本文件自印发之日起施行

    正确示例：
        ---
        title: ……
        ---
        说明: 本文件自印发之日起施行
    """,
)
GK004 = declare(
    "GK004",
    "元数据 YAML 语法错误",
    Severity.ERROR,
    """
    为什么：元数据无法解析时，MkDocs 会静默丢弃并把它当正文显示，公开属性和审查记录都会失效。

    错误示例：
        title: 关于印发《……》的通知
          type: 规范性文件

    正确示例：每个字段顶格写“字段名: 值”，冒号后留一个空格；值里有冒号时加引号。
    """,
)
GK005 = declare(
    "GK005",
    "元数据不是“字段: 值”形式",
    Severity.ERROR,
    """
    为什么：元数据必须是“字段: 值”的映射，列表或单独一段文字无法表示文档信息。

    错误示例：
        ---
        - 关于印发《……》的通知
        ---

    正确示例：
        ---
        title: 关于印发《……》的通知
        ---
    """,
)
GK006 = declare(
    "GK006",
    "元数据字段重复",
    Severity.ERROR,
    """
    为什么：同一字段写两次时只有后一个生效，前一个被悄悄丢掉，往往是复制粘贴留下的错误。

    错误示例：
        published: 2021-07-05
        published: 2021-07-06

    正确示例：每个字段只写一次。
    """,
)


@dataclass
class Document:
    path: Path
    rel: str
    src_uri: str
    column: Column | None
    text: str = ""
    body: str = ""
    body_line: int = 1
    raw: dict[str, Any] = field(default_factory=dict)
    lines: dict[KeyPath, int] = field(default_factory=dict)
    meta: FrontMatter | None = None
    block_hash: bytes = b""  # of the front-matter block: what the site rules see of a document

    def line_of(self, *key: str | int) -> int:
        """Line of a key, falling back to its parent, then to the opening `---`."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


def _line_map(node: yaml.Node, prefix: KeyPath, out: dict[KeyPath, int], dup: list) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                dup.append(((*prefix, key), key_node.start_mark.line))
            seen.add(key)
            out[(*prefix, key)] = key_node.start_mark.line
            _line_map(value_node, (*prefix, key), out, dup)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[(*prefix, i)] = item.start_mark.line
            _line_map(item, (*prefix, i), out, dup)


# Control characters other than tab and line feed (CR is made LF first): browsers show them as
# nothing or as boxes, Python-Markdown drops some, YAML refuses them. Refused, never guessed at.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Line breaks to YAML (and to `str.splitlines`) but not to Markdown or MkDocs.
YAML_BREAKS = {"\u2028": "U+2028（行分隔符）", "\u2029": "U+2029（段分隔符）"}


def normalised(text: str) -> str:
    """The one text everyone reads: CRLF and lone CR as LF, as MkDocs' text-mode read makes them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset of a normalised text."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]


def _decode(doc: Document, data: bytes) -> list[Finding]:
    if _utf16(data):
        return [GK001.at(doc.rel, 1, 1, "文件是 UTF-16 编码：请在编辑器中以 UTF-8 编码另存")]
    try:
        doc.text = normalised(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        # The first non-ASCII byte, not e.start: GBK text often decodes as UTF-8 for a while.
        first = next(i for i, b in enumerate(data) if b >= 0x80)
        line = data[:first].count(b"\n") + 1
        return [GK001.at(doc.rel, line, 1, "文件不是 UTF-8 编码：请在编辑器中以 UTF-8 编码另存")]
    if (m := _CONTROL.search(doc.text)) is not None:
        line, column = position(doc.text, m.start())
        message = (
            f"第{line}行第{column}列有控制字符 U+{ord(m.group()):04X}：网页上不显示或显示为方框，"
            "检查和网页读到的内容会不一样，多半是复制或保存出错；请删去它"
        )
        return [GK001.at(doc.rel, line, column, message)]
    if not doc.text.strip():
        return [GK002.at(doc.rel, 1, 1, "文件是空的：请写上元数据和正文，或删除该文件")]
    return []


_OPENING = re.compile(r"---[ \t]*(?:\r\n|\r|\n|$)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.M)


def _split(doc: Document) -> tuple[str | None, list[Finding]]:
    text = doc.text
    opening = _OPENING.match(text)
    if opening is None:
        message = "文件必须以元数据块开始：第一行应为 ---，写完 title 等字段后再以 --- 结束"
        return None, [GK003.at(doc.rel, 1, 1, message)]
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        message = "元数据块没有结束：请在最后一个字段之后单独写一行 ---"
        return None, [GK003.at(doc.rel, 1, 1, message)]
    block = text[opening.end() : closing.start()]
    doc.body = text[closing.end() :]
    doc.body_line = block.count("\n") + 3
    for char, name in YAML_BREAKS.items():
        if (at := block.find(char)) >= 0:
            line, column = position(text, opening.end() + at)
            message = (
                f"元数据第{line}行有不可见的分行符 {name}：YAML 把它当作换行，网页却不换行，"
                "检查和网页会读出不同的内容；请删去它，需要换行的按回车键换行"
            )
            return None, [GK004.at(doc.rel, line, column, message)]
    return block, []


YAML_PROBLEMS = {  # PyYAML's problem → what is wrong and what to write, in Chinese
    "mapping values are not allowed": (
        "这一行多了一个半角冒号“:”：值里有冒号时把整个值加英文双引号，"
        '如 title: "关于: ……的通知"；是缩进多了的，把字段顶格写'
    ),
    "could not find expected ':'": "这一行缺少半角冒号“:”：写成“字段名: 值”，冒号后加一个空格",
    "found character '\\t'": "用了 Tab 字符缩进：YAML 只能用空格缩进，请把 Tab 改为两个空格",
    "did not find expected key": "同一层字段的缩进不一致：同一层的字段前面的空格数要相同",
    "did not find expected ',' or ']'": "方括号“[”没有对应的“]”：在列表末尾补上“]”，如 [会见, 通知]",
    "expected ',' or ']'": "方括号“[”没有对应的“]”：在列表末尾补上“]”，如 [会见, 通知]",
    "did not find expected ',' or '}'": "花括号“{”没有对应的“}”：在末尾补上“}”",
    "expected ',' or '}'": "花括号“{”没有对应的“}”：在末尾补上“}”",
    "found unexpected end of stream": "引号没有闭合：在值的末尾补上与开头相同的引号",
    "found unknown escape character": (
        "双引号里的反斜杠“\\”不能单独用：写成“\\\\”，或把双引号换成单引号"
    ),
}
UNKNOWN_PROBLEM = "这一行无法解析：每行写“字段名: 值”，冒号后加一个空格；值里有冒号、#、引号时把整个值加英文双引号"
# Slips YAML reports late or vaguely, found on their own line: (pattern, what to write).
LINE_SLIPS = [
    (
        re.compile(r"^\s*([A-Za-z_]+)[ \t]*(：)"),
        "字段名 {0} 后面用了全角冒号“：”：请改为半角冒号加一个空格，写成“{0}: 值”",
    ),
    (
        re.compile(r"^ *(\t)"),
        "行首用了 Tab 字符缩进：YAML 只能用空格缩进，请把 Tab 改为两个空格",
    ),
    (
        re.compile(r"^\s*([A-Za-z_]+)(:)[^\s:/]"),
        "字段名 {0} 后的冒号“:”后面缺少空格：请写成“{0}: 值”",
    ),
]


def _yaml_problem(e: yaml.YAMLError) -> str:
    problem = str(getattr(e, "problem", "") or "")
    return next((zh for en, zh in YAML_PROBLEMS.items() if problem.startswith(en)), UNKNOWN_PROBLEM)


def _line_slip(block: str, up_to: int) -> tuple[int, int, str] | None:
    """The first slip in the block's lines up to the one YAML stopped at: (line, column, message)."""
    for i, line in enumerate(block.split("\n")[: up_to + 1]):
        for pattern, message in LINE_SLIPS:
            m = pattern.match(line)
            if m:
                groups = m.groups()
                return i + 2, m.start(len(groups)) + 1, message.format(*groups)
    return None


def bad_scalar(loader_class: Any, root: yaml.Node) -> tuple[yaml.Node, str] | None:
    """The first scalar PyYAML cannot construct (`2024-02-30`, hour 25), and why, in Chinese.

    Its constructors raise a bare ValueError without a place: each timestamp is tried alone.
    """
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        else:
            loader = loader_class("")  # a fresh one: a failed construction leaves state behind
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, OverflowError):
                return node, f"日期或时间“{node.value}”不存在"
            finally:
                loader.dispose()
    return None


def _parse_yaml(doc: Document, block: str) -> list[Finding]:
    if (beyond := beyond_limits(block, Loader)) is not None:
        line, column, problem = beyond
        return [GK004.at(doc.rel, line + 2, column + 1, f"元数据第{line + 2}行{problem}")]
    loader = Loader(block)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except (ValueError, OverflowError):
        found = bad_scalar(Loader, node) if node is not None else None
        bad, what = found if found else (node, "有无法读取的值")
        line = bad.start_mark.line + 2 if bad is not None else 2
        column = bad.start_mark.column + 1 if bad is not None else 1
        message = f"元数据第{line}行的{what}：日期写成 YYYY-MM-DD（如 2024-02-29），时间写成 HH:MM（00:00 至 23:59）"
        return [GK004.at(doc.rel, line, column, message)]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        if str(getattr(e, "problem", "")).startswith("could not find expected ':'"):
            mark = getattr(e, "context_mark", None) or mark  # the key's line, not the next one
        line = mark.line + 2 if mark else 1
        column = mark.column + 1 if mark else 1
        slip = _line_slip(block, line - 2)
        if slip is not None:
            line, column, problem = slip
        else:
            problem = _yaml_problem(e)
        return [GK004.at(doc.rel, line, column, f"元数据 YAML 语法错误：{problem}")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        slip = _line_slip(block, len(block.split("\n")))  # `title：…` reads as one string
        if slip is not None:
            return [GK004.at(doc.rel, slip[0], slip[1], f"元数据 YAML 语法错误：{slip[2]}")]
        return [GK005.at(doc.rel, 2, 1, "元数据应为“字段: 值”形式，例如 title: 关于……的通知")]
    dup: list[tuple[KeyPath, int]] = []
    _line_map(node, (), doc.lines, dup)
    doc.lines = {k: v + 2 for k, v in doc.lines.items()}
    doc.raw = data
    return [
        GK006.at(doc.rel, line + 2, 1, f"字段 {'.'.join(map(str, key))} 重复出现：只保留一个")
        for key, line in dup
    ]


def read_document(
    path: Path, rel: str, src_uri: str, column: Column | None, cache: ParseCache | None = None
) -> tuple[Document, list[Finding]]:
    """Read one Markdown file; return the document and the findings of reading it.

    With a cache, a front-matter block parsed by an earlier run is not parsed again, and a file
    unchanged since then may not be read at all (`ParseCache.trust_stat`).
    """
    try:
        stat = path.stat()
    except OSError as e:
        doc = Document(path=path, rel=rel, src_uri=src_uri, column=column)
        return doc, [GK001.at(rel, 1, 1, f"文件无法读取（{e.strerror}）：请检查文件权限")]
    if not S_ISREG(stat.st_mode):  # a FIFO would block the read forever, a device never end
        doc = Document(path=path, rel=rel, src_uri=src_uri, column=column)
        message = "不是普通文件（是命名管道、设备或套接字）：请换成普通的 Markdown 文件，或删除它"
        return doc, [GK001.at(rel, 1, 1, message)]
    if cache is not None and (hit := cache.unchanged(rel, stat)) is not None:
        (raw, lines, found), (_, block_hash), body_line = hit
        unread = UnreadDocument(path=path, rel=rel, src_uri=src_uri, column=column)
        unread.raw, unread.lines, unread.body_line = raw, lines, body_line
        unread.block_hash = block_hash
        return unread, list(found)
    doc = Document(path=path, rel=rel, src_uri=src_uri, column=column)
    try:
        data = path.read_bytes()
    except OSError as e:
        return doc, [GK001.at(rel, 1, 1, f"文件无法读取（{e.strerror}）：请检查文件权限")]
    found = _decode(doc, data)
    if found:
        return doc, found
    block, found = _split(doc)
    if block is None:
        return doc, found
    doc.block_hash = hashlib.blake2b(block.encode(), digest_size=16).digest()
    if cache is None:
        return doc, _parse_yaml(doc, block)
    key = (rel, doc.block_hash)
    if (entry := cache.get(key)) is not None:
        doc.raw, doc.lines, found = entry
        found = list(found)
    else:
        found = _parse_yaml(doc, block)
        cache.put(key, (doc.raw, doc.lines, found))
    cache.read(rel, stat, key, doc.body_line)
    return doc, found


def from_text(rel: str, text: str) -> Document:
    """A document from its text (an older version read from git): split and parsed, unvalidated."""
    doc = Document(path=Path(rel), rel=rel, src_uri=rel, column=None, text=normalised(text))
    block, _ = _split(doc)
    if block is not None:
        _parse_yaml(doc, block)
    return doc


class UnreadDocument(Document):
    """A document known from the cache: its text and body are read from disk on first use."""

    @property
    def text(self) -> str:
        self._read()
        return self.__dict__["text"]

    @text.setter
    def text(self, value: str) -> None:
        self.__dict__["text"] = value

    @property
    def body(self) -> str:
        self._read()
        return self.__dict__["body"]

    @body.setter
    def body(self, value: str) -> None:
        self.__dict__["body"] = value

    def _read(self) -> None:
        if self.__dict__.get("_read_done"):
            return
        self.__dict__["_read_done"] = True
        try:
            data = self.path.read_bytes()
        except OSError:
            return  # deleted since it was indexed: nothing left to check in it
        if not _decode(self, data):
            _split(self)
