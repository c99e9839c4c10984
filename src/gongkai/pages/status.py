"""What some column listings show besides name and date (issue 6): the status of a 意见征集,
the reply time of a 回应关切, the project page of a procurement or tender document, and links to
the 预决算 overview and the project pages."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from gongkai.config.settings import Column
from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.dates.chinese import cn_date
from gongkai.pages import finance
from gongkai.pages import projects as project_pages
from gongkai.pages.document import solicitation_shown
from gongkai.pages.escape import text
from gongkai.rules.interaction import CONCERN, SOLICITATION

Cell = Callable[[Document], str]


def reply_time(doc: Document) -> str:
    """“3天” from 留言 to 答复, “未答复” without a reply."""
    m = doc.meta
    if m.received is None:
        return ""
    if m.replied is None:
        return "未答复"
    return f"{(m.replied - m.received).days}天"


def column_cells(site: Site, column: Column) -> list[tuple[str, Cell]]:
    """Extra (header, cell) pairs for the listing table of `column`."""
    if SOLICITATION in column.types:

        def status(d: Document) -> str:
            if d.meta.type != SOLICITATION:
                return ""
            period = (
                f"（{cn_date(d.meta.opens)}—{cn_date(d.meta.closes)}）" if d.meta.closes else ""
            )
            return solicitation_shown(d, site) + period

        return [("征集状态", status)]
    if CONCERN in column.types:
        return [
            ("留言日期", lambda d: cn_date(d.meta.received)),
            ("答复日期", lambda d: cn_date(d.meta.replied) or "未答复"),
            ("答复用时", reply_time),
        ]
    pages = {
        p.project: project_pages.page_uri(c, p)
        for c, p in project_pages.public_projects(site)
        if c == column
    }
    if pages:

        def project(d: Document) -> str:
            uri = pages.get(d.meta.project or "")
            if uri is None:
                return ""
            where = posixpath.relpath(uri, column.segment)
            return f"[{text(d.meta.stage)}·{text(d.meta.project)}]({where})"

        return [("项目", project)]
    return []


def column_intro(site: Site, column: Column) -> list[str]:
    """Lines under the listing's heading: the 预决算 overview, the list of projects."""
    if column == finance.finance_column(site):
        return ["", f"各单位各年度公开情况见[{column.name}公开情况表]({finance.PAGE})。"]
    found = [(c, p) for c, p in project_pages.public_projects(site) if c == column]
    if not found:
        return []
    links = " · ".join(
        f"[{text(p.project)}]({posixpath.relpath(project_pages.page_uri(c, p), column.segment)})"
        for c, p in found
    )
    return ["", f"按项目查看：{links}"]
