"""One engine, three doors: the `check` command, the MkDocs hooks and CI all call `run`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gongkai import rules
from gongkai.config import ConfigError, load_config
from gongkai.context import Context, today_from_env
from gongkai.findings import Finding
from gongkai.site import Site, build_site


def find_root(start: Path) -> Path:
    """The project root: the nearest folder at or above `start` holding gongkai.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "gongkai.yml").is_file():
            return folder
    raise ConfigError(f"在 {start} 及其上级目录中找不到 gongkai.yml：请在项目目录中运行")


def make_context(root: Path) -> Context:
    config = load_config(root)
    unknown = sorted(set(config.severity) - set(rules.load_all()))
    if unknown:
        raise ConfigError(f"gongkai.yml 的 severity 中有不存在的规则：{'、'.join(unknown)}")
    return Context(config=config, today=today_from_env())


def run(root: Path) -> Site:
    """Index and check the whole content tree of the project at `root`."""
    return build_site(make_context(root))


def select(site: Site, paths: Sequence[Path]) -> list[Finding]:
    """The findings that concern the given files or folders (all when none are given)."""
    if not paths:
        return site.findings
    root = site.ctx.config.root
    wanted: list[str] = []
    for p in paths:
        resolved = p.resolve()
        if not resolved.exists():
            raise ConfigError(f"{p}: 文件或目录不存在")
        wanted.append(resolved.relative_to(root).as_posix() if resolved != root else "")
    return [
        f
        for f in site.findings
        if any(w == "" or f.path == w or f.path.startswith(w.rstrip("/") + "/") for w in wanted)
    ]
