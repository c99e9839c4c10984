"""schema.org JSON-LD for 规范性文件: `Legislation` with its legal force for the build day."""

from __future__ import annotations

from typing import Any

from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.content.validity import Status, derive, effective_date

FORCE = {
    Status.VALID: "https://schema.org/InForce",
    Status.AMENDED: "https://schema.org/InForce",
    Status.EXPIRED: "https://schema.org/NotInForce",
    Status.REPEALED: "https://schema.org/NotInForce",
    Status.NOT_YET: "https://schema.org/NotInForce",
}


def legislation(doc: Document, site: Site) -> dict[str, Any] | None:
    m = doc.meta
    if m.type != "规范性文件":
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": m.title,
        "identifier": m.index_no,
        "legislationIdentifier": m.doc_no,
        "legislationType": m.type,
        "legislationPassedBy": {
            "@type": "GovernmentOrganization",
            "name": m.publisher or site.ctx.config.organisation,
        },
        "legislationDate": m.written.isoformat() if m.written else None,
        "datePublished": m.published.isoformat(),
        "legislationDateOfApplicability": effective_date(m).isoformat(),
        "legislationLegalForce": FORCE[derive(m, site.ctx.today)],
        "inLanguage": "zh-CN",
    }
    if m.validity and m.validity.expires:
        data["expires"] = m.validity.expires.isoformat()
    return {k: v for k, v in data.items() if v is not None}
