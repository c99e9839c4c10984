"""GK110–GK119 引用的法律法规: 《…》 citations in bodies checked against the regulation registry.

The registry (`gongkai.registry.laws`) is read from disk once per run; the build never goes online.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.findings import Finding, Severity, rule
from gongkai.registry.laws import Registry, RegistryError, Regulation, Version, cn, load, path_for

CITATION = re.compile(r"《([^《》\n]{2,80})》")
INNER_PAREN = re.compile(r"^(.*?)（([^（）]*)）$")
AFTER_PAREN = re.compile(r"^（([^（）\n]{1,80})）")
YEAR_BEFORE = re.compile(r"(\d{4})年(?:版|修订|修正|公布|颁布|发布|印发)?(?:的|版)?$")
YEAR = re.compile(r"(\d{4})年")
# Names that end in 法 but are not laws (办法 is a rule, not a 法律).
NOT_LAW = ("办法", "方法", "做法", "看法", "说法", "想法", "写法", "用法", "手法", "算法")
LOCAL = re.compile(r"^[\u4e00-\u9fff]{2,7}?(?:省|自治区|市)")
NATIONAL = ("中华人民共和国", "国务院", "全国人民代表大会")
ABBREVIATIONS = {"条例", "本条例", "法", "本法"}


@dataclass(frozen=True)
class Citation:
    name: str  # without 《》 and without an inner （…）
    qualifier: str  # the text of a （…） inside or right after the brackets
    start: int  # offset of 《 in the body
    before: str  # up to 10 characters before 《


def registry_for(ctx: Context) -> Registry | None:
    """The project's registry, or None when it is broken (GK119 reports that once)."""
    try:
        return load(path_for(ctx.config.root))
    except RegistryError:
        return None


def citations(body: str) -> Iterator[Citation]:
    for m in CITATION.finditer(body):
        name, qualifier = m[1].strip(), ""
        inner = INNER_PAREN.match(name)
        if inner:
            name, qualifier = inner[1], inner[2]
        after = AFTER_PAREN.match(body, m.end())
        if after and not qualifier:
            qualifier = after[1]
        yield Citation(name, qualifier, m.start(), body[max(0, m.start() - 10) : m.start()])


def doc_citations(doc: Document) -> tuple[Citation, ...]:
    """The citations of a document's body, found once for the rules that ask."""
    cached = doc.__dict__.get("_citations")
    if cached is None:
        cached = tuple(citations(doc.body)) if "《" in doc.body else ()
        doc.__dict__["_citations"] = cached
    return cached


def position(doc: Document, offset: int) -> tuple[int, int]:
    """File line and column (1-based) of a body offset."""
    line = doc.body_line + doc.body.count("\n", 0, offset)
    column = offset - (doc.body.rfind("\n", 0, offset) + 1) + 1
    return line, column


def looks_like_law(name: str) -> bool:
    if name in ABBREVIATIONS or "草案" in name or "征求意见稿" in name:
        return False
    if not (name.endswith("条例") or (name.endswith("法") and not name.endswith(NOT_LAW))):
        return False
    return name.startswith(NATIONAL) or not LOCAL.match(name)


def _version_named(entry: Regulation, cite: Citation) -> Version | None:
    """The superseded version a citation names by its year, if any (“2007年公布的《…》”)."""
    current = entry.current
    years: list[int] = []
    before = YEAR_BEFORE.search(cite.before)
    if before:
        years.append(int(before[1]))
    if cite.qualifier:
        mentions_current = bool(current.order and current.order in cite.qualifier) or bool(
            current.promulgated and f"{current.promulgated.year}年" in cite.qualifier
        )
        if mentions_current:
            return None
        years += [int(y) for y in YEAR.findall(cite.qualifier)]
    for year in years:
        for old in entry.superseded:
            if old.promulgated and old.promulgated.year == year:
                return old
    return None


def order_pattern(order: str) -> re.Pattern[str]:
    """国务院令第492号 also written 国务院令492号, 国务院令第 492 号."""
    m = re.fullmatch(r"(.+?令)第(.+)号", order)
    if not m:
        return re.compile(re.escape(order))
    return re.compile(rf"{re.escape(m[1])}\s*第?\s*{re.escape(m[2])}\s*号")


def _same_note_names_current(body: str, end: int, current: Version) -> bool:
    """A title note such as （2007年…第492号公布 2019年…第711号修订） cites the current text."""
    tail = re.split(r"[）。\n]", body[end : end + 80], maxsplit=1)[0]
    return bool(current.order and current.order in tail) or bool(
        current.promulgated and f"{current.promulgated.year}年" in tail
    )


