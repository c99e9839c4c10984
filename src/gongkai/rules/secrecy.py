"""GK21x 保密与个人信息: secrecy markings and personal data, in the document and its attachments.

These are GK2xx warnings, so `blocks_publication` withholds the document. Personal data becomes
`info` (published, only noted) when the front matter records a legal basis in `pii_basis`.
Unlike the typography rules they read code, URLs and link targets too: a number there is just as
public.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from gongkai.config.context import Context
from gongkai.content import attachments
from gongkai.content.document import Document
from gongkai.content.text import secrecy_text
from gongkai.findings import Finding, Rule, Severity, rule
from gongkai.rules.numbers import UNSEEN, Personal, personal_data, reader_view, source_offset

# A character of a marking followed by something that renders as nothing (a tag, a zero-width
# character, an emphasis mark) or a character reference: only then can the view hold more.
_SPLIT_MARK = re.compile(
    r"&#|[绝机秘密级★年月长期内部资料使用注意保不得严禁止请勿外传](?:" + UNSEEN.pattern + ")"
)


@cache
def _markings() -> list[tuple[str, re.Pattern[str], str]]:
    raw = yaml.safe_load(resources.files("gongkai.data").joinpath("secrecy.yml").read_text("utf-8"))
    return [(m["needs"], re.compile(m["pattern"]), m["name"]) for m in raw["markings"]]


def markings(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, found text, name) of every secrecy marking, as written or as rendered
    (`gongkai.rules.numbers.reader_view`: “机<span></span>密★” reads “机密★”)."""
    seen: set[tuple[str, str]] = set()
    for needs, pattern, name in _markings():
        if needs not in text:
            continue
        for m in pattern.finditer(text):
            seen.add((m.group().strip(" \t\n>#*"), name))
            yield m.start(), m.end(), m.group().strip(" \t\n>#*"), name
    if _SPLIT_MARK.search(text) is None:
        return  # nothing unseen inside a marking's characters: the view reads the same
    view = reader_view(text)
    for needs, pattern, name in _markings():
        if needs not in view:
            continue
        for m in pattern.finditer(view):
            found = m.group().strip(" \t\n>#*")
            if (found, name) not in seen:
                seen.add((found, name))
                yield (
                    source_offset(text, m.start()),
                    source_offset(text, m.end()),
                    found,
                    name,
                )


def _personal_finding(
    r: Rule, doc: Document, line: int, col: int, where: str, p: Personal
) -> Finding:
    basis = doc.meta.pii_basis if doc.meta else None
    if basis:
        message = f"{where}有{p.kind}“{p.shown}”；已写明公开依据（{basis}），仅作提示"
        return Finding(doc.rel, line, col, r.id, Severity.INFO, message)
    message = (
        f"{where}有{p.kind}“{p.shown}”，本文档暂不发布：公开前删去或隐去该号码；"
        "确有法定依据公开的，在元数据中写明 pii_basis"
    )
    return r.at(doc.rel, line, col, message)


# --- attachments, read once per file per run -----------------------------------------------


@dataclass(frozen=True)
class _Attached:
    name: str
    line: int
    path: Path


def _attached(doc: Document) -> list[_Attached]:
    """The readable files a document attaches or links to; found once, asked by five rules."""
    cached = doc.__dict__.get("_attached")
    if cached is None:
        cached = doc.__dict__["_attached"] = list(_find_attached(doc))
    return cached


def _find_attached(doc: Document) -> Iterator[_Attached]:
    docs_path = doc.path.parents[len(Path(doc.src_uri).parts) - 1]
    for name, line in attachments.local_files(doc):
        path = docs_path / attachments.used_src_uri(doc, name)
        if path.is_file():
            yield _Attached(name, line, path)


@cache
def _chunks(path: Path, mtime: float) -> list[attachments.Chunk] | str:
    try:
        return attachments.chunks(path)
    except attachments.AttachmentError as e:
        return str(e)


def _each_attachment(
    doc: Document, found: Callable[[_Attached, attachments.Chunk], Iterator[Finding]]
) -> Iterator[Finding]:
    for a in _attached(doc):
        result = _chunks(a.path, a.path.stat().st_mtime)
        if isinstance(result, str):
            continue  # GK214 reports it, once
        for chunk in result:
            yield from found(a, chunk)


# --- the rules -------------------------------------------------------------------------------


