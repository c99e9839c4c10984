"""`python -m gongkai registry import FILE`: merge an export of the national law database.

Accepted format (README, "法规登记表"): CSV (UTF-8, with or without BOM) or JSON (a list of
objects, or `{"regulations": [...]}`), one row per law or per version, with these columns — the
English key or the Chinese heading the national database uses:

| key | 中文列名 | required |
| --- | --- | --- |
| name | 名称 / 标题 | yes |
| status | 时效性 / 状态 (有效, 已修改, 已废止, 尚未生效) | yes |
| promulgated | 公布日期 | no |
| effective | 施行日期 | no |
| order | 令号 / 文号 | no |
| repealed | 废止日期 | no |
| kind | 类别 / 法律性质 | no |
| source | 来源 | no (default: the file name and the import day) |

A row with status 已修改 describes an old version and is added to `superseded`; any other row
describes the current version.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from gongkai.registry.lawdb import database_rows
from gongkai.registry.laws import (
    STATUSES,
    Registry,
    RegistryError,
    Regulation,
    Version,
    cn,
    dump,
    load,
    normalise,
    packaged_path,
    path_for,
)
from gongkai.registry.rows import ImportError_, Row, parse_date

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称", "标题", "法律名称"),
    "status": ("status", "时效性", "状态"),
    "promulgated": ("promulgated", "公布日期"),
    "effective": ("effective", "施行日期"),
    "order": ("order", "令号", "文号"),
    "repealed": ("repealed", "废止日期"),
    "kind": ("kind", "类别", "法律性质"),
    "source": ("source", "来源"),
}
DATABASES = (".sqlite3", ".sqlite", ".db")
STATUS_SYNONYMS = {"现行有效": "有效", "废止": "已废止", "失效": "已废止", "已失效": "已废止"}
KINDS = {"法律": "法律", "行政法规": "行政法规", "司法解释": "部门规章", "部门规章": "部门规章"}


def _row(raw: dict[str, Any], where: str) -> Row:
    values: dict[str, str] = {}
    for key, names in COLUMNS.items():
        found = next((raw[n] for n in names if raw.get(n) not in (None, "")), "")
        values[key] = str(found).strip()
    if not values["name"]:
        raise ImportError_(f"{where}: 缺少名称（name 或“名称”“标题”列）")
    status = STATUS_SYNONYMS.get(values["status"], values["status"])
    if status not in STATUSES:
        raise ImportError_(
            f"{where}: 时效性“{values['status']}”无法识别：应为 {'、'.join(STATUSES)} 之一"
        )
    return Row(
        where=where,
        name=values["name"].strip("《》"),
        status=status,
        promulgated=parse_date(values["promulgated"], where, "公布日期"),
        effective=parse_date(values["effective"], where, "施行日期"),
        order=values["order"] or None,
        repealed=parse_date(values["repealed"], where, "废止日期"),
        kind=KINDS.get(values["kind"]) if values["kind"] else None,
        source=values["source"] or None,
    )


def read_export(path: Path) -> list[Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ImportError_(
            f"{path}: 无法读取导出文件（{e}）：请提供 UTF-8 编码的 CSV 或 JSON"
        ) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ImportError_(f"{path}:{e.lineno}: JSON 语法错误（{e.msg}）") from None
        items = data.get("regulations") if isinstance(data, dict) else data
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ImportError_(f'{path}: JSON 应为对象列表，或 {{"regulations": [对象, …]}}')
        return [_row(item, f"{path} 第 {i} 项") for i, item in enumerate(items, start=1)]
    reader = csv.DictReader(io.StringIO(text))
    return [_row(item, f"{path}:{n}") for n, item in enumerate(reader, start=2)]


def _kind_of(row: Row) -> str:
    if row.kind:
        return row.kind
    if row.name.endswith("法"):
        return "法律"
    if row.name.endswith("条例"):
        return "行政法规"
    raise ImportError_(
        f"{row.where}: 无法判断《{row.name}》是法律还是行政法规：请补上类别（kind）列"
    )


def _version(row: Row, source: str) -> Version:
    return Version(
        promulgated=row.promulgated, effective=row.effective, order=row.order, source=source
    )


def _merge_old_version(entry: Regulation, row: Row, source: str) -> tuple[Regulation, list[str]]:
    known = {v.promulgated for v in (entry.current, *entry.superseded)}
    if row.promulgated is None or row.promulgated in known:
        return entry, []
    superseded = sorted(
        [*entry.superseded, _version(row, source)],
        key=lambda v: v.promulgated or dt.date.min,
        reverse=True,
    )
    new = entry.model_copy(update={"superseded": superseded})
    return new, [f"《{entry.name}》：新增旧版本（{_version(row, source).describe()}）"]


def _merge_current(entry: Regulation, row: Row, source: str) -> tuple[Regulation, list[str]]:
    changes: list[str] = []
    update: dict[str, Any] = {}
    cur = entry.current
    if row.promulgated and (cur.promulgated is None or row.promulgated > cur.promulgated):
        new = _version(row, source)
        update["current"] = new
        update["superseded"] = [cur, *entry.superseded]
        changes.append(
            f"《{entry.name}》：现行版本改为 {new.describe()}（原版本 {cur.describe()} 列为旧版本）"
        )
    elif row.promulgated == cur.promulgated and row.effective and row.effective != cur.effective:
        update["current"] = cur.model_copy(update={"effective": row.effective, "source": source})
        was = cn(cur.effective) if cur.effective else "未登记"
        changes.append(f"《{entry.name}》：施行日期 {was} → {cn(row.effective)}")
    if row.status != entry.status:
        update["status"] = row.status
        changes.append(f"《{entry.name}》：时效性 {entry.status} → {row.status}")
    if row.repealed and row.repealed != entry.repealed:
        update["repealed"] = row.repealed
        update["repealed_source"] = source
        changes.append(f"《{entry.name}》：废止日期 {cn(row.repealed)}")
    if row.replaced_by and row.replaced_by != entry.replaced_by:
        update["replaced_by"] = row.replaced_by
        changes.append(f"《{entry.name}》：由《{row.replaced_by}》取代")
    return (entry.model_copy(update=update) if update else entry), changes


def merge(registry: Registry, rows: list[Row], default_source: str) -> tuple[Registry, list[str]]:
    """Apply the export to the registry; return the new registry and one line per change."""
    entries = list(registry.entries)
    at = {normalise(n): i for i, e in enumerate(entries) for n in e.names()}
    changes: list[str] = []
    for row in rows:
        source = row.source or default_source
        i = at.get(normalise(row.name))
        if i is None:
            new = Regulation(
                name=row.name,
                kind=_kind_of(row),
                status=row.status if row.status != "已修改" else "有效",
                repealed=row.repealed,
                repealed_source=source if row.repealed else None,
                replaced_by=row.replaced_by,
                current=_version(row, source),
            )
            at[normalise(new.name)] = len(entries)
            entries.append(new)
            what = new.current.describe() or f"由《{new.replaced_by}》取代"
            changes.append(f"新增《{new.name}》：{new.status}，{what}")
            continue
        if row.status == "已修改":
            new, found = _merge_old_version(entries[i], row, source)
        else:
            new, found = _merge_current(entries[i], row, source)
        entries[i] = Regulation.model_validate(new.model_dump())
        changes.extend(found)
    return Registry(registry.path, entries, registry.data_date, registry.source), changes


def _target(args: argparse.Namespace) -> Path:
    from gongkai.config.settings import ConfigError, find_root

    if args.registry:
        return Path(args.registry)
    try:
        return path_for(find_root(Path.cwd()))
    except ConfigError:
        return path_for(None)


def _read(export: Path, texts: str | None) -> tuple[list[Row], dt.date | None]:
    """The rows of an flk export (CSV, JSON), or of the LawRefBook database and its texts."""
    if export.suffix.lower() not in DATABASES:
        return read_export(export), None
    try:
        return database_rows(export, Path(texts) if texts else None)
    except sqlite3.Error as e:
        raise ImportError_(f"{export}: 不是可读的法律法规数据库（{e}）：应含 law 表") from None


def _run(args: argparse.Namespace) -> int:
    target = _target(args)
    export = Path(args.file)
    try:
        registry = load(target)
        rows, data_date = _read(export, args.texts)
        today = dt.date.today().isoformat()
        default = f"国家法律法规数据库导出文件 {export.name}（{today} 导入）"
        merged, changes = merge(registry, rows, default)
        if data_date and data_date != registry.data_date:
            merged.data_date, merged.source = data_date, f"国家法律法规数据库，{export.name}"
            changes.append(f"数据日期 {cn(data_date)}")
    except (RegistryError, ImportError_) as e:
        print(f"gongkai: {e}", file=sys.stderr)
        return 2
    for line in changes:
        print(line)
    if not changes:
        print(f"法规登记表 {target} 没有变化（导出文件 {len(rows)} 行）")
        return 0
    if args.dry_run:
        print(f"共 {len(changes)} 处变化；--dry-run：没有写入 {target}")
        return 0
    target.write_text(
        dump(merged, compact=target.resolve() == packaged_path().resolve()), encoding="utf-8"
    )
    print(f"共 {len(changes)} 处变化，已写入 {target}")
    return 0


def _check(args: argparse.Namespace) -> int:
    target = _target(args)
    try:
        registry = load(target)
    except RegistryError as e:
        print(f"gongkai: {e}", file=sys.stderr)
        return 2
    unconfirmed = [e for e in registry.entries if not e.confirmed]
    for e in unconfirmed:
        print(f"未核实 《{e.name}》：{e.note}")
    print(
        f"法规登记表 {target}：{len(registry.entries)} 条，其中 {len(unconfirmed)} 条有未核实的内容"
    )
    return 0


def add_parser(sub: Any) -> None:
    """`registry import FILE` and `registry check`, registered on the top-level subparsers."""
    group = sub.add_parser("registry", help="法规登记表：导入国家法律法规数据库导出文件、检查")
    actions = group.add_subparsers(dest="registry_action", required=True, parser_class=type(group))
    imp = actions.add_parser("import", help="合并导出文件（CSV 或 JSON），打印变化")
    imp.add_argument("file", help="导出文件 .csv、.json，或 LawRefBook 数据库 .sqlite3")
    imp.add_argument(
        "--registry",
        help="要更新的登记表（默认：项目根目录的 regulations.yml，没有则为内置登记表）",
    )
    imp.add_argument(
        "--texts", help="与数据库同一快照的法律文本目录（据“《……》同时废止”登记整部废止的法律）"
    )
    imp.add_argument("--dry-run", action="store_true", help="只打印变化，不写文件")
    imp.set_defaults(func=_run)
    chk = actions.add_parser("check", help="校验登记表，列出未核实的条目")
    chk.add_argument("--registry", help="要检查的登记表")
    chk.set_defaults(func=_check)