@rule("GK110", "引用已废止的法律法规", Severity.ERROR)
def repealed_citation(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：文件依据的法律法规已经废止，文件本身的依据就不成立，公众也会被误导。
    法规是否废止以法规登记表（data/regulations.yml，来自国家法律法规数据库）为准。

    错误示例：根据《某某条例》制定本办法。（该条例已废止）

    正确示例：根据现行有效的《某某法》制定本办法；或删去已废止法规的引用。
    """
    cited = doc_citations(doc)
    registry = registry_for(ctx) if cited else None
    if registry is None:
        return
    for cite in cited:
        entry = registry.find(cite.name)
        if entry is None or entry.status != "已废止":
            continue
        line, column = position(doc, cite.start)
        when = f"已于{cn(entry.repealed)}废止" if entry.repealed else "已废止"
        instead = (
            f"请改引现行的《{entry.replaced_by}》"
            if entry.replaced_by
            else "请删去该引用或改引现行有效的规定"
        )
        yield repealed_citation.at(
            doc.rel,
            line,
            column,
            f"引用的《{entry.name}》{when}（法规登记表：{entry.status}）：{instead}",
        )


def _old_version_findings(doc: Document, entry: Regulation, cited: list[Citation]):
    """(offset, message) of every sign that the text follows a superseded version."""
    current = entry.current
    now = f"现行版本为{current.describe()}"
    for cite in cited:
        old = _version_named(entry, cite)
        if old:
            yield (
                cite.start,
                f"引用了《{entry.name}》的旧版本（{old.describe()}）：{now}，请按现行版本核对引用",
            )
    for old in entry.superseded:
        if old.order:
            for m in order_pattern(old.order).finditer(doc.body):
                if not _same_note_names_current(doc.body, m.end(), current):
                    yield (
                        m.start(),
                        f"“{m[0]}”是《{entry.name}》旧版本的令号：{now}，请改为现行版本的令号",
                    )
        if cited:
            for marker in old.markers:
                for m in re.finditer(marker.pattern, doc.body):
                    yield (
                        m.start(),
                        f"“{m[0]}”是《{entry.name}》旧版本（{old.order or old.label}）的规定；"
                        f"{marker.current}：请按现行版本改写",
                    )


@rule("GK111", "引用法律法规的旧版本", Severity.WARNING)
def superseded_citation(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：法律法规修订后，旧版本的条文、期限和令号不再适用。照旧版本写的答复期限、收费规定
    会让申请人得到错误的信息。旧版本的令号、年份和只有旧版本才有的文字都记在法规登记表里。

    错误示例：依据《中华人民共和国政府信息公开条例》（国务院令第492号），应在15个工作日内予以答复。

    正确示例：依据《中华人民共和国政府信息公开条例》（国务院令第711号），应在20个工作日内予以答复。
    """
    registry = registry_for(ctx)
    if registry is None:
        return
    by_entry: dict[str, tuple[Regulation, list[Citation]]] = {}
    for cite in doc_citations(doc):
        entry = registry.find(cite.name)
        if entry is not None:
            by_entry.setdefault(entry.name, (entry, []))[1].append(cite)
    for entry in registry.entries:
        if not entry.superseded:
            continue
        cited = by_entry.get(entry.name, (entry, []))[1]
        seen: set[int] = set()
        for offset, message in _old_version_findings(doc, entry, cited):
            if offset in seen:
                continue
            seen.add(offset)
            line, column = position(doc, offset)
            yield superseded_citation.at(doc.rel, line, column, message)


@rule("GK112", "引用的法律法规未登记", Severity.INFO)
def unknown_citation(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：只有登记在法规登记表里的法律法规才能核对是否废止、是否引用了旧版本。
    正文引用了未登记的《……条例》《……法》时提示一次，让登记表随引用增长。

    错误示例：根据《中华人民共和国某某法》……（登记表中没有该法）

    正确示例：在 src/gongkai/data/regulations.yml 中登记该法的现行版本、施行日期和出处，
    或用 python -m gongkai registry import 导入国家法律法规数据库的导出文件。
    """
    cited = doc_citations(doc)
    registry = registry_for(ctx) if cited else None
    if registry is None:
        return
    reported: set[str] = set()
    for cite in cited:
        if cite.name in reported or not looks_like_law(cite.name):
            continue
        if registry.find(cite.name) is None:
            reported.add(cite.name)
            line, column = position(doc, cite.start)
            yield unknown_citation.at(
                doc.rel,
                line,
                column,
                f"《{cite.name}》不在法规登记表中：如是国家法律或行政法规，请在 "
                "src/gongkai/data/regulations.yml 登记其现行版本、施行日期和出处，以便核对时效",
            )


@rule("GK119", "法规登记表有误", Severity.ERROR, scope="site")
def broken_registry(site: Site, ctx: Context) -> Iterator[Finding]:
    """
    为什么：法规登记表读不出来时，引用的法律法规是否废止、是否旧版本都无从核对。
    登记表的每个版本都必须写明日期的出处（source），未核实的条目写 confirmed: false 和说明。

    错误示例：
        current:
          promulgated: 2019-04-03
          effective: 2019-05-15      # 没有 source

    正确示例：
        current:
          promulgated: 2019-04-03
          effective: 2019-05-15
          source: 国务院令第711号（中国政府网）
    """
    try:
        load(path_for(ctx.config.root))
    except RegistryError as e:
        path = Path(e.path)
        try:
            shown = path.resolve().relative_to(ctx.config.root.resolve()).as_posix()
        except ValueError:
            shown = str(path)
        yield broken_registry.at(shown, e.line, 1, e.reason)
