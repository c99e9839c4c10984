"""What may reach `site/`: every file MkDocs would copy is decided here, by one function.

A file under `content/` (the docs_dir) is exactly one of: a document (the home text or a document
that passed the gate), an attachment (a file a published document or the home text uses, of a
type the secrecy rules read or a media type whose bytes were checked), or not published. A file
from outside `content/` is an asset of the site (the theme's). Hidden files and anything reached
through a symbolic link are never published; a link that leaves the repository is an error
(GK001, `escaping_links`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from gongkai.content.attachments import PUBLISHABLE, local_files, used_src_uri
from gongkai.content.document import GK001, Document
from gongkai.content.site import HOME
from gongkai.findings import Finding


class Fate(Enum):
    DOCUMENT = "文档"
    ATTACHMENT = "附件"
    ASSET = "站点资源"
    NOT_PUBLISHED = "不发布"


@dataclass(frozen=True)
class Decision:
    fate: Fate
    reason: str = ""  # why a file under content/ is not published


def decide(path: Path, docs_path: Path, published: set[str], used: set[str]) -> Decision:
    """The fate of one file MkDocs found (`path` as MkDocs names it, not resolved)."""
    try:
        src_uri = path.relative_to(docs_path).as_posix()
    except ValueError:
        return Decision(Fate.ASSET)
    parts = src_uri.split("/")
    if any(p.startswith(".") for p in parts):
        return Decision(Fate.NOT_PUBLISHED, "隐藏文件，不发布")
    if any((docs_path / "/".join(parts[: i + 1])).is_symlink() for i in range(len(parts))):
        return Decision(
            Fate.NOT_PUBLISHED, "经符号链接找到的文件，不发布：请把文件本身放进 content/"
        )
    if src_uri == HOME or src_uri in published:
        return Decision(Fate.DOCUMENT)
    if src_uri.endswith(".md"):
        return Decision(Fate.NOT_PUBLISHED, "文档未通过发布检查，不发布")
    if src_uri in used and path.suffix.lower() in PUBLISHABLE:
        return Decision(Fate.ATTACHMENT)
    return Decision(Fate.NOT_PUBLISHED, "没有已发布的文档使用该文件，不发布")


def used_files(docs: Iterable[Document]) -> set[str]:
    """src_uris of the files the given documents (the published ones and the home text) use."""
    return {used_src_uri(doc, name) for doc in docs for name, _ in local_files(doc)}


def _links(folder: Path, prefix: str) -> Iterator[tuple[str, Path]]:
    with os.scandir(folder) as entries:
        for entry in entries:
            src_uri = f"{prefix}{entry.name}"
            if entry.is_symlink():
                yield src_uri, Path(entry.path)
            elif entry.is_dir():
                yield from _links(Path(entry.path), f"{src_uri}/")


def escaping_links(docs_path: Path, root: Path, rel_prefix: str) -> list[Finding]:
    """GK001 for each symbolic link under docs_dir whose target lies outside the repository."""
    out: list[Finding] = []
    for src_uri, path in _links(docs_path, ""):
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            message = (
                f"符号链接指向项目之外（{target}），不读取也不发布："
                "请把文件本身复制进 content/，或删去该链接"
            )
            out.append(GK001.at(rel_prefix + src_uri, 1, 1, message))
    return out
