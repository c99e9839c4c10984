"""GK110–GK119 引用的法律法规: 《…》 citations in bodies checked against the regulation registry.

The registry (`gongkai.registry.laws`) is read from disk once per run; the build never goes online.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.content.site import Site
from gongkai.findings import Finding, Severity, rule
from gongkai.registry.laws import (
    Registry,
    RegistryError,
    Regulation,
    Version,
    cn,
    load_for,
    normalise,
)
from gongkai.rules.law_names import Citation, distance, doc_citations, looks_like_law, within

YEAR_BEFORE = re.compile(r"(\d{4})年(?:版|修订|修正|公布|颁布|发布|印发)?(?:的|版)?$")
YEAR = re.compile(r"(\d{4})年")
REPEALING = re.compile(r"废止")  # “《…》同时废止” states a repeal, it does not cite the law
PROJECT_FILE = "项目根目录的 regulations.yml 中"


def registry_for(ctx: Context) -> Registry | None:
    """The packaged registry with the project's own laid over it; None when one is broken (GK119)."""
    try:
        return load_for(ctx.config.root)
    except RegistryError:
        return None


def position(doc: Document, offset: int) -> tuple[int, int]:
    """File line and column (1-based) of a body offset."""
    line = doc.body_line + doc.body.count("\n", 0, offset)
    column = offset - (doc.body.rfind("\n", 0, offset) + 1) + 1
    return line, column


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


# A 题注 history line (“2007年4月5日国务院令第492号公布”) tells the text's history: not a citation.
_SIGNS: dict[int, tuple[Registry, re.Pattern[str]]] = {}


def _old_signs(registry: Registry) -> re.Pattern[str]:
    """Every superseded version's 令号 and wording in one pattern: a body with none of them is
    searched for a citation's named version only (most bodies: one search, not one per law)."""
    known = _SIGNS.get(id(registry))
    if known is None or known[0] is not registry:
        parts = [
            *(
                order_pattern(o.order).pattern
                for e in registry.entries
                for o in e.superseded
                if o.order
            ),
            *(m.pattern for e in registry.entries for o in e.superseded for m in o.markers),
        ]
        known = (registry, re.compile("|".join(f"(?:{p})" for p in parts) or r"(?!)"))
        _SIGNS[id(registry)] = known
    return known[1]


_HISTORY = re.compile(r"[）)\s]*(?:公布|发布|修订|修正|施行)")


def _paragraph(body: str, offset: int) -> tuple[int, int]:
    end = body.find("\n", offset)
    return body.rfind("\n", 0, offset) + 1, len(body) if end < 0 else end


def _repealed(entry: Regulation) -> str:
    when = f"已于{cn(entry.repealed)}废止" if entry.repealed else "已废止"
    if entry.replaced_by:
        return f"《{entry.name}》{when}，由《{entry.replaced_by}》取代：请改引《{entry.replaced_by}》的相应规定"
    return f"《{entry.name}》{when}：请删去该引用或改引现行有效的规定"


