"""The rule registry: every check has a stable id, a Chinese docstring and a default severity.

Rules come in three scopes:

- ``parse``: reported by the reader or the front-matter model (no function of their own here);
- ``document``: ``check(doc, ctx)`` sees one parsed document;
- ``site``: ``check(site, ctx)`` sees the index of all documents, built once per run.

The docstring of a rule is its user documentation, printed by ``python -m gongkai explain``.
"""

from __future__ import annotations

import inspect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from gongkai.findings import Finding, Severity

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


def declare(id: str, title: str, severity: Severity, doc: str) -> Rule:
    """Declare a parse-scope rule, reported by the reader or the model."""
    return _register(Rule(id, title, severity, "parse", inspect.cleandoc(doc)))


def rule(
    id: str, title: str, severity: Severity, scope: Scope = "document", fixable: bool = False
) -> Callable[[Check], Rule]:
    """Register a checking function; its docstring becomes the rule's documentation."""

    def wrap(fn: Check) -> Rule:
        return _register(
            Rule(id, title, severity, scope, inspect.cleandoc(fn.__doc__ or ""), fn, fixable)
        )

    return wrap


def get(rule_id: str) -> Rule:
    load_all()
    return REGISTRY[rule_id]


def load_all() -> dict[str, Rule]:
    """Import every rule module once so that the registry is complete."""
    # Importing a module registers its rules: the reader and model (GK00x–GK01x), the ledger
    # (GK06x–GK07x), citations (GK11x), secrecy (GK21x), typography (GK30x–GK32x), media (GK39x),
    # links (GK4xx), columns, procurement and interaction (GK5xx).
    from gongkai import ledger, model  # noqa: F401
    from gongkai.links import checks  # noqa: F401
    from gongkai.rules import (  # noqa: F401
        citations,
        columns,
        disclosure,
        frontmatter,
        interaction,
        media,
        procurement,
        secrecy,
        typography,
        validity,
    )

    return REGISTRY


def by_scope(scope: Scope) -> list[Rule]:
    return [r for r in load_all().values() if r.scope == scope]


def run(rules: Iterable[Rule], *args: Any) -> list[Finding]:
    found: list[Finding] = []
    for r in rules:
        assert r.check is not None
        found.extend(r.check(*args))
    return found


def duplicate_groups(items: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    """Group items by a non-empty key; keep only the keys shared by two or more items."""
    keyed = [(key(item), item) for item in items]
    counts = Counter(value for value, _ in keyed if value)
    groups: dict[Any, list[Any]] = defaultdict(list)
    for value, item in keyed:
        if counts[value] > 1:
            groups[value].append(item)
    return dict(groups)
