"""The readiness items (上线准备): what the project ships as example content and placeholder
facts, and whether the 咨询留言 page names a channel that reaches the bureau."""

from __future__ import annotations

import re

from gongkai.config.settings import CONFIG_NAME
from gongkai.reports.audit.evidence import Evidence
from gongkai.reports.audit.indicators import Indicator
from gongkai.reports.audit.measure import Measured, Row
from gongkai.rules.contact import CHANNELS
from gongkai.rules.examples import PLACEHOLDER, PLACEHOLDER_ORG_CODE

EXAMPLE_ADDRESS = re.compile(r"(^|[@./])example\.(gov\.cn|com|org|net|cn)\b|示例", re.IGNORECASE)


def _line(ev: Evidence, key: str) -> str:
    """gongkai.yml:N of the first `key:` in it."""
    path = ev.site.ctx.config.root / CONFIG_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    m = re.search(rf"^\s*{re.escape(key)}\s*:", text, re.MULTILINE)
    return f"{CONFIG_NAME}:{text.count(chr(10), 0, m.start()) + 1 if m else 1}"


def examples(ind: Indicator, ev: Evidence) -> Measured:
    config = ev.site.ctx.config
    rows = [Row(d.rel, "示例文档，将发布", True) for d in ev.docs if config.is_example(d.src_uri)]
    note = f"gongkai.yml 的 examples 列出{len(config.examples)}篇"
    return Measured(sorted(rows, key=lambda r: r.where), note)


def placeholders(ind: Indicator, ev: Evidence) -> Measured:
    config = ev.site.ctx.config
    rows = []
    if config.org_code == PLACEHOLDER_ORG_CODE:
        rows.append(Row(_line(ev, "org_code"), f"org_code“{config.org_code}”是示例代码", True))
    for key, value in config.facts.items():
        if PLACEHOLDER.search(str(value)):
            rows.append(Row(_line(ev, key), f"site.{key}“{value}”是示例值", True))
    coded = sorted(
        d.rel for d in ev.docs if (d.meta.index_no or "").startswith(PLACEHOLDER_ORG_CODE + "/")
    )
    if coded:
        what = f"已发布文档中{len(coded)}篇的索引号前段是示例代码 {PLACEHOLDER_ORG_CODE}：{'、'.join(coded)}"
        rows.append(Row(f"{ev.docs_dir}/", what, True))
    return Measured(rows)


def real_channel(ind: Indicator, ev: Evidence) -> Measured:
    contact = ev.site.ctx.config.contact
    given = [(k, contact[k]) for k in CHANNELS if contact.get(k)]
    if not given:
        return Measured([Row(_line(ev, "contact"), "没有写留言系统网址或电子邮箱", True)])
    rows = [
        Row(_line(ev, k), f"contact.{k}“{v}”是示例地址", True)
        if EXAMPLE_ADDRESS.search(v)
        else Row(_line(ev, k), f"contact.{k}“{v}”")
        for k, v in given
    ]
    if not all(r.counted for r in rows):
        rows = [Row(r.where, r.what) for r in rows]  # one real channel is enough
    return Measured(rows, "渠道是否真有人接收，需人工确认")
