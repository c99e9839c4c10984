from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sitekit import TODAY, Project, new_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    # Checks run in the test process see the day the project's builds and checks are run for.
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    return new_project(tmp_path)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content built once per test worker, strictly, for today 2026-11-26."""
    from sitekit import REPO, run

    site = tmp_path_factory.mktemp("example") / "site"
    result = run(["-m", "mkdocs", "build", "--strict", "-d", str(site)], REPO, today="2026-11-26")
    assert result.returncode == 0, result.stderr
    return site
