"""Browse by 主题分类: one static page per front-matter `topic` (`zt/<pinyin>/`), newest first,
and an index of all topics (`zt/`), linked from each document's metadata block and the home page."""

from __future__ import annotations

import posixpath
from itertools import groupby

from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.content.urls import slugify
from gongkai.dates.chinese import cn_date
from gongkai.pages.escape import text

FOLDER = "zt"
INDEX = f"{FOLDER}/index.md"


def topic_url(topic: str) -> str:
    """The site-relative URL of a topic's page: 狱政管理 → zt/yu-zheng-guan-li/."""
    return f"{FOLDER}/{slugify(topic)}/"


def by_topic(site: Site) -> dict[str, list[Document]]:
    """Published documents with a topic, by topic (in 拼音 order), newest first."""
    docs = [d for d in site.valid_docs if d.meta.topic and site.is_published(d)]
    docs.sort(key=lambda d: (slugify(d.meta.topic or ""), -d.meta.published.toordinal()))
    return {t: list(g) for t, g in groupby(docs, key=lambda d: d.meta.topic or "")}


def topic_markdown(site: Site, topic: str, docs: list[Document]) -> str:
    here = topic_url(topic).rstrip("/")
    lines = [
        f"# 主题分类：{text(topic)}",
        "",
        f"共{len(docs)}条，按发布日期从新到旧排列。[全部主题分类](../index.md)",
        "",
        "| 名称 | 栏目 | 发文字号 | 发布日期 |",
        "|---|---|---|---|",
    ]
    for d in docs:
        link = posixpath.relpath(d.src_uri, here)
        column = d.column.name if d.column else ""
        row = [f"[{text(d.meta.title)}]({link})", column, text(d.meta.doc_no)]
        lines.append("| " + " | ".join([*row, cn_date(d.meta.published)]) + " |")
    return "\n".join(lines) + "\n"


def index_markdown(topics: dict[str, list[Document]]) -> str:
    lines = ["# 主题分类", ""]
    if not topics:
        return "\n".join([*lines, "暂无按主题分类的信息。", ""])
    lines += ["按文件的主题分类浏览已公开的信息。", ""]
    for topic, docs in topics.items():
        lines.append(f"- [{text(topic)}]({slugify(topic)}/index.md)（{len(docs)}条）")
    return "\n".join(lines) + "\n"


def pages(site: Site) -> list[tuple[str, str]]:
    topics = by_topic(site)
    out = [(INDEX, index_markdown(topics))]
    for topic, docs in topics.items():
        out.append((f"{topic_url(topic)}index.md", topic_markdown(site, topic, docs)))
    return out
