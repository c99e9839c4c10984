"""Editors' reports: `python -m gongkai report <name>`.

Every module in this package that defines `add_parser(reports)` is registered as a report, so a
new report is a new module and nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def add_all(reports: Any) -> None:
    """Register every report module's subcommand on the `report` subparsers."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        add = getattr(module, "add_parser", None)
        if callable(add):
            add(reports)
