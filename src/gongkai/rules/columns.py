"""GK5xx 栏目: what may be published in each column."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.context import Context
from gongkai.document import Document
from gongkai.findings import Finding, Severity
from gongkai.rules import rule


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
