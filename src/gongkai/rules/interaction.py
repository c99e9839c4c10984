"""GK52x 意见征集 and GK53x 回应关切: solicitation periods, adoption results, unanswered messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from gongkai.config.context import Context
from gongkai.content.chains import is_public
from gongkai.content.document import Document
from gongkai.dates import deadlines
from gongkai.dates.chinese import cn_date
from gongkai.findings import Finding, Severity, rule

if TYPE_CHECKING:
    from gongkai.content.site import Site

SOLICITATION, ADOPTION, CONCERN = "意见征集", "采纳情况", "回应关切"


@rule("GK520", "缺少该类别要求的字段", Severity.ERROR)
def type_fields(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：有的信息类别要求额外的字段（columns.yml 的 type_fields）：意见征集要写征集起止日期，
    采纳情况要写对应的征集、采纳和未采纳的条数；缺了它们，列表无法显示征集状态，
    也无法检查是否反馈。

    错误示例：type: 意见征集，但没有 opens 和 closes

    正确示例：
        opens: 2026-04-10
        closes: 2026-05-10
    """
    for key in deadlines.type_fields().get(doc.meta.type, {}):
        if getattr(doc.meta, key) is None:
            yield type_fields.at(
                doc.rel, 1, 1, f"信息类别“{doc.meta.type}”的文档必须写 {key}：请补上“{key}: …”"
            )


