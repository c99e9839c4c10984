"""scripts/find-browser.sh picks the browser the tests drive, the same on Debian and on GitHub's
Ubuntu runners (where `chromium` is a snap stub and Google Chrome is preinstalled); system-deps.sh
says in Chinese what it found, and tests/browser.py launches that same browser."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from browser import executable
from sitekit import REPO

FIND = REPO / "scripts" / "find-browser.sh"
SNAP_STUB = """#!/bin/sh
echo "Command '$0' requires the chromium snap to be installed." >&2
exit 1
"""


def program(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


def tools(folder: Path) -> Path:
    """A PATH entry with only what find-browser.sh itself needs: no browser the machine has."""
    folder.mkdir()
    for name in ("timeout", "grep"):
        (folder / name).symlink_to(shutil.which(name) or name)
    return folder


def find(path: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "GONGKAI_CHROMIUM"}
    return subprocess.run(
        [shutil.which("bash") or "/bin/bash", str(FIND)],
        env={**clean, "PATH": path, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_snap_stub_chromium_is_skipped_for_preinstalled_google_chrome(tmp_path: Path) -> None:
    program(tmp_path, "chromium", SNAP_STUB)
    program(tmp_path, "chromium-browser", SNAP_STUB)
    chrome = program(tmp_path, "google-chrome", "#!/bin/sh\necho 'Google Chrome 131.0.6778.85 '\n")

    result = find(f"{tmp_path}:{tools(tmp_path / 'tools')}")

    assert (result.returncode, result.stdout) == (0, f"{chrome}\n")


def test_only_a_snap_stub_is_no_browser(tmp_path: Path) -> None:
    program(tmp_path, "chromium", SNAP_STUB)

    result = find(f"{tmp_path}:{tools(tmp_path / 'tools')}")

    assert (result.returncode, result.stdout) == (1, "")


def test_gongkai_chromium_comes_first_when_it_runs(tmp_path: Path) -> None:
    mine = program(tmp_path, "my-chromium", "#!/bin/sh\necho 'Chromium 140.0.7339.80'\n")

    result = find(f"{tmp_path}:/usr/bin:/bin", GONGKAI_CHROMIUM=str(mine))

    assert result.stdout == f"{mine}\n"


def test_system_deps_names_the_browser_the_tests_launch() -> None:
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "system-deps.sh")],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.startswith(f"浏览器测试使用：{executable()}（")
    assert "Chrom" in last
