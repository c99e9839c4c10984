"""The three tables of the 年报 (国办公开办函〔2021〕30号), counted from the ledger and rendered as
HTML tables in the national layout (merged header cells cannot be written as Markdown tables)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.ledger.records import Ledger, labels

TOTAL = "总计"
NEW, CARRIED, RESULTS_TOTAL, NEXT = "new", "carried", "total", "next"


def applicant_columns() -> list[str]:
    return [*labels()["applicants"], TOTAL]


def outcome_rows() -> list[str]:
    """Row keys of part 三's results: 予以公开, 部分公开, 不予公开/国家秘密, …"""
    out: list[str] = []
    for outcome, reasons in labels()["outcomes"].items():
        out += [f"{outcome}/{r}" for r in reasons] if reasons else [outcome]
    return out


@dataclass
class Part3:
    rows: dict[str, Counter[str]]

    def cell(self, row: str, column: str) -> int:
        return self.rows.get(row, Counter())[column]


def part3(ledger: Ledger) -> Part3:
    """Each request counts once in 一 or 二 (by receipt) and once in 三 or 四 (by reply)."""
    year_end = dt.date(ledger.year, 12, 31)
    rows: dict[str, Counter[str]] = {
        k: Counter() for k in [NEW, CARRIED, *outcome_rows(), RESULTS_TOTAL, NEXT]
    }
    for q in ledger.requests:
        arrived = NEW if q.received.year == ledger.year else CARRIED
        done = q.replied is not None and q.replied <= year_end and q.outcome
        keys = [arrived]
        if done:
            keys.append(f"{q.outcome}/{q.reason}" if q.reason else str(q.outcome))
        else:
            keys.append(NEXT)
        for key in keys:
            rows[key][q.applicant] += 1
            rows[key][TOTAL] += 1
    for column in applicant_columns():
        rows[RESULTS_TOTAL][column] = sum(rows[r][column] for r in outcome_rows())
    return Part3(rows)


def part4(ledger: Ledger) -> dict[str, Counter[str]]:
    """Per block (行政复议, 未经复议直接起诉, 复议后起诉): results at the year's end, and 总计."""
    year_end = dt.date(ledger.year, 12, 31)
    blocks: dict[str, Counter[str]] = {k: Counter() for k in labels()["disputes"]}
    for d in ledger.disputes:
        if d.filed > year_end:
            continue
        decided = d.decided is not None and d.decided <= year_end
        blocks[d.kind][d.result if decided else "尚未审结"] += 1
    for counts in blocks.values():
        counts[TOTAL] = sum(counts[r] for r in labels()["dispute_results"])
    return blocks


def _row(cells: list[str]) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _nums(values: list[Any]) -> list[str]:
    return [f"<td>{v}</td>" for v in values]


def part2_html(regulation: tuple[int, int, int], active: dict[str, Any]) -> str:
    rules = active.get("规章") or {}
    rule_nums = [rules.get("issued", 0), rules.get("repealed", 0), rules.get("valid", 0)]
    fee = Decimal(str(active.get("行政事业性收费", 0)))

    def single(section: str, head: str, items: list[str]) -> list[str]:
        out = [
            _row([f'<th colspan="4">{section}</th>']),
            _row(["<th>信息内容</th>", f'<th colspan="3">{head}</th>']),
        ]
        out += [_row([f"<td>{i}</td>", f'<td colspan="3">{active.get(i, 0)}</td>']) for i in items]
        return out

    lines = [
        '<table class="gongkai-annual">',
        _row(['<th colspan="4">第二十条第（一）项</th>']),
        _row(
            [
                "<th>信息内容</th>",
                "<th>本年制发件数</th>",
                "<th>本年废止件数</th>",
                "<th>现行有效件数</th>",
            ]
        ),
        _row(["<td>规章</td>", *_nums(rule_nums)]),
        _row(["<td>行政规范性文件</td>", *_nums(list(regulation))]),
        *single("第二十条第（五）项", "本年处理决定数量", ["行政许可"]),
        *single("第二十条第（六）项", "本年处理决定数量", ["行政处罚", "行政强制"]),
        _row(['<th colspan="4">第二十条第（八）项</th>']),
        _row(["<th>信息内容</th>", '<th colspan="3">本年收费金额（单位：万元）</th>']),
        _row(["<td>行政事业性收费</td>", f'<td colspan="3">{fee}</td>']),
        "</table>",
    ]
    return "\n".join(lines)


