"""The LawRefBook database of the national law database (国家法律法规数据库) as registry rows.

`law.sqlite3` has one row per version of a law (`name` without 中华人民共和国, `level`, `publish`,
`valid_from`, `expired`). A law repealed outright is no row of it: its repeal is stated in the text
that replaced it (“本法自2021年1月1日起施行。《中华人民共和国合同法》……同时废止。”), so those
entries are derived from the Markdown texts of the same snapshot when they are given.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from gongkai.registry.laws import normalise
from gongkai.registry.rows import Row, parse_date

LEVELS = {"宪法": "宪法", "法律": "法律", "行政法规": "行政法规", "部门规章": "部门规章"}
REPEAL = re.compile(r"[^。；\n]*同时废止")
CITED = re.compile(r"《([^《》\n]{2,80})》")
ARTICLE = re.compile(r"^(第[一二三四五六七八九十百千零]+条)")
IN_FORCE = re.compile(r"自(\d{4}年\d{1,2}月\d{1,2}日)起施行")
ON_PROMULGATION = re.compile(r"自(?:公布|发布)之日起施行")
SNAPSHOT_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Law:
    name: str  # as the database writes it
    level: str
    publish: dt.date | None
    valid_from: dt.date | None
    expired: bool


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def read_laws(path: Path) -> list[Law]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT name, level, publish, valid_from, expired FROM law ORDER BY name, publish"
        ).fetchall()
    # 民法典 is one row per 编 (“民法典 合同编”), without dates: one law.
    return [
        Law(name.split()[0], level, _day(publish), _day(valid_from), bool(expired))
        for name, level, publish, valid_from, expired in rows
        if level in LEVELS
    ]


def snapshot_date(path: Path, laws: list[Law]) -> dt.date:
    """The date in the file name (lawrefbook-laws-2025-04-19), else the newest 公布日期."""
    m = SNAPSHOT_DATE.search(path.name)
    return dt.date.fromisoformat(m[1]) if m else max(w.publish for w in laws if w.publish)


def _titles(texts: Path) -> dict[str, str]:
    """normalised name → the full title of its text (中华人民共和国监狱法)."""
    titles: dict[str, str] = {}
    for md in sorted(texts.rglob("*.md")):
        first = md.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith("# "):
            titles.setdefault(normalise(first[2:].strip()), first[2:].strip())
    return titles


def version_rows(laws: list[Law], titles: dict[str, str], source: str) -> list[Row]:
    """Every version as a row, oldest first: the newest is current, older ones 已修改."""
    by_name: dict[str, list[Law]] = defaultdict(list)
    for law in laws:
        by_name[law.name].append(law)
    rows: list[Row] = []
    for name, versions in by_name.items():
        versions = sorted(set(versions), key=lambda w: w.publish or dt.date.min)
        full = titles.get(normalise(name), name)
        for law in versions[:-1]:
            rows.append(_row(full, law, "已修改", source))
        last = versions[-1]
        repealed = last.expired and len(versions) == 1
        rows.append(_row(full, last, "已废止" if repealed else "有效", source))
    return rows


def _row(full: str, law: Law, status: str, source: str) -> Row:
    return Row(
        where=f"law 表《{law.name}》{law.publish or ''}",
        name=full,
        status=status,
        promulgated=law.publish,
        effective=law.valid_from,
        kind=LEVELS[law.level],
        source=source,
    )


def _in_force(line: str, publish: dt.date | None) -> dt.date | None:
    m = IN_FORCE.search(line)
    if m:
        return parse_date(m[1], "", "施行日期")
    return publish if ON_PROMULGATION.search(line) else None


def repeal_rows(texts: Path, laws: list[Law], titles: dict[str, str]) -> list[Row]:
    """Laws repealed outright by a text of the snapshot (“《…》同时废止”), first repeal only."""
    in_force = {normalise(w.name) for w in laws if not w.expired}
    dates: dict[str, Law] = {}
    for w in sorted(laws, key=lambda w: w.publish or dt.date.max, reverse=True):
        dates[normalise(w.name)] = w  # the first version: it enacted the repeal
    found: dict[str, Row] = {}
    for md in sorted(texts.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        if "同时废止" not in text or not text.startswith("# "):
            continue
        title = text.split("\n", 1)[0][2:].strip()
        law = dates.get(normalise(title))
        if law is None:
            continue  # a 司法解释 or 规章 repealing its own kind
        for line in text.splitlines():
            for clause in REPEAL.findall(line):
                when = _in_force(line, law.publish) or law.valid_from
                article = ARTICLE.match(line)
                where = f"《{title}》{article[1] if article else ''}"
                for name in CITED.findall(clause):
                    key = normalise(name)
                    if key == normalise(title):
                        continue  # its own earlier version (1995 信访条例 in that of 2005): no repeal
                    if key in in_force or _earlier(found.get(key), when):
                        continue
                    found[key] = Row(
                        where=where,
                        name=name,
                        status="已废止",
                        repealed=when,
                        kind=LEVELS[law.level] if law.level != "宪法" else "法律",
                        source=f"{where}：“{clause.strip()}”",
                        replaced_by=title,
                    )
    return list(found.values())


def _earlier(old: Row | None, when: dt.date | None) -> bool:
    return bool(old and old.repealed and (when is None or old.repealed <= when))


def database_rows(path: Path, texts: Path | None) -> tuple[list[Row], dt.date]:
    """The rows of the database (and of the repeals its texts state), and its data date."""
    laws = read_laws(path)
    date = snapshot_date(path, laws)
    titles = _titles(texts) if texts else {}
    source = f"国家法律法规数据库（LawRefBook 快照 {date}）"
    rows = version_rows(laws, titles, source)
    if texts:
        rows += repeal_rows(texts, laws, titles)
    return rows, date
