"""Engine portability: ProperDocs (the MkDocs 1.x continuation) builds the same site from the same
mkdocs.yml and hooks as MkDocs does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitekit import REPO, TODAY, run


@dataclass
class Built:
    site: Path
    log: str


@pytest.fixture(scope="module")
def properdocs(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    args = ["-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)]
    result = run(args, REPO, today=TODAY)
    assert result.returncode == 0, result.stderr
    return Built(site, result.stdout + result.stderr)


def pages(site: Path) -> set[str]:
    """Every output file, except the search index chunks, whose names are content hashes."""
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")
    }


def test_properdocs_builds_the_example_site_with_the_same_files(
    properdocs: Built, example_site: Path
) -> None:
    assert len(pages(example_site)) > 50
    assert pages(properdocs.site) == pages(example_site)


def test_properdocs_runs_the_hooks_and_the_publication_gate(
    properdocs: Built, example_site: Path
) -> None:
    assert re.search(r"gongkai: 共 \d+ 篇文档，发布 \d+ 篇，不发布 \d+ 篇", properdocs.log)
    for name in ("sitemap.xml", "catalogue.json", "catalogue.csv"):
        assert (properdocs.site / name).read_bytes() == (example_site / name).read_bytes(), name
