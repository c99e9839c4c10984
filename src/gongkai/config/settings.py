"""Site configuration: `gongkai.yml` beside `mkdocs.yml`, and the column tree from package data."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from gongkai.findings import Severity

CONFIG_NAME = "gongkai.yml"


class ConfigError(Exception):
    """The configuration itself is unusable; the command cannot run (exit 2)."""


@dataclass(frozen=True)
class Column:
    name: str
    segment: str
    types: tuple[str, ...]
    fields: dict[str, tuple[str, ...] | None]
    update_days: int | None
    parent: str | None


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: str
    organisation: str
    org_code: str
    units: tuple[str, ...]
    facts: dict[str, Any]
    examples: tuple[str, ...]
    severity: dict[str, Severity]
    columns: tuple[Column, ...]
    tree: tuple[tuple[str, tuple[Column, ...]], ...] = field(default=())
    search_bundle: int = 3000  # documents per search-index bundle (memory of the indexer)
    editor_backend: dict[str, Any] = field(default_factory=dict)  # the web editor's git host

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    def column_by_segment(self, segment: str) -> Column | None:
        return next((c for c in self.columns if c.segment == segment), None)

    def column_by_name(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def is_example(self, src_uri: str) -> bool:
        """Matched by an `examples` pattern and by no `!pattern` exception."""
        include = [p for p in self.examples if not p.startswith("!")]
        exclude = [p[1:] for p in self.examples if p.startswith("!")]
        return any(fnmatch.fnmatch(src_uri, p) for p in include) and not any(
            fnmatch.fnmatch(src_uri, p) for p in exclude
        )


def segment_for(name: str) -> str:
    """规范性文件 → gfxwj: first letters of the pinyin, the usual gov-site convention."""
    from pypinyin import Style, lazy_pinyin  # only for columns declared without a segment

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def _column(raw: dict[str, Any], parent: str | None) -> Column:
    fields = {
        key: tuple(choices) if choices else None
        for key, choices in (raw.get("fields") or {}).items()
    }
    return Column(
        name=raw["name"],
        segment=raw.get("segment") or segment_for(raw["name"]),
        types=tuple(raw["types"]),
        fields=fields,
        update_days=raw.get("update"),
        parent=parent,
    )


def load_columns(raw_tree: list[dict[str, Any]]) -> tuple[tuple[Column, ...], tuple]:
    columns: list[Column] = []
    tree: list[tuple[str, tuple[Column, ...]]] = []
    for node in raw_tree:
        if "children" in node:
            children = tuple(_column(child, node["name"]) for child in node["children"])
            columns.extend(children)
            tree.append((node["name"], children))
        else:
            col = _column(node, None)
            columns.append(col)
            tree.append((col.name, (col,)))
    segments = [c.segment for c in columns]
    duplicates = sorted({s for s in segments if segments.count(s) > 1})
    if duplicates:
        raise ConfigError(
            f"栏目网址段重复：{'、'.join(duplicates)}；请在 columns.yml 里为其写明 segment"
        )
    return tuple(columns), tuple(tree)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: 无法读取站点配置（{e.strerror}）") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f"第 {mark.line + 1} 行" if mark else ""
        raise ConfigError(f"{path}: {line}YAML 语法错误，请检查缩进和冒号") from e
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: 站点配置应为“键: 值”形式的映射")
    return data


def _severities(raw: dict[str, Any], path: Path) -> dict[str, Severity]:
    out: dict[str, Severity] = {}
    for rule_id, value in (raw or {}).items():
        try:
            out[str(rule_id)] = Severity(value)
        except ValueError:
            raise ConfigError(
                f"{path}: severity 中 {rule_id} 的级别“{value}”无效，应为 error、warning 或 info"
            ) from None
    return out


def _search_bundle(raw: dict[str, Any], path: Path) -> int:
    section = raw.get("search") or {}
    value = section.get("bundle_documents", 3000) if isinstance(section, dict) else section
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(
            f"{path}: search.bundle_documents 应为正整数（每个搜索索引包收录的文档数），"
            f"现在是“{value}”"
        )
    return value


def find_root(start: Path) -> Path:
    """The project root: the nearest folder at or above `start` holding gongkai.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ConfigError(f"在 {start} 及其上级目录中找不到 gongkai.yml：请在项目目录中运行")


def load_config(root: Path) -> SiteConfig:
    """Read `gongkai.yml` at the project root; raise ConfigError with a Chinese reason."""
    path = root / CONFIG_NAME
    raw = _read_yaml(path)
    for key in ("organisation", "org_code"):
        if not raw.get(key):
            raise ConfigError(f"{path}: 缺少 {key}（主办单位名称 / 索引号前段码）")
    tree_text = resources.files("gongkai.data").joinpath("columns.yml").read_text("utf-8")
    columns, tree = load_columns(yaml.safe_load(tree_text))
    return SiteConfig(
        root=root,
        docs_dir=raw.get("docs_dir", "content"),
        organisation=raw["organisation"],
        org_code=str(raw["org_code"]),
        units=tuple(raw.get("units") or ()),
        facts=raw.get("site") or {},
        examples=tuple(raw.get("examples") or ()),
        severity=_severities(raw.get("severity") or {}, path),
        columns=columns,
        tree=tree,
        search_bundle=_search_bundle(raw, path),
        editor_backend=(raw.get("editor") or {}).get("backend") or {},
    )