@rule("GK110", "引用已废止的法律法规", Severity.ERROR)
def repealed_citation(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：文件依据的法律法规已经废止，文件本身的依据就不成立，公众也会被误导。
    法规是否废止以法规登记表为准：内置登记表来自国家法律法规数据库（含各法“《……》同时废止”
    所废止的法律），项目根目录的 regulations.yml 可以逐条改正、补充。
    正文写明“《……》同时废止”的句子是在宣布废止，不是引用。

    错误示例：根据《中华人民共和国合同法》签订合同。（已于2021年1月1日废止，由民法典取代）

    正确示例：根据《中华人民共和国民法典》签订合同。
    """
    cited = doc_citations(doc)
    registry = registry_for(ctx) if cited else None
    if registry is None:
        return
    for cite in cited:
        entry = registry.find(cite.title) or registry.find(cite.name)
        if entry is None or entry.status != "已废止" or REPEALING.search(cite.sentence):
            continue
        line, column = position(doc, cite.start)
        yield repealed_citation.at(doc.rel, line, column, _repealed(entry))


def _old_version_findings(doc: Document, entry: Regulation, cited: list[Citation]):
    """(offset, message) of every sign that the text follows a superseded version."""
    current = entry.current
    now = f"现行版本为{current.describe()}" if cited else ""
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
                history = _HISTORY.match(doc.body, m.end())
                if not history and not _same_note_names_current(doc.body, m.end(), current):
                    now = now or f"现行版本为{current.describe()}"
                    yield (
                        m.start(),
                        f"“{m[0]}”是《{entry.name}》旧版本的令号：{now}，请改为现行版本的令号",
                    )
        for marker in old.markers:
            for m in re.finditer(marker.pattern, doc.body):
                # only where the paragraph cites the law: the same words elsewhere are the
                # document's own (a 部门规章's own “延长十五个工作日”)
                start, end = _paragraph(doc.body, m.start())
                if any(start <= c.start < end for c in cited):
                    now = now or f"现行版本为{current.describe()}"
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
    signs = _old_signs(registry).search(doc.body) is not None
    for entry in registry.entries if signs else [e for e, _ in by_entry.values()]:
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


def near(registry: Registry, name: str) -> Regulation | None:
    """The registered law a mistyped name most likely means: one character replaced, or at most two
    added or left out. Two replaced characters are another law as often as not (国防计量工作管理条例
    and 国防计量监督管理条例 are both real)."""
    key = normalise(name)
    best: tuple[int, str] | None = None
    found = None
    for entry in registry.entries:
        for other in map(normalise, entry.names()):
            if other[-1] != key[-1] or len(other) < 3 or other[:2] != key[:2]:
                continue
            d = distance(key, other, 2)
            close = d == 1 or (d == 2 and (within(key, other) or within(other, key)))
            if close and (best is None or (d, other) < best):
                best, found = (d, other), entry
    return found


def _unknown(doc: Document, ctx: Context) -> Iterator[tuple[Citation, Regulation | None]]:
    """Each law-like citation the registry does not know, once, with the law it may mean."""
    cited = doc_citations(doc)
    registry = registry_for(ctx) if cited else None
    if registry is None:
        return
    reported: set[str] = set()
    for cite in cited:
        if cite.name in reported or not looks_like_law(cite.name):
            continue
        if registry.find(cite.title) is None and registry.find(cite.name) is None:
            reported.add(cite.name)
            yield cite, near(registry, cite.name)


@rule("GK112", "引用的法律法规未登记", Severity.INFO)
def unknown_citation(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：只有登记在法规登记表里的法律法规才能核对是否废止、是否引用了旧版本。内置登记表
    收录国家法律法规数据库的全部法律和行政法规；正文引用了其中没有的《……条例》《……法》时
    提示一次。国家新公布的、或内置登记表漏登的，在项目根目录的 regulations.yml 中登记。

    错误示例：根据《中华人民共和国某某法》……（登记表中没有该法）

    正确示例：在项目根目录的 regulations.yml 中登记该法：
        regulations:
        - name: 中华人民共和国某某法
          kind: 法律
          status: 有效
          current:
            promulgated: 2025-06-27
            effective: 2025-10-01
            source: 主席令第五十号（中国人大网）
    """
    for cite, meant in _unknown(doc, ctx):
        if meant is None:
            line, column = position(doc, cite.start)
            yield unknown_citation.at(doc.rel, line, column, _not_registered(cite, ctx))


def _not_registered(cite: Citation, ctx: Context) -> str:
    registry = registry_for(ctx)
    date = registry.data_date if registry else None
    return (
        f"《{cite.name}》不在法规登记表中（内置登记表为国家法律法规数据库"
        f"{cn(date) if date else ''}的数据）：如是国家法律或行政法规，请在{PROJECT_FILE}登记其"
        "名称、时效性、现行版本的公布和施行日期及出处（写法见 docs/编辑指南.md“法规登记表”），"
        "以便核对时效"
    )


@rule("GK113", "法律法规名称疑似写错", Severity.WARNING)
def misnamed_citation(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：法律法规的名称写错一两个字，读者就找不到它，也无从核对它是否有效。
    引用的名称不在法规登记表中、却与登记的某部法律法规只差一两个字时提示。

    错误示例：依据《中华人民共和国监狱管理法》……

    正确示例：依据《中华人民共和国监狱法》……
    """
    for cite, meant in _unknown(doc, ctx):
        if meant is not None:
            line, column = position(doc, cite.start)
            yield misnamed_citation.at(
                doc.rel,
                line,
                column,
                f"《{cite.title}》不是登记的法律法规名称：是不是《{meant.name}》？请核对名称后改正",
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
        load_for(ctx.config.root)
    except RegistryError as e:
        path = Path(e.path)
        try:
            shown = path.resolve().relative_to(ctx.config.root.resolve()).as_posix()
        except ValueError:
            shown = str(path)
        yield broken_registry.at(shown, e.line, 1, e.reason)
