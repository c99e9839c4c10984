"""`python -m gongkai report validity`: what editors must act on, as of the build day.

Four lists (issue 4): documents that have expired or been repealed, documents whose term ends
within 90 days, written statuses that contradict the dates (GK101, GK105) and references to no document
(GK102); plus citations of repealed or superseded national laws (GK110/GK111).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gongkai import engine
from gongkai.config.settings import find_root
from gongkai.content.site import Site
from gongkai.content.validity import Status, derive, expiring_soon
from gongkai.findings import Finding

EXIT_OK, EXIT_FINDINGS = 0, 1


@dataclass(frozen=True)
class Ended:
    path: str
    title: str
    status: str
    since: str  # the first day not in force
    replaced_by: str | None


@dataclass(frozen=True)
class Expiring:
    path: str
    title: str
    expires: str
    days: int


@dataclass
class ValidityReport:
    today: dt.date
    ended: list[Ended] = field(default_factory=list)
    expiring: list[Expiring] = field(default_factory=list)
    contradictions: list[Finding] = field(default_factory=list)
    dangling: list[Finding] = field(default_factory=list)
    citations: list[Finding] = field(default_factory=list)

    @property
    def needs_fixing(self) -> bool:
        # A status only time has made wrong (GK105) is listed, but needs no fix to build.
        return bool(self.dangling) or any(
            f.rule in ("GK101", "GK110") for f in self.contradictions + self.citations
        )


def _ended(site: Site, today: dt.date) -> list[Ended]:
    out = []
    for doc in site.valid_docs:
        status = derive(doc.meta, today)
        if status not in (Status.EXPIRED, Status.REPEALED):
            continue
        v = doc.meta.validity
        if v.repealed and v.repealed <= today:
            since = v.repealed
        else:
            since = v.expires + dt.timedelta(days=1)
        successor = site.by_index.get(v.replaced_by or "")
        out.append(
            Ended(
                doc.rel,
                doc.meta.title,
                str(status),
                since.isoformat(),
                successor.meta.title if successor else v.replaced_by,
            )
        )
    return sorted(out, key=lambda e: (e.since, e.path), reverse=True)


def build(site: Site) -> ValidityReport:
    today = site.ctx.today
    report = ValidityReport(today, ended=_ended(site, today))
    for doc in site.valid_docs:
        if expiring_soon(doc.meta, today):
            expires = doc.meta.validity.expires
            report.expiring.append(
                Expiring(doc.rel, doc.meta.title, expires.isoformat(), (expires - today).days)
            )
    report.expiring.sort(key=lambda e: (e.days, e.path))
    for f in site.findings:
        if f.rule in ("GK101", "GK105"):
            report.contradictions.append(f)
        elif f.rule == "GK102":
            report.dangling.append(f)
        elif f.rule in ("GK110", "GK111"):
            report.citations.append(f)
    return report


def _finding(f: Finding) -> dict[str, Any]:
    return {"path": f.path, "line": f.line, "rule": f.rule, "message": f.message}


def as_json(r: ValidityReport) -> str:
    data = {
        "today": r.today.isoformat(),
        "ended": [asdict(e) for e in r.ended],
        "expiring": [asdict(e) for e in r.expiring],
        "contradictions": [_finding(f) for f in r.contradictions],
        "dangling": [_finding(f) for f in r.dangling],
        "citations": [_finding(f) for f in r.citations],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _ended_line(e: Ended) -> str:
    successor = f"；替代文件：《{e.replaced_by}》" if e.replaced_by else ""
    return f"{e.path}: 《{e.title}》自 {e.since} 起{e.status}{successor}"


def _expiring_line(e: Expiring) -> str:
    return f"{e.path}: 《{e.title}》有效期至 {e.expires}，还有 {e.days} 天"


SECTIONS = (
    "已失效或废止",
    "90 天内到期",
    "有效性状态与日期矛盾",
    "引用的文档不存在",
    "引用的法律法规已废止或为旧版本",
)


def _sections(r: ValidityReport) -> list[tuple[str, list[str]]]:
    return list(
        zip(
            SECTIONS,
            [
                [_ended_line(e) for e in r.ended],
                [_expiring_line(e) for e in r.expiring],
                [f.text() for f in r.contradictions],
                [f.text() for f in r.dangling],
                [f.text() for f in r.citations],
            ],
            strict=True,
        )
    )


def as_text(r: ValidityReport) -> str:
    out = [f"有效性报告（截至 {r.today.isoformat()}）"]
    for title, lines in _sections(r):
        out += ["", f"{title}（{len(lines)}）", *(lines or ["无"])]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def as_markdown(r: ValidityReport) -> str:
    out = [f"# 有效性报告（截至 {r.today.isoformat()}）"]
    out += ["", f"## 已失效或废止（{len(r.ended)}）", ""]
    if r.ended:
        out += ["| 文件 | 名称 | 状态 | 起始日期 | 替代文件 |", "|---|---|---|---|---|"]
        out += [
            f"| {e.path} | {_cell(e.title)} | {e.status} | {e.since} | {_cell(e.replaced_by or '')} |"
            for e in r.ended
        ]
    else:
        out.append("无")
    out += ["", f"## 90 天内到期（{len(r.expiring)}）", ""]
    if r.expiring:
        out += ["| 文件 | 名称 | 有效期至 | 剩余天数 |", "|---|---|---|---|"]
        out += [f"| {e.path} | {_cell(e.title)} | {e.expires} | {e.days} |" for e in r.expiring]
    else:
        out.append("无")
    for title, found in zip(SECTIONS[2:], (r.contradictions, r.dangling, r.citations), strict=True):
        out += ["", f"## {title}（{len(found)}）", ""]
        out += [f"- `{f.path}:{f.line}` {_cell(f.message)}" for f in found] or ["无"]
    return "\n".join(out) + "\n"


FORMATS = {"text": as_text, "json": as_json, "markdown": as_markdown}


def _run(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd())
    report = build(engine.run(root))
    sys.stdout.write(FORMATS[args.format](report))
    return EXIT_FINDINGS if report.needs_fixing else EXIT_OK


def add_parser(reports: Any) -> None:
    p = reports.add_parser(
        "validity", help="有效性报告：已失效、90 天内到期、状态矛盾、引用不存在、引用旧法规"
    )
    p.add_argument("--format", choices=sorted(FORMATS), default="text")
    p.set_defaults(func=_run)
