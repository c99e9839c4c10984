"""GK541–GK542 going live: the example documents and the placeholder facts the project ships
are reported, once each, for as long as they would be published."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from gongkai.config.context import Context
from gongkai.config.settings import CONFIG_NAME
from gongkai.content.chains import is_public
from gongkai.findings import Finding, Severity, rule

if TYPE_CHECKING:
    from gongkai.content.site import Site

PLACEHOLDER_ORG_CODE = "013544XXX"  # the organisation code of the national examples
PLACEHOLDER = re.compile(r"示例|0{6,}")  # 0431-00000000, 吉ICP备00000000号（示例）
LISTED = 3


def _line(ctx: Context, key: str) -> int:
    """The line of `key:` in gongkai.yml (1 when it is not written there)."""
    text = (ctx.config.root / CONFIG_NAME).read_text(encoding="utf-8")
    m = re.search(rf"^\s*{re.escape(key)}:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


@rule("GK541", "将发布示例文档", Severity.WARNING, scope="site")
def examples_published(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：项目自带的示例文档（gongkai.yml 的 examples 逐个列出）用来演示专栏的功能，页面上标有
    “示例文档”，不是本局正式发布的政府信息。正式上线时要删除它们，否则公众会看到虚构的文件。

    错误示例：正式上线后，content/gfxwj/2022-hjglbf.md 仍在 examples 中并被发布

    正确示例：删除 examples 列出的文件，再删去 gongkai.yml 的 examples（见编辑指南“正式上线”）
    """
    shown = sorted(
        d.rel
        for d in site.valid_docs
        if ctx.config.is_example(d.src_uri) and is_public(d, ctx.today)
    )
    if shown:
        more = f"等 {len(shown)} 篇" if len(shown) > LISTED else ""
        yield examples_published.at(
            CONFIG_NAME,
            _line(ctx, "examples"),
            1,
            f"将发布 {len(shown)} 篇示例文档（{'、'.join(shown[:LISTED])}{more}）：它们不是正式的政府信息，"
            f"正式上线前请删除这些文件并删去 gongkai.yml 的 examples（见编辑指南“正式上线”）",
        )


def _placeholders(ctx: Context) -> list[tuple[str, str]]:
    found = (
        [("org_code", ctx.config.org_code)] if ctx.config.org_code == PLACEHOLDER_ORG_CODE else []
    )
    return found + [
        (f"site.{key}", str(value))
        for key, value in ctx.config.facts.items()
        if PLACEHOLDER.search(str(value))
    ]


@rule("GK542", "将发布示例信息", Severity.WARNING, scope="site")
def placeholder_facts(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：gongkai.yml 里的索引号前段码和页脚信息（联系电话、ICP 备案号、公安备案号、网站标识码）
    出厂时是示例值，每个页面都会显示它们；正式上线时必须换成本局的真实信息。

    错误示例：
        org_code: 013544XXX
        site:
          phone: 0431-00000000（示例）

    正确示例：
        org_code: 本局的 9 位组织机构代码或 18 位统一社会信用代码
        site:
          phone: 本局真实的咨询电话
    """
    facts = _placeholders(ctx)
    if facts and any(is_public(d, ctx.today) for d in site.valid_docs):
        key = facts[0][0].removeprefix("site.")
        yield placeholder_facts.at(
            CONFIG_NAME,
            _line(ctx, key),
            1,
            f"网站将显示示例信息：{'、'.join(f'{k}“{v}”' for k, v in facts)}：正式上线前请在 "
            f"gongkai.yml 改为本局的真实信息（改 org_code 时，已有文档的索引号前段一并替换）",
        )
