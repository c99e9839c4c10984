"""Site configuration: `gongkai.yml` beside `mkdocs.yml`, and the column tree from package data."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from gongkai.config.yaml_limits import beyond_limits
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
class Reviewer:
    """A person who may give 公开属性与保密审查, and the git identity they commit with."""

    name: str
    email: str


FACT_FILES = ("logo", "favicon", "badge_image")  # gongkai.yml site: keys naming a file of content/


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: str
    organisation: str
    org_code: str
    units: tuple[str, ...]
    facts: dict[str, Any]
    contact: dict[str, str]  # 咨询留言 channels (gongkai.yml `contact:`), only what is configured
    examples: tuple[str, ...]
    severity: dict[str, Severity]
    columns: tuple[Column, ...]
    tree: tuple[tuple[str, tuple[Column, ...]], ...] = field(default=())
    search_bundle: int = 3000  # documents per search-index bundle (memory of the indexer)
    editor_backend: dict[str, Any] = field(default_factory=dict)  # the web editor's git host
    reviewers: tuple[Reviewer, ...] = ()

    @property
    def fact_files(self) -> dict[str, str]:
        """The files of `content/` that `site:` names (logo, favicon, the 党政机关 badge): published
        with every page, scanned like the home text's files."""
        return {k: str(self.facts[k]) for k in FACT_FILES if self.facts.get(k)}

    def reviewer(self, name: str) -> Reviewer | None:
        return next((r for r in self.reviewers if r.name == name), None)

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    def column_by_segment(self, segment: str) -> Column | None:
        return next((c for c in self.columns if c.segment == segment), None)

    def column_by_name(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def is_example(self, src_uri: str) -> bool:
        """Listed in `examples`: the files the project ships to show the column, by name."""
        return src_uri in self.examples


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
        text = path.read_text(encoding="utf-8")
        if (beyond := beyond_limits(text, yaml.SafeLoader)) is not None:
            raise ConfigError(f"{path}: 第 {beyond[0] + 1} 行{beyond[2]}")
        data = yaml.safe_load(text)
    except OSError as e:
        raise ConfigError(f"{path}: 无法读取站点配置（{e.strerror}）") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: 不是 UTF-8 编码：请在编辑器中以 UTF-8 编码另存") from e
    except (ValueError, OverflowError) as e:
        raise ConfigError(f"{path}: 有不存在的日期或时间（{e}）：日期写成 YYYY-MM-DD") from e
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


def _reviewers(raw: Any, path: Path) -> tuple[Reviewer, ...]:
    example = "例如 reviewers: [{name: 李某, email: limou@example.gov.cn}]"
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: reviewers 应为审查人名单（姓名和提交用的 git 邮箱），{example}")
    out: list[Reviewer] = []
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not item.get("name") or "@" not in str(item.get("email")):
            raise ConfigError(f"{path}: reviewers 第 {i} 项应写 name 和 email，{example}")
        out.append(Reviewer(str(item["name"]), str(item["email"]).lower()))
    return tuple(out)


CONTACT_KEYS = ("message_url", "mailbox", "hotline", "office_hours", "handling", "reply")


def _contact(raw: dict[str, Any], path: Path) -> dict[str, str]:
    section = raw.get("contact") or {}
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: contact 应为“键: 值”形式的映射（咨询留言渠道）")
    unknown = sorted(set(section) - set(CONTACT_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: contact 中有未知的项 {'、'.join(map(str, unknown))}："
            f"可写的项为 {'、'.join(CONTACT_KEYS)}"
        )
    return {k: str(v).strip() for k, v in section.items() if v is not None and str(v).strip()}


def find_root(start: Path) -> Path:
    """The project root: the nearest folder at or above `start` holding gongkai.yml."""
    # Where the path is written first: a link that leaves the project still names its file in it.
    for begin in dict.fromkeys((Path(os.path.abspath(start)), start.resolve())):
        for folder in (begin, *begin.parents):
            if (folder / CONFIG_NAME).is_file():
                return folder.resolve()
    raise ConfigError(f"在 {start.resolve()} 及其上级目录中找不到 gongkai.yml：请在项目目录中运行")


def invocation(cwd: Path) -> str:
    """The command that runs this tool, as an editor in `cwd` can type it: the installed
    `gongkai` script when that is what ran, else this Python with `-m gongkai`."""
    if Path(sys.argv[0]).name == "gongkai":
        return "gongkai"
    python = Path(sys.executable)
    if python.is_relative_to(cwd.resolve()):
        python = python.relative_to(cwd.resolve())
    return f"{python.as_posix()} -m gongkai"


def _examples(raw: dict[str, Any], path: Path) -> tuple[str, ...]:
    """The example files, each by its path under docs_dir: a pattern would mark new documents."""
    examples = tuple(str(e) for e in raw.get("examples") or ())
    for entry in examples:
        if any(c in entry for c in "*?[!"):
            raise ConfigError(
                f"{path}: examples 中的“{entry}”是通配符：请逐个列出示例文件（如 gfxwj/2022-hjglbf.md），"
                "通配符会把编辑新写的正式文档也标成“示例文档”"
            )
    return examples


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
        contact=_contact(raw, path),
        examples=_examples(raw, path),
        severity=_severities(raw.get("severity") or {}, path),
        columns=columns,
        tree=tree,
        search_bundle=_search_bundle(raw, path),
        reviewers=_reviewers(raw.get("reviewers") or [], path),
        editor_backend=(raw.get("editor") or {}).get("backend") or {},
    )
