"""GK5xx 栏目: what may be published in each column."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import yaml

from gongkai.config.context import Context
from gongkai.config.settings import Column
from gongkai.content.chains import is_public
from gongkai.content.document import Document
from gongkai.dates import deadlines
from gongkai.dates.chinese import cn_date
from gongkai.findings import Finding, Severity, rule
from gongkai.rules.duplicates import duplicate_groups

if TYPE_CHECKING:
    from gongkai.content.site import Site


@rule("GK501", "内容混杂", Severity.ERROR)
def type_not_in_column(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：专栏只放法定公开内容，每个栏目只放规定类别的信息（国办公开办函〔2019〕61号“专栏姓专”）；
    放错栏目就是检查中扣分的“内容混杂”。

    错误示例：在“规范性文件”栏目（content/gfxwj/）放一篇 type: 工作动态 的文档

    正确示例：把文档移到允许该类别的栏目，例如 content/ywgk/（狱务公开）
    """
    col = doc.column
    if col and doc.meta.type not in col.types:
        homes = [c for c in ctx.config.columns if doc.meta.type in c.types]
        where = (
            f"应放在 {'、'.join(f'content/{c.segment}/（{c.name}）' for c in homes)}"
            if homes
            else f"本栏目可用的类别：{'、'.join(col.types)}"
        )
        yield type_not_in_column.at(
            doc.rel,
            doc.line_of("type"),
            1,
            f"信息类别“{doc.meta.type}”不属于“{col.name}”栏目（内容混杂）：{where}",
        )


