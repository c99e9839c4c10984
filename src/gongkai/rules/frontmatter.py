"""GK0xx 元数据: formats and uniqueness of the catalogue fields, and what every document has."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.findings import Finding, Severity, rule
from gongkai.rules.duplicates import duplicate_groups

INDEX_NO = re.compile(r"^[0-9A-Z]{9}([0-9A-Z]{9})?/\d{4}(\d{2})?-\d{4,8}$")
# 机关代字: Chinese characters only (吉狱发, 国办函); anything else there (`<svg/onload=…>`, a
# space, Latin letters) is no 发文字号, and would be markup where a page shows it.
_AGENCY = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
DOC_NO = re.compile(rf"^[{_AGENCY}]+〔(\d{{4}})〕([1-9]\d*)号$")
# What the two formats must look like, in the words the checker and the web editor's form both use.
INDEX_NO_SHAPE = "应为“前段码/年份-顺序号”"
DOC_NO_SHAPE = "应为 机关代字〔年份〕序号号，用六角括号、不加“第”、序号不补零"
COMMENTS = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
REGULATION = "规范性文件"


@rule("GK007", "正文为空", Severity.ERROR)
def empty_body(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：栏目里的每条信息都要有内容；正文为空（或只有注释，网页上看不到）的文档发布出去
    就是一个空白页，检查时按“内容空白”扣分。

    错误示例：
        ---
        title: ……
        ---
        <!-- 在这里写正文 -->

    正确示例：元数据块之后写上文件全文；正文是附件的，写一句说明并链接附件。
    """
    if not COMMENTS.sub("", doc.body).strip():
        yield empty_body.at(
            doc.rel,
            doc.body_line,
            1,
            "正文是空的（注释 <!-- … --> 不显示在网页上）：请在元数据块之后写上文件全文，"
            "正文在附件中的写一句说明并链接附件",
        )


