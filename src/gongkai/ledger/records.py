"""依申请公开台账: `ledger/YYYY.yml` at the project root, one file per year, never published.

It holds no personal data: an applicant is a category (the annual report's columns) and, where
按件计收 needs a monthly count, an opaque `applicant_ref`. This module reads a ledger into typed
records and reports what cannot be read; `gongkai.ledger.checks` checks dates, fees and deadlines,
and `gongkai.reports.annual` aggregates it into the 年报.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

LEDGER_DIR = "ledger"


@cache
def labels() -> dict[str, Any]:
    text = resources.files("gongkai.data").joinpath("annual_report.yml").read_text("utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Correction:
    requested: dt.date
    received: dt.date | None  # None: the applicant has not (yet) corrected


@dataclass(frozen=True)
class Fee:
    method: str
    amount: Any  # Decimal
    notice: dt.date | None
    paid: dt.date | None


@dataclass
class Request:
    id: str
    line: int
    received: dt.date
    applicant: str
    applicant_ref: str | None = None
    items: int = 1
    pages: int = 0
    corrections: list[Correction] = field(default_factory=list)
    extension_decided: dt.date | None = None
    extension_workdays: int = 0
    replied: dt.date | None = None
    outcome: str | None = None
    reason: str | None = None
    fee: Fee | None = None
    lines: dict[str, int] = field(default_factory=dict)  # key -> line, for findings


@dataclass
class Dispute:
    id: str
    line: int
    kind: str
    filed: dt.date
    result: str
    decided: dt.date | None
    request: str | None


@dataclass
class Ledger:
    rel: str
    year: int
    requests: list[Request] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    active: dict[str, Any] = field(default_factory=dict)  # part 二 rows kept as data
    active_line: int = 1


def suggest(value: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.4)
    return f"（是不是“{close[0]}”？）" if close else ""


def ledger_path(root: Path, year: int) -> Path:
    return root / LEDGER_DIR / f"{year}.yml"


def ledger_files(root: Path) -> list[Path]:
    folder = root / LEDGER_DIR
    return sorted(folder.glob("[0-9][0-9][0-9][0-9].yml")) if folder.is_dir() else []
