"""GK1xx 有效性: the derived status against what editors wrote, and references between documents."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.content.validity import Status, derive, expiring_soon, references, was_once
from gongkai.findings import Finding, Rule, Severity, rule

REGULATION = "规范性文件"


def _contradiction(doc: Document, ctx: Context) -> Status | None:
    """The derived status when the written one disagrees with it."""
    v = doc.meta.validity
    if not v or not v.status:
        return None
    derived = derive(doc.meta, ctx.today)
    return derived if v.status != derived else None


def _contradiction_at(r: Rule, doc: Document, ctx: Context, derived: Status) -> Finding:
    return r.at(
        doc.rel,
        doc.line_of("validity", "status"),
        1,
        f"有效性写的是“{doc.meta.validity.status}”，但按日期截至 {ctx.today} 应为“{derived}”："
        f"请改为 status: {derived}，或删去 status 由系统推算",
    )


@rule("GK101", "有效性状态与日期矛盾", Severity.ERROR)
def status_contradicts_dates(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：有效性由施行、有效期至、废止日期推出；手写的 status 与日期不符时，公众看到的是错误的状态。
    本规则只报从发布之日到今天都不成立的状态（写错了）；写时正确、因时间推移而过时的见 GK105。

    错误示例：
        validity:
          effective: 2024-03-01
          status: 失效        # 没有废止日期，有效期也未届满

    正确示例：删去 status，由系统按日期推算；或补上 repealed 废止日期
    """
    derived = _contradiction(doc, ctx)
    if derived and not was_once(doc.meta, doc.meta.validity.status, ctx.today):
        yield _contradiction_at(status_contradicts_dates, doc, ctx, derived)


@rule("GK105", "有效性状态已过时", Severity.WARNING)
def status_outdated(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：手写的 status 写时正确，但有效期届满或废止日期已到，按日期已是另一状态。网站显示
    按日期推算的状态，不会出错；这只是提醒删去过时的 status。只因时间推移而成立，所以是警告，
    从不阻止构建和发布（每日重新构建时文件照常变为“失效”）。

    错误示例：
        validity:
          expires: 2023-12-31
          status: 有效        # 今天已是 2024 年

    正确示例：删去 status，由系统按日期显示“失效”；或改为 status: 失效
    """
    derived = _contradiction(doc, ctx)
    if derived and was_once(doc.meta, doc.meta.validity.status, ctx.today):
        yield _contradiction_at(status_outdated, doc, ctx, derived)


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
