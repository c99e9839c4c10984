"""Site search: a search page, and Pagefind's chunked index built while MkDocs writes the site.

Pagefind (`pagefind[extended]`: CJK segmentation, runs offline from the binary in its wheel) won
the comparison in `bench/README.md`: it finds infixes such as 许可 in 行政许可 and 发文字号, and a
first query fetches a few chunks instead of the whole index. Only document pages are indexed
(`data-pagefind-body` in theme_overrides/main.html), with filters 栏目, 年份 and 有效性. The
search page also runs a query with its synonyms (`data/synonyms.yml`, embedded as JSON) and merges
the results, so that 探视 finds the 会见 documents.

Pagefind holds its whole index in memory (about 150 KB per document: 1.5 GB for 10,000), so a
big site is indexed as several bundles of whole top folders, at most `search.bundle_documents`
(gongkai.yml, default 3,000: about 450 MB for Pagefind) documents each, one after another; the search page merges them in the browser (`mergeIndex`). Each bundle
is indexed in a background thread as soon as MkDocs has written its last page, so the indexing
runs on the second core while the build goes on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import yaml

from gongkai.content.site import Site
from gongkai.findings import Finding
from gongkai.processes import die_with_parent
from gongkai.rules.media import SEARCH_INDEX

PAGE = "search/index.md"

SEARCH_MARKDOWN = """\
# 站内搜索

<form id="gk-search" class="gk-search" role="search" action="./" method="get" data-pagefind="../{primary}/" data-pagefind-merge="{merge}">
<p>
<label for="gk-q">搜索词语、发文字号或索引号</label>
<input id="gk-q" name="q" type="search" placeholder="例如：会见、吉狱发〔2022〕4号">
<button type="submit" class="gk-btn">搜索</button>
</p>
<p class="gk-search__filters">
<label for="gk-f-column">栏目</label> <select id="gk-f-column" name="栏目"><option value="">全部</option></select>
<label for="gk-f-year">年份</label> <select id="gk-f-year" name="年份"><option value="">全部</option></select>
<label for="gk-f-status">有效性</label> <select id="gk-f-status" name="有效性"><option value="">全部</option></select>
</p>
</form>

<p id="gk-search-status" role="status" aria-live="polite">搜索需要浏览器启用JavaScript；也可以通过左侧的栏目列表按年份查找。</p>
<ol id="gk-results" class="gk-results"></ol>

<script type="application/json" id="gk-synonyms">{synonyms}</script>
<script src="../assets/javascripts/gongkai-search.js"></script>
"""


def bundles(site: Site) -> list[list[str]]:
    """The top folders of the published documents, grouped into bundles of at most
    `search.bundle_documents` documents (a folder bigger than that is a bundle of its own)."""
    limit = site.ctx.config.search_bundle
    counts = Counter(site.urls[s].split("/", 1)[0] for s in site.published)
    groups: list[list[str]] = [[]]
    size = 0
    for folder in sorted(counts):
        if groups[-1] and size + counts[folder] > limit:
            groups.append([])
            size = 0
        groups[-1].append(folder)
        size += counts[folder]
    return groups


def bundle_dir(number: int) -> str:
    """pagefind/ for the first bundle (it also serves pagefind.js), pagefind-2/ … for the others."""
    return "pagefind" if number == 0 else f"pagefind-{number + 1}"


def synonyms() -> list[list[str]]:
    """The synonym groups of `data/synonyms.yml`: a query with one term is also run with the others."""
    text = resources.files("gongkai.data").joinpath("synonyms.yml").read_text("utf-8")
    return [[str(term) for term in group] for group in yaml.safe_load(text)["groups"]]


def pages(site: Site) -> list[tuple[str, str]]:
    merge = " ".join(f"../{bundle_dir(k)}/" for k in range(1, len(bundles(site))))
    groups = json.dumps(synonyms(), ensure_ascii=False).replace("</", "<\\/")
    markdown = SEARCH_MARKDOWN.replace("{primary}", bundle_dir(0)).replace("{merge}", merge)
    return [(PAGE, markdown.replace("{synonyms}", groups))]


class Indexer:
    """Indexes each bundle once all its pages are written; one Pagefind process at a time.

    `written(dest)` is called once the page `dest` is on disk. `finish()` indexes what is left
    and waits; it returns GK399 for a bundle that failed.
    """

    def __init__(self, site: Site, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.groups = bundles(site)
        folder_bundle = {f: k for k, group in enumerate(self.groups) for f in group}
        self.waiting: list[set[str]] = [set() for _ in self.groups]
        for src_uri in site.published:
            url = site.urls[src_uri]
            self.waiting[folder_bundle[url.split("/", 1)[0]]].add(url + "index.html")
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind")
        self.runs: dict[int, Future[Finding | None]] = {}

    def written(self, dest: str) -> None:
        for k, waiting in enumerate(self.waiting):
            waiting.discard(dest)
            if not waiting and self.groups[k]:
                self._start(k)

    def flush(self) -> None:
        """MkDocs has written every page: start the bundles not started yet."""
        for k in range(len(self.groups)):
            self._start(k)

    def finish(self) -> list[Finding]:
        self.flush()
        try:
            return [f for run in self.runs.values() if (f := run.result()) is not None]
        finally:
            self.pool.shutdown()

    def _start(self, k: int) -> None:
        if k not in self.runs:
            self.runs[k] = self.pool.submit(self._index, k)

    def _index(self, k: int) -> Finding | None:
        out = self.site_dir / bundle_dir(k)
        command = [sys.executable, "-m", "pagefind", "--site", str(self.site_dir), "--silent"]
        command += ["--output-path", str(out)]
        if folders := self.groups[k]:  # else nothing is published: Pagefind indexes every page
            pattern = folders[0] if len(folders) == 1 else "{" + ",".join(folders) + "}"
            command += ["--glob", f"{pattern}/**/*.html"]
            # Only the indexed part parsed, not the nav and header around it: the same records
            # (compared on 2,460 documents), a quarter less CPU (bench/README.md).
            command += ["--root-selector", "[data-pagefind-body]"]
        parent = os.getpid()
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            preexec_fn=lambda: die_with_parent(parent),  # Pagefind stops with a killed build
        )
        if result.returncode == 0 and (out / "pagefind.js").is_file():
            return None
        reason = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["没有输出"]
        return SEARCH_INDEX.at(
            "mkdocs.yml",
            1,
            1,
            f"站内搜索索引 {bundle_dir(k)}/ 没有生成（Pagefind：{reason[0]}）",
            "运行 pip install -r requirements.txt 安装 pagefind[extended] 后重新构建",
        )