@rule("GK210", "密级或内部资料标志", Severity.WARNING)
def secrecy_marking(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：带有密级（绝密、机密、秘密★）、保密期限（★5年）或“内部资料”“内部使用”
    “注意保密”“不得外传”等标注的材料不得上网（《保守国家秘密法》，工作要点“杜绝涉密信息上网”）。
    发现这类标志的文档和附件一律暂不发布，须重新进行保密审查。正文中讨论保密工作
    （“涉及国家秘密”“保密审查”）不是标志，不报告。

    错误示例：
        机密★1年
        关于……的通知

    正确示例：经保密审查、已解密的文件，删去密级标志后发布，并在 review 中记录审查结论
    """
    prose = secrecy_text(doc)
    for start, _, found, name in markings(prose.masked):
        line, col = prose.position(start)
        yield secrecy_marking.at(
            doc.rel,
            line,
            col,
            f"正文有{name}“{found}”，本文档暂不发布：涉密或内部材料不得上网，请重新进行保密审查",
        )

    def in_attachment(a: _Attached, chunk: attachments.Chunk) -> Iterator[Finding]:
        for _, _, found, name in markings(chunk.text):
            yield secrecy_marking.at(
                doc.rel,
                a.line,
                1,
                f"附件 {a.name}（{chunk.where}）有{name}“{found}”，本文档暂不发布：涉密或内部材料不得上网",
            )

    yield from _each_attachment(doc, in_attachment)


def _personal(r: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    prose = secrecy_text(doc)
    for p in personal_data(prose.masked, ctx.today):
        if p.rule == r.id:
            line, col = prose.position(p.start)
            yield _personal_finding(r, doc, line, col, "正文中", p)

    def in_attachment(a: _Attached, chunk: attachments.Chunk) -> Iterator[Finding]:
        for p in personal_data(chunk.text, ctx.today):
            if p.rule == r.id:
                yield _personal_finding(r, doc, a.line, 1, f"附件 {a.name}（{chunk.where}）中", p)

    yield from _each_attachment(doc, in_attachment)


@rule("GK211", "身份证号码", Severity.WARNING)
def id_number(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：公民身份号码是敏感个人信息，政府网站泄露身份证号码（尤其是附件表格里的名单）是
    最常见的信息公开事故。本规则只报告真实可能的号码：18 位，第 18 位校验码符合
    GB 11643（ISO 7064 MOD 11-2），出生日期真实且不晚于今天。正文、元数据和附件
    （PDF、DOCX、XLSX、CSV、TXT）都会检查。没有 pii_basis 时文档暂不发布；写明法定依据的，
    降为提示。报告中的号码隐去中间位数。

    错误示例：附件名单中写有“220102199003071234”这样的完整身份证号码

    正确示例：隐去中间位数，如“2201**********1234”；或删去该列
    """
    return _personal(id_number, doc, ctx)


@rule("GK212", "银行卡号", Severity.WARNING)
def bank_card(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：银行卡号是敏感个人信息。本规则报告 16 至 19 位、以 3 至 6 开头、符合 Luhn 校验
    的数字（中间可有空格或短横线），正文、元数据和附件都会检查。没有 pii_basis 时文档暂不
    发布；写明法定依据的，降为提示。

    错误示例：补助发放至本人银行卡 6222 0212 3456 7890 128

    正确示例：补助已发放至本人银行卡（不写卡号）
    """
    return _personal(bank_card, doc, ctx)


@rule("GK213", "手机号码", Severity.WARNING)
def mobile(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：个人手机号码属于个人信息，未经同意不得公开（《个人信息保护法》）。机关对外公布的
    应是办公固定电话。本规则报告 1 开头、第二位为 3 至 9 的 11 位号码（可带空格或短横线）。
    没有 pii_basis 时文档暂不发布；写明法定依据的（如经本人同意公布的联系人电话），降为提示。

    错误示例：联系人：张某，电话：13812345678

    正确示例：联系电话：0431-8888888（办公电话）
    """
    return _personal(mobile, doc, ctx)


@rule("GK214", "附件无法读取", Severity.WARNING)
def unreadable(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：文档附带或链接的每个本地文件都要检查其中的密级标志和个人信息：PDF、DOCX、
    XLSX、CSV、TXT、VTT 字幕、JSON、SVG、HTML 按其真实格式读取（扩展名大小写不论）；
    PNG、JPG、GIF、WebP、WebM、MP4、MP3、OGG 没有可读的文字，核对文件开头确是该格式后发布。
    文件损坏、加密、扩展名与内容不符，或是其他类型（如 .doc、.xls、.zip、.rar）时无法检查，
    不能确认可以公开，因此该文件不发布，文档也暂不发布。

    错误示例：把 .xls 文件改名为 .xlsx；上传加了密码的 PDF；附件是 名单.zip

    正确示例：用办公软件另存为真正的 .xlsx 或不加密的 PDF 后再上传
    """
    for a in _attached(doc):
        result = _chunks(a.path, a.path.stat().st_mtime)
        if isinstance(result, str):
            yield unreadable.at(
                doc.rel,
                a.line,
                1,
                f"附件 {a.name} 无法读取（{result}），未能检查其中的密级标志和个人信息，"
                "本文档暂不发布：请换成可正常打开的文件",
            )
