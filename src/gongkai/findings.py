"""The ground floor: what a rule reports (`Finding`), how it is printed, and the rule registry.

Every check has a stable id, a Chinese docstring and a default severity; it is registered here by
`declare` (reported by a reader or model: scope ``parse``) or `rule` (a checking function of scope
``document`` or ``site``). This module imports nothing of the package, so that the content model,
the ledger and the rules can all declare their ids without importing one another.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Literal


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
    # The severity the rule gave, when gongkai.yml's `severity:` changed it: a finding that
    # withheld its document at this level still withholds it (`disclosure.blocks_publication`).
    rule_severity: Severity | None = None

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.rule} {self.severity} {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


def format_text(findings: Iterable[Finding]) -> str:
    return "".join(f.text() + "\n" for f in findings)


def _row(f: Finding) -> dict[str, object]:
    row = asdict(f)
    row["severity"] = str(f.severity)
    del row["rule_severity"]  # the level shown is the level configured
    return row


def format_json(findings: Iterable[Finding]) -> str:
    rows = [_row(f) for f in findings]
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


Scope = Literal["parse", "document", "site"]
Check = Callable[..., Iterable[Finding]]

FAMILIES = {
    "GK0": "元数据",
    "GK1": "有效性",
    "GK2": "公开与保密",
    "GK3": "排版与文字",
    "GK4": "链接",
    "GK5": "栏目",
}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    scope: Scope
    doc: str
    check: Check | None = None
    fixable: bool = False

    @property
    def family(self) -> str:
        return FAMILIES[self.id[:3]]

    def at(
        self, path: str, line: int, column: int, message: str, fix: str | None = None
    ) -> Finding:
        return Finding(path, line, column, self.id, self.severity, message, fix)


REGISTRY: dict[str, Rule] = {}


def _register(rule: Rule) -> Rule:
    if rule.id in REGISTRY:
        raise ValueError(f"rule id {rule.id} registered twice")
    REGISTRY[rule.id] = rule
    return rule


def declare(id: str, title: str, severity: Severity, doc: str, scope: Scope = "parse") -> Rule:
    """Declare a rule reported by a reader or a model (its check, if any, is `implements`)."""
    return _register(Rule(id, title, severity, scope, inspect.cleandoc(doc)))


def rule(
    id: str, title: str, severity: Severity, scope: Scope = "document", fixable: bool = False
) -> Callable[[Check], Rule]:
    """Register a checking function; its docstring becomes the rule's documentation."""

    def wrap(fn: Check) -> Rule:
        return _register(
            Rule(id, title, severity, scope, inspect.cleandoc(fn.__doc__ or ""), fn, fixable)
        )

    return wrap


def implements(declared: Rule) -> Callable[[Check], Rule]:
    """Give a rule declared below its checking function that function (e.g. GK060: the ledger
    reader reports it, the ledger checks above the reader run it)."""

    def wrap(fn: Check) -> Rule:
        REGISTRY[declared.id] = replace(declared, check=fn)
        return REGISTRY[declared.id]

    return wrap
