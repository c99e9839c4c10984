"""Checks of a read ledger: dates in order, fees by the tiers, reply deadlines in working days.

Deadlines (《条例》第三十条、第三十三条): a reply is due 20 working days after receipt, counted
again from the receipt of the corrected request after a 补正, plus one extension of at most 20
working days. Working days follow the official holiday arrangements (`gongkai.dates.workdays`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai.dates import workdays
from gongkai.findings import Finding, implements
from gongkai.ledger import fees
from gongkai.ledger.ids import (
    GK060,
    GK062,
    GK063,
    GK066,
    GK067,
    GK068,
    GK069,
    GK071,
    GK072,
    GK073,
    GK075,
)
from gongkai.ledger.read import load
from gongkai.ledger.records import Ledger, Request, ledger_files

if TYPE_CHECKING:
    from gongkai.config.context import Context
    from gongkai.content.site import Site

REPLY_WORKDAYS = 20
CORRECTION_WORKDAYS = 7


def check_file(path: Path, rel: str, today: dt.date) -> list[Finding]:
    ledger, found = load(path, rel)
    if ledger is not None:
        found += check(ledger, today)
    return sorted(found, key=Finding.sort_key)


@implements(GK060)
def check_ledgers(site: Site, ctx: Context) -> Iterator[Finding]:
    """Every ledger of the project read and checked (the site rule GK060)."""
    root = ctx.config.root
    for path in ledger_files(root):
        yield from check_file(path, path.relative_to(root).as_posix(), ctx.today)


def check(ledger: Ledger, today: dt.date) -> list[Finding]:
    found: list[Finding] = []
    before = months_before(ledger.requests)
    for request in ledger.requests:
        if request.replied and request.replied.year < ledger.year:
            found.append(
                GK067.at(
                    ledger.rel,
                    request.lines.get("replied", request.line),
                    1,
                    f"申请 {request.id} 已于 {request.replied} 答复，只属于 ledger/{request.replied.year}.yml："
                    "请从本年台账删除；跨年办理的申请才在下一年台账中保留",
                )
            )
            continue
        found += dates_in_order(ledger.rel, request)
        found += fee_by_tiers(ledger.rel, request, before.get(request.id, 0))
        found += deadlines(ledger.rel, request, today)
    return found


def dates_in_order(rel: str, q: Request) -> Iterator[Finding]:
    def at(key: str, message: str) -> Finding:
        return GK066.at(rel, q.lines.get(key, q.line), 1, message)

    if q.replied and q.replied < q.received:
        yield at(
            "replied",
            f"申请 {q.id} 的答复日期 {q.replied} 早于收到申请日期 {q.received}：请核对两个日期",
        )
    for c in q.corrections:
        if c.requested < q.received:
            yield at(
                "corrections",
                f"申请 {q.id} 的补正告知日期 {c.requested} 早于收到申请日期 {q.received}：请核对",
            )
        if c.received and c.received < c.requested:
            yield at(
                "corrections",
                f"申请 {q.id} 的补正收到日期 {c.received} 早于补正告知日期 {c.requested}：请核对",
            )
    if q.extension_decided and q.extension_decided < q.received:
        yield at(
            "extension",
            f"申请 {q.id} 的延期决定日期 {q.extension_decided} 早于收到申请日期 {q.received}：请核对",
        )
    if q.outcome and not q.replied:
        yield at(
            "outcome",
            f"申请 {q.id} 写了办理结果却没有答复日期：请补上 replied；尚未答复的申请不写 outcome",
        )
    if q.replied and not q.outcome:
        yield at(
            "replied", f"申请 {q.id} 已答复却没有办理结果：请按年报格式写 outcome（及 reason）"
        )
    if q.fee and q.fee.notice and q.fee.paid and q.fee.paid < q.fee.notice:
        yield at(
            "fee", f"申请 {q.id} 的缴费日期 {q.fee.paid} 早于收费通知日期 {q.fee.notice}：请核对"
        )


def months_before(requests: list[Request]) -> dict[str, int]:
    """按件计收: 件 the same applicant had already requested in the same month, per request id."""
    counted: dict[tuple[str, int, int], int] = defaultdict(int)
    out: dict[str, int] = {}
    for q in sorted(requests, key=lambda q: (q.received, q.id)):
        if q.applicant_ref is None:
            continue
        key = (q.applicant_ref, q.received.year, q.received.month)
        out[q.id] = counted[key]
        counted[key] += q.items
    return out


def fee_by_tiers(rel: str, q: Request, before: int) -> Iterator[Finding]:
    if q.fee is None:
        return
    line = q.lines.get("fee", q.line)
    if q.fee.method == fees.PIECES:
        if q.applicant_ref is None:
            yield GK062.at(
                rel,
                line,
                1,
                f"申请 {q.id} 按件计收需要 applicant_ref（申请人代号，如 A01），"
                "才能按同一申请人一个自然月累计件数",
            )
            return
        method, quantity = fees.PIECES, q.items
        basis = f"按件计收，本月此前已累计{before}件，本次{q.items}件"
    else:
        method, quantity, before = fees.PAGES, q.pages, 0
        basis = f"按量计收，{q.pages}页"
    if (problem := fees.too_many(method, quantity, before)) is not None:
        yield GK063.at(rel, line, 1, f"申请 {q.id} 的{problem}")
        return
    fee = fees.compute(method, quantity, before)
    if fee.amount == 0 and q.fee.amount > 0:
        yield GK068.at(
            rel,
            line,
            1,
            f"申请 {q.id} 按标准不收费（{basis}），台账却记录了信息处理费{fees.yuan(q.fee.amount)}："
            "请删除 fee 或把 amount 改为 0",
        )
    elif fee.amount != q.fee.amount:
        detail = "；".join(fees.line_text(x, fee.method.unit) for x in fee.lines if x.amount)
        yield GK069.at(
            rel,
            line,
            1,
            f"申请 {q.id} 的信息处理费{fees.yuan(q.fee.amount)}与标准计算的{fees.yuan(fee.amount)}不符"
            f"（{basis}：{detail}）：请改为 amount: {fee.amount}",
        )


def reply_start(q: Request) -> dt.date | None:
    """The day the reply period starts; None while a 补正 is awaited (the clock is stopped)."""
    if not q.corrections:
        return q.received
    return q.corrections[-1].received


def deadlines(rel: str, q: Request, today: dt.date) -> Iterator[Finding]:
    try:
        yield from _deadlines(rel, q, today)
    except workdays.OutsideCalendar as e:
        yield GK075.at(rel, q.line, 1, f"申请 {q.id}：{e.message}")


def _deadlines(rel: str, q: Request, today: dt.date) -> Iterator[Finding]:
    if q.corrections:
        limit = workdays.add_workdays(q.received, CORRECTION_WORKDAYS)
        first = q.corrections[0].requested
        if first > limit:
            yield GK073.at(
                rel,
                q.lines.get("corrections", q.line),
                1,
                f"申请 {q.id} 的补正告知日期 {first} 晚于收到申请后 7 个工作日（{limit}）："
                "《条例》第三十条要求 7 个工作日内一次性告知",
            )
    start = reply_start(q)
    if start is None:
        return
    days = REPLY_WORKDAYS + q.extension_workdays
    how = f"自 {start} 起 {REPLY_WORKDAYS} 个工作日" + (
        f"，延长 {q.extension_workdays} 个工作日" if q.extension_workdays else ""
    )
    if q.replied is not None:
        if workdays.is_past(start, q.replied, workdays=days):
            due = workdays.add_workdays(start, days)
            yield GK071.at(
                rel,
                q.lines.get("replied", q.line),
                1,
                f"申请 {q.id} 于 {q.replied} 答复，超过答复期限 {due}（{how}）："
                "请在年报第五部分说明原因和改进措施",
            )
    elif workdays.is_past(start, today, workdays=days):
        due = workdays.add_workdays(start, days)
        yield GK072.at(
            rel,
            q.line,
            1,
            f"申请 {q.id} 的答复期限 {due}（{how}）已过，至今未答复："
            "请尽快答复，并在台账中写明 replied 和 outcome",
        )
