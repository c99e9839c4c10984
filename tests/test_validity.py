"""Derived validity: the table of spec/content.md, contradictions, references, expiry warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from sitekit import Project, front_matter

from gongkai import engine
from gongkai.content.model import FrontMatter
from gongkai.content.validity import Status, derive

D = dt.date.fromisoformat


def meta(**validity: object) -> FrontMatter:
    return FrontMatter.model_validate(front_matter(type="规范性文件", validity=validity))


@pytest.mark.parametrize(
    ("validity", "today", "status"),
    [
        ({"repealed": "2024-03-01"}, "2024-03-01", Status.REPEALED),
        ({"repealed": "2024-03-01", "replaced_by": "X"}, "2024-03-01", Status.EXPIRED),
        ({"repealed": "2024-03-01"}, "2024-02-29", Status.VALID),
        ({"expires": "2026-07-04"}, "2026-07-04", Status.VALID),
        ({"expires": "2026-07-04"}, "2026-07-05", Status.EXPIRED),
        ({"effective": "2021-08-01"}, "2021-07-31", Status.NOT_YET),
        ({"effective": "2021-08-01"}, "2021-08-01", Status.VALID),
        ({"amended_by": ["X"]}, "2022-01-01", Status.AMENDED),
        ({"amended_by": ["X"], "expires": "2021-12-31"}, "2022-01-01", Status.EXPIRED),
    ],
)
def test_derived_status_follows_the_table(validity: dict, today: str, status: Status) -> None:
    assert derive(meta(**validity), D(today)) is status


def findings(project: Project, today: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("GONGKAI_TODAY", today)
    return [f.text() for f in engine.run(project.root).findings if f.path.endswith(".md")]


def test_status_made_wrong_by_time_alone_is_a_warning(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    validity = {"effective": "2021-07-05", "expires": "2023-12-31", "status": "有效"}
    project.doc("gfxwj/a.md", type="规范性文件", validity=validity)
    assert findings(project, "2023-12-31", monkeypatch) == [
        "content/gfxwj/a.md:14:1: GK104 warning 有效期至 2023-12-31，还有 0 天到期："
        "请起草部门决定延续、修订或废止"
    ]
    assert findings(project, "2024-01-01", monkeypatch) == [
        "content/gfxwj/a.md:15:1: GK105 warning 有效性写的是“有效”，但按日期截至 2024-01-01 应为“失效”："
        "请改为 status: 失效，或删去 status 由系统推算"
    ]


def test_status_never_true_since_publication_is_an_error(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    validity = {"effective": "2021-07-05", "expires": "2030-12-31", "status": "失效"}
    project.doc("gfxwj/a.md", type="规范性文件", validity=validity)
    assert findings(project, "2024-01-01", monkeypatch) == [
        "content/gfxwj/a.md:15:1: GK101 error 有效性写的是“失效”，但按日期截至 2024-01-01 应为“有效”："
        "请改为 status: 有效，或删去 status 由系统推算"
    ]


def test_regulation_without_validity_is_an_error(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.doc("gfxwj/a.md", type="规范性文件")
    assert findings(project, "2022-01-01", monkeypatch) == [
        "content/gfxwj/a.md:4:1: GK103 error 规范性文件必须写明有效性：请补上 validity"
        "（至少 effective 施行日期，有有效期的写 expires）"
    ]


def test_reference_to_no_document_is_an_error(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.doc("zcjd/a.md", type="政策解读", interprets="013544XXX/2021-00099")
    assert findings(project, "2022-01-01", monkeypatch) == [
        "content/zcjd/a.md:12:1: GK102 error interprets 指向的索引号 013544XXX/2021-00099 没有对应的文档："
        "请核对索引号"
    ]
