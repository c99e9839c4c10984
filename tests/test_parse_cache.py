"""The front-matter cache: same findings from a warm run, invalidated by an edit, safe to delete."""

from __future__ import annotations

from pathlib import Path

from sitekit import Project

from gongkai import engine
from gongkai.parse_cache import CACHE_DIR

BROKEN = "---\ntitle: 关于印发《办法》的通知\n  type: 规范性文件\n---\n正文。\n"


def _findings(project: Project) -> list[str]:
    return [f.text() for f in engine.run(project.root).findings]


def _cache_files(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("front-matter-*.pickle"))


def test_a_warm_run_reports_exactly_what_a_cold_run_did(project: Project) -> None:
    project.doc("gfxwj/a.md", index_no="013544XXX/2021-00001")
    project.write("gfxwj/b.md", BROKEN)
    cold = _findings(project)
    assert len(_cache_files(project.root)) == 1
    assert _findings(project) == cold
    assert any("GK004" in f and "gfxwj/b.md:3" in f for f in cold)


def test_an_edited_block_is_parsed_again(project: Project) -> None:
    path = project.write("gfxwj/b.md", BROKEN)
    assert any("GK004" in f for f in _findings(project))
    project.doc("gfxwj/b.md", index_no="013544XXX/2021-00002")
    assert path.exists()
    assert not any("GK004" in f for f in _findings(project))


def test_a_damaged_or_deleted_cache_only_costs_time(project: Project) -> None:
    project.write("gfxwj/b.md", BROKEN)
    cold = _findings(project)
    (cache,) = _cache_files(project.root)
    cache.write_bytes(b"not a pickle")
    assert _findings(project) == cold
    for f in _cache_files(project.root):
        f.unlink()
    assert _findings(project) == cold
