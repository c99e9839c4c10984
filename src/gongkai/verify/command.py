"""The `verify` command: exit 0 clean, 1 with one line per hit, 2 when it could not run."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from gongkai import engine
from gongkai.config.settings import ConfigError, find_root
from gongkai.content.site import Site
from gongkai.verify.scan import Hit, scan


def register(sub: Any) -> None:
    p = sub.add_parser("verify", help="发布前核查构建好的网站：不发布的文档、个人信息、密级标志")
    p.add_argument("site_dir", help="构建好的网站目录，如 site/")
    p.set_defaults(func=run)


def verify(site_dir: Path, site: Site, shown_as: str | None = None) -> list[Hit]:
    """The hits in a built site, for the engine's `site` (its withheld documents, its day)."""
    if not site_dir.is_dir():
        raise ConfigError(f"{site_dir}: 不是构建好的网站目录：先运行 mkdocs build")
    shown = shown_as if shown_as is not None else os.path.normpath(str(site_dir))
    return scan(site_dir, shown, site, site.ctx.today)


def lines(hits: list[Hit]) -> str:
    return "".join(f"{h.file}: {h.what}，不能发布\n" for h in hits)


def run(args: argparse.Namespace) -> int:
    site_dir = Path(args.site_dir)
    site = engine.run(find_root(Path.cwd()))
    hits = verify(site_dir, site)
    sys.stdout.write(lines(hits))
    summary = (
        f"核查了 {site_dir}：{len(hits)} 处不能发布的内容"
        if hits
        else f"核查了 {site_dir}：未发现不能发布的内容"
    )
    print(summary, file=sys.stderr)
    return 1 if hits else 0
