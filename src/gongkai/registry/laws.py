"""The regulation registry: national laws and administrative regulations the bureau cites.

The data lives in `data/regulations.yml` (or `regulations.yml` at the project root, which then
takes precedence). Every version block carries the `source` of its dates; an item that could not be
confirmed says `confirmed: false` and why in `note`. The build only reads the file: refreshing it
from an export of the national law database is `python -m gongkai registry import FILE`
(`gongkai.registry.importer`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from gongkai.content.model import Date

FILE_NAME = "regulations.yml"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the packaged file is large
PREFIX = "中华人民共和国"
STATUSES = ("有效", "已修改", "已废止", "尚未生效")  # the national database's vocabulary
RegStatus = Literal["有效", "已修改", "已废止", "尚未生效"]
Text = Annotated[str, Field(min_length=1, strict=True)]

HEADER = """\
# 国家法律、行政法规登记表：法律法规的现行版本、旧版本和时效性。检查规则 GK110–GK113 据此核对
# 正文中的《……》引用；构建时只读本文件，不联网。
#
# 每个版本块（current / superseded）都必须写 source（日期的出处）；未能核实的条目写
# confirmed: false 并在 note 中说明。status 采用国家法律法规数据库的用语：有效、已修改、已废止、尚未生效。
# 内置登记表由 python -m gongkai registry import 生成（命令和数据日期见 README“法规登记表”）；
# 项目根目录的 regulations.yml 逐条改正、补充内置登记表。该命令会改写目标文件（注释只保留本段说明）。
"""


class RegistryError(Exception):
    """The registry file is unusable; one Chinese sentence saying where and what."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Marker(Strict):
    """Text that only a superseded version contains, and what the current version says instead."""

    pattern: Text
    current: Text

    @model_validator(mode="after")
    def _compiles(self) -> Marker:
        try:
            re.compile(self.pattern)
        except re.error as e:
            raise ValueError(
                f"markers.pattern 不是有效的正则表达式（{e}）：{self.pattern}"
            ) from None
        return self


class Version(Strict):
    label: Text | None = None  # how texts name this version, e.g. 2007年版
    promulgated: Date | None = None  # 公布日期（修订、修正后重新公布的日期）
    effective: Date | None = None  # 施行日期
    order: Text | None = None  # 令号, e.g. 国务院令第711号
    source: Text
    markers: list[Marker] = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> Version:
        if self.promulgated and self.effective and self.effective < self.promulgated:
            raise ValueError(f"施行日期 {self.effective} 早于公布日期 {self.promulgated}")
        return self

    def describe(self) -> str:
        """2019年4月3日国务院令第711号公布，自2019年5月15日起施行"""
        parts = []
        if self.promulgated:
            parts.append(f"{cn(self.promulgated)}{self.order or ''}公布")
        elif self.order:
            parts.append(self.order)
        if self.effective:
            parts.append(f"自{cn(self.effective)}起施行")
        return "，".join(parts) or (self.label or "")


