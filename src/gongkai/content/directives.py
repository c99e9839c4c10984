"""`<!-- gongkai-disable GKnnn -->` … `<!-- gongkai-enable GKnnn -->`: silence rules for a span.

A directive that cannot be understood is itself a finding (GK320), so a typo in it never silences
more, or less, than the editor meant. Secrecy and personal-data rules (GK2xx) cannot be silenced:
the way to publish personal data on purpose is `pii_basis`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from gongkai.content.document import Document
from gongkai.content.text import offset_of_line, without_code
from gongkai.findings import Finding, Severity, declare

GK320 = declare(
    "GK320",
    "检查指令写法不对",
    Severity.WARNING,
    """
    为什么：<!-- gongkai-disable GK303 --> 和 <!-- gongkai-enable GK303 --> 之间的文字不做该项检查，
    用于确需保留特殊写法的段落（如照录原文）。指令写错时它不会生效，或者会关掉不该关的检查，
    因此写错的指令本身要报告：动作只能是 disable 或 enable，后面跟一个或几个存在的规则编号，
    每个 disable 都要有对应的 enable。保密与个人信息规则（GK2xx）不能用指令关闭。

    错误示例：
        <!-- gongkai-disabel GK303 -->
        <!-- gongkai-disable -->

    正确示例：
        <!-- gongkai-disable GK303 -->
        照录原文：2021 年 7 月 5 日
        <!-- gongkai-enable GK303 -->
    """,
)

_COMMENT = re.compile(r"<!--\s*gongkai-(?P<verb>\S*?)(?P<args>(?:\s[^>]*?)?)\s*-->")
_ID = re.compile(r"GK\d{3}")
Position = tuple[int, int]


@dataclass
class Spans:
    """Per rule id, the (from, to) positions in which its findings are dropped."""

    silenced: dict[str, list[tuple[Position, Position]]]
    problems: list[Finding]

    def covers(self, f: Finding) -> bool:
        return any(a <= (f.line, f.column) <= b for a, b in self.silenced.get(f.rule, ()))


def _ids(args: str, known: Collection[str]) -> tuple[list[str], str | None]:
    words = [w for w in re.split(r"[\s,，、]+", args.strip()) if w]
    if not words:
        return [], "没有写规则编号"
    for word in words:
        if not _ID.fullmatch(word):
            return [], f"“{word}”不是规则编号（应写成 GK303 这样的形式）"
        if word not in known:
            return [], f"没有规则 {word}（用 python -m gongkai rules 查看全部规则）"
        if word.startswith("GK2"):
            return (
                [],
                f"保密与个人信息规则 {word} 不能用指令关闭；确需公开个人信息的，在元数据中写明 pii_basis",
            )
    return words, None


def spans(doc: Document, known: Collection[str]) -> Spans:
    """The silenced spans of a document; `known` are the rule ids a directive may name."""
    text = without_code(doc.text, offset_of_line(doc.text, doc.body_line))
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(offset: int) -> Position:
        line = next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= offset)
        return line + 1, offset - starts[line] + 1

    out = Spans(defaultdict(list), [])
    open_at: dict[str, Position] = {}
    for m in _COMMENT.finditer(text, offset_of_line(text, doc.body_line)):
        here = pos(m.start())
        written = m.group().strip()

        def problem(why: str, at: Position = here, shown: str = written) -> None:
            message = f"检查指令“{shown}”{why}，请写成“<!-- gongkai-disable GK303 -->”这样的形式"
            out.problems.append(GK320.at(doc.rel, at[0], at[1], message))

        if m["verb"] not in ("disable", "enable"):
            problem(f"的动作“{m['verb']}”无效，应为 disable 或 enable")
            continue
        ids, why = _ids(m["args"], known)
        if why:
            problem(why)
            continue
        for rule_id in ids:
            if m["verb"] == "disable":
                if rule_id in open_at:
                    problem(f"重复关闭了 {rule_id}（前面已有 disable）")
                open_at.setdefault(rule_id, here)
            elif rule_id not in open_at:
                problem(f"前面没有关闭 {rule_id} 的 disable")
            else:
                out.silenced[rule_id].append((open_at.pop(rule_id), here))
    end = pos(len(text))
    for rule_id, at in open_at.items():
        out.problems.append(
            GK320.at(
                doc.rel,
                at[0],
                at[1],
                f"关闭 {rule_id} 的指令没有对应的“<!-- gongkai-enable {rule_id} -->”："
                "请在需要恢复检查的地方补上",
            )
        )
        out.silenced[rule_id].append((at, end))
    return out


def apply(
    docs: Iterable[Document], findings: list[Finding], known: Collection[str]
) -> list[Finding]:
    """Drop the findings inside disabled spans; add a finding for every malformed directive."""
    by_path = {d.rel: spans(d, known) for d in docs if "gongkai-" in d.text and d.body_line > 1}
    if not by_path:
        return findings
    kept = [f for f in findings if f.path not in by_path or not by_path[f.path].covers(f)]
    return kept + [p for s in by_path.values() for p in s.problems]
