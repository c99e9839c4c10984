"""`python -m gongkai new --column 规范性文件 --title "…"`: start a document the checker will guide.

What the tool can know it writes (索引号 = next serial for the organisation and year, a frozen slug,
today's date, the column's type; for 预决算 the unit, year and kind named in the title); what only
the editor knows (起草部门, the review record, the column's and the type's own fields, validity,
发文字号 and 成文日期 of a 规范性文件) is written as an empty key, so `check` reports every one of
them until it is filled; the optional fields (发文字号, 成文日期, 主题分类, 主题词) are there empty.
Nothing is filled with a sample value that would pass. A title the column already has is refused.
`new --ledger YEAR` is `gongkai.editor.ledger`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from gongkai import engine
from gongkai.config.settings import (
    Column,
    ConfigError,
    SiteConfig,
    find_root,
    invocation,
    segment_for,
)
from gongkai.content.model import LABELS
from gongkai.content.site import Site
from gongkai.content.urls import slugify
from gongkai.dates.deadlines import type_fields
from gongkai.editor import ledger

REGULATION, BUDGET = "规范性文件", "财政预决算"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_WORDS = 8  # syllables kept from the title: short enough to read, long enough to tell apart


@dataclass(frozen=True)
class Draft:
    column: Column
    title: str
    type: str | None
    index_no: str
    slug: str
    today: dt.date
    known: dict[str, str | int]  # column fields the title names (预决算: unit, year, kind)


def next_index_no(site: Site, org_code: str, year: int, drafts: Iterable[str] = ()) -> str:
    """`<org>/<year>-<serial>` with the serial one above the highest used for that org and year,
    by the site's documents (invalid ones count too) or by `drafts` not yet merged."""
    pattern = re.compile(rf"^{re.escape(org_code)}/{year}(?:\d{{2}})?-(\d{{4,8}})$")
    used = [str(doc.raw.get("index_no") or "") for doc in site.docs]
    serials = [m.group(1) for value in [*used, *drafts] if (m := pattern.match(value))]
    width = max([5, *(len(s) for s in serials)])
    serial = max((int(s) for s in serials), default=0) + 1
    return f"{org_code}/{year}-{serial:0{width}d}"


def default_slug(title: str, config: SiteConfig, year: int) -> str:
    """2026-zui-fan-qin-shu-…: the year and the title's pinyin, without the organisation's name."""
    words = slugify(title.removeprefix(config.organisation)).split("-")
    return "-".join([str(year), *[w for w in words if w][:SLUG_WORDS]])


def unique_slug(site: Site, column: Column, slug: str) -> str:
    folder = site.ctx.config.docs_path / column.segment
    taken = set(site.urls.values()) | {f"{column.segment}/{p.stem}/" for p in folder.glob("*.md")}
    candidate, n = slug, 1
    while f"{column.segment}/{candidate}/" in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def allocate(site: Site, col: Column, title: str, drafts: Iterable[str] = ()) -> tuple[str, str]:
    """The 索引号 and frozen slug of a new document of `col` titled `title` (预决算: the slug from
    the unit, year and kind in the title)."""
    config, today = site.ctx.config, site.ctx.today
    index_no = next_index_no(site, config.org_code, today.year, drafts)
    known = budget_fields(config, title) if col.name == BUDGET else {}
    derived = budget_slug(config, known) if known else default_slug(title, config, today.year)
    return index_no, unique_slug(site, col, derived)


def _scalar(value: str) -> str:
    """The value as YAML writes it: bare when it reads back unchanged, quoted otherwise."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _todo(key: str, hint: str = "", indent: str = "", need: str = "必填") -> str:
    label = LABELS.get(key, key)
    return f"{indent}{key}:  # {need}：{label}{hint}"


def _column_fields(draft: Draft, config: SiteConfig) -> list[str]:
    """The column's and the type's own fields: known from the title, or left for the editor."""
    fields = {**draft.column.fields, **type_fields().get(draft.type or "", {})}
    lines = []
    for key, choices in fields.items():
        if key in draft.known:
            lines.append(f"{key}: {draft.known[key]}")
            continue
        options = choices or (config.units if key == "unit" else ())
        lines.append(_todo(key, f"，可选 {' | '.join(options)}" if options else ""))
    return lines


def render(draft: Draft, config: SiteConfig) -> str:
    """The new file's text: front matter with every required key, then an empty body."""
    col = draft.column
    regulation = draft.type == REGULATION
    need = "必填" if regulation else "选填"
    lines = [
        "---",
        f"title: {_scalar(draft.title)}",
        f"index_no: {draft.index_no}  # 自动分配，不要改",
        f"type: {draft.type}" if draft.type else _todo("type", f"，可选 {' | '.join(col.types)}"),
        _todo("drafter", "，例如 办公室"),
        _todo("doc_no", "，照原件填写，如 吉狱发〔2026〕3号", need=need),
        _todo("written", "，YYYY-MM-DD", need=need),
        f"published: {draft.today.isoformat()}",
        _todo("topic", "，如 政务公开", need="选填"),
        "keywords: []  # 选填：主题词，如 [会见, 罪犯亲属]",
        "disclosure: 主动公开  # 主动公开 | 依申请公开 | 不予公开",
        f"slug: {draft.slug}  # 网址 {col.segment}/{draft.slug}/，发布后不要改",
        *_column_fields(draft, config),
        "review:  # 公开属性与保密审查：结论为“同意公开”才会发布；网站上不显示",
        _todo("reviewer", indent="  "),
        _todo("date", "，YYYY-MM-DD，不晚于发布日期", indent="  "),
        "  result: 待审  # 同意公开 | 不予公开 | 待审",
    ]
    if regulation:
        lines += [
            "validity:  # 有效性（规范性文件必填）",
            _todo("effective", "，YYYY-MM-DD，不早于成文日期", indent="  "),
            _todo("expires", "，YYYY-MM-DD，有有效期的写", indent="  ", need="选填"),
        ]
    lines += ["---", "", "<!-- 在这里写正文 -->", ""]
    return "\n".join(lines)


