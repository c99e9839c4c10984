"""规范性文件 statistics: per year 本年制发 / 本年废止 / 现行有效.

`regulation_stats(site, year)` is the one definition of these numbers; the annual report (part 二,
row 行政规范性文件) and the statistics page both call it.

- 本年制发: published 规范性文件 whose 成文日期 (else 发布日期) falls in the year;
- 本年废止: those whose first day out of force (the repeal date, or the day after `expires`) falls
  in the year and is not after the build day;
- 现行有效: those in force (有效 or 已修改) at the end of the year, or on the build day for the
  current year.

Only published documents count: the page and the report describe what the column discloses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.content.validity import derive, in_force

REGULATION = "规范性文件"
PAGE = "statistics.md"


@dataclass(frozen=True)
class RegulationStats:
    year: int
    issued: int  # 本年制发件数
    repealed: int  # 本年废止件数
    in_force: int  # 现行有效件数
    as_of: dt.date  # the day 现行有效 is counted on


def regulations(site: Site) -> list[Document]:
    return [d for d in site.valid_docs if d.meta.type == REGULATION and site.is_published(d)]


def issued_on(doc: Document) -> dt.date:
    return doc.meta.written or doc.meta.published


def out_of_force_on(doc: Document) -> dt.date | None:
    """The first day the document is no longer in force, if it has one."""
    v = doc.meta.validity
    if v is None:
        return None
    ends = [d for d in (v.repealed, v.expires and v.expires + dt.timedelta(days=1)) if d]
    return min(ends) if ends else None


def regulation_stats(site: Site, year: int) -> RegulationStats:
    today = site.ctx.today
    as_of = min(dt.date(year, 12, 31), today)
    docs = regulations(site)
    issued = sum(issued_on(d).year == year and issued_on(d) <= today for d in docs)
    repealed = 0
    for d in docs:
        ended = out_of_force_on(d)
        repealed += bool(ended and ended.year == year and ended <= today)
    current = sum(issued_on(d) <= as_of and in_force(derive(d.meta, as_of)) for d in docs)
    return RegulationStats(year, issued, repealed, current, as_of)


def years(site: Site) -> list[int]:
    docs = regulations(site)
    if not docs:
        return []
    first = min(issued_on(d).year for d in docs)
    return list(range(site.ctx.today.year, first - 1, -1))


def statistics_markdown(site: Site) -> str:
    lines = ["# 规范性文件统计", ""]
    rows = [regulation_stats(site, y) for y in years(site)]
    if not rows:
        return "\n".join([*lines, "本栏目暂无规范性文件。"]) + "\n"
    lines += [
        f"截至{site.ctx.today.year}年{site.ctx.today.month}月{site.ctx.today.day}日，"
        f"本栏目公开的规范性文件共{len(regulations(site))}件，其中现行有效{rows[0].in_force}件。"
        "失效、废止的文件仍可查阅，页面上标注其有效性。",
        "",
        "| 年度 | 本年制发 | 本年废止 | 现行有效（年末） |",
        "|---|---|---|---|",
    ]
    for r in rows:
        label = f"{r.year}年" + ("（截至今日）" if r.as_of < dt.date(r.year, 12, 31) else "")
        lines.append(f"| {label} | {r.issued} | {r.repealed} | {r.in_force} |")
    lines += [
        "",
        "本年制发按成文日期计；本年废止含宣布废止和有效期届满失效，按不再有效的第一天计；"
        "现行有效按年末（本年按今日）的有效性计。",
        "",
        "[返回规范性文件列表](index.md)",
    ]
    return "\n".join(lines) + "\n"


def pages(site: Site) -> list[tuple[str, str]]:
    column = site.ctx.config.column_by_name(REGULATION)
    if column is None:
        return []
    return [(f"{column.segment}/{PAGE}", statistics_markdown(site))]
