"""The front-matter cache: same findings from a warm run, invalidated by an edit, safe to delete."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sitekit import Project

from gongkai import engine
from gongkai.document import UnreadDocument
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


def _age(root: Path, seconds: int = 3600) -> None:
    """Date every content file back, as files are on a working copy between two edits."""
    past = time.time_ns() - seconds * 1_000_000_000
    for path in (root / "content").rglob("*.md"):
        os.utime(path, ns=(past, past))


def test_checking_one_file_takes_untouched_documents_from_the_cache(project: Project) -> None:
    a = project.doc("gfxwj/a.md", index_no="013544XXX/2021-00001")
    b = project.doc("gfxwj/b.md", body="乙文件正文。\n", index_no="013544XXX/2021-00002")
    _age(project.root)
    engine.run(project.root)  # an earlier run: the cache now knows both files

    site = engine.run(project.root, [a])
    (other,) = [d for d in site.docs if d.rel == "content/gfxwj/b.md"]
    assert isinstance(other, UnreadDocument) and "_read_done" not in other.__dict__
    assert other.meta is not None and other.meta.index_no == "013544XXX/2021-00002"
    assert "乙文件正文" in other.body  # read when asked for

    # b edited to repeat a's 索引号: its size and time changed, so it is read again.
    project.doc("gfxwj/b.md", body="乙文件正文。\n", index_no="013544XXX/2021-00001")
    os.utime(b, ns=(time.time_ns() - 60_000_000_000,) * 2)
    rules = {f.rule for f in engine.run(project.root, [a]).findings}
    assert "GK016" in rules


def test_a_file_written_moments_ago_is_read_even_if_its_time_looks_unchanged(
    project: Project,
) -> None:
    a = project.doc("gfxwj/a.md", index_no="013544XXX/2021-00001")
    b = project.doc("gfxwj/b.md", index_no="013544XXX/2021-00002")
    engine.run(project.root)
    written = b.stat()
    # Same size, same modification time, other 索引号 (an edit within one clock tick).
    b.write_text(b.read_text("utf-8").replace("2021-00002", "2021-00001"), "utf-8")
    os.utime(b, ns=(written.st_atime_ns, written.st_mtime_ns))
    assert b.stat().st_size == written.st_size
    assert "GK016" in {f.rule for f in engine.run(project.root, [a]).findings}
