"""The machine-readable catalogue of published documents: public fields only, never `review`.

`catalogue.json` holds the values as written; in `catalogue.csv` a cell that a spreadsheet would
run as a formula is neutralised (`spreadsheet_safe`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from gongkai.content.site import Site
from gongkai.content.validity import derive
from gongkai.findings import Finding

PUBLIC_FIELDS = [
    "index_no",
    "title",
    "type",
    "publisher",
    "drafter",
    "doc_no",
    "written",
    "published",
    "topic",
    "keywords",
]


def rows(site: Site) -> list[dict[str, Any]]:
    out = []
    for doc in sorted(site.valid_docs, key=lambda d: d.meta.index_no or ""):
        if not site.is_published(doc):
            continue
        m = doc.meta
        row: dict[str, Any] = {key: getattr(m, key) for key in PUBLIC_FIELDS}
        row["publisher"] = m.publisher or site.ctx.config.organisation
        row["column"] = doc.column.name if doc.column else ""
        row["url"] = site.urls[doc.src_uri]
        row["validity"] = str(derive(m, site.ctx.today))
        out.append(row)
    return out


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell such as
# `=HYPERLINK("http://…","点击")` would be a live link, or worse, in the reader's Excel.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """The cell as text to a spreadsheet: a leading formula character gets a `'` before it."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return spreadsheet_safe("；".join(value))
    return "" if value is None else spreadsheet_safe(str(value))


def write(site: Site, site_dir: Path) -> list[Finding]:
    data = rows(site)
    (site_dir / "catalogue.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    buf = io.StringIO()
    fields = [*PUBLIC_FIELDS, "column", "url", "validity"]
    writer = csv.DictWriter(buf, fieldnames=fields)
    writer.writeheader()
    for row in data:
        writer.writerow({k: _plain(row[k]) for k in fields})
    # utf-8-sig: Excel, the tool most readers open a CSV with, needs the BOM for Chinese
    (site_dir / "catalogue.csv").write_text(buf.getvalue(), encoding="utf-8-sig")
    return []
