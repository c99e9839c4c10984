"""An Atom feed (RFC 4287) of new and changed documents: published, or whose derived validity
changed (took effect, expired, was repealed) on or before the build day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.content.validity import derive, effective_date
from gongkai.findings import Finding

ENTRIES = 50


def changed_on(doc: Document, today: dt.date) -> dt.date:
    """The latest day on or before `today` on which the document was published or changed status."""
    m = doc.meta
    days = [m.published, effective_date(m)]
    if m.validity:
        days.append(m.validity.repealed)
        if m.validity.expires:
            days.append(m.validity.expires + dt.timedelta(days=1))
    return max(d for d in days if d and d <= today) if m.published <= today else m.published


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def feed_xml(site: Site) -> str:
    cfg = site.ctx.config
    today = site.ctx.today
    docs = [d for d in site.valid_docs if site.is_published(d)]
    docs.sort(key=lambda d: (changed_on(d, today), d.meta.index_no or ""), reverse=True)
    docs = docs[:ENTRIES]
    updated = changed_on(docs[0], today) if docs else today
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{escape(cfg.organisation)}政府信息公开专栏</title>",
        f"  <id>tag:{escape(cfg.org_code)},2000:gongkai</id>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(cfg.organisation)}</name></author>",
        '  <link rel="self" href="feed.xml"/>',
        '  <link href="./"/>',
    ]
    for d in docs:
        m = d.meta
        status = derive(m, today)
        summary = "；".join(
            x
            for x in (
                m.type,
                m.doc_no,
                f"发布日期：{m.published.isoformat()}",
                f"有效性：{status}" if m.validity else "",
            )
            if x
        )
        out += [
            "  <entry>",
            f"    <title>{escape(m.title)}</title>",
            f"    <id>tag:{escape(cfg.org_code)},2000:{escape(m.index_no or d.src_uri)}</id>",
            f'    <link href="{escape(site.urls[d.src_uri])}"/>',
            f"    <published>{_stamp(m.published)}</published>",
            f"    <updated>{_stamp(changed_on(d, today))}</updated>",
            f'    <category term="{escape(d.column.name if d.column else "")}"/>',
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def write(site: Site, site_dir: Path) -> list[Finding]:
    (site_dir / "feed.xml").write_text(feed_xml(site), encoding="utf-8")
    return []