@rule("GK521", "征集日期矛盾", Severity.ERROR)
def solicitation_dates(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：征集截止日期早于开始日期时，列表上的“征集中/已结束”无从判断，公众也无法知道
    什么时候可以提意见。

    错误示例：opens: 2026-05-10，closes: 2026-04-10

    正确示例：opens: 2026-04-10，closes: 2026-05-10
    """
    m = doc.meta
    if m.opens and m.closes and m.closes < m.opens:
        yield solicitation_dates.at(
            doc.rel,
            doc.line_of("closes"),
            1,
            f"征集截止日期{cn_date(m.closes)}早于开始日期{cn_date(m.opens)}：请核对 opens 和 closes",
        )


@rule("GK522", "征集期限不足", Severity.WARNING)
def solicitation_too_short(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：《重大行政决策程序暂行条例》第十四条规定征求意见期限一般不少于30日
    （天数在 deadlines.yml，可按规定修改）；期限过短，公众来不及提出意见。

    错误示例：opens: 2026-04-10，closes: 2026-04-20

    正确示例：opens: 2026-04-10，closes: 2026-05-10；确需缩短的，在正文中说明理由
    """
    m = doc.meta
    need = deadlines.load().consultation_min_days
    if m.type == SOLICITATION and m.opens and m.closes and 0 <= (m.closes - m.opens).days < need:
        yield solicitation_too_short.at(
            doc.rel,
            doc.line_of("closes"),
            1,
            f"征集期限只有{(m.closes - m.opens).days}日（{cn_date(m.opens)}至{cn_date(m.closes)}），"
            f"一般不少于{need}日：请把 closes 改为{cn_date(m.opens + dt.timedelta(days=need))}或更晚，"
            f"确需缩短的在正文中说明理由",
        )


def adoption_for(site: Site, ctx: Context, index_no: str | None) -> Document | None:
    """The public 采纳情况 document answering the solicitation `index_no`, if any."""
    return site.memo("adoptions", lambda: _first_adoptions(site, ctx)).get(index_no or "")


def _first_adoptions(site: Site, ctx: Context) -> dict[str, Document]:
    """Solicitation 索引号 → its earliest public 采纳情况 document."""
    found: dict[str, Document] = {}
    for d in site.valid_docs:
        m = d.meta
        if m.type != ADOPTION or not m.solicitation or m.published > ctx.today:
            continue
        first = found.get(m.solicitation)
        if is_public(d, ctx.today) and (first is None or m.published < first.meta.published):
            found[m.solicitation] = d
    return found


def phase(doc: Document, today: dt.date) -> str:
    """未开始 / 征集中 / 已结束 by the dates alone."""
    m = doc.meta
    if m.opens and today < m.opens:
        return "未开始"
    if m.closes and today > m.closes:
        return "已结束"
    return "征集中"


@rule("GK523", "征集结束后未公布采纳情况", Severity.WARNING, scope="site")
def no_adoption_report(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：工作要点要求意见征集要公开采纳情况：收到多少意见、采纳多少、未采纳的理由。
    征集截止超过规定天数（deadlines.yml，本站约定30日）仍没有 type: 采纳情况 的文档
    指向它（solicitation 写它的索引号），就是只征不复。

    错误示例：征集于2026年5月10日截止，2026年6月20日仍没有采纳情况

    正确示例：在 content/yjzj/ 发布采纳情况：
        type: 采纳情况
        solicitation: 013544XXX/2026-00015
        adopted: 5
        not_adopted: 2
    """
    days = deadlines.load().consultation_feedback_days
    for doc in site.valid_docs:
        m = doc.meta
        if m.type != SOLICITATION or not m.closes or not is_public(doc, ctx.today):
            continue
        due = m.closes + dt.timedelta(days=days)
        if ctx.today > due and adoption_for(site, ctx, m.index_no) is None:
            yield no_adoption_report.at(
                doc.rel,
                doc.line_of("closes"),
                1,
                f"征集已于{cn_date(m.closes)}截止，超过{days}日仍未公布采纳情况"
                f"（应于{cn_date(due)}前）：请发布 type: 采纳情况、solicitation: {m.index_no} "
                f"的文档，写明采纳条数和未采纳的理由",
            )


def _states(body: str, word: str, count: int) -> bool:
    return re.search(rf"(?<!未){word}(?:意见)?(?:建议)?\s*{count}\s*条", body) is not None


@rule("GK524", "采纳情况不完整", Severity.ERROR)
def adoption_incomplete(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：采纳情况要让公众看到结果：正文写明采纳了多少条、未采纳多少条，并逐条说明
    未采纳的理由（工作要点原话）。正文中的条数要与 adopted、not_adopted 一致。

    错误示例：adopted: 5，not_adopted: 2，正文只写“感谢社会各界的宝贵意见”

    正确示例：正文写“采纳5条，未采纳2条”，并有“未采纳的意见及理由”一节
    """
    m = doc.meta
    if m.type != ADOPTION or m.adopted is None or m.not_adopted is None:
        return
    line = doc.body_line
    if not _states(doc.body, "采纳", m.adopted):
        yield adoption_incomplete.at(
            doc.rel,
            line,
            1,
            f"正文没有写明采纳的条数：请写“采纳{m.adopted}条”（与 adopted: {m.adopted} 一致）",
        )
    if m.not_adopted and not _states(doc.body, "未采纳", m.not_adopted):
        yield adoption_incomplete.at(
            doc.rel,
            line,
            1,
            f"正文没有写明未采纳的条数：请写“未采纳{m.not_adopted}条”"
            f"（与 not_adopted: {m.not_adopted} 一致）",
        )
    if m.not_adopted and "理由" not in doc.body:
        yield adoption_incomplete.at(
            doc.rel,
            line,
            1,
            f"有{m.not_adopted}条意见未采纳，正文没有说明理由：请增加“未采纳的意见及理由”一节，"
            f"逐条说明",
        )


@rule("GK525", "采纳情况对应的征集不存在", Severity.ERROR, scope="site")
def adoption_without_solicitation(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：采纳情况要与它所反馈的征集对应起来（solicitation 写征集公告的索引号），
    征集公告的列表才能显示“已反馈”。

    错误示例：solicitation: 013544XXX/2026-00099，但没有这个索引号的意见征集

    正确示例：solicitation 写征集公告的索引号，例如 013544XXX/2026-00015
    """
    for doc in site.valid_docs:
        m = doc.meta
        if m.type != ADOPTION or not m.solicitation:
            continue
        target = site.by_index.get(m.solicitation)
        if target is None or target.meta.type != SOLICITATION:
            what = f"是“{target.meta.type}”" if target else "不存在"
            yield adoption_without_solicitation.at(
                doc.rel,
                doc.line_of("solicitation"),
                1,
                f"solicitation 指向的索引号 {m.solicitation} {what}，不是意见征集："
                f"请写所反馈的征集公告的索引号",
            )


def reply_due(received: dt.date) -> dt.date:
    return deadlines.add_months(received, deadlines.load().reply_months)


@rule("GK530", "留言超过3个月未答复", Severity.WARNING)
def unanswered(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：国办秘函〔2019〕19号规定，网民留言超过3个月未答复的，政府网站检查单项否决
    （report audit 按单项否决计）。回应关切栏目的每条留言写 received（留言日期），答复后写
    replied（答复日期）。只因时间推移而成立，所以是警告：构建照常发布，不因此停止。

    错误示例：received: 2026-05-20，没有 replied，今天是2026年11月26日

    正确示例：尽快答复，并写上 replied: 2026-06-03
    """
    m = doc.meta
    if m.type != CONCERN or m.received is None or m.replied is not None:
        return
    due = reply_due(m.received)
    if ctx.today > due:
        yield unanswered.at(
            doc.rel,
            doc.line_of("received"),
            1,
            f"留言于{cn_date(m.received)}收到，超过{deadlines.load().reply_months}个月（{cn_date(due)}）仍未答复（单项否决）："
            f"请立即答复，并写上 replied: 答复日期",
        )


@rule("GK531", "答复日期早于留言日期", Severity.ERROR)
def replied_before_received(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：答复不可能早于留言，日期写反了会让答复用时变成负数。

    错误示例：received: 2026-09-17，replied: 2026-09-14

    正确示例：received: 2026-09-14，replied: 2026-09-17
    """
    m = doc.meta
    if m.received and m.replied and m.replied < m.received:
        yield replied_before_received.at(
            doc.rel,
            doc.line_of("replied"),
            1,
            f"答复日期{cn_date(m.replied)}早于留言日期{cn_date(m.received)}：请核对 received 和 replied",
        )
