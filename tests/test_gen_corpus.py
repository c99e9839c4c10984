"""The benchmark corpus is deterministic and valid: every generated document passes the checker."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sitekit import REPO

from gongkai import engine

sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import write_project


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_corpus_is_deterministic_and_passes_every_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path / "a", 80, seed=3, layout="columns")
    write_project(tmp_path / "b", 80, seed=3, layout="columns")
    assert tree(tmp_path / "a" / "content") == tree(tmp_path / "b" / "content")
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    site = engine.run(tmp_path / "a")
    assert [f.text() for f in site.findings if f.severity == "error"] == []
    assert len(site.published) == 80
    assert {d.column.segment for d in site.docs} >= {"gfxwj", "czyjs", "zfcg", "zcjd", "ywgk"}


def test_baseline_layout_holds_the_same_documents_in_year_folders(tmp_path: Path) -> None:
    write_project(tmp_path / "ours", 40, seed=3, layout="columns")
    write_project(tmp_path / "plain", 40, seed=3, layout="years")
    ours = sorted(p.name for p in (tmp_path / "ours/content").rglob("*.md"))
    plain = sorted(p.name for p in (tmp_path / "plain/content").rglob("*.md"))
    assert ours == plain
    assert all(
        len(p.relative_to(tmp_path / "plain/content").parts) == 3
        for p in (tmp_path / "plain/content").rglob("*.md")
        if p.name != "index.md"
    )
