"""A failed or killed build leaves the previous site/ as it was, and no child of the build behind.

Real builds of a generated corpus, killed with SIGKILL and SIGTERM at several moments.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sitekit import REPO, TODAY, new_project

sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import write_project


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def processes_in(root: Path) -> list[int]:
    """Processes whose working folder is the project: the build and whatever it started."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")) == root:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def start_build(root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GONGKAI_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_killed_build_leaves_the_previous_site_whole_and_no_child(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    write_project(root, 300, seed=5, layout="columns")
    started = time.monotonic()
    first = start_build(root)
    assert first.wait(timeout=600) == 0
    took = time.monotonic() - started  # a cold build, as each killed one is
    before = files(root / "site")
    assert {"index.html", "catalogue.json", "sitemap.xml", "feed.xml"} <= before
    assert any(name.startswith("pagefind/fragment/") for name in before)

    # early (reading), in the middle (pages), late (search index, verify): moments of the build's
    # own length, so that a faster machine kills it at the same stages
    for sig, share in [(signal.SIGKILL, 0.15), (signal.SIGTERM, 0.45), (signal.SIGKILL, 0.75)]:
        shutil.rmtree(root / ".cache", ignore_errors=True)
        build = start_build(root)
        time.sleep(took * share)
        assert build.poll() is None, "the build ended before it could be killed"
        build.send_signal(sig)
        build.wait(timeout=60)
        deadline = time.monotonic() + 10
        while processes_in(root) and time.monotonic() < deadline:
            time.sleep(0.1)

        assert processes_in(root) == [], f"a child outlived its build killed by {sig!r}"
        assert files(root / "site") == before, f"site/ changed by a build killed by {sig!r}"

    last = start_build(root)
    assert last.wait(timeout=600) == 0
    unhashed = {name for name in before if not name.startswith("pagefind/")}  # index: hash names
    assert unhashed <= files(root / "site")
    assert sorted(p.name for p in root.iterdir() if "site" in p.name) == ["site"]


def test_a_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.doc("ghjh/a.md")
    assert project.build().returncode == 0
    before = files(project.site)
    project.doc("ghjh/b.md", index_no="013544XXX/2021-00001")  # a second document, same 索引号

    result = project.build()

    assert result.returncode == 1
    assert "构建有错误：" in result.stderr and "保持上一次构建的网站不变" in result.stderr
    assert files(project.site) == before
    assert [p.name for p in tmp_path.iterdir() if "site" in p.name] == ["site"]


def test_site_existing_as_a_file_is_a_chinese_message(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.doc("ghjh/a.md")
    project.site.write_text("not a folder", encoding="utf-8")

    result = project.build()

    assert result.returncode == 1
    assert (
        f"{project.site} 是一个文件而不是目录：网站要构建到这里，请删去或改名该文件后重新构建"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_build_writes_site_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.doc("ghjh/a.md")

    assert project.build().returncode == 0
    assert (project.site / "ghjh" / "a" / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir() if "site" in p.name] == ["site"]
