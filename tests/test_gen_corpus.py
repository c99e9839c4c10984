"""The benchmark corpus is deterministic and valid: every generated document passes the checker."""

from __future__ import annotations

import shutil
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


def test_parallel_document_rules_find_exactly_what_the_sequential_run_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.engine import document_findings

    write_project(tmp_path, 60, seed=5, layout="columns")
    doc = next((tmp_path / "content/gfxwj").glob("*.md"))
    doc.write_text(doc.read_text(encoding="utf-8") + "\n2021 年，，其它\n", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    site = engine.run(tmp_path)
    sequential = document_findings(site.valid_docs, site.ctx, workers=1)
    parallel = document_findings(site.valid_docs, site.ctx, workers=2, parallel_from=0)
    assert sorted(parallel, key=lambda f: f.sort_key()) == sorted(
        sequential, key=lambda f: f.sort_key()
    )
    assert {f.rule for f in sequential} >= {"GK303", "GK307"}


def _first_document(root: Path) -> str:
    from gongkai.content.site import HOME, discover

    return "content/" + next(u for u in discover(root / "content") if u != HOME)


def test_documents_read_and_checked_in_workers_give_exactly_the_sequential_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers parse and check; this process reads from what they parsed, parsing nothing."""
    from gongkai.content import document
    from gongkai.content.parse_cache import ParseCache

    write_project(tmp_path, 60, seed=5, layout="columns")
    docs = sorted((tmp_path / "content/gfxwj").glob("*.md"))
    docs[0].write_text(
        docs[0].read_text(encoding="utf-8") + "\n2021 年，，其它\n", encoding="utf-8"
    )
    broken = docs[1].read_text(encoding="utf-8").replace("title:", "title：", 1)
    docs[1].write_text(broken, encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    monkeypatch.setattr(engine, "PARALLEL_FROM", 10**9)
    sequential = engine.run(tmp_path).findings
    shutil.rmtree(tmp_path / ".cache")

    monkeypatch.setattr(engine, "PARALLEL_FROM", 0)
    parsed_here: list[str] = []
    parse = document._parse_yaml
    monkeypatch.setattr(
        document, "_parse_yaml", lambda doc, block: parsed_here.append(doc.rel) or parse(doc, block)
    )
    assert engine.run(tmp_path).findings == sequential
    assert {f.rule for f in sequential} >= {"GK303", "GK307", "GK004"}
    # the first document, read before the workers fork (the home page is no document)
    assert [rel for rel in parsed_here if rel != "content/index.md"] == [_first_document(tmp_path)]
    cache = ParseCache(tmp_path)  # what the workers parsed was saved for the next run
    assert len(cache.old) == len(list((tmp_path / "content").rglob("*.md"))) - 1  # index.md


def test_written_links_judged_in_workers_give_exactly_the_sequential_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.links import written
    from gongkai.pages import generated

    write_project(tmp_path, 60, seed=5, layout="columns")
    for doc in sorted((tmp_path / "content/gfxwj").glob("*.md")):  # withheld: changed after review
        doc.write_text(doc.read_text(encoding="utf-8") + "\n改动。\n", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    site = engine.run(tmp_path)
    pages = generated(site.ctx.config)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 10**9)
    sequential = written.check(site, pages)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 0)
    assert written.check(site, pages) == sequential
    assert sum(f.rule == "GK404" for f in sequential) >= 3


def test_checking_one_file_runs_the_text_rules_on_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, 40, seed=5, layout="columns")
    docs = sorted((tmp_path / "content/gfxwj").glob("*.md"))
    for doc in docs[:2]:
        doc.write_text(doc.read_text(encoding="utf-8") + "\n2021 年\n", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    site = engine.run(tmp_path, [docs[0]])
    assert [d.path for d in site.checked] == [docs[0]]
    assert {f.path for f in engine.select(site, [docs[0]]) if f.rule == "GK303"} == {
        docs[0].relative_to(tmp_path).as_posix()
    }
