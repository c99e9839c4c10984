"""The 19号 indicator table (`data/inspection.yml`) as typed rows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

VETO, DEDUCT, READY, MANUAL = "veto", "deduct", "ready", "manual"
KINDS = (VETO, DEDUCT, READY, MANUAL)


@dataclass(frozen=True)
class Indicator:
    """One row of the table: what the inspection says and how this project measures it."""

    id: str
    kind: str
    group: str
    wording: str
    name: str = ""  # the sub-item, when an indicator has several rules
    threshold: str = ""
    how: str = ""
    measure: str = ""
    limit: int | None = None  # veto/ready: fails at this many
    days: int | None = None
    classes: tuple[str, ...] = ()
    site: bool = False  # measured on the built site only
    per: float = 0.0
    home: float | None = None
    max: float = 0.0
    confirmed: bool = True
    look: str = ""
    part: str = VETO  # manual items: the part of the table they belong to
    fix: str = ""


@dataclass(frozen=True)
class Table:
    source: str
    pass_mark: int
    full_marks: int
    items: tuple[Indicator, ...]

    def of(self, kind: str) -> list[Indicator]:
        return [i for i in self.items if i.kind == kind]


def parse(raw: dict[str, Any]) -> Table:
    items = []
    for row in raw["items"]:
        row = dict(row)
        if row["kind"] not in KINDS:
            raise ValueError(f"inspection.yml: {row['id']} 的 kind“{row['kind']}”不是 {KINDS} 之一")
        row["classes"] = tuple(row.get("classes") or ())
        items.append(Indicator(**row))
    return Table(raw["source"], int(raw["pass_mark"]), int(raw["full_marks"]), tuple(items))


@cache
def load() -> Table:
    text = resources.files("gongkai.data").joinpath("inspection.yml").read_text("utf-8")
    return parse(yaml.safe_load(text))
