"""One generated page per procurement or tender project: its stages as a timeline."""

from __future__ import annotations

import posixpath

from gongkai.config.settings import Column
from gongkai.content.chains import Due, Project, projects
from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.dates import deadlines
from gongkai.dates.chinese import cn_date
from gongkai.pages.escape import text

FOLDER = "projects"


def _money(value: object) -> str:
    return f"{value}元" if value is not None else ""


def public_projects(site: Site) -> list[tuple[Column, Project]]:
    """The published projects with their column (asked for by every listing: made once)."""

    def make() -> list[tuple[Column, Project]]:
        docs = [d for d in site.valid_docs if site.is_published(d)]
        found = projects(docs, deadlines.load())
        return [(p.docs[0].column, p) for p in found if p.docs[0].column is not None]

    return site.memo("published projects", make)


def page_uri(column: Column, project: Project) -> str:
    return f"{column.segment}/{FOLDER}/{project.slug}.md"


def _due_text(due: Due, own: Document | None) -> str:
    date = due.date()
    if due.unknown:
        return f"{due.text}（工作日安排未公布，暂不判断）"
    when = f"，最迟{cn_date(date)}" if date and not due.rule.before else ""
    verdict = {True: "逾期", False: "按期" if own else "未到期", None: ""}[due.late]
    return f"{due.text}{when}" + (f"：{verdict}" if verdict else "")


def _link(doc: Document, project_uri: str) -> str:
    rel = posixpath.relpath(doc.src_uri, posixpath.dirname(project_uri))
    return f"[{text(doc.meta.title)}]({rel})"


def project_markdown(site: Site, column: Column, project: Project) -> str:
    uri = page_uri(column, project)
    budget = next((d.meta.budget for d in project.docs if d.meta.budget is not None), None)
    amount = next((d.meta.amount for d in reversed(project.docs) if d.meta.amount), None)
    lines = [
        f"# 项目：{text(project.project)}",
        "",
        f"{text(project.title)}。所属栏目：[{column.name}](../index.md)。",
    ]
    facts = [("预算金额", _money(budget)), ("成交金额", _money(amount))]
    lines += ["", "；".join(f"{k}：{v}" for k, v in facts if v) or "", ""]
    lines += ["## 公开进程", "", "| 阶段 | 发布日期 | 文件 | 公开时限 |", "|---|---|---|---|"]
    for stage in project.chain.order:
        docs = project.stage_docs(stage)
        dues = project.dues(stage, site.ctx.today)
        limit = "；".join(_due_text(d, docs[0] if docs else None) for d in dues)
        if not docs:
            if stage in project.chain.optional:
                continue
            lines.append(f"| {text(stage)} | 未公开 | — | {limit or '—'} |")
        for doc in docs:
            lines.append(
                f"| {text(stage)} | {cn_date(doc.meta.published)} | {_link(doc, uri)} | {limit or '—'} |"
            )
    lines += [
        "",
        f"以上情况截至{cn_date(site.ctx.today)}。工作日按国务院办公厅公布的节假日安排计算。",
    ]
    return "\n".join(lines) + "\n"


def pages(site: Site) -> list[tuple[str, str]]:
    return [
        (page_uri(column, p), project_markdown(site, column, p))
        for column, p in public_projects(site)
    ]
