"""规范性文件 statistics: the one function the page and the annual report (part 二) share."""

from __future__ import annotations

import datetime as dt

import pytest
from sitekit import Project

from gongkai import engine
from gongkai.pages.statistics import RegulationStats, regulation_stats


def regulation(project: Project, name: str, n: int, written: str, **validity: object) -> None:
    project.doc(
        f"gfxwj/{name}.md",
        title=f"规范性文件{n}",
        type="规范性文件",
        index_no=f"013544XXX/2020-0010{n}",
        written=written,
        published=written,
        review={"reviewer": "李某", "date": written, "result": "同意公开"},
        validity={"effective": written, **validity},
    )


def test_issued_repealed_and_in_force_per_year(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    regulation(project, "a", 1, "2021-03-01", expires="2023-12-31")  # out of force 2024-01-01
    regulation(project, "b", 2, "2021-06-01", repealed="2022-05-01")
    regulation(project, "c", 3, "2022-02-01")
    regulation(project, "d", 4, "2023-12-01", amended_by=["013544XXX/2020-00103"])
    project.doc(  # withheld: not counted
        "gfxwj/e.md",
        type="规范性文件",
        index_no="013544XXX/2020-00105",
        disclosure="依申请公开",
        validity={"effective": "2022-01-01"},
    )
    monkeypatch.setenv("GONGKAI_TODAY", "2024-06-30")
    site = engine.run(project.root)
    stats = [regulation_stats(site, y) for y in (2021, 2022, 2023, 2024)]
    d = dt.date
    assert stats == [
        RegulationStats(2021, issued=2, repealed=0, in_force=2, as_of=d(2021, 12, 31)),
        RegulationStats(2022, issued=1, repealed=1, in_force=2, as_of=d(2022, 12, 31)),
        RegulationStats(2023, issued=1, repealed=0, in_force=3, as_of=d(2023, 12, 31)),
        RegulationStats(2024, issued=0, repealed=1, in_force=2, as_of=d(2024, 6, 30)),
    ]
