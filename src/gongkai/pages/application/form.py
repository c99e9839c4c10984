"""The form's data (`data/application.yml`: the fields of 条例 第二十九条) as one grid of cells, and
the fee rules in sentences from `data/fees.yml`, the calculator's data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from gongkai.ledger import fees
from gongkai.pages.fees import rate_text

WIDTH = 4  # grid columns: label, blank, label, blank
BOX = "□"


@dataclass(frozen=True)
class Cell:
    kind: str  # head | label | blank | choice
    text: str = ""
    span: int = 1
    lines: int = 1


@cache
def form() -> dict[str, Any]:
    text = resources.files("gongkai.data").joinpath("application.yml").read_text("utf-8")
    return yaml.safe_load(text)


def _row(field: str | dict[str, Any]) -> list[Cell] | None:
    """A whole-row field, or None for a short field (paired with the next one)."""
    if isinstance(field, str):
        return None
    label = Cell("label", field["label"])
    if "options" in field:
        choices = "　".join(f"{BOX} {o}" for o in field["options"])
        return [label, Cell("choice", choices, WIDTH - 1)]
    return [label, Cell("blank", span=WIDTH - 1, lines=field["lines"])]


def grid() -> list[list[Cell]]:
    """The form as rows of cells, WIDTH columns wide: what the page, DOCX and PDF all draw."""
    rows: list[list[Cell]] = []
    for section in form()["sections"]:
        rows.append([Cell("head", section["heading"], WIDTH)])
        short: list[Cell] = []
        for field in section["fields"]:
            if (whole := _row(field)) is not None:
                rows.append(whole)
                continue
            short += [Cell("label", field), Cell("blank")]
            if len(short) == WIDTH:
                rows.append(short)
                short = []
        if short:
            rows.append([short[0], Cell("blank", span=WIDTH - 1)])
    return rows


def fee_lines() -> list[str]:
    """The fee rules in sentences, one per method, from the calculator's data."""
    out = []
    for method in fees.load().values():
        tiers = "；".join(
            f"{fees.span(t.start, t.end, method.unit)}{rate_text(t, method.unit)}"
            for t in method.tiers
        )
        out.append(f"{method.name}（{method.scope}）：{tiers}。")
    return out
