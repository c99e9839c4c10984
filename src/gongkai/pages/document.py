"""What a document page shows: metadata block, validity banner, related documents, attachments.

The view is a plain dict handed to the templates in `theme_overrides/` as `page.meta.gongkai`.
The review record is never part of it.
"""

from __future__ import annotations

import posixpath
from typing import Any

from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.content.validity import Status, derive, effective_date, references
from gongkai.dates.chinese import cn_date
from gongkai.pages.jsonld import legislation
from gongkai.pages.topics import topic_url
from gongkai.rules.interaction import SOLICITATION, adoption_for, phase


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def shows_validity(doc: Document) -> bool:
    return doc.meta.validity is not None or doc.meta.type == "规范性文件"


def _link(site: Site, doc: Document) -> dict[str, str]:
    return {"title": doc.meta.title, "url": site.urls[doc.src_uri]}


FORWARD = {"interprets": "解读对象", "replaced_by": "替代文件", "amended_by": "修改文件"}
BACKWARD = {"interprets": "相关解读", "replaced_by": "所替代的文件", "amended_by": "所修改的文件"}


def related(doc: Document, site: Site) -> dict[str, list[dict[str, str]]]:
    """Links both ways: 解读对象 ↔ 相关解读, 替代文件 ↔ 所替代的文件, 修改文件 ↔ 所修改的文件."""
    out: dict[str, list[dict[str, str]]] = {}
    for kind, _, target in references(doc):
        other = site.by_index.get(target)
        if other and site.is_published(other):
            out.setdefault(FORWARD[kind], []).append(_link(site, other))
    for kind, other in site.referrers.get(doc.meta.index_no or "", []):
        if site.is_published(other):
            out.setdefault(BACKWARD[kind], []).append(_link(site, other))
    return out


def banner(doc: Document, site: Site) -> dict[str, Any] | None:
    """The validity banner for anything that is not plainly 有效."""
    status = derive(doc.meta, site.ctx.today)
    v = doc.meta.validity
    links: list[dict[str, str]] = []
    if status in (Status.EXPIRED, Status.REPEALED):
        when = v.repealed if v.repealed and v.repealed <= site.ctx.today else v.expires
        successor = site.by_index.get(v.replaced_by or "")
        text = f"本文件已于{cn_date(when)}{status}"
        if successor and site.is_published(successor):
            text += "，已被以下文件替代："
            links.append(_link(site, successor))
        return {"status": str(status), "kind": "expired", "text": text, "links": links}
    if status is Status.AMENDED:
        amending = [site.by_index[i] for i in v.amended_by if i in site.by_index]
        links = [_link(site, d) for d in amending if site.is_published(d)]
        return {
            "status": str(status),
            "kind": "amended",
            "text": "本文件已被修改，请同时阅读修改文件：",
            "links": links,
        }
    if status is Status.NOT_YET:
        text = f"本文件尚未生效，自{cn_date(effective_date(doc.meta))}起施行"
        return {"status": str(status), "kind": "not-yet", "text": text, "links": []}
    return None


CONTACT_URL = "zxly/"  # the 咨询留言 page (gongkai.pages.contact)


def adoption_shown(doc: Document, site: Site) -> Document | None:
    """The 采纳情况 the site shows for a solicitation: a published one only (GK523 and the
    status rules run before the gate, which may still withhold it)."""
    adoption = adoption_for(site, site.ctx, doc.meta.index_no)
    return adoption if adoption is not None and site.is_published(adoption) else None


def solicitation_shown(doc: Document, site: Site) -> str:
    """未开始 / 征集中 / 已结束 / 已反馈 as the site shows it on the build day."""
    return "已反馈" if adoption_shown(doc, site) else phase(doc, site.ctx.today)


def solicitation(doc: Document, site: Site) -> dict[str, Any] | None:
    """On an 意见征集: how to submit an opinion until `closes`, then its 采纳情况."""
    m = doc.meta
    if m.type != SOLICITATION or not m.closes:
        return None
    adoption = adoption_shown(doc, site)
    status = solicitation_shown(doc, site)
    closes = cn_date(m.closes)
    if status in ("未开始", "征集中"):
        contact = site.ctx.config.contact
        channels = [
            {"label": "网上留言", "url": contact["message_url"]}
            if "message_url" in contact
            else None,
            {"label": f"电子邮件：{contact['mailbox']}", "url": f"mailto:{contact['mailbox']}"}
            if "mailbox" in contact
            else None,
        ]
        return {
            "status": status,
            "text": f"征集时间：{cn_date(m.opens)}至{closes}。请在{closes}前提出意见：",
            "channels": [c for c in channels if c],
            "contact": CONTACT_URL,
        }
    if adoption is None:
        return {"status": status, "text": f"征集已于{closes}结束，意见采纳情况将在本栏目公布。"}
    return {
        "status": status,
        "text": f"征集已于{closes}结束。意见采纳情况：",
        "adoption": _link(site, adoption),
    }


def attachments(doc: Document, site: Site) -> list[dict[str, str]]:
    folder = posixpath.dirname(doc.src_uri)
    out = []
    for att in doc.meta.attachments:
        path = doc.path.parent / att.file
        if not path.is_file():
            continue
        out.append(
            {
                "title": att.title or path.stem,
                "url": posixpath.join(folder, att.file),
                "type": path.suffix.lstrip(".").upper() or "文件",
                "size": human_size(path.stat().st_size),
            }
        )
    return out


def view(doc: Document, site: Site) -> dict[str, Any]:
    m = doc.meta
    status = derive(m, site.ctx.today)
    rows = [
        ("索引号", m.index_no),
        ("主题分类", m.topic),
        ("发布机构", m.publisher or site.ctx.config.organisation),
        ("成文日期", cn_date(m.written)),
        ("发文字号", m.doc_no),
        ("发布日期", cn_date(m.published)),
        ("有效性", str(status) if shows_validity(doc) else None),
    ]
    urls = {"主题分类": topic_url(m.topic)} if m.topic else {}
    return {
        "rows": [{"label": k, "value": v, "url": urls.get(k)} for k, v in rows if v],
        "solicitation": solicitation(doc, site),
        "status": str(status),
        "banner": banner(doc, site),
        "related": related(doc, site),
        "attachments": attachments(doc, site),
        "example": site.ctx.config.is_example(doc.src_uri),
        "column": doc.column.name if doc.column else "",
        "year": m.published.year,
        "jsonld": legislation(doc, site),
    }
