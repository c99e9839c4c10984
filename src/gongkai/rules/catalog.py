"""Every rule, loaded: the registry of `gongkai.findings` made complete, and rules run by scope.

Every check has a stable id, a Chinese docstring and a default severity.

Rules come in three scopes:

- ``parse``: reported by the reader or the front-matter model (no function of their own here);
- ``document``: ``check(doc, ctx)`` sees one parsed document;
- ``site``: ``check(site, ctx)`` sees the index of all documents, built once per run.

The docstring of a rule is its user documentation, printed by ``python -m gongkai explain``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gongkai.findings import REGISTRY, Finding, Rule, Scope


def get(rule_id: str) -> Rule:
    load_all()
    return REGISTRY[rule_id]


def load_all() -> dict[str, Rule]:
    """Import every rule module once so that the registry is complete."""
    # Importing a module registers its rules: the reader and model (GK00x–GK01x), the ledger
    # (GK06x–GK07x), citations (GK11x), secrecy (GK21x), typography (GK30x–GK32x), media (GK39x),
    # links (GK4xx), columns, procurement and interaction (GK5xx).
    from gongkai.content import directives, document, validation  # noqa: F401
    from gongkai.ledger import checks  # noqa: F401
    from gongkai.rules import (  # noqa: F401
        citations,
        columns,
        contact,
        disclosure,
        frontmatter,
        interaction,
        links,
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
