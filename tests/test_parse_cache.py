"""The front-matter cache: same findings from a warm run, invalidated by an edit, safe to delete,
plain signed JSON that a damaged, foreign or crafted file cannot turn into trust."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sitekit import REPO, Project, markdown

from gongkai import engine
from gongkai.content import parse_cache
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
    return sorted((root / CACHE_DIR).glob("front-matter-*.json"))


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


# ---- plain data, signed, validated: a damaged or foreign cache is discarded and rebuilt ----

DUPLICATE = "drafter: 法制处\n"  # written twice in b.md: GK006, an error that withholds b.md


@pytest.fixture
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's machine key, in a state folder of its own (inherited by the subprocesses)."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


def _withheld_b(project: Project) -> Path:
    project.doc("ghjh/a.md", index_no="013544XXX/2021-00001")
    text = markdown(index_no="013544XXX/2021-00002").replace(DUPLICATE, DUPLICATE * 2)
    return project.write("ghjh/b.md", text)


def _cache(project: Project) -> Path:
    (path,) = _cache_files(project.root)
    return path


def _payload(path: Path) -> dict[str, Any]:
    mac, _, payload = path.read_bytes().partition(b"\n")
    assert len(mac) == 64
    return json.loads(payload)  # type: ignore[no-any-return]


def _note(path: Path, what: str) -> str:
    rel = path.relative_to(path.parents[2]).as_posix()
    return f"gongkai: 缓存文件 {rel} {what}（缓存只为加快检查，可随时删除）\n"


def _flip(project: Project) -> bytes:
    """The cache edited as a crafted file would be: b.md's GK006 dropped from its entry."""
    body = _payload(_cache(project))
    (row,) = [row for row in body["data"] if row[0] == "content/ghjh/b.md"]
    assert [f[3] for f in row[5]] == ["GK006"]
    row[5] = []
    return json.dumps(body, separators=(",", ":")).encode()


SUMMARY_WITHHELD = "可发布 1 篇，不发布 1 篇：content/ghjh/b.md（元数据字段重复）\n"


def test_the_cache_is_signed_json_of_plain_data(project: Project, own_key: Path) -> None:
    text = markdown().replace("published: '2021-07-05'", "published: 2021-07-05")
    project.write(
        "ghjh/a.md", text.replace("title:", "extra: {when: 2021-07-01T08:00:00+08:00}\ntitle:")
    )
    project.check()
    body = _payload(_cache(project))
    assert (body["format"], body["kind"]) == ("gongkai-cache/1", "front-matter")
    (row,) = body["data"]
    assert row[0] == "content/ghjh/a.md"
    assert row[2]["title"] == "关于印发《某某管理办法》的通知"
    assert row[3] == [
        [["extra", "when"], "2021-07-01T08:00:00+08:00"],
        [["published"], "2021-07-05"],
    ]
    assert (own_key / "gongkai" / "cache-key").stat().st_mode & 0o777 == 0o600
    cold = engine.run(project.root)
    warm = engine.run(project.root)  # the same values back: dates as dates
    assert [d.raw for d in warm.docs] == [d.raw for d in cold.docs]
    assert [d.lines for d in warm.docs] == [d.lines for d in cold.docs]


def test_an_edited_cache_cannot_publish_a_withheld_document(
    project: Project, own_key: Path
) -> None:
    _withheld_b(project)
    assert project.check().stderr.endswith(SUMMARY_WITHHELD)
    cache = _cache(project)
    mac = cache.read_bytes().partition(b"\n")[0]
    cache.write_bytes(mac + b"\n" + _flip(project))

    result = project.check()
    assert (
        result.stderr
        == _note(cache, "不是本机的 gongkai 写入的（或写入后被改动过），已丢弃并重建")
        + (result.stderr.splitlines(keepends=True)[-1])
    )
    assert result.stderr.endswith(SUMMARY_WITHHELD)
    assert result.returncode == 1

    cache.write_bytes(mac + b"\n" + _flip(project))  # the build is not fooled either
    build = project.build()
    assert "共 2 篇文档，发布 1 篇，不发布 1 篇" in build.stderr
    assert not (project.site / "gfxwj" / "b").exists()
    assert _payload(cache)["data"] != json.loads(_flip(project))["data"]  # rebuilt

    # What stands between: signed with this machine's key, the same edit is believed.
    cache.write_bytes(
        parse_cache._mac(parse_cache.cache_key(), _flip(project)) + b"\n" + _flip(project)
    )
    assert project.check().stderr.endswith("可发布 2 篇\n")


