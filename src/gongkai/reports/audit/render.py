"""The scorecard as text (the terminal), Markdown (the CI step summary) and JSON (tools)."""

from __future__ import annotations

import json
from dataclasses import asdict

from gongkai.reports.audit.indicators import DEDUCT, READY, VETO
from gongkai.reports.audit.scorecard import (
    MANUAL_CHECK,
    UNMEASURED,
    Line,
    Scorecard,
    Total,
    points,
)

TITLE = "网站自查记分卡"
PARTS = (
    (VETO, "一、单项否决指标（出现任一项即不合格）"),
    (DEDUCT, "二、扣分指标（满分100分，低于60分不合格）"),
    (READY, "三、上线准备（本站要求，不计入 19号 分数）"),
)


def _ids(ids: list[str]) -> str:
    return "、".join(ids) if ids else "无"


def summary(card: Scorecard) -> list[str]:
    """The verdict in a few sentences, with what was not scored."""
    t: Total = card.total
    site = (
        f"网站 {card.site_dir}" if card.site_dir else "未指定 --site（只看文档，不看构建好的网站）"
    )
    out = [f"检查日 {card.today}，{site}，依据{card.source}", f"结论：{t.result}"]
    out.append(f"单项否决：不通过 {len(t.vetoed)} 项（{_ids(t.vetoed)}）")
    score = f"扣分指标（已测部分）：{points(100)} − {points(t.deducted)} = {points(t.score)} 分"
    if t.vetoed:
        score += "；已有单项否决，按 19号 不再评分，此分数仅供整改参考"
    out.append(score)
    if t.provisional:
        out.append(f"分值为本站暂定（19号 原文的分值未能确认）：{_ids(t.provisional)}")
    out.append(f"未计分（需人工检查或未测量）：{_ids(t.unscored)}")
    out.append(f"上线准备：不通过 {len(t.not_ready)} 项（{_ids(t.not_ready)}）")
    out.append(f"需人工检查或未检查：{_ids(t.manual)}")
    return out


def counted(line: Line) -> str:
    """The count of a measured item; nothing for one left to a person or not measured."""
    return "" if line.verdict in (MANUAL_CHECK, UNMEASURED) else str(line.count)


def _head(line: Line) -> str:
    return f"[{line.verdict}] {line.id} {line.title}"


def _text_line(line: Line) -> list[str]:
    count = f"：{line.count} 项" if counted(line) else ""
    if count and line.limit is not None and line.limit > 1:
        count += f"（{line.limit} 项即不通过）"
    out = [f"{_head(line)}{count}", f"    细则：{line.wording}"]
    if line.threshold:
        out.append(f"    门槛：{line.threshold}")
    if line.note:
        out.append(f"    测量：{line.note}")
    out += [f"    {'✗' if r.counted else '·'} {r.where}：{r.what}" for r in line.rows]
    if line.look:
        out.append(f"    检查：{line.look}")
    if line.fix and line.verdict != "通过":
        out.append(f"    改法：{line.fix}")
    return out


def as_text(card: Scorecard) -> str:
    out = [f"{TITLE}（国办秘函〔2019〕19号）", *summary(card)]
    for part, title in PARTS:
        out += ["", title]
        for line in (x for x in card.lines if x.part == part):
            out += _text_line(line)
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(card: Scorecard) -> str:
    out = [f"# {TITLE}（国办秘函〔2019〕19号）", ""]
    out += [f"- {_cell(s)}" for s in summary(card)]
    for part, title in PARTS:
        out += [
            "",
            f"## {title}",
            "",
            "| 编号 | 指标 | 结果 | 数量 | 门槛 |",
            "|---|---|---|---|---|",
        ]
        lines = [x for x in card.lines if x.part == part]
        out += [
            f"| {x.id} | {_cell(x.title)} | **{x.verdict}** | {counted(x)} "
            f"| {_cell(x.threshold or x.look)} |"
            for x in lines
        ]
        for x in lines:
            if not (x.rows or x.note or x.look):
                continue
            out += ["", f"### {x.id} {x.title}：{x.verdict}", "", f"细则：{_cell(x.wording)}", ""]
            if x.note:
                out += [f"测量：{_cell(x.note)}", ""]
            if x.look:
                out += [f"检查：{_cell(x.look)}", ""]
            if x.fix and x.verdict != "通过":
                out += [f"改法：{_cell(x.fix)}", ""]
            out += [f"- {'✗' if r.counted else '·'} `{r.where}`：{_cell(r.what)}" for r in x.rows]
    return "\n".join(out).rstrip() + "\n"


def as_json(card: Scorecard) -> str:
    return json.dumps(asdict(card), ensure_ascii=False, indent=2) + "\n"
