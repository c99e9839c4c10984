"""The front-matter cache: same findings from a warm run, invalidated by an edit, safe to delete."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sitekit import REPO, Project

from gongkai import engine
from gongkai.content.document import Document, UnreadDocument
from gongkai.content.parse_cache import CACHE_DIR, PACKAGE
from gongkai.engine import site_inputs
from gongkai.rules import catalog

sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import write_project

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

    # a's front matter edited: the site is indexed again, b from the cache without being read.
    project.doc("gfxwj/a.md", index_no="013544XXX/2021-00001", title="关于调整某某事项的通知")
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


def _checked_from_scratch(project: Project, path: Path) -> list[str]:
    shutil.rmtree(project.root / CACHE_DIR)
    site = engine.run(project.root, [path])
    assert len(site.docs) > 1  # the whole site indexed
    return [f.text() for f in engine.select(site, [path])]


def _rel(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()


@pytest.mark.parametrize("last_run", ["check", "build"])
def test_a_body_edit_is_checked_with_the_site_findings_of_the_last_run(
    project: Project, last_run: str
) -> None:
    project.doc("gfxwj/a.md", index_no="013544XXX/2021-00001")
    b = project.doc("gfxwj/b.md", index_no="013544XXX/2021-00001")  # a's 索引号: GK016 on b
    _age(project.root)
    if last_run == "build":  # the build saves the cache once its pages are written
        assert "GK016" in project.build().stderr
    else:
        engine.run(project.root)

    b.write_text(b.read_text("utf-8") + "\n2021 年印发。\n", "utf-8")  # GK303, a text rule
    site = engine.run(project.root, [b])
    assert [d.rel for d in site.docs] == [_rel(project, b)]  # nothing else was read
    found = [f.text() for f in engine.select(site, [b])]
    assert {"GK016", "GK303"} <= {f.split()[1] for f in found}
    assert found == _checked_from_scratch(project, b)


def _edit_gongkai_yml(project: Project, _: Path) -> None:
    path = project.root / "gongkai.yml"
    path.write_text(path.read_text("utf-8").replace("units: [局本级, 长春监狱]", "units: [局本级]"))


def _add_ledger(project: Project, _: Path) -> None:
    (project.root / "ledger").mkdir()
    (project.root / "ledger" / "2025.yml").write_text("year: 2025\nrequests: [\n", "utf-8")


def _edit_front_matter(project: Project, a: Path) -> None:
    project.doc("gfxwj/a.md", index_no="013544XXX/2021-00002", unit="长春监狱")


def _add_document(project: Project, _: Path) -> None:
    project.doc("gfxwj/c.md", index_no="013544XXX/2021-00001")


def _next_day(project: Project, _: Path) -> None:
    os.environ["GONGKAI_TODAY"] = "2026-11-27"


@pytest.mark.parametrize(
    "change", [_edit_gongkai_yml, _add_ledger, _edit_front_matter, _add_document, _next_day]
)
def test_the_site_findings_are_found_afresh_when_what_they_depend_on_changed(
    project: Project, monkeypatch: pytest.MonkeyPatch, change: Callable[[Project, Path], None]
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    a = project.doc("gfxwj/a.md", index_no="013544XXX/2021-00001", unit="长春监狱")
    project.doc("gfxwj/b.md", index_no="013544XXX/2021-00003")
    _age(project.root)
    engine.run(project.root)
    assert len(engine.run(project.root, [a]).docs) == 1  # unchanged: answered from the snapshot

    change(project, a)
    site = engine.run(project.root, [a])
    assert len(site.docs) > 1
    assert [f.text() for f in engine.select(site, [a])] == _checked_from_scratch(project, a)


class _BodyUnread(Document):
    """A document whose text must not be read."""

    @property
    def text(self) -> str:
        raise AssertionError(f"a site rule read the text of {self.rel}")

    @text.setter
    def text(self, value: str) -> None:
        pass

    body = text


def test_site_rules_read_front_matter_and_their_declared_inputs_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `site_key` hashes is all the site rules read: else `check FILE` could be stale."""
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    write_project(tmp_path, 120, seed=3, layout="columns")  # late stages, missing adoptions …
    shutil.copytree(REPO / "ledger", tmp_path / "ledger")
    site = engine.run(tmp_path)
    opened: list[str] = []
    watching = True

    def hook(event: str, args: tuple[object, ...]) -> None:
        if watching and event == "open" and isinstance(args[0], str | Path):
            opened.append(os.path.realpath(args[0]))

    sys.addaudithook(hook)  # cannot be removed: it stops recording below
    for doc in site.docs:
        doc.__class__ = _BodyUnread
    try:
        found = catalog.run(catalog.by_scope("site"), site, site.ctx)
    finally:
        watching = False
    assert {f.rule for f in found} >= {"GK511", "GK523"}  # the rules really ran …
    assert str(tmp_path / "ledger" / "2025.yml") in opened  # … and the hook saw them read
    allowed = {os.path.realpath(p) for p in site_inputs(tmp_path)}
    libraries = tuple(os.path.realpath(p) for p in (PACKAGE, sys.prefix, sys.base_prefix))
    assert [p for p in opened if p not in allowed and not p.startswith(libraries)] == []
