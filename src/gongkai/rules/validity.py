"""GK1xx 有效性: the derived status against what editors wrote, and references between documents."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.content.validity import derive, expiring_soon, references
from gongkai.findings import Finding, Severity, rule

REGULATION = "规范性文件"


@rule("GK101", "有效性状态与日期矛盾", Severity.ERROR)
def status_contradicts_dates(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：有效性由施行、有效期至、废止日期推出；手写的 status 与日期不符时，公众看到的是错误的状态。
    最常见的是有效期已过的规范性文件仍标“有效”。

    错误示例：
        validity:
          expires: 2023-12-31
          status: 有效        # 今天已是 2024 年

    正确示例：删去 status，由系统按日期显示“失效”；或改为 status: 失效
    """
    v = doc.meta.validity
    if v and v.status:
        derived = derive(doc.meta, ctx.today)
        if v.status != derived:
            yield status_contradicts_dates.at(
                doc.rel,
                doc.line_of("validity", "status"),
                1,
                f"有效性写的是“{v.status}”，但按日期截至 {ctx.today} 应为“{derived}”："
                f"请改为 status: {derived}，或删去 status 由系统推算",
            )


@rule("GK103", "规范性文件缺少有效性信息", Severity.ERROR)
def regulation_without_validity(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：规范性文件必须标注有效性（施行日期、有效期），失效文件才能及时标注（工作要点一（三））。

    错误示例：type: 规范性文件，但没有 validity，或 validity 下的日期都空着

    正确示例：
        validity:
          effective: 2021-08-01
          expires: 2026-07-31
    """
    v = doc.meta.validity
    if doc.meta.type == REGULATION and (v is None or not (v.effective or v.expires or v.repealed)):
        yield regulation_without_validity.at(
            doc.rel,
            doc.line_of("type"),
            1,
            "规范性文件必须写明有效性：请补上 validity（至少 effective 施行日期，有有效期的写 expires）",
        )


@rule("GK104", "即将到期", Severity.WARNING)
def expiring(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：有效期届满的规范性文件自动失效；提前 90 天提醒起草部门决定延续、修订或废止。

    错误示例：expires: 2021-09-30（今天是 2021-07-05，未作任何处理）

    正确示例：起草部门评估后发布延续或替代文件，并在原文件写上 replaced_by
    """
    if expiring_soon(doc.meta, ctx.today):
        expires = doc.meta.validity.expires
        days = (expires - ctx.today).days
        yield expiring.at(
            doc.rel,
            doc.line_of("validity", "expires"),
            1,
            f"有效期至 {expires}，还有 {days} 天到期：请起草部门决定延续、修订或废止",
        )


@rule("GK102", "引用的文档不存在", Severity.ERROR, scope="site")
def dangling_reference(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：replaced_by、amended_by、interprets 用索引号指向另一篇文档，网站据此生成“已被替代”
    “修改文件”“相关解读”链接。指向不存在的索引号，链接就是错的。

    错误示例：replaced_by: 013544XXX/2024-00099（没有这个索引号的文档）

    正确示例：replaced_by: 013544XXX/2024-00003（新文件的索引号）
    """
    for doc in site.valid_docs:
        for _, key, target in references(doc):
            if target not in site.by_index:
                yield dangling_reference.at(
                    doc.rel,
                    doc.line_of(*key),
                    1,
                    f"{'.'.join(map(str, key))} 指向的索引号 {target} 没有对应的文档：请核对索引号",
                )
