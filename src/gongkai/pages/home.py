"""The home page: the editors' introduction (content/index.md) followed by the latest items of
every column, newest first, with links that MkDocs resolves and validates."""

from __future__ import annotations

import posixpath

from gongkai.content.document import GK001, GK002, GK003, Document, read_document
from gongkai.content.site import HOME, Site, column_docs
from gongkai.content.validity import derive
from gongkai.dates.chinese import cn_date
from gongkai.pages.document import shows_validity
from gongkai.pages.escape import text

LATEST = 5
READER_LINKS = "[按主题分类浏览](zt/index.md) · [政府信息公开申请表](zfxxgkzn/sqb.md) · [咨询留言](zxly/index.md)"


def _intro(site: Site) -> tuple[str, str]:
    """(front matter block, body) of content/index.md, or a default heading.

    Read and split as a document is (`gongkai.content.document`), so the body MkDocs renders is
    the one the home text's scan read; a home text that cannot be read is reported by the check
    (GK001) and left out here.
    """
    path = site.ctx.config.docs_path / HOME
    default = "", f"# {site.ctx.config.organisation}政府信息公开专栏\n"
    if not path.is_file():
        return default
    doc, found = read_document(path, HOME, HOME, None)
    rules = {f.rule for f in found}
    if rules & {GK001.id, GK002.id}:
        return default
    if GK003.id in rules:  # no front matter: all of it is the body
        return "", doc.text
    head = doc.text[: len(doc.text) - len(doc.body)]
    return head if head.endswith("\n") else head + "\n", doc.body


def _without_toc(head: str) -> str:
    """The front matter with `hide: [toc]`: the column list on the right would repeat the page."""
    if not head:
        return "---\nhide:\n  - toc\n---\n"
    if "\nhide:" in head:
        return head
    return head[:-4] + "hide:\n  - toc\n---\n"


def _mark(site: Site, doc: Document) -> str:
    """A 失效 / 废止 / 已修改 / 尚未生效 mark after a document that is not plainly 有效."""
    if not shows_validity(doc):
        return ""
    status = str(derive(doc.meta, site.ctx.today))
    return "" if status == "有效" else f' <span class="gk-mark">{status}</span>'


def home_markdown(site: Site) -> str:
    head, body = _intro(site)
    lines = [_without_toc(head) + body.rstrip(), "", READER_LINKS, "", "## 最新信息", ""]
    lines += ['<div class="gk-latest" markdown="1">', ""]
    for column in site.ctx.config.columns:
        docs = column_docs(site, column)[:LATEST]
        if not docs:
            continue
        lines += ['<section class="gk-latest__column" markdown="1">', "", f"### {column.name}", ""]
        for d in docs:
            no = f"（{text(d.meta.doc_no)}）" if d.meta.doc_no else ""
            date = f'<span class="gk-date">{cn_date(d.meta.published)}</span>'
            lines.append(f"- [{text(d.meta.title)}]({d.src_uri}){no} {date}{_mark(site, d)}")
        more = posixpath.join(column.segment, "index.md")
        lines += ["", f"[{column.name}：全部信息]({more})", "", "</section>", ""]
    lines += ["</div>"]
    return "\n".join(lines).rstrip() + "\n"


def pages(site: Site) -> list[tuple[str, str]]:
    return [(HOME, home_markdown(site))]
