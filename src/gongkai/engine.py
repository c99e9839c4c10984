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


def run(root: Path, paths: Sequence[Path] = ()) -> Site:
    """Index the whole content tree at `root`; run the document rules on `paths` (all if none)."""
    wanted = _wanted(root, paths)
    focus = None if wanted is None else (lambda rel: _matches(rel, wanted))
    return build_site(make_context(root), focus=focus)


def _wanted(root: Path, paths: Sequence[Path]) -> list[str] | None:
    """Repo-relative forms of the given files or folders; None means everything."""
    if not paths:
        return None
    wanted: list[str] = []
    for p in paths:
        resolved = p.resolve()
        if not resolved.exists():
            raise ConfigError(f"{p}: 文件或目录不存在")
        try:
            wanted.append(
                resolved.relative_to(root.resolve()).as_posix()
                if resolved != root.resolve()
                else ""
            )
        except ValueError:
            raise ConfigError(f"{p}: 不在项目目录 {root} 中") from None
    return wanted


def _matches(rel: str, wanted: list[str]) -> bool:
    return any(w == "" or rel == w or rel.startswith(w.rstrip("/") + "/") for w in wanted)


def select(site: Site, paths: Sequence[Path]) -> list[Finding]:
    """The findings that concern the given files or folders (all when none are given)."""
    wanted = _wanted(site.ctx.config.root, paths)
    if wanted is None:
        return site.findings
    return [f for f in site.findings if _matches(f.path, wanted)]