class Regulation(Strict):
    name: Text
    aliases: list[Text] = []
    kind: Literal["宪法", "法律", "行政法规", "国务院办公厅文件", "部门规章"]
    status: RegStatus
    repealed: Date | None = None
    repealed_source: Text | None = None
    replaced_by: Text | None = None
    current: Version
    superseded: list[Version] = []
    confirmed: bool = True
    note: Text | None = None

    @model_validator(mode="after")
    def _sources_and_notes(self) -> Regulation:
        if not self.confirmed and not self.note:
            raise ValueError("confirmed: false 的条目必须在 note 中说明哪些内容未能核实")
        if self.repealed and not self.repealed_source:
            raise ValueError("写了 repealed（废止日期）就必须写 repealed_source（出处）")
        return self

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def cn(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


_HALF_PARENS = str.maketrans("()", "（）")


def normalise(name: str) -> str:
    """《中华人民共和国监狱法》, 《监狱法》 and 《 监狱法 》 name the same law; (八) is （八）."""
    name = re.sub(r"\s+", "", name).translate(_HALF_PARENS)
    return name.removeprefix(PREFIX)


@dataclass
class Registry:
    path: Path
    entries: list[Regulation] = field(default_factory=list)
    data_date: dt.date | None = None  # the day the national database was read
    source: str | None = None

    def __post_init__(self) -> None:
        self._index = {normalise(n): e for e in self.entries for n in e.names()}

    def find(self, name: str) -> Regulation | None:
        return self._index.get(normalise(name))

    def overlaid(self, own: Registry) -> Registry:
        """This registry with a project's entries replacing the ones they name, and added."""
        replaced = {id(e) for o in own.entries for n in o.names() if (e := self.find(n))}
        kept = [e for e in self.entries if id(e) not in replaced]
        return Registry(own.path, [*kept, *own.entries], self.data_date, self.source)


REG_LABELS = {
    "name": "名称",
    "aliases": "简称",
    "kind": "类别",
    "status": "时效性",
    "current": "现行版本",
    "superseded": "旧版本",
    "source": "出处",
    "promulgated": "公布日期",
    "effective": "施行日期",
    "order": "令号",
    "confirmed": "是否已核实",
    "note": "说明",
    "pattern": "旧版本特有文字",
}


def _problem(err: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in err["loc"])
    kind = err["type"]
    if kind == "missing":
        if err["loc"][-1] == "source":
            return f"{loc} 缺少出处：每个日期都要写明来源（网址或公报期号），请补上 source"
        return f"缺少 {loc}"
    if kind == "extra_forbidden":
        return f"不认识的字段 {loc}：请核对字段名"
    if kind == "literal_error":
        return f"{loc} 的值不在可选范围内（{err['ctx']['expected']}）"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return f"{loc} 的值不对（{err['msg']}）"


def _entry_lines(text: str) -> list[int]:
    """File line of each entry under `regulations:`, for messages."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "regulations" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _header(data: dict[str, Any], path: Path) -> tuple[dt.date | None, str | None]:
    """The registry's own facts: `data_date` (when the national database was read), `source`."""
    unknown = sorted(set(data) - {"regulations", "data_date", "source"})
    if unknown:
        raise RegistryError(
            path, 1, f"不认识的字段 {unknown[0]}：登记表顶层只有 regulations、data_date、source"
        )
    date, source = data.get("data_date"), data.get("source")
    try:
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
    except ValueError:
        pass
    if date is not None and not isinstance(date, dt.date):
        raise RegistryError(path, 1, f"data_date“{date}”不是日期：请写成 YYYY-MM-DD")
    return date, None if source is None else str(source)


def _read(text: str) -> Any:
    """The packaged registry is one JSON object (which is YAML too): json reads it 20× faster."""
    body = text.lstrip()
    while body.startswith("#"):
        body = body.partition("\n")[2].lstrip()
    if body.startswith("{"):
        try:
            return json.loads(body)
        except json.JSONDecodeError:
            pass  # YAML says where the problem is
    return yaml.load(text, Loader=Loader)


def parse(text: str, path: Path) -> Registry:
    """Validate the registry text; raise RegistryError naming the file, line and entry."""
    try:
        data = _read(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RegistryError(path, line, "法规登记表 YAML 语法错误，请检查缩进和冒号") from None
    if not isinstance(data, dict) or not isinstance(data.get("regulations"), list):
        raise RegistryError(path, 1, "法规登记表应以 regulations: 开头，下面逐条列出法律法规")
    date, source = _header(data, path)
    entries: list[Regulation] = []
    seen: dict[str, str] = {}
    lines: list[int] | None = None
    for i, raw in enumerate(data["regulations"]):
        try:
            entry = Regulation.model_validate(raw)
            clash = next(
                (n for n in entry.names() if seen.get(normalise(n), entry.name) != entry.name), None
            )
            if clash:
                raise ValueError(
                    f"《{clash}》已在《{seen[normalise(clash)]}》中登记：同一名称只能登记一次"
                )
        except (ValidationError, ValueError) as e:
            lines = lines or _entry_lines(text)  # composing the file again only costs on errors
            line = lines[i] if i < len(lines) else 1
            raise RegistryError(path, line, _reason(raw, i, e)) from None
        seen.update((normalise(n), entry.name) for n in entry.names())
        entries.append(entry)
    return Registry(path, entries, date, source)


def _reason(raw: Any, i: int, e: ValidationError | ValueError) -> str:
    if isinstance(e, ValidationError):
        label = raw.get("name", f"第 {i + 1} 条") if isinstance(raw, dict) else f"第 {i + 1} 条"
        return f"《{label}》：{_problem(e.errors()[0])}"
    return str(e)


@cache
def packaged_path() -> Path:
    return Path(str(resources.files("gongkai.data").joinpath(FILE_NAME)))


def project_path(root: Path) -> Path:
    """The project's own registry file: entries that correct or extend the packaged ones."""
    return root / FILE_NAME


def files_for(root: Path | None) -> list[Path]:
    """The registry files a run reads: the packaged one, then the project's when it has one."""
    own = [project_path(root)] if root is not None and project_path(root).is_file() else []
    return [packaged_path(), *own]


def registry_files(root: Path) -> list[Path]:
    """What the citation rules may read, for the parse cache's key: a new project file counts."""
    return [packaged_path(), project_path(root)]


def path_for(root: Path | None) -> Path:
    """The file `registry import` writes by default: the project's when it has one."""
    return files_for(root)[-1]


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int) -> Registry:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise RegistryError(path, 1, f"无法读取法规登记表（{e.strerror}）") from None
    return parse(text, path)


def load(path: Path) -> Registry:
    """Read and validate once per file version (the build asks once per document)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as e:
        raise RegistryError(path, 1, f"无法读取法规登记表（{e.strerror}）") from None
    return _load(path, mtime)


def load_for(root: Path | None) -> Registry:
    """The packaged registry with the project's `regulations.yml` laid over it."""
    packaged, *own = files_for(root)
    registry = load(packaged)
    return registry.overlaid(load(own[0])) if own else registry


def dump(registry: Registry, compact: bool = False) -> str:
    """The registry as YAML in the canonical order (fields of the model, defaults left out).

    `compact`: one JSON line per entry (still YAML), for the large packaged registry.
    """
    rows = [
        e.model_dump(mode="json" if compact else "python", exclude_defaults=True, exclude_none=True)
        for e in registry.entries
    ]
    head = {"data_date": registry.data_date, "source": registry.source}
    head = {k: str(v) for k, v in head.items() if v}
    if compact:
        lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
        top = ", ".join(
            f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()
        )
        return f'{HEADER}\n{{{top}, "regulations": [\n{lines}\n]}}\n'
    body = yaml.safe_dump(
        {**head, "regulations": rows}, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return HEADER + "\n" + body
