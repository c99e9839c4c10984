"""The measurements of the 19号 items this project can judge: each returns the rows it looked
at, every one with where it was found and whether it counts against the item.

A column is counted once: a blank column only under 空白栏目 (V4), a 动态 or 通知公告/政策文件
class column only under V2, any other column with an update rule only under V3.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.config.settings import Column
from gongkai.dates import deadlines
from gongkai.dates.chinese import cn_date
from gongkai.reports.audit import indicators
from gongkai.reports.audit.evidence import Evidence
from gongkai.reports.audit.indicators import Indicator
from gongkai.rules.contact import CHANNELS

PERSONAL_KINDS = ("身份证号码", "银行卡号", "手机号码")  # `rules.secrecy.Personal.kind`
DUE_RULES = ("GK507", "GK511", "GK512", "GK523")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class Row:
    where: str  # file, file:line or URL
    what: str
    counted: bool = False
    points: float = 0.0  # what this row deducts (扣分 items)


@dataclass
class Measured:
    rows: list[Row] = field(default_factory=list)
    note: str = ""  # how it was measured this time (e.g. without --site)
    unmeasured: str = ""  # why it could not be measured

    @property
    def count(self) -> int:
        return sum(r.counted for r in self.rows)


Measure = Callable[[Indicator, Evidence], Measured]


def _age(ev: Evidence, day: dt.date) -> int:
    return (ev.today - day).days


def home(ind: Indicator, ev: Evidence) -> Measured:
    days = ind.days or 14
    if ev.site_dir is not None:
        page = ev.site_dir / "index.html"
        text = page.read_text(encoding="utf-8")
        latest = text[text.find("最新信息") :] if "最新信息" in text else ""
        dates = [dt.date(*map(int, m.groups())) for m in _CN_DATE.finditer(html.unescape(latest))]
        where, note = f"{ev.shown_site}/index.html", "按构建好的首页“最新信息”中的日期"
    else:
        dates = [d.meta.published for d in ev.docs[:1]]
        where = ev.docs[0].rel if ev.docs else ev.home_rel()
        note = "未指定 --site：按已发布文档中最新的发布日期"
    if not dates:
        return Measured([Row(where, "首页没有注明发布日期的信息（视为不更新）", True)], note)
    newest = max(dates)
    age = _age(ev, newest)
    verdict = f"超过{days}天未更新" if age > days else f"在{days}天内"
    what = f"首页最新信息发布于{cn_date(newest)}（{age}天前），要求{days}天内有更新：{verdict}"
    return Measured([Row(where, what, age > days)], note)


def _class_days(ind: Indicator) -> set[int]:
    table = deadlines.load()
    return {f.days for f in table.freshness if f.name in ind.classes}


def _column_rows(ev: Evidence, columns: list[Column]) -> list[Row]:
    table = deadlines.load()
    rows = []
    for column in columns:
        docs = ev.in_column(column)
        days = column.update_days or 0
        klass = table.freshness_class(days).name
        if not docs:
            what = f"“{column.name}”（{klass}，{days}天）没有已发布的信息：计入空白栏目（V4），此处不重复计"
            rows.append(Row(ev.column_path(column), what))
            continue
        newest = max(d.meta.published for d in docs)
        age = _age(ev, newest)
        stale = age > days
        what = (
            f"“{column.name}”（{klass}，{days}天）最近更新{cn_date(newest)}（{age}天前）："
            f"{'超期未更新' if stale else '按时更新'}"
        )
        rows.append(Row(ev.column_path(column), what, stale))
    return rows


def short_cycle(ind: Indicator, ev: Evidence) -> Measured:
    days = _class_days(ind)
    columns = [c for c in ev.site.ctx.config.columns if c.update_days in days]
    return Measured(_column_rows(ev, columns))


def long_cycle(ind: Indicator, ev: Evidence) -> Measured:
    v2 = next(i for i in indicators.load().items if i.measure == "short_cycle")
    short = _class_days(v2)  # those columns are V2's
    columns = ev.site.ctx.config.columns
    ruled = [c for c in columns if c.update_days is not None and c.update_days not in short]
    rows = _column_rows(ev, ruled)
    rows += [
        Row(ev.column_path(c), f"“{c.name}”是静态栏目（columns.yml 未写 update）：不计")
        for c in columns
        if c.update_days is None
    ]
    return Measured(rows)


def blank(ind: Indicator, ev: Evidence) -> Measured:
    rows = []
    for column in ev.site.ctx.config.columns:
        n = len(ev.in_column(column))
        what = (
            f"“{column.name}”已发布{n}篇" if n else f"“{column.name}”没有已发布的信息（空白栏目）"
        )
        rows.append(Row(ev.column_path(column), what, n == 0))
    return Measured(rows)


def channel(ind: Indicator, ev: Evidence) -> Measured:
    contact = ev.site.ctx.config.contact
    given = [(k, contact[k]) for k in CHANNELS if contact.get(k)]
    if not given:
        return Measured(
            [
                Row(
                    "gongkai.yml",
                    "contact 没有写留言系统网址（message_url）或电子邮箱（mailbox）",
                    True,
                )
            ]
        )
    if ev.site_dir is None:
        rows = [Row("gongkai.yml", f"contact.{k}：{v}") for k, v in given]
        return Measured(rows, "未指定 --site：只看 gongkai.yml，未核对咨询留言页面")
    page = ev.site_dir / "zxly" / "index.html"
    where = f"{ev.shown_site}/zxly/index.html"
    if not page.is_file():
        return Measured([Row(where, "构建好的网站没有“咨询留言”页面", True)])
    text = html.unescape(page.read_text(encoding="utf-8"))
    rows = [
        Row(where, f"contact.{k}“{v}”{'已列出' if v in text else '没有列出'}", v not in text)
        for k, v in given
    ]
    if len(rows) > 1 and not all(r.counted for r in rows):
        rows = [Row(r.where, r.what) for r in rows]  # one listed channel is enough
    return Measured(rows)


def unanswered(ind: Indicator, ev: Evidence) -> Measured:
    late = {f.path: f for f in ev.findings if f.rule == "GK530"}
    rows = []
    for d in ev.docs:
        if d.meta.received is None:
            continue
        replied = cn_date(d.meta.replied) if d.meta.replied else "未答复"
        f = late.get(d.rel)
        what = f.message if f else f"留言{cn_date(d.meta.received)}，答复：{replied}"
        rows.append(Row(f"{f.path}:{f.line}" if f else d.rel, what, f is not None))
    return Measured(rows, f"已发布的留言{len(rows)}条")


def typos(ind: Indicator, ev: Evidence) -> Measured:
    rows = [
        Row(f"{f.path}:{f.line}:{f.column}", f.message, True)
        for f in ev.findings
        if f.rule == "GK311"
    ]
    return Measured(rows, f"检查了已发布的文档{len(ev.docs)}篇")


def _is_personal(what: str) -> bool:
    return any(f"{kind}“" in what for kind in PERSONAL_KINDS)


def _site_hits(ev: Evidence, personal: bool) -> Measured:
    if ev.site_dir is None:
        return Measured(unmeasured="需要构建好的网站：加上 --site site/")
    rows = [Row(h.file, h.what, True) for h in ev.hits if _is_personal(h.what) is personal]
    files = sum(1 for p in ev.site_dir.rglob("*") if p.is_file())
    return Measured(rows, f"核查了 {ev.shown_site}/ 的{files}个文件（页面、附件、搜索索引）")


def secrets(ind: Indicator, ev: Evidence) -> Measured:
    return _site_hits(ev, personal=False)


def personal(ind: Indicator, ev: Evidence) -> Measured:
    return _site_hits(ev, personal=True)


def links(ind: Indicator, ev: Evidence) -> Measured:
    home_pages = {ev.home_rel(), f"{ev.shown_site}/index.html"}
    rows = []
    for f in ev.links:
        on_home = f.path in home_pages
        points = ind.home if on_home and ind.home is not None else ind.per
        where = f"{f.path}:{f.line}" + ("（首页）" if on_home else "")
        rows.append(Row(where, f"{f.rule} {f.message}", True, points))
    note = "" if ev.site_dir else "未指定 --site：只有文档里写的链接，未检查构建好的网站"
    return Measured(rows, note)


def due(ind: Indicator, ev: Evidence) -> Measured:
    rows = [
        Row(f"{f.path}:{f.line}", f"{f.rule} {f.message}", True, ind.per)
        for f in ev.findings
        if f.rule in DUE_RULES
    ]
    return Measured(rows)