def part3_html(p: Part3) -> str:
    lab = labels()
    columns = applicant_columns()
    orgs = [c for c, group in lab["applicants"].items() if group != c]
    lines = [
        '<table class="gongkai-annual">',
        _row(
            [
                f'<th colspan="3" rowspan="3">{lab["check_note"]}</th>',
                '<th colspan="7">申请人情况</th>',
            ]
        ),
        _row(
            [
                '<th rowspan="2">自然人</th>',
                f'<th colspan="{len(orgs)}">法人或其他组织</th>',
                f'<th rowspan="2">{TOTAL}</th>',
            ]
        ),
        _row([f"<th>{c}</th>" for c in orgs]),
        _row(
            [
                f'<td colspan="3">{lab["rows"]["new"]}</td>',
                *_nums([p.cell(NEW, c) for c in columns]),
            ]
        ),
        _row(
            [
                f'<td colspan="3">{lab["rows"]["carried"]}</td>',
                *_nums([p.cell(CARRIED, c) for c in columns]),
            ]
        ),
    ]
    span = len(outcome_rows()) + 1
    numerals = "一二三四五六七八九"
    first = True
    for n, (outcome, reasons) in enumerate(lab["outcomes"].items()):
        head = f'<td rowspan="{span}">{lab["rows"]["results"]}</td>' if first else ""
        first = False
        label = f"（{numerals[n]}）{outcome}"
        if not reasons:
            lines.append(
                _row(
                    [
                        head,
                        f'<td colspan="2">{label}</td>',
                        *_nums([p.cell(outcome, c) for c in columns]),
                    ]
                )
            )
            continue
        for i, reason in enumerate(reasons):
            group = f'<td rowspan="{len(reasons)}">{label}</td>' if i == 0 else ""
            values = _nums([p.cell(f"{outcome}/{reason}", c) for c in columns])
            lines.append(
                _row([head if i == 0 else "", group, f"<td>{i + 1}.{reason}</td>", *values])
            )
    lines.append(
        _row(
            [
                f'<td colspan="2">{lab["rows"]["total"]}</td>',
                *_nums([p.cell(RESULTS_TOTAL, c) for c in columns]),
            ]
        )
    )
    lines.append(
        _row(
            [
                f'<td colspan="3">{lab["rows"]["next"]}</td>',
                *_nums([p.cell(NEXT, c) for c in columns]),
            ]
        )
    )
    lines.append("</table>")
    return "\n".join(lines)


def part4_html(blocks: dict[str, Counter[str]]) -> str:
    results = [*labels()["dispute_results"], TOTAL]
    review, direct, after = labels()["disputes"]
    heads = "".join(f"<th>{r}</th>" for r in results)
    lines = [
        '<table class="gongkai-annual">',
        _row(
            [
                f'<th colspan="{len(results)}">{review}</th>',
                f'<th colspan="{2 * len(results)}">行政诉讼</th>',
            ]
        ),
        _row(
            [
                *(f'<th rowspan="2">{r}</th>' for r in results),
                f'<th colspan="{len(results)}">{direct}</th>',
                f'<th colspan="{len(results)}">{after}</th>',
            ]
        ),
        _row([heads, heads]),
        _row(_nums([blocks[k][r] for k in (review, direct, after) for r in results])),
        "</table>",
    ]
    return "\n".join(lines)
