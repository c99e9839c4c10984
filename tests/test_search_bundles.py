"""A site indexed in several Pagefind bundles searches as one, in a real Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import SEARCH_DONE, chromium, serve, site_path
from sitekit import GONGKAI_YML, new_project

from gongkai.config.settings import ConfigError, load_config

# folder: (column name = the 栏目 filter, document type)
COLUMNS = {
    "ghjh": ("规划计划", "工作要点"),
    "rsxx": ("人事信息", "人事任免"),
    "tjxx": ("统计信息", "统计信息"),
}


def test_documents_in_three_bundles_are_found_and_filtered_together(tmp_path: Path) -> None:
    project = new_project(tmp_path, GONGKAI_YML + "search:\n  bundle_documents: 2\n")
    for k, (segment, (_, kind)) in enumerate(COLUMNS.items(), start=1):
        for i in (1, 2):
            project.doc(
                f"{segment}/doc-{i}.md",
                body=f"本文件规定罪犯亲属会见的办理程序。编号{segment}{i}。\n",
                title=f"{kind}第{i}号",
                type=kind,
                index_no=f"013544XXX/2021-{k * 10 + i:05d}",
            )
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    site = project.site
    bundles = sorted(p.name for p in site.iterdir() if p.name.startswith("pagefind"))
    assert bundles == ["pagefind", "pagefind-2", "pagefind-3"]
    page = (site / "search" / "index.html").read_text("utf-8")
    assert 'data-pagefind-merge="../pagefind-2/ ../pagefind-3/"' in page

    with serve(site) as base, chromium() as browser:
        tab = browser.new_page()
        tab.goto(base + "search/?q=会见")
        tab.wait_for_function(SEARCH_DONE)
        found = {
            site_path(a).split("/")[1]
            for a in tab.eval_on_selector_all("#gk-results a", "as => as.map(a => a.href)")
        }
        assert found == set(COLUMNS)
        titles = tab.eval_on_selector_all("#gk-results a", "as => as.map(a => a.textContent)")
        assert sorted(titles) == sorted(
            f"{kind}第{i}号" for _, kind in COLUMNS.values() for i in (1, 2)
        )
        options = tab.eval_on_selector_all(
            "#gk-f-column option", "os => os.map(o => o.value).filter(Boolean)"
        )
        assert set(options) == {name for name, _ in COLUMNS.values()}
        tab.goto(base + "search/?" + "q=会见&栏目=统计信息")
        tab.wait_for_function(SEARCH_DONE)
        hrefs = tab.eval_on_selector_all("#gk-results a", "as => as.map(a => a.href)")
        assert {site_path(a).split("/")[1] for a in hrefs} == {"tjxx"}
        assert parse_qs(urlsplit(tab.url).query)["栏目"] == ["统计信息"]


@pytest.mark.parametrize("value", ["0", "三千", "[1]"])
def test_a_bad_bundle_size_is_named_in_chinese(tmp_path: Path, value: str) -> None:
    project = new_project(tmp_path, GONGKAI_YML + f"search:\n  bundle_documents: {value}\n")
    with pytest.raises(ConfigError, match=r"search\.bundle_documents 应为正整数"):
        load_config(project.root)
