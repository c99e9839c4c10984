"""Dates that cannot all be true: two dates of one document (or of a solicitation and its 采纳情况)
in an order that no real document has. Each is an editor's slip, never a matter of time passing,
so each is an error; the message names both dates and says which one to correct.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.findings import Finding, Rule, Severity, rule

if TYPE_CHECKING:
    from gongkai.content.site import Site

REGULATION, SOLICITATION, ADOPTION, CONCERN = "规范性文件", "意见征集", "采纳情况", "回应关切"


def _before(
    r: Rule, doc: Document, key: tuple[str, ...], later: dt.date, earlier: dt.date, what: str
) -> Iterator[Finding]:
    """One finding on `key` when the date that must come later (`later`) is before `earlier`."""
    if later < earlier:
        yield r.at(doc.rel, doc.line_of(*key), 1, what)


@rule("GK025", "发布日期早于审查日期", Severity.ERROR)
def published_before_review(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：政府信息先经公开属性与保密审查、后发布（条例第十七条）。发布日期早于审查日期，
    要么是未审先发，要么是日期写错；国办秘函〔2019〕19号把“伪造发稿日期”列为单项否决。
    有这个错误的文档不发布。

    错误示例：published: 2026-03-01，review.date: 2026-03-05

    正确示例：review.date: 2026-03-01，published: 2026-03-02（写实际的审查和发布日期）
    """
    m = doc.meta
    if m.review:
        yield from _before(
            published_before_review,
            doc,
            ("published",),
            m.published,
            m.review.date,
            f"发布日期 published: {m.published} 早于审查日期 review.date: {m.review.date}："
            f"先审查后发布，请写实际的发布日期（不早于 {m.review.date}），或核对审查日期",
        )


