"""`python -m gongkai report audit`: the 19号 inspection scorecard, answered item by item with
evidence on the site that is actually published (the built `site/` and the published documents).

It is a report: exit 0 whenever it could be written, whatever it says (CI keeps it as a step
summary and an artifact and does not fail on it); `--strict` exits 1 when a 单项否决 item or a
readiness item fails; 2 when it could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from gongkai import engine
from gongkai.config.settings import ConfigError, find_root
from gongkai.reports.audit import indicators
from gongkai.reports.audit.evidence import gather
from gongkai.reports.audit.html import as_html
from gongkai.reports.audit.render import as_json, as_markdown, as_text
from gongkai.reports.audit.scorecard import Scorecard, scorecard

EXIT_OK, EXIT_FAILED = 0, 1
RENDER = {"text": as_text, "markdown": as_markdown, "json": as_json, "html": as_html}


def audit(root: Path, site_dir: Path | None) -> Scorecard:
    """The scorecard of the project at `root` on its day, with the built site when given."""
    if site_dir is not None and not (site_dir / "index.html").is_file():
        raise ConfigError(f"{site_dir}: 不是已构建的网站（没有 index.html）：请先运行 mkdocs build")
    site = engine.run(root)
    return scorecard(indicators.load(), gather(site, site_dir), site_dir)


def _inside(path: Path, folder: Path) -> bool:
    path, folder = Path(os.path.abspath(path)), Path(os.path.abspath(folder))
    return path == folder or folder in path.parents


def _check_output(path: Path, root: Path, site_dir: Path | None) -> None:
    """The report is never written where it would be published or built from."""
    from gongkai.links.markdown import mkdocs_config

    config = mkdocs_config(root)
    public = [
        root / str(config.get("site_dir") or "site"),
        root / str(config.get("docs_dir") or "docs"),
    ]
    for folder in public + ([site_dir] if site_dir is not None else []):
        if _inside(path, folder):
            raise ConfigError(
                f"{path}: 在 {os.path.relpath(folder)}/ 里，会随网站发布：自查报告只能写在网站之外，"
                "如 reports/audit.html"
            )


def _run(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root))
    site_dir = Path(args.site) if args.site else None
    outputs = [(Path(p), fmt) for p, fmt in ((args.output, args.format), (args.html, "html")) if p]
    for path, _ in outputs:
        _check_output(path, root, site_dir)
    card = audit(root, site_dir)
    if not args.output:
        sys.stdout.write(RENDER[args.format](card))
    for path, fmt in outputs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(RENDER[fmt](card), encoding="utf-8")
    failed = card.total.vetoed or card.total.not_ready
    return EXIT_FAILED if args.strict and failed else EXIT_OK


def add_parser(reports: Any) -> None:
    p = reports.add_parser(
        "audit", help="网站自查记分卡（国办秘函〔2019〕19号 政府网站检查指标），不在网站发布"
    )
    p.add_argument("root", nargs="?", default=".", help="项目目录（默认当前目录）")
    p.add_argument("--site", help="构建好的网站目录（如 site/）：核查页面、附件、搜索索引和链接")
    p.add_argument(
        "--format",
        choices=list(RENDER),
        default="text",
        help="输出格式：text（默认）、markdown（CI 摘要）、json（供程序读取）、html（网页）",
    )
    p.add_argument("--output", help="把报告写入该文件（不打印）；不能在网站目录里")
    p.add_argument("--html", help="另把 HTML 网页版写入该文件（如 reports/audit.html）")
    p.add_argument(
        "--strict", action="store_true", help="有单项否决或上线准备不通过时退出码为 1（默认总是 0）"
    )
    p.set_defaults(func=_run)
