"""The page metadata of GB/T 42147-2022 and the national 政府网站 目录 spec, the per-page part
(`ColumnName`, `ColumnType`, `ArticleTitle`, `PubDate`, `ContentSource`, `Keywords`); the site-wide
part (`SiteName`, `SiteDomain`, `SiteIDCode`, `Description`, `Url`) comes from mkdocs.yml and
gongkai.yml in partials/gk-head.html. A value that is not known is left out, never written empty."""

from __future__ import annotations

from gongkai.content.document import Document
from gongkai.content.site import HOME, Site
from gongkai.pages import contact

COLUMN_TYPE = "政务公开"  # every column of this site is part of the 政府信息公开 column
OWN_COLUMNS = {contact.SRC_URI: (contact.TITLE, "互动交流")}


def page_meta(site: Site, src_uri: str, doc: Document | None) -> dict[str, str]:
    """The `<meta>` names and values of the page made from `src_uri` (the document `doc`, or
    a generated page), in the spec's order."""
    if src_uri in OWN_COLUMNS:
        name, kind = OWN_COLUMNS[src_uri]
        return {"ColumnName": name, "ColumnType": kind}
    column = site.ctx.config.column_by_segment(src_uri.split("/", 1)[0])
    if src_uri == HOME or column is None:
        return {}
    out = {"ColumnName": column.name, "ColumnType": COLUMN_TYPE}
    if doc is None:
        return out
    m = doc.meta
    out |= {
        "ArticleTitle": m.title,
        "PubDate": m.published.isoformat(),
        "ContentSource": m.publisher or site.ctx.config.organisation,
    }
    if m.keywords:
        out["Keywords"] = ",".join(m.keywords)
    return out