def test_a_cache_from_another_machine_is_discarded(
    project: Project, own_key: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _withheld_b(project)
    project.check()
    monkeypatch.setenv("XDG_STATE_HOME", str(own_key.parent / "elsewhere"))  # CI's fresh runner
    result = project.check()
    foreign = "不是本机的 gongkai 写入的（或写入后被改动过），已丢弃并重建"
    index = next((project.root / CACHE_DIR).glob("index-*.json"))
    assert result.stderr.startswith(_note(index, foreign) + _note(_cache(project), foreign))
    assert result.stderr.endswith(SUMMARY_WITHHELD)
    assert "缓存文件" not in project.check().stderr  # rebuilt with this machine's key


def _signed(body: object) -> bytes:
    payload = json.dumps(body).encode()
    return parse_cache._mac(parse_cache.cache_key(), payload) + b"\n" + payload


class _Marker:
    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, ("touch pickle-ran",))


DAMAGED = {
    "garbage": (lambda path: b"\x00\xff not a cache", "已损坏，已丢弃并重建"),
    "truncated": (
        lambda path: path.read_bytes()[: len(path.read_bytes()) // 2],
        "已损坏，已丢弃并重建",
    ),
    "pickle": (lambda path: pickle.dumps(_Marker()), "已损坏，已丢弃并重建"),
    "empty": (lambda path: b"", "已损坏，已丢弃并重建"),
    "json_of_another_shape": (lambda path: b'[1, 2, {"a": null}]', "已损坏，已丢弃并重建"),
    "signed_but_of_another_shape": (
        lambda path: _signed({**_payload(path), "data": {"content/ghjh/b.md": "x"}}),
        "内容与本版本不符，已丢弃并重建",
    ),
    "signed_with_a_bad_finding": (
        lambda path: _signed(
            {
                **_payload(path),
                "data": [
                    [r[0], r[1], r[2], r[3], r[4], [["x", 1, 1, "GK006", "fatal", "m", None]]]
                    for r in _payload(path)["data"]
                ],
            }
        ),
        "内容与本版本不符，已丢弃并重建",
    ),
    "signed_with_a_misplaced_date": (
        lambda path: _signed(
            {
                **_payload(path),
                "data": [
                    [*r[:3], [[["title"], "2021-07-05"]], *r[4:]] for r in _payload(path)["data"]
                ],
            }
        ),
        "内容与本版本不符，已丢弃并重建",
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_a_damaged_cache_is_noted_discarded_and_rebuilt(
    project: Project, own_key: Path, damage: str
) -> None:
    _withheld_b(project)
    cold = project.check()
    cache = _cache(project)
    make, what = DAMAGED[damage]
    cache.write_bytes(make(cache))

    result = project.check()

    assert "Traceback" not in result.stderr
    assert result.stderr == _note(cache, what) + cold.stderr
    assert (result.stdout, result.returncode) == (cold.stdout, cold.returncode)
    assert not (project.root / "pickle-ran").exists()
    assert project.check().stderr == cold.stderr  # rebuilt: no note the next time
    assert _payload(cache)["format"] == "gongkai-cache/1"


def test_old_pickles_are_removed(project: Project, own_key: Path) -> None:
    project.doc("ghjh/a.md", index_no="013544XXX/2021-00001")
    old = project.root / CACHE_DIR / "front-matter-0123456789abcdef.pickle"
    old.parent.mkdir(parents=True)
    old.write_bytes(pickle.dumps(_Marker()))
    assert "缓存文件" not in project.check().stderr
    assert not old.exists() and not (project.root / "pickle-ran").exists()
