"""GK550: the 咨询留言 page needs a channel that really reaches the bureau."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from gongkai.config.context import Context
from gongkai.config.settings import CONFIG_NAME
from gongkai.findings import Finding, Severity, rule

if TYPE_CHECKING:
    from gongkai.content.site import Site

CHANNELS = ("message_url", "mailbox")


def _contact_line(ctx: Context) -> int:
    path = ctx.config.root / CONFIG_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    m = re.search(r"^contact\s*:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


@rule("GK550", "未配置咨询留言渠道", Severity.WARNING, scope="site")
def no_message_channel(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：本站是静态网站，不能接收留言。“咨询留言”页面只列出 gongkai.yml 中 contact 写明的
    渠道；既没有留言系统网址也没有电子邮箱，公众就无法在网上向本局留言，回应关切和意见征集
    也无从谈起。

    错误示例：gongkai.yml 中没有 contact，或 contact 只写了 hotline: 12345

    正确示例：
        contact:
          message_url: https://www.jl.gov.cn/...   # 本局留言系统的网址
          mailbox: xxgk@example.gov.cn            # 或接收留言的电子邮箱
    """
    if not any(ctx.config.contact.get(k) for k in CHANNELS):
        yield no_message_channel.at(
            CONFIG_NAME,
            _contact_line(ctx),
            1,
            "没有配置咨询留言渠道，“咨询留言”页面只能列出热线和受理时间：请在 contact 下写明"
            "本局留言系统的网址（message_url）或接收留言的电子邮箱（mailbox）",
        )
