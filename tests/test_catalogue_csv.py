"""catalogue.csv is data to a spreadsheet, never a formula (issue 19, point 3; OWASP CSV injection)."""

from __future__ import annotations

import csv
import json

from sitekit import Project

from gongkai.pages.catalogue import spreadsheet_safe


def test_cells_a_spreadsheet_would_run_as_formulas_get_a_quote(project: Project) -> None:
    project.doc(
        "ghjh/a.md",
        title='=HYPERLINK("http://example.com/","点击查看")',
        drafter="+法制处",
        publisher="-吉林省监狱管理局",
        keywords=["@SUM(1)", "政务公开"],
        topic="\t狱政管理",
    )
    project.doc(
        "ghjh/b.md", index_no="013544XXX/2021-00002", title="关于=号的说明", drafter="法制处"
    )
    assert project.build().returncode == 0

    with (project.site / "catalogue.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = ["title", "drafter", "publisher", "keywords", "topic"]
    assert [{k: row[k] for k in fields} for row in rows] == [
        {
            "title": '\'=HYPERLINK("http://example.com/","点击查看")',
            "drafter": "'+法制处",
            "publisher": "'-吉林省监狱管理局",
            "keywords": "'@SUM(1)；政务公开",
            "topic": "'\t狱政管理",
        },
        {
            "title": "关于=号的说明",
            "drafter": "法制处",
            "publisher": "吉林省监狱管理局",
            "keywords": "",
            "topic": "",
        },
    ]
    data = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))
    assert data[0]["title"] == '=HYPERLINK("http://example.com/","点击查看")'  # JSON: as written


def test_only_a_leading_formula_character_is_neutralised() -> None:
    cells = ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "1-1", "a=b", "", "'=x"]
    assert [spreadsheet_safe(c) for c in cells] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A1",
        "'\tx",
        "'\rx",
        "1-1",
        "a=b",
        "",
        "'=x",
    ]
