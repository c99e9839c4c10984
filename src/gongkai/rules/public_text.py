"""Secrecy markings and personal numbers in published text that belongs to no document.

The home text (`content/index.md`), the generated pages and every file of a built site cannot be
withheld like a document: what the GK21x detectors find there is an error. The detectors are
those of `gongkai.rules.secrecy`, with the same checksum rules.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from gongkai.config.context import Context
from gongkai.content import attachments
from gongkai.content.attachments import local_files, used_src_uri
from gongkai.content.document import from_text, read_document
from gongkai.content.site import HOME, rel_prefix
from gongkai.findings import Finding, Severity
from gongkai.rules.markup import body_findings
from gongkai.rules.secrecy import markings, personal_data


@dataclass(frozen=True)
class Hit:
    start: int
    rule: str  # GK210–GK213
    what: str  # 身份证号码“220102******1234” / 密级标志“机密★1年”
    number: str = ""  # a personal number's digits, as found


def digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text).upper()


def hits(text: str, today: dt.date) -> list[Hit]:
    """Every secrecy marking and personal number in a text, the numbers shown half hidden."""
    found = [Hit(s, "GK210", f"{name}“{shown}”") for s, _, shown, name in markings(text)]
    found += [
        Hit(p.start, p.rule, f"{p.kind}“{p.shown}”", p.digits) for p in personal_data(text, today)
    ]
    return sorted(found, key=lambda h: h.start)


def _line_col(text: str, start: int) -> tuple[int, int]:
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def text_findings(rel: str, text: str, today: dt.date, what: str) -> list[Finding]:
    """Errors for the hits in a published text that is not a document (`what`: 首页文字…)."""
    out: list[Finding] = []
    for h in hits(text, today):
        line, col = _line_col(text, h.start)
        message = f"{what}中有{h.what}：它无法暂不发布，构建失败；请删去或隐去后重新构建"
        out.append(Finding(rel, line, col, h.rule, Severity.ERROR, message))
    return out


def file_findings(rel: str, path: Path, today: dt.date, what: str) -> list[Finding]:
    """The same for a file the home text uses, read by its real type (GK214 if it cannot be)."""
    try:
        chunks = attachments.chunks(path)
    except attachments.AttachmentError as e:
        message = f"{what}无法读取（{e}），未能检查，不能发布：请换成可正常打开的文件"
        return [Finding(rel, 1, 1, "GK214", Severity.ERROR, message)]
    except OSError as e:
        message = f"{what}无法读取（{e.strerror}）：请检查文件"
        return [Finding(rel, 1, 1, "GK214", Severity.ERROR, message)]
    return [
        Finding(
            rel,
            1,
            1,
            h.rule,
            Severity.ERROR,
            f"{what}（{c.where}）中有{h.what}：请删去或隐去后重新构建",
        )
        for c in chunks
        for h in hits(c.text, today)
    ]


def home_findings(ctx: Context) -> list[Finding]:
    """The home text and the files it uses, scanned like a document's, and its HTML checked
    (GK220); errors: it is always shown."""
    docs_path = ctx.config.docs_path
    rel = rel_prefix(ctx) + HOME
    if not (docs_path / HOME).is_file():
        return []
    home, read_found = read_document(docs_path / HOME, rel, HOME, None)
    # What makes it unreadable or its front matter broken; it may have no front matter at all.
    found = [f for f in read_found if f.rule not in ("GK002", "GK003")]
    if not home.text:
        return found
    text = home.text  # all of it, front matter too: the same normalised text the page is made of
    found += text_findings(rel, text, ctx.today, "首页文字")
    shown = from_text(rel, text)  # the body as the home page shows it (all of it without ---)
    if not shown.body and not text.startswith("---"):
        shown.body = text
    found += body_findings(shown, ctx, "首页不能暂不发布，构建失败")  # GK220: its HTML
    for key, name in ctx.config.fact_files.items():
        path = docs_path / name
        what = f"gongkai.yml 中 site.{key} 指定的文件 {rel_prefix(ctx)}{name}"
        if not path.is_file():
            message = f"{what}不存在：请把文件放到该位置，或改正、删去 site.{key}"
            found.append(Finding("gongkai.yml", 1, 1, "GK214", Severity.ERROR, message))
        else:
            found += file_findings("gongkai.yml", path, ctx.today, what)
    for name, _ in local_files(home):
        path = docs_path / used_src_uri(home, name)
        if path.is_file():
            found += file_findings(rel, path, ctx.today, f"首页使用的文件 {name}")
    return found
