"""Findings: what a rule reports, and how it is printed (spec/checks.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    fix: str | None = None

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.rule} {self.severity} {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


def format_text(findings: Iterable[Finding]) -> str:
    return "".join(f.text() + "\n" for f in findings)


def format_json(findings: Iterable[Finding]) -> str:
    rows = [{**asdict(f), "severity": str(f.severity)} for f in findings]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(findings: Iterable[Finding]) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its file and line."""
    return "".join(
        f"::{_GITHUB_LEVEL[f.severity]} file={_gh_escape(f.path, True)},line={f.line},"
        f"col={f.column},title={_gh_escape(f.rule, True)}::"
        f"{_gh_escape(f'{f.rule} {f.severity} {f.message}')}\n"
        for f in findings
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
