"""`python -m gongkai report annual --year YYYY`: the 年报 in the national format, from data.

Inputs: `ledger/YYYY.yml` (parts 三 and 四, and the part 二 rows kept as data), the published
规范性文件 (part 二, via `pages.statistics.regulation_stats`), and `ledger/YYYY-nb.md`, the editor's
front matter and text of parts 一, 五 and 六 (optionally an opening text for 二, 三, 四). Output:
`content/nb/YYYY-nb.md`. Nothing is written when the ledger has errors or does not reconcile.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai import engine
from gongkai.config.settings import find_root, invocation
from gongkai.findings import Finding, Severity, format_text
from gongkai.ledger.checks import check as check_ledger
from gongkai.ledger.fees import yuan
from gongkai.ledger.ids import GK076
from gongkai.ledger.read import load
from gongkai.ledger.records import Ledger, ledger_path
from gongkai.pages.statistics import regulation_stats
from gongkai.reports.annual_tables import (
    CARRIED,
    NEW,
    NEXT,
    RESULTS_TOTAL,
    TOTAL,
    Part3,
    applicant_columns,
    outcome_rows,
    part2_html,
    part3,
    part3_html,
    part4,
    part4_html,
)
from gongkai.rules.frontmatter import COMMENTS

HEADINGS = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
REQUIRED = ("一", "五", "六")
_HEADING = re.compile(r"^##\s*([一二三四五六])、", re.M)


class ReportError(Exception):
    """The report cannot be made; the message is the one Chinese line to print."""


def reconcile(year: int, rel: str, p3: Part3, p4: dict[str, Any]) -> list[Finding]:
    found = []
    for column in applicant_columns():
        a, b = p3.cell(NEW, column), p3.cell(CARRIED, column)
        c, d = p3.cell(RESULTS_TOTAL, column), p3.cell(NEXT, column)
        if a + b != c + d:
            found.append(
                GK076.at(
                    rel,
                    1,
                    1,
                    f"{year}年年报第三部分“{column}”列不平衡：本年新收{a} + 上年结转{b} = {a + b}，"
                    f"办理结果总计{c} + 结转下年度{d} = {c + d}：请核对该类申请的收到日期、答复日期和办理结果",
                )
            )
        results = sum(p3.cell(r, column) for r in outcome_rows())
        if results != c:
            found.append(
                GK076.at(
                    rel,
                    1,
                    1,
                    f"{year}年年报第三部分“{column}”列的（七）总计{c}不等于各项办理结果之和{results}",
                )
            )
    for kind, counts in p4.items():
        four = sum(v for k, v in counts.items() if k != TOTAL)
        if counts[TOTAL] != four:
            found.append(
                GK076.at(
                    rel,
                    1,
                    1,
                    f"{year}年年报第四部分“{kind}”的总计{counts[TOTAL]}不等于结果维持、结果纠正、"
                    f"其他结果、尚未审结之和{four}",
                )
            )
    return found


def carried_over(year: int, rel: str, p3: Part3, previous: Ledger | None) -> list[Finding]:
    """本年“上年结转” must equal last year's “结转下年度继续办理”, column by column."""
    if previous is None:
        return []
    last = part3(previous)
    found = []
    for column in applicant_columns():
        now, then = p3.cell(CARRIED, column), last.cell(NEXT, column)
        if now != then:
            found.append(
                GK076.at(
                    rel,
                    1,
                    1,
                    f"{year}年年报第三部分“{column}”列的上年结转{now}件与 {previous.rel} 的结转下年度继续办理"
                    f"{then}件不符：请把上年未办结的申请（保留原编号和收到日期）记入 {rel}",
                )
            )
    return found


def _read_ledger(root: Path, year: int, today: Any) -> tuple[Ledger | None, list[Finding]]:
    path = ledger_path(root, year)
    if not path.is_file():
        return None, []
    rel = path.relative_to(root).as_posix()
    ledger, found = load(path, rel)
    if ledger is not None:
        found += check_ledger(ledger, today)
    return ledger, found