@rule("GK026", "施行日期早于成文日期", Severity.ERROR)
def effective_before_written(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：规范性文件不得溯及既往，只能在印发（成文）之后施行；施行日期早于成文日期，
    说明其中一个日期写错了。

    错误示例：type: 规范性文件，written: 2026-03-10，validity.effective: 2026-03-01

    正确示例：written: 2026-03-10，validity.effective: 2026-04-01
    """
    m, v = doc.meta, doc.meta.validity
    if m.type == REGULATION and m.written and v and v.effective:
        yield from _before(
            effective_before_written,
            doc,
            ("validity", "effective"),
            v.effective,
            m.written,
            f"施行日期 validity.effective: {v.effective} 早于成文日期 written: {m.written}："
            f"规范性文件不能在成文前施行，请核对两个日期，施行日期写 {m.written} 或之后",
        )


@rule("GK108", "发布时有效期已届满", Severity.ERROR)
def expired_before_published(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：有效期至早于发布日期的文件，上网第一天就是“失效”，说明有效期或发布日期写错了
    （常见的是年份抄错）。已经失效的旧文件补录上网的，写实际的废止情况，不要写一个已过的有效期。

    错误示例：validity.expires: 2026-06-30，published: 2026-12-01

    正确示例：validity.expires: 2031-06-30，published: 2026-12-01
    """
    v = doc.meta.validity
    if v and v.expires:
        yield from _before(
            expired_before_published,
            doc,
            ("validity", "expires"),
            v.expires,
            doc.meta.published,
            f"有效期至 validity.expires: {v.expires} 早于发布日期 published: {doc.meta.published}："
            f"文件发布时已经失效，请核对有效期的年份和发布日期",
        )


@rule("GK106", "有效期至早于施行日期", Severity.ERROR)
def expires_before_effective(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：有效期从施行日期起算；有效期至早于施行日期，文件一天也没有生效过。

    错误示例：validity.effective: 2026-07-01，validity.expires: 2026-06-30

    正确示例：validity.effective: 2026-07-01，validity.expires: 2031-06-30
    """
    v = doc.meta.validity
    if v and v.expires and v.effective:
        yield from _before(
            expires_before_effective,
            doc,
            ("validity", "expires"),
            v.expires,
            v.effective,
            f"有效期至 validity.expires: {v.expires} 早于施行日期 validity.effective: "
            f"{v.effective}：请核对两个日期，有效期至应在施行日期之后",
        )


@rule("GK107", "废止日期早于成文日期", Severity.ERROR)
def repealed_before_written(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：文件成文之后才可能被废止；废止日期早于成文日期，说明其中一个日期写错了。

    错误示例：written: 2022-02-15，validity.repealed: 2021-12-31

    正确示例：written: 2022-02-15，validity.repealed: 2024-12-31
    """
    m, v = doc.meta, doc.meta.validity
    if m.written and v and v.repealed:
        yield from _before(
            repealed_before_written,
            doc,
            ("validity", "repealed"),
            v.repealed,
            m.written,
            f"废止日期 validity.repealed: {v.repealed} 早于成文日期 written: {m.written}："
            f"请核对两个日期，废止日期应在成文日期之后",
        )


@rule("GK513", "发布日期早于合同签订日期", Severity.ERROR)
def published_before_signed(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：采购合同签订后才能公告（政府采购法实施条例第五十条）；发布日期早于合同签订日期，
    说明其中一个日期写错了。

    错误示例：signed: 2026-06-10，published: 2026-06-05

    正确示例：signed: 2026-06-10，published: 2026-06-12
    """
    m = doc.meta
    if m.signed:
        yield from _before(
            published_before_signed,
            doc,
            ("published",),
            m.published,
            m.signed,
            f"发布日期 published: {m.published} 早于合同签订日期 signed: {m.signed}："
            f"合同签订后才能公告，请核对两个日期",
        )


@rule("GK526", "征集截止后才发布", Severity.ERROR)
def closes_before_published(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：意见征集在征集期内公开，公众才能提意见；截止日期早于发布日期，公众一天也没有
    机会提意见，说明日期写错了。

    错误示例：type: 意见征集，published: 2026-05-12，closes: 2026-05-10

    正确示例：published: 2026-04-10，opens: 2026-04-10，closes: 2026-05-10
    """
    m = doc.meta
    if m.type == SOLICITATION and m.closes:
        yield from _before(
            closes_before_published,
            doc,
            ("closes",),
            m.closes,
            m.published,
            f"征集截止日期 closes: {m.closes} 早于发布日期 published: {m.published}："
            f"征集要在发布后进行，请核对两个日期",
        )


@rule("GK527", "采纳情况早于征集截止", Severity.ERROR, scope="site")
def adoption_before_close(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：采纳情况反馈的是整个征集期收到的意见；征集还没有截止就公布采纳情况，
    说明其中一个日期写错了，或者反馈的不是这次征集。

    错误示例：意见征集 closes: 2026-05-10；采纳情况 published: 2026-05-06

    正确示例：采纳情况 published: 2026-05-20（征集截止之后）
    """
    for doc in site.valid_docs:
        m = doc.meta
        target = site.by_index.get(m.solicitation or "") if m.type == ADOPTION else None
        if target is None or target.meta.type != SOLICITATION or not target.meta.closes:
            continue
        closes = target.meta.closes
        yield from _before(
            adoption_before_close,
            doc,
            ("published",),
            m.published,
            closes,
            f"采纳情况的发布日期 published: {m.published} 早于所反馈征集的截止日期 closes: "
            f"{closes}（{target.rel}）：请在征集截止后发布，或核对两个日期",
        )


@rule("GK532", "发布日期早于留言日期", Severity.ERROR)
def published_before_received(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：回应关切发布的是对一条留言的答复；发布日期早于留言日期，说明其中一个日期写错了。

    错误示例：received: 2026-09-14，published: 2026-09-10

    正确示例：received: 2026-09-14，replied: 2026-09-17，published: 2026-09-17
    """
    m = doc.meta
    if m.type == CONCERN and m.received:
        yield from _before(
            published_before_received,
            doc,
            ("published",),
            m.published,
            m.received,
            f"发布日期 published: {m.published} 早于留言日期 received: {m.received}："
            f"请核对两个日期，发布日期应在收到留言之后",
        )
