"""The 咨询留言 page (`zxly/`): how to reach the bureau, built only from what `gongkai.yml`
configures under `contact:` — a static site cannot take messages itself, so it promises nothing
else (GK550 warns when no channel is configured)."""

from __future__ import annotations

from gongkai.content.site import Site

SRC_URI = "zxly/index.md"
TITLE = "咨询留言"


def _channels(contact: dict[str, str]) -> list[str]:
    lines: list[str] = []
    if url := contact.get("message_url"):
        lines.append(f'- 网上留言：<a href="{url}">{url}</a>')
    if mailbox := contact.get("mailbox"):
        lines.append(f'- 电子邮件：<a href="mailto:{mailbox}">{mailbox}</a>')
    if hotline := contact.get("hotline"):
        lines.append(f'- 政务服务便民热线：<a href="tel:{hotline}">{hotline}</a>')
    return lines


def contact_markdown(site: Site) -> str:
    contact = site.ctx.config.contact
    channels = _channels(contact)
    lines = [f"# {TITLE}", ""]
    if channels:
        lines += ["向本局咨询、提出意见建议，可以通过以下方式：", "", *channels, ""]
    else:
        lines += ["本局尚未公布网上咨询留言的方式，请通过页面底部的通信地址或电话联系。", ""]
    sections = [("受理时间", "office_hours"), ("办理程序", "handling"), ("答复时限", "reply")]
    for heading, key in sections:
        if text := contact.get(key):
            lines += [f"## {heading}", "", text, ""]
    lines += [
        "## 其他事项",
        "",
        "本站是信息公开专栏，不能直接接收留言。申请获取政府信息，请使用"
        "[政府信息公开申请表](../zfxxgkzn/sqb.md)；对公开征求意见的文件提出意见，"
        "请按[意见征集](../yjzj/index.md)中各篇公告写明的方式提交。",
        "",
    ]
    return "\n".join(lines)


def pages(site: Site) -> list[tuple[str, str]]:
    return [(SRC_URI, contact_markdown(site))]
