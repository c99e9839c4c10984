from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sitekit import Project, new_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path)