@rule("GK027", "规范性文件缺少发文字号或成文日期", Severity.ERROR)
def regulation_without_doc_no(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：政府信息公开目录的元数据要求规范性文件写明发文字号和成文日期，公众和检查人员
    凭它们核对文件、确认有效性。

    错误示例：type: 规范性文件，但没有 doc_no 或 written

    正确示例：
        doc_no: 吉狱发〔2026〕3号
        written: 2026-02-15
    """
    if doc.meta.type != REGULATION:
        return
    for key, example in (("doc_no", "吉狱发〔2026〕3号"), ("written", "2026-02-15")):
        if getattr(doc.meta, key) is None:
            yield regulation_without_doc_no.at(
                doc.rel,
                doc.line_of("type"),
                1,
                f"规范性文件必须写{'发文字号' if key == 'doc_no' else '成文日期'}："
                f"请补上“{key}: …”，例如 {key}: {example}（照原件填写）",
            )


@rule("GK015", "索引号格式错误", Severity.ERROR)
def index_no_format(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：索引号由前段码（9 位组织机构代码或 18 位统一社会信用代码）、“/”、4 位年份（可加 2 位月份）、
    “-”和 4～8 位顺序号组成（政府信息公开目录系统实施指引），是文档永久、唯一的编号。

    错误示例：index_no: 013544XXX-2021-12

    正确示例：index_no: 013544XXX/2021-00012
    """
    value = doc.meta.index_no
    if value and not INDEX_NO.match(value):
        yield index_no_format.at(
            doc.rel,
            doc.line_of("index_no"),
            1,
            f"索引号“{value}”格式不对：{INDEX_NO_SHAPE}，例如 {ctx.config.org_code}/2021-00012",
        )


@rule("GK023", "主动公开文档缺少索引号", Severity.ERROR)
def index_no_required(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：主动公开的每条政府信息都要有索引号，公众和检查人员凭它查找和引用。

    错误示例：disclosure: 主动公开，但没有 index_no

    正确示例：index_no: 013544XXX/2021-00012（用 python -m gongkai new 新建文档会自动分配）
    """
    if doc.meta.disclosure == "主动公开" and not doc.meta.index_no:
        yield index_no_required.at(
            doc.rel,
            1,
            1,
            f"主动公开的文档必须有索引号：请补上 index_no: {ctx.config.org_code}/年份-顺序号",
        )


def _doc_no_hint(value: str) -> str:
    fixed = value.replace("[", "〔").replace("]", "〕").replace("【", "〔").replace("】", "〕")
    fixed = re.sub(r"[（(](\d{4})[）)]", r"〔\1〕", fixed)
    fixed = re.sub(r"〕第?0*(\d+)号", r"〕\1号", fixed.replace(" ", ""))
    return fixed


def _doc_no_problem(value: str) -> str:
    hint = _doc_no_hint(value)
    m = re.match(r"^(.*?)〔(\d{4})〕([1-9]\d*)号$", hint)
    if m and not re.fullmatch(f"[{_AGENCY}]+", m.group(1)):
        return (
            f"发文字号“{value}”格式不对：机关代字“{m.group(1)}”只能由汉字组成，不能有字母、数字、"
            f"空格或符号：请照原件填写，例如“吉狱发〔{m.group(2)}〕{m.group(3)}号”"
        )
    return f"发文字号“{value}”格式不对：{DOC_NO_SHAPE}，例如“{hint}”"


@rule("GK017", "发文字号格式错误", Severity.ERROR)
def doc_no_format(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：发文字号由机关代字、年份和发文顺序号组成；年份用六角括号〔〕括入，序号不加“第”字、
    不编虚位（GB/T 9704-2012 第 7.2.5 条）。机关代字只由汉字组成，不含空格、字母或符号。

    错误示例：doc_no: 吉狱发[2021]第012号

    错误示例：doc_no: <svg/onload=alert(1)>〔2026〕1号

    正确示例：doc_no: 吉狱发〔2021〕12号
    """
    value = doc.meta.doc_no
    if value and not DOC_NO.match(value):
        yield doc_no_format.at(
            doc.rel,
            doc.line_of("doc_no"),
            1,
            _doc_no_problem(value),
        )


@rule("GK019", "发布日期早于成文日期", Severity.ERROR)
def published_before_written(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：文件先成文、后发布；发布日期早于成文日期说明其中一个日期写错了。

    错误示例：written: 2021-07-05，published: 2021-07-01

    正确示例：written: 2021-07-05，published: 2021-07-05
    """
    m = doc.meta
    if m.written and m.published < m.written:
        yield published_before_written.at(
            doc.rel,
            doc.line_of("published"),
            1,
            f"发布日期 {m.published} 早于成文日期 {m.written}：请核对两个日期",
        )


@rule("GK020", "日期在未来", Severity.ERROR)
def date_in_future(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：成文日期和发布日期记录已经发生的事；写成未来的日期，栏目会显示一条“未来发布”的信息。

    错误示例：published: 2031-07-05（今天是 2021-07-05）

    正确示例：published: 2021-07-05
    """
    for key in ("written", "published"):
        value = getattr(doc.meta, key)
        if value and value > ctx.today:
            yield date_in_future.at(
                doc.rel,
                doc.line_of(key),
                1,
                f"{key} 是 {value}，晚于今天（{ctx.today}）：请写实际日期，或到那一天再提交",
            )


@rule("GK021", "文档不在任何栏目中", Severity.ERROR)
def not_in_column(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：每篇文档必须放在一个栏目的文件夹里（content/栏目网址段/文件名.md），
    否则它不会出现在任何栏目列表中，公众找不到它。

    错误示例：content/2021-gzyd.md 或 content/abc/2021-gzyd.md

    正确示例：content/ghjh/2021-gzyd.md（规划计划栏目）
    """
    if doc.column is None:
        segments = "、".join(f"{c.segment}（{c.name}）" for c in ctx.config.columns)
        yield not_in_column.at(
            doc.rel,
            1,
            1,
            f"文档不在任何栏目的文件夹中：请移到 content/<栏目>/ 下，栏目有 {segments}",
        )


def _same_column(docs: list[Document]) -> list[Document]:
    """The repeats within the first one's column; across columns GK504 (内容混杂) reports them."""
    first = docs[0]
    return [
        d for d in docs[1:] if d.column is None or first.column is None or d.column == first.column
    ]


@rule("GK016", "索引号重复", Severity.ERROR, scope="site")
def duplicate_index_no(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：索引号是政府信息的唯一、永久编号，两篇文档用同一个索引号，目录和引用都会指错。

    错误示例：两篇文档都写 index_no: 013544XXX/2021-00012

    正确示例：第二篇改用下一个顺序号，如 013544XXX/2021-00013
    """
    groups = duplicate_groups(site.valid_docs, lambda d: d.meta.index_no)
    for value, docs in groups.items():
        first = docs[0]
        for doc in _same_column(docs):
            yield duplicate_index_no.at(
                doc.rel,
                doc.line_of("index_no"),
                1,
                f"索引号 {value} 已被 {first.rel} 使用：索引号必须唯一，请改用新的顺序号",
            )


@rule("GK018", "发文字号重复", Severity.ERROR, scope="site")
def duplicate_doc_no(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：一个发文字号只对应一份公文；重复说明同一文件发了两次，或字号抄错了。

    错误示例：两篇文档都写 doc_no: 吉狱发〔2021〕12号

    正确示例：核对原件，写上各自的发文字号；同一文件只保留一篇
    """
    groups = duplicate_groups(site.valid_docs, lambda d: d.meta.doc_no)
    for value, docs in groups.items():
        first = docs[0]
        for doc in _same_column(docs):
            yield duplicate_doc_no.at(
                doc.rel,
                doc.line_of("doc_no"),
                1,
                f"发文字号 {value} 已在 {first.rel} 中使用：请核对原件，同一文件只发布一次",
            )


@rule("GK024", "网址冲突", Severity.ERROR, scope="site")
def url_collision(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：每篇文档有一个稳定的网址（栏目/网址名/）；两篇文档得到同一网址时，后生成的会覆盖先生成的。

    错误示例：gfxwj/a.md 和 gfxwj/b.md 都写 slug: 2021-gzyd

    正确示例：给其中一篇换一个 slug，如 2021-gzyd-bc
    """
    groups = duplicate_groups(site.valid_docs, lambda d: site.urls[d.src_uri])
    for url, docs in groups.items():
        first = docs[0]
        for doc in docs[1:]:
            yield url_collision.at(
                doc.rel,
                doc.line_of("slug"),
                1,
                f"网址 /{url} 与 {first.rel} 相同：请在元数据中写一个不同的 slug",
            )
