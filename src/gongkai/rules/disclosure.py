"""GK2xx 公开与保密: the publication gate. Only 主动公开 + 同意公开 documents are built."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from gongkai.config.context import Context
from gongkai.config.settings import CONFIG_NAME
from gongkai.content.document import Document
from gongkai.findings import Finding, Rule, Severity, declare, rule


@rule("GK201", "未经公开属性与保密审查", Severity.WARNING)
def no_review(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：政府信息公开前必须经过公开属性源头审查和保密审查（条例第十七条、保密法）。
    没有审查记录的文档不发布，并在检查报告中列出，直到补上审查记录。

    错误示例：主动公开的文档没有 review 字段

    正确示例：
        review:
          reviewer: 李某
          date: 2021-07-05
          result: 同意公开
    """
    if doc.meta.disclosure == "主动公开" and doc.meta.review is None:
        yield no_review.at(
            doc.rel,
            doc.line_of("disclosure"),
            1,
            "未经公开属性与保密审查，本文档暂不发布：请补上 review（reviewer、date、result: 同意公开）",
        )


@rule("GK202", "审查结论不是同意公开", Severity.WARNING)
def review_not_approved(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：只有审查结论为“同意公开”的文档才能上网。结论为“待审”或“不予公开”的，不发布。

    错误示例：disclosure: 主动公开，review.result: 待审

    正确示例：审查通过后改为 result: 同意公开；审查不同意的，把 disclosure 改为 不予公开
    """
    review = doc.meta.review
    if doc.meta.disclosure == "主动公开" and review and review.result != "同意公开":
        yield review_not_approved.at(
            doc.rel,
            doc.line_of("review", "result"),
            1,
            f"审查结论为“{review.result}”，本文档暂不发布：审查通过后改为“同意公开”",
        )


@rule("GK203", "审查日期在未来", Severity.WARNING)
def review_in_future(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：审查必须在发布之前完成；审查日期晚于今天，说明审查尚未进行或日期写错。

    错误示例：review.date: 2031-07-05（今天是 2021-07-05）

    正确示例：review.date 写实际完成审查的日期
    """
    review = doc.meta.review
    if review and review.date > ctx.today:
        yield review_in_future.at(
            doc.rel,
            doc.line_of("review", "date"),
            1,
            f"审查日期 {review.date} 晚于今天（{ctx.today}），本文档暂不发布：请写实际审查日期",
        )


@rule("GK204", "非主动公开文档不发布", Severity.INFO)
def not_proactive(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：依申请公开和不予公开的信息不在网站上发布；它们可以留在内容库里备查，
    但构建时会被完全排除（页面、搜索索引、栏目列表、网站地图、目录导出）。

    错误示例：把需要公开的文件误写成 disclosure: 依申请公开

    正确示例：应主动公开的写 disclosure: 主动公开
    """
    if doc.meta.disclosure != "主动公开":
        yield not_proactive.at(
            doc.rel,
            doc.line_of("disclosure"),
            1,
            f"公开属性为“{doc.meta.disclosure}”，不在网站发布",
        )


# GK220: a body whose HTML is outside the allow-list, whatever level `severity:` gives it
WITHHOLDING = {"GK201", "GK202", "GK203", "GK204", "GK205", "GK206", "GK207", "GK220"}


def withholds(rule_id: str, severity: Severity) -> bool:
    """A finding of this rule at this level withholds its document: a gate rule, any error, or a
    GK2xx warning."""
    return (
        rule_id in WITHHOLDING
        or severity is Severity.ERROR
        or (rule_id.startswith("GK2") and severity is Severity.WARNING)
    )


def blocks_publication(f: Finding) -> bool:
    """Withhold the document of this finding, at its level or at the level its rule gave it.

    A severity override in gongkai.yml may raise a finding into withholding, never lower it out.
    """
    return withholds(f.rule, f.severity) or (
        f.rule_severity is not None and withholds(f.rule, f.rule_severity)
    )


GK208 = declare(
    "GK208",
    "降低级别不能取消不发布",
    Severity.WARNING,
    """
    为什么：gongkai.yml 的 severity 可以改变一条规则报告的级别，但不能让本应不发布的文档发布：
    身份证号码、未经审查等问题的文档，改成 info 后仍然不发布，只是报告里的级别变了。
    本提示说明这一点，免得以为改了级别就能发布。

    错误示例：
        severity:
          GK211: info

    正确示例：改正文档本身（删去身份证号码、补上审查记录），并删去 severity 中的这一行
    """,
)


def lowered_withholding(
    ctx: Context, rules: Mapping[str, Rule], found: list[Finding], docs: set[str]
) -> list[Finding]:
    """A GK208 note on each override in gongkai.yml that lowers a withholding rule below it.

    Noted when the rule is one of the gate's (GK2xx) or when it kept a document of `docs` off the
    site in this run (`found`, with the overrides applied): lowering a rule that only ever
    reports on a folder or on gongkai.yml itself withholds nothing and is not noted.
    """
    kept = {
        f.rule
        for f in found
        if f.rule_severity is not None and f.path in docs and not withholds(f.rule, f.severity)
        if withholds(f.rule, f.rule_severity)
    }
    text, notes = None, []
    for rule_id, level in ctx.config.severity.items():
        declared = rules.get(rule_id)
        if declared is None or not withholds(rule_id, declared.severity):
            continue
        if withholds(rule_id, level) or not (rule_id.startswith("GK2") or rule_id in kept):
            continue
        if text is None:
            text = _config_text(ctx)
        message = (
            f"severity 把 {rule_id}（{declared.title}）改为 {level}：{rule_id} 发现问题的文档仍然"
            f"不发布，改级别只改变报告中显示的级别；要发布，请改正文档本身，并删去这一行"
        )
        notes.append(GK208.at(CONFIG_NAME, _line_of(text, rule_id), 1, message))
    return notes


def _config_text(ctx: Context) -> str:
    try:
        return (ctx.config.root / CONFIG_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _line_of(text: str, rule_id: str) -> int:
    """The line of `GKnnn:` under severity (of `severity:` when written inline; 1 if neither)."""
    for pattern in (rf"^\s+{rule_id}\s*:", r"^severity\s*:", "^"):
        m = re.search(pattern, text, re.M)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return 1