BUDGET_TITLE = re.compile(r"(\d{4})年.*?(预算|决算)")


def budget_fields(config: SiteConfig, title: str) -> dict[str, str | int]:
    """unit, year and kind of a 预决算 document, read from its title; refused when one is missing."""
    unit = next((u for u in sorted(config.units, key=len, reverse=True) if u in title), None)
    m = BUDGET_TITLE.search(title)
    if unit is None or m is None:
        raise ConfigError(
            f"财政预决算的标题要写明单位、年度和预算或决算，如“长春监狱2027年部门预算”："
            f"单位为 {'、'.join(config.units)} 之一"
        )
    return {"unit": unit, "year": int(m.group(1)), "kind": m.group(2)}


def budget_slug(config: SiteConfig, known: dict[str, str | int]) -> str:
    """2027-ccjy-ys: year, the unit's initials (without the organisation's name), 预算 ys / 决算 js."""
    unit = segment_for(str(known["unit"]).removeprefix(config.organisation))
    return f"{known['year']}-{unit}-{'ys' if known['kind'] == '预算' else 'js'}"


def _same_title(site: Site, col: Column, title: str) -> None:
    for doc in site.docs:
        if doc.column == col and str(doc.raw.get("title") or "").strip() == title:
            raise ConfigError(f"栏目“{col.name}”已有同名文档 {doc.rel}：请打开它修改，或换一个标题")


def column(config: SiteConfig, name: str) -> Column:
    col = config.column_by_name(name) or config.column_by_segment(name)
    if col is None:
        names = "、".join(c.name for c in config.columns)
        raise ConfigError(f"没有栏目“{name}”：可用栏目有 {names}")
    return col


def _type(col: Column, wanted: str | None) -> str | None:
    if wanted is None:
        return col.types[0] if len(col.types) == 1 else None
    if wanted not in col.types:
        raise ConfigError(
            f"栏目“{col.name}”不收“{wanted}”类信息：--type 应为 {'、'.join(col.types)} 之一"
        )
    return wanted


def create(root: Path, column_name: str, title: str, type_: str | None, slug: str | None) -> Path:
    """Write the new document under the column's folder; return its path."""
    site = engine.run(root)
    config, today = site.ctx.config, site.ctx.today
    col = column(config, column_name)
    title = title.strip()
    if not title:
        raise ConfigError("--title 不能为空：请写文件的完整名称")
    if slug is not None and not SLUG.match(slug):
        raise ConfigError(f"--slug“{slug}”只能用小写字母、数字和连字符，例如 2026-hjglbf")
    _same_title(site, col, title)
    known = budget_fields(config, title) if col.name == BUDGET else {}
    index_no, allocated = allocate(site, col, title)
    chosen = slug or allocated
    path = config.docs_path / col.segment / f"{chosen}.md"
    if path.exists() or f"{col.segment}/{chosen}/" in site.urls.values():
        raise ConfigError(f"{path.relative_to(root)} 已存在：请换一个 --slug")
    draft = Draft(
        column=col,
        title=title,
        type=_type(col, type_),
        index_no=index_no,
        slug=chosen,
        today=today,
        known=known,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(draft, config), encoding="utf-8")
    return path


def _run(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd())
    if args.ledger is not None:
        return ledger.run(root, args.ledger)
    if not args.column or not args.title:
        raise ConfigError(
            "请写 --column 栏目 和 --title 标题（新建文档），或 --ledger 年份（新建台账）"
        )
    path = create(root, args.column, args.title, args.type, args.slug)
    rel = path.relative_to(root).as_posix()
    print(rel)
    print(
        f"已新建 {rel}：请填写标有“必填”的字段和正文，"
        f"然后运行 {invocation(Path.cwd())} check {rel}，直到没有错误",
        file=sys.stderr,
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "new", help="新建一篇文档（分配索引号和网址名，列出要填写的字段），或一年的依申请公开台账"
    )
    parser.add_argument("--column", help="栏目名称，如 规范性文件（也可写网址段 gfxwj）")
    parser.add_argument("--title", help="文件的完整名称；财政预决算写明单位、年度和预算或决算")
    parser.add_argument("--type", help="信息类别；栏目只有一种类别时可不写")
    parser.add_argument("--slug", help="网址名（小写字母、数字、连字符）；不写时由标题的拼音生成")
    parser.add_argument(
        "--ledger",
        type=int,
        metavar="年份",
        help="新建该年的依申请公开台账 ledger/年份.yml 和年报文字 ledger/年份-nb.md",
    )
    parser.set_defaults(func=_run)