def text_blocks(root: Path, year: int) -> tuple[str, str, dict[str, str]]:
    """Front matter, opening text and sections (一 … 六) of `ledger/YYYY-nb.md`."""
    path = root / "ledger" / f"{year}-nb.md"
    rel = path.relative_to(root).as_posix()
    if not path.is_file():
        raise ReportError(
            f"找不到 {rel}：请写出年报的 front matter（title、index_no 等）和“## 一、总体情况”"
            "“## 五、存在的主要问题及改进情况”“## 六、其他需要报告的事项”三段文字"
        )
    text = path.read_text(encoding="utf-8")
    parts = text.split("---\n", 2)
    if len(parts) < 3 or parts[0].strip():
        raise ReportError(f"{rel}:1: 文件应以 --- 开始的 front matter 开头（与专栏文档相同）")
    front, body = parts[1], parts[2]
    marks = list(_HEADING.finditer(body))
    opening = body[: marks[0].start()] if marks else body
    sections: dict[str, str] = {}
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        block = body[m.start() : nxt.start() if nxt else len(body)]
        sections[m.group(1)] = block.split("\n", 1)[1].strip() if "\n" in block else ""
    missing = [HEADINGS[k] for k in REQUIRED if not COMMENTS.sub("", sections.get(k, "")).strip()]
    if missing:
        raise ReportError(f"{rel}: 缺少“## {'”“## '.join(missing)}”的文字：请补写后重新生成")
    return front, opening.strip(), sections


def render(
    year: int,
    site: Any,
    ledger: Ledger,
    front: str,
    opening: str,
    sections: dict[str, str],
    source: str,
) -> str:
    p3, p4 = part3(ledger), part4(ledger)
    stats = regulation_stats(site, year)
    fees_paid = [
        q.fee
        for q in ledger.requests
        if q.fee and q.fee.amount and q.fee.paid and q.fee.paid.year == year
    ]
    fee_total = sum((f.amount for f in fees_paid), Decimal(0))
    summary = (
        f"{year}年，本机关新收政府信息公开申请{p3.cell(NEW, TOTAL)}件，上年结转{p3.cell(CARRIED, TOTAL)}件；"
        f"本年度办结{p3.cell(RESULTS_TOTAL, TOTAL)}件，结转下年度继续办理{p3.cell(NEXT, TOTAL)}件。"
    )
    fee_text = (
        f"{year}年，本机关收取信息处理费{len(fees_paid)}件，共{yuan(fee_total)}。"
        if fees_paid
        else f"{year}年，本机关未收取信息处理费。"
    )
    out = [
        f"---\n{front}---",
        "",
        f"<!-- 本文件由 python -m gongkai report annual --year {year} 生成，请勿直接修改："
        f"文字改 {source}，数据改 ledger/{year}.yml，然后重新生成。 -->",
        "",
    ]
    if opening:
        out += [opening, ""]
    tables = {
        "二": part2_html((stats.issued, stats.repealed, stats.in_force), ledger.active),
        "三": summary + "\n\n" + part3_html(p3),
        "四": part4_html(p4),
        "六": fee_text,
    }
    for key, heading in HEADINGS.items():
        blocks = [b for b in (sections.get(key, ""), tables.get(key, "")) if b]
        out += [f"## {heading}", "", "\n\n".join(blocks), ""]
    return "\n".join(out)


def make(root: Path, year: int) -> tuple[Path | None, list[Finding]]:
    """Write the report; return its path, or None and the findings that stopped it."""
    site = engine.run(root)
    ledger, found = _read_ledger(root, year, site.ctx.today)
    if ledger is None and not found:
        raise ReportError(
            f"找不到 ledger/{year}.yml：请先运行 {invocation(Path.cwd())} new --ledger {year}，"
            f"建立 {year} 年的依申请公开台账和年报文字"
        )
    previous, previous_found = _read_ledger(root, year - 1, site.ctx.today)
    errors = [f for f in found + previous_found if f.severity is Severity.ERROR]
    if errors or ledger is None:
        return None, errors
    p3 = part3(ledger)
    problems = reconcile(year, ledger.rel, p3, part4(ledger)) + carried_over(
        year, ledger.rel, p3, previous
    )
    if problems:
        return None, problems
    front, opening, sections = text_blocks(root, year)
    text = render(year, site, ledger, front, opening, sections, f"ledger/{year}-nb.md")
    target = site.ctx.config.docs_path / "nb" / f"{year}-nb.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target, []


def add_parser(reports: Any) -> None:
    annual = reports.add_parser("annual", help="由台账和专栏内容生成政府信息公开工作年度报告")
    annual.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
    annual.set_defaults(func=_run)


def _run(args: Any) -> int:
    root = find_root(Path.cwd())
    try:
        target, found = make(root, args.year)
    except ReportError as e:
        print(f"gongkai: {e}", file=sys.stderr)
        return 2
    if target is None:
        sys.stdout.write(format_text(found))
        print(f"台账有 {len(found)} 个问题，未生成 {args.year} 年年报", file=sys.stderr)
        return 1
    print(f"已生成 {target.relative_to(root).as_posix()}", file=sys.stderr)
    return 0
