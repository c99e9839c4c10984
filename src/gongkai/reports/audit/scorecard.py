"""Each indicator judged on its measurement, and the total as the 19号 table scores it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gongkai.reports.audit import measure, readiness
from gongkai.reports.audit.evidence import Evidence
from gongkai.reports.audit.indicators import DEDUCT, MANUAL, READY, VETO, Indicator, Table
from gongkai.reports.audit.measure import Measure, Measured, Row

PASS, FAIL, MANUAL_CHECK, UNMEASURED = "通过", "不通过", "需人工检查", "未检查"
MEASURES: dict[str, Measure] = {
    name: getattr(module, name)
    for module, names in (
        (measure, ("home", "short_cycle", "long_cycle", "blank", "channel", "unanswered")),
        (measure, ("typos", "secrets", "personal", "links", "due")),
        (readiness, ("examples", "placeholders", "real_channel")),
    )
    for name in names
}


@dataclass
class Line:
    id: str
    kind: str
    part: str  # the part of the table: veto, deduct or ready (a manual item's own part)
    group: str
    wording: str
    threshold: str
    how: str
    verdict: str
    count: int = 0
    points: float | None = None  # deducted (扣分 items)
    confirmed: bool = True  # the points per finding come from the 19号 text
    note: str = ""
    look: str = ""
    fix: str = ""
    rows: list[Row] = field(default_factory=list)
    name: str = ""
    limit: int | None = None  # fails at this many (单项否决, 上线准备)

    @property
    def title(self) -> str:
        """首页不更新 · 栏目不更新：空白栏目 (the indicator and its sub-item)."""
        return f"{self.group}：{self.name}" if self.name else self.group


@dataclass
class Total:
    result: str
    vetoed: list[str]
    deducted: float
    score: float
    provisional: list[str]  # 扣分 items whose points are this project's own
    unscored: list[str]  # 扣分 items left to a person or not measured
    not_ready: list[str]
    manual: list[str]


@dataclass
class Scorecard:
    today: str
    site_dir: str | None
    source: str
    total: Total
    lines: list[Line]


def points(value: float) -> str:
    """1.0 → "1", 0.30000000000000004 → "0.3"."""
    return f"{round(value, 1):g}"


def judge(ind: Indicator, measured: Measured) -> Line:
    part = ind.part if ind.kind == MANUAL else ind.kind
    line = Line(ind.id, ind.kind, part, ind.group, ind.wording, ind.threshold, ind.how, PASS)
    line.look, line.fix, line.note, line.confirmed = ind.look, ind.fix, measured.note, ind.confirmed
    line.name, line.limit = ind.name, ind.limit
    if ind.kind == MANUAL:
        line.verdict = MANUAL_CHECK
        return line
    if measured.unmeasured:
        line.verdict, line.note = UNMEASURED, measured.unmeasured
        return line
    line.rows, line.count = measured.rows, measured.count
    if ind.kind == DEDUCT:
        line.points = min(ind.max, sum(r.points for r in measured.rows if r.counted))
        line.verdict = f"扣 {points(line.points)} 分" if line.points else PASS
    elif ind.limit is not None and line.count >= ind.limit:
        line.verdict = FAIL
    return line


def _total(table: Table, lines: list[Line]) -> Total:
    vetoed = [x.id for x in lines if x.kind == VETO and x.verdict == FAIL]
    scored = [x for x in lines if x.kind == DEDUCT and x.points is not None]
    deducted = sum(x.points or 0 for x in scored)
    score = table.full_marks - deducted
    unscored = [x.id for x in lines if x.kind == DEDUCT and x.points is None]
    unscored += [x.id for x in lines if x.kind == MANUAL and x.part == DEDUCT]
    if vetoed:
        result = "不合格（单项否决）"
    elif score < table.pass_mark:
        result = f"不合格（扣分指标低于{table.pass_mark}分）"
    else:
        result = "可测项目未发现不合格情形（需人工检查的项目另行判断）"
    return Total(
        result,
        vetoed,
        round(deducted, 1),
        round(score, 1),
        [x.id for x in scored if not x.confirmed],
        unscored,
        [x.id for x in lines if x.kind == READY and x.verdict == FAIL],
        [x.id for x in lines if x.kind == MANUAL or x.verdict == UNMEASURED],
    )


def scorecard(table: Table, ev: Evidence, site_dir: Path | None) -> Scorecard:
    lines = [
        judge(ind, MEASURES[ind.measure](ind, ev) if ind.measure else Measured())
        for ind in table.items
    ]
    order = {VETO: 0, DEDUCT: 1, READY: 2}
    lines.sort(key=lambda x: order[x.part])  # stable: the table's order within each part
    shown = ev.shown_site if site_dir is not None else None
    return Scorecard(ev.today.isoformat(), shown, table.source, _total(table, lines), lines)
