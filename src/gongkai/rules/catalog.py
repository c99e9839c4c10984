"""Every rule, loaded: each module that declares rules imported once, so that the registry of
`gongkai.findings` is complete; and the rules of one scope run.

Rules come in three scopes:

- ``parse``: reported by a reader or a model (the document reader, the front-matter model);
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
    # (GK06x–GK07x), citations (GK11x), the review record (GK205–GK207), secrecy (GK21x),
    # the body's HTML (GK220), typography (GK30x–GK32x), media (GK39x),
    # links (GK4xx), columns, procurement and interaction (GK5xx).
    from gongkai.content import directives, document, validation  # noqa: F401
    from gongkai.ledger import checks  # noqa: F401
    from gongkai.rules import (  # noqa: F401
        citations,
        columns,
        contact,
        dates,
        disclosure,
        examples,
        frontmatter,
        interaction,
        links,
        markup,
        media,
        procurement,
        review,
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