@rule("GK502", "缺少栏目要求的字段", Severity.ERROR)
def column_fields(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：有的栏目要求额外的字段，例如财政预决算要写单位、年度、预算或决算，
    政府采购要写项目编号和阶段；缺了它们，完整性检查和项目页面无法生成。

    错误示例：content/czyjs/ 下的文档没有 unit、year、kind

    正确示例：
        unit: 局本级
        year: 2021
        kind: 预算
    """
    col = doc.column
    if not col:
        return
    for key, choices in col.fields.items():
        value = getattr(doc.meta, key)
        if value is None:
            yield column_fields.at(
                doc.rel, 1, 1, f"“{col.name}”栏目的文档必须写 {key}：请补上“{key}: …”"
            )
        elif choices and value not in choices:
            yield column_fields.at(
                doc.rel,
                doc.line_of(key),
                1,
                f"{key} 的值“{value}”在“{col.name}”栏目中无效：应为 {'、'.join(choices)} 之一",
            )
    if doc.meta.unit and ctx.config.units and doc.meta.unit not in ctx.config.units:
        yield column_fields.at(
            doc.rel,
            doc.line_of("unit"),
            1,
            f"单位“{doc.meta.unit}”不在站点的单位名单中：应为 {'、'.join(ctx.config.units)} 之一",
        )


@rule("GK503", "栏目列表页由系统生成", Severity.ERROR)
def listing_page_written_by_hand(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：每个栏目的列表页（content/栏目/index.md）由网站按文档自动生成，手写的同名文件会与之冲突。

    错误示例：content/gfxwj/index.md

    正确示例：删除该文件；栏目说明写在站点配置里，文档各自成篇
    """
    if doc.column and doc.path.name == "index.md":
        yield listing_page_written_by_hand.at(
            doc.rel, 1, 1, "栏目列表页由系统生成，不能手写 index.md：请把内容另存为一篇文档"
        )


def _column_path(ctx: Context, column: Column) -> str:
    """Column findings point at the column folder: its listing page is generated."""
    return f"{ctx.config.docs_dir}/{column.segment}/"


def _public_in(site: Site, ctx: Context, column: Column) -> list[Document]:
    return site.memo("public by column", lambda: _public_by_column(site, ctx)).get(column.name, [])


def _public_by_column(site: Site, ctx: Context) -> dict[str, list[Document]]:
    out: dict[str, list[Document]] = {}
    for d in site.valid_docs:
        if d.column and is_public(d, ctx.today) and d.meta.published <= ctx.today:
            out.setdefault(d.column.name, []).append(d)
    return out


@rule("GK504", "同一文件出现在两个栏目", Severity.ERROR, scope="site")
def same_document_in_two_columns(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：同一份文件（同一个索引号或发文字号）在两个栏目各发一遍，是检查中的“内容混杂”：
    栏目统计重复计数，修改或废止时也容易只改了一处。

    错误示例：content/gfxwj/2022-hjglbf.md 与 content/ywgk/hjglbf.md 都写
    doc_no: 吉狱发〔2022〕3号

    正确示例：只在规范性文件栏目保留一篇；其他栏目需要时用链接指向它
    """
    for key, label in (("index_no", "索引号"), ("doc_no", "发文字号")):
        groups = duplicate_groups(site.valid_docs, lambda d, k=key: getattr(d.meta, k))
        for value, docs in groups.items():
            first = docs[0]
            for doc in docs[1:]:
                if doc.column and first.column and doc.column != first.column:
                    yield same_document_in_two_columns.at(
                        doc.rel,
                        doc.line_of(key),
                        1,
                        f"{label} {value} 的文件已在“{first.column.name}”栏目发布"
                        f"（{first.rel}），又出现在“{doc.column.name}”栏目（内容混杂）："
                        f"请删除本篇，需要时链接到 {first.rel}",
                    )


@rule("GK505", "空白栏目", Severity.ERROR, scope="site")
def empty_column(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：栏目开设了却没有内容，就是政府网站检查中的“空白栏目”（国办秘函〔2019〕19号
    单项否决指标之一）。只有能公开的文档才算：未审查、不予公开或审查日期在未来的不算。

    错误示例：content/tjxx/ 下没有任何可以公开的文档

    正确示例：在 content/tjxx/ 发布至少一篇 type: 统计信息 的文档
    """
    for column in ctx.config.columns:
        if not _public_in(site, ctx, column):
            yield empty_column.at(
                _column_path(ctx, column),
                1,
                1,
                f"“{column.name}”栏目没有可公开的信息（空白栏目）：请在 "
                f"{_column_path(ctx, column)} 发布至少一篇 type 为"
                f"{'、'.join(column.types)}之一、已审查同意公开的文档",
            )


@rule("GK506", "栏目未按时更新", Severity.WARNING, scope="site")
def stale_column(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：国办秘函〔2019〕19号把栏目长期不更新列为单项否决指标：动态类栏目2周、
    通知公告和政策文件类栏目6个月内没有新信息即算“不更新”；没有发布日期的信息算作未更新。
    每个栏目的更新要求写在 columns.yml（update），各类的天数和来源在 deadlines.yml。

    错误示例：狱务公开栏目（动态类，14天）最近一篇发布于2026年9月1日，今天是2026年11月26日

    正确示例：在 content/ywgk/ 发布新的工作动态，发布日期在最近14天内
    """
    table = deadlines.load()
    for column in ctx.config.columns:
        if column.update_days is None:
            continue
        docs = _public_in(site, ctx, column)
        if not docs:
            continue  # empty: GK505
        latest = max(d.meta.published for d in docs)
        age = (ctx.today - latest).days
        klass = table.freshness_class(column.update_days)
        if age > klass.days:
            yield stale_column.at(
                _column_path(ctx, column),
                1,
                1,
                f"“{column.name}”栏目已{age}天未更新（最近一次发布于{cn_date(latest)}），"
                f"超过{klass.name}栏目{klass.days}天的更新要求：请发布新的信息",
            )


def budget_since(site: Site, ctx: Context) -> int | None:
    """The first year whose 预决算 must be on this site: `budget_since` in gongkai.yml, else the
    earliest year of any 财政预决算 document."""
    path = ctx.config.root / "gongkai.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    since = (raw or {}).get("budget_since")
    if since:
        return int(since)
    years = [d.meta.year for d in site.valid_docs if d.meta.type == "财政预决算" and d.meta.year]
    return min(years, default=None)


def budget_years(site: Site, ctx: Context) -> list[int]:
    """The years the 预决算 matrix covers: every year of a document and every year required."""
    years = [d.meta.year for d in site.valid_docs if d.meta.type == "财政预决算" and d.meta.year]
    since = budget_since(site, ctx)
    first = min([*years, *([since] if since else [])], default=ctx.today.year)
    return list(range(first, max([ctx.today.year, *years]) + 1))


@rule("GK507", "财政预决算未按时公开", Severity.WARNING, scope="site")
def missing_budget(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：工作要点要求公开本局和所属各单位的部门预算、决算。gongkai.yml 的 units 列出
    所有公开单位，budget_since 为本站开始公开的年度；每个单位每年的预算、决算到期
    （日期见 deadlines.yml）仍未发布，就是缺项。

    错误示例：units 中有长春监狱，今天是2026年11月26日，content/czyjs/ 中没有
    unit: 长春监狱、year: 2025、kind: 决算 的文档（应于2026年9月30日前公开）

    正确示例：发布该文档：
        type: 财政预决算
        unit: 长春监狱
        year: 2025
        kind: 决算
    """
    column = next((c for c in ctx.config.columns if "财政预决算" in c.types), None)
    if column is None or not ctx.config.units:
        return
    table = deadlines.load()
    have = {(d.meta.unit, d.meta.year, d.meta.kind) for d in _public_in(site, ctx, column)}
    since = budget_since(site, ctx)
    if since is None:
        return
    for year in budget_years(site, ctx):
        for kind in ("预算", "决算"):
            due = table.budget_due(year, kind)
            if year < since or due >= ctx.today:
                continue
            for unit in ctx.config.units:
                if (unit, year, kind) not in have:
                    yield missing_budget.at(
                        _column_path(ctx, column),
                        1,
                        1,
                        f"{unit}{year}年{kind}应于{cn_date(due)}前公开，至今未发布：请在 "
                        f"{_column_path(ctx, column)} 发布 unit: {unit}、year: {year}、"
                        f"kind: {kind} 的文档",
                    )
