"""The scorecard as one self-contained HTML page, kept with the CI reports (never published)."""

from __future__ import annotations

from html import escape

from gongkai.reports.audit.render import PARTS, TITLE, counted, summary
from gongkai.reports.audit.scorecard import Line, Scorecard

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-height:1.6;margin:2em auto;
max-width:72em;padding:0 1em;color:#111}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #888;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eee}.fail{color:#a00;font-weight:bold}.pass{color:#060}.manual{color:#555}
.counted{background:#fdecec}code{font-size:.95em;word-break:break-all}
@media print{details{display:block}summary{list-style:none}}
"""


def _class(verdict: str) -> str:
    if verdict == "通过":
        return "pass"
    return "manual" if verdict in ("需人工检查", "未检查") else "fail"


def _item(line: Line) -> list[str]:
    e = escape
    out = [
        f'<section id="{e(line.id)}"><h3>{e(line.id)} {e(line.title)}：'
        f'<span class="{_class(line.verdict)}">{e(line.verdict)}</span></h3>',
        f"<p>细则：{e(line.wording)}</p>",
    ]
    for label, text in (("门槛", line.threshold), ("测量方法", line.how), ("本次测量", line.note)):
        if text:
            out.append(f"<p>{label}：{e(text)}</p>")
    if line.look:
        out.append(f"<p>检查：{e(line.look)}</p>")
    if line.fix and line.verdict != "通过":
        out.append(f"<p>改法：{e(line.fix)}</p>")
    if line.rows:
        out.append(f"<p>计入 {line.count} 项，共列出 {len(line.rows)} 项证据：</p>")
        out.append("<table><tr><th>位置</th><th>情况</th><th>计入</th></tr>")
        for r in line.rows:
            mark = "是" if r.counted else "否"
            out.append(
                f'<tr class="{"counted" if r.counted else ""}"><td><code>{e(r.where)}</code></td>'
                f"<td>{e(r.what)}</td><td>{mark}</td></tr>"
            )
        out.append("</table>")
    out.append("</section>")
    return out


def as_html(card: Scorecard) -> str:
    e = escape
    out = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="robots" content="noindex">',
        f"<title>{TITLE} {e(card.today)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{TITLE}（国办秘函〔2019〕19号）</h1>",
        "<ul>" + "".join(f"<li>{e(s)}</li>" for s in summary(card)) + "</ul>",
    ]
    for part, title in PARTS:
        lines = [x for x in card.lines if x.part == part]
        out += [f"<h2>{e(title)}</h2>", "<table><tr><th>编号</th><th>指标</th><th>结果</th>"]
        out[-1] += "<th>计入</th><th>门槛</th></tr>"
        out += [
            f'<tr><td><a href="#{e(x.id)}">{e(x.id)}</a></td><td>{e(x.title)}</td>'
            f'<td class="{_class(x.verdict)}">{e(x.verdict)}</td><td>{counted(x)}</td>'
            f"<td>{e(x.threshold or x.look)}</td></tr>"
            for x in lines
        ]
        out.append("</table>")
        for x in lines:
            out += _item(x)
    out.append("<p>本报告由 python -m gongkai report audit 生成，不在网站发布。</p></body></html>")
    return "\n".join(out) + "\n"
