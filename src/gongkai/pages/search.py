"""Site search: a search page, and Pagefind's chunked index written after MkDocs has built the site.

Pagefind (`pagefind[extended]`: CJK segmentation, runs offline from the binary in its wheel) won
the comparison in `bench/README.md`: it finds infixes such as 许可 in 行政许可 and 发文字号, and a
first query fetches a few chunks instead of the whole index. Only document pages are indexed
(`data-pagefind-body` in theme_overrides/main.html), with filters 栏目, 年份 and 有效性.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gongkai.findings import Finding
from gongkai.rules.media import SEARCH_INDEX
from gongkai.site import Site

PAGE = "search/index.md"

SEARCH_MARKDOWN = """\
# 站内搜索

<form id="gk-search" class="gk-search" role="search" action="./" method="get" data-pagefind="../pagefind/">
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

<p id="gk-search-status" role="status" aria-live="polite">搜索需要浏览器启用 JavaScript；也可以通过左侧的栏目列表按年份查找。</p>
<ol id="gk-results" class="gk-results"></ol>

<script src="../assets/javascripts/gongkai-search.js"></script>
"""


def pages(site: Site) -> list[tuple[str, str]]:
    return [(PAGE, SEARCH_MARKDOWN)]


def write(site: Site, site_dir: Path) -> list[Finding]:
    """Index the built site with Pagefind; a failure fails the build (GK399)."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0 and (site_dir / "pagefind" / "pagefind.js").is_file():
        return []
    reason = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["没有输出"]
    return [
        SEARCH_INDEX.at(
            "mkdocs.yml",
            1,
            1,
            f"站内搜索索引没有生成（Pagefind：{reason[0]}）",
            "运行 pip install -r requirements.txt 安装 pagefind[extended] 后重新构建",
        )
    ]
