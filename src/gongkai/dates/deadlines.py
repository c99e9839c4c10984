"""The deadlines and update rules of `data/deadlines.yml`, and the dates derived from them."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Freshness:
    name: str
    days: int
    source: str


@dataclass(frozen=True)
class StageDeadline:
    """`stage` is due `days` + `workdays` after the start: the publication of stage `after`,
    the date field `from_field` of the stage's own document, or (with `before`) it must be
    published at least `days` before stage `before`."""

    stage: str
    source: str
    after: str | None = None
    before: str | None = None
    from_field: str | None = None
    days: int = 0
    workdays: int = 0


@dataclass(frozen=True)
class Chain:
    type: str
    order: tuple[str, ...]
    optional: tuple[str, ...]
    deadlines: tuple[StageDeadline, ...]


@dataclass(frozen=True)
class Deadlines:
    freshness: tuple[Freshness, ...]
    budget: dict[str, dict[str, Any]]
    chains: dict[str, Chain]
    consultation_min_days: int
    consultation_feedback_days: int
    reply_months: int
    raw: dict[str, Any]

    def freshness_class(self, days: int) -> Freshness:
        """The update class of a column's `update` days (a custom class when none matches)."""
        found = next((f for f in self.freshness if f.days == days), None)
        return found or Freshness(f"每{days}天更新类", days, "columns.yml")

    def budget_due(self, year: int, kind: str) -> dt.date:
        rule = self.budget[kind]
        return dt.date(year + int(rule["offset"]), int(rule["month"]), int(rule["day"]))


def _stage_deadline(raw: dict[str, Any]) -> StageDeadline:
    return StageDeadline(
        stage=raw["stage"],
        source=raw["source"],
        after=raw.get("after"),
        before=raw.get("before"),
        from_field=raw.get("from"),
        days=int(raw.get("days", 0)),
        workdays=int(raw.get("workdays", 0)),
    )


def parse(raw: dict[str, Any]) -> Deadlines:
    chains = {
        type_: Chain(
            type=type_,
            order=tuple(spec["order"]),
            optional=tuple(spec.get("optional") or ()),
            deadlines=tuple(_stage_deadline(d) for d in spec.get("deadlines") or ()),
        )
        for type_, spec in raw["procurement"].items()
    }
    return Deadlines(
        freshness=tuple(
            Freshness(name, int(v["days"]), v["source"]) for name, v in raw["freshness"].items()
        ),
        budget=raw["budget"],
        chains=chains,
        consultation_min_days=int(raw["consultation"]["min_days"]["days"]),
        consultation_feedback_days=int(raw["consultation"]["feedback"]["days"]),
        reply_months=int(raw["reply"]["months"]),
        raw=raw,
    )


@cache
def load() -> Deadlines:
    text = resources.files("gongkai.data").joinpath("deadlines.yml").read_text("utf-8")
    return parse(yaml.safe_load(text))


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (11月30日 + 3个月 = 2月28日)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@cache
def type_fields() -> dict[str, dict[str, tuple[str, ...] | None]]:
    """Per-type required fields (`type_fields` in columns.yml): 意见征集 needs opens and closes."""
    text = resources.files("gongkai.data").joinpath("columns.yml").read_text("utf-8")
    out: dict[str, dict[str, tuple[str, ...] | None]] = {}

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            walk(node.get("children") or [])
            for type_, fields in (node.get("type_fields") or {}).items():
                out[type_] = {k: tuple(v) if v else None for k, v in (fields or {}).items()}

    walk(yaml.safe_load(text))
    return out
