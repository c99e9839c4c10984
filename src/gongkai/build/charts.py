"""数说 and 问答 for Markdown: a Python-Markdown extension (`gongkai.build.charts` in mkdocs.yml).

数说: a fenced block ```` ```chart 标题 ```` holding a Markdown table becomes a bar chart drawn at build
time as inline SVG (no chart library, no request), followed by the table itself, which screen
readers and printers read. Every numeric column is one series; the first column names the bars.

问答: a fenced block ```` ```qa ```` of ``问：…`` / ``答：…`` pairs becomes one section per question
with a stable anchor: ``{#id}`` after the question, else the slug of the question text.

视频: MkDocs rewrites the paths of Markdown links and images only; the ``src`` of raw ``<video>``,
``<audio>``, ``<source>`` and ``<track>`` is rewritten here the same way (relative to the Markdown
file, as editors write it and as the publication gate resolves it).
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from pymdownx.slugs import slugify

_OPEN = re.compile(r"^```(chart|qa)\b[ \t]*(.*)$")
_SLUG = slugify(case="lower")
COLOURS = ["#1f4e9c", "#a34700", "#2e6b30", "#6a1b9a"]  # ≥ 4.5:1 on white
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 300, 70, 40, 30


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").replace("，", "").strip())
    except ValueError:
        return None


def _table(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")] for line in lines if "|" in line
    ]
    rows = [r for r in rows if not all(re.fullmatch(r":?-+:?", c) for c in r)]
    return (rows[0], rows[1:]) if rows else ([], [])


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    step = 10 ** (len(str(int(value))) - 1)
    return (int(value / step) + 1) * step


def chart_svg(title: str, header: list[str], rows: list[list[str]]) -> str:
    """A grouped bar chart; series are the numeric columns of the table."""
    series = [
        i
        for i in range(1, len(header))
        if rows and all(_number(r[i]) is not None for r in rows if i < len(r))
    ]
    values = [[(_number(r[i]) if i < len(r) else None) or 0.0 for i in series] for r in rows]
    top = _nice_max(max((v for row in values for v in row), default=0))
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - TOP - BOTTOM
    band = plot_w / max(len(rows), 1)
    bar = band * 0.8 / max(len(series), 1)
    out = [
        f'<svg class="gk-chart" role="img" aria-labelledby="{{id}}-t" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{{id}}-t">{escape(title)}（数据见下表）</title>',
    ]
    for k in range(5):
        v = top * k / 4
        y = TOP + plot_h - plot_h * k / 4
        out.append(
            f'<line class="gk-chart__grid" x1="{LEFT}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{v:.0f}</text>')
    for r, row in enumerate(values):
        x0 = LEFT + band * r + band * 0.1
        for s, v in enumerate(row):
            h = plot_h * v / top
            out.append(
                f'<rect x="{x0 + bar * s:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}"'
                f' height="{h:.1f}" fill="{COLOURS[s % len(COLOURS)]}"/>'
            )
        label = escape(rows[r][0])
        out.append(
            f'<text x="{LEFT + band * (r + 0.5):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{label}</text>'
        )
    for s, i in enumerate(series):
        x = LEFT + 150 * s
        out.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{COLOURS[s % len(COLOURS)]}"/>'
        )
        out.append(f'<text x="{x + 16}" y="17">{escape(header[i])}</text>')
    out.append("</svg>")
    return "".join(out)


def qa_html(lines: list[str]) -> list[str]:
    items: list[tuple[str, str, list[str]]] = []
    for line in lines:
        if line.startswith(("问：", "问:")):
            q = line[2:].strip()
            m = re.search(r"\s*\{#([A-Za-z0-9_\-\u4e00-\u9fff]+)\}\s*$", q)
            anchor = m.group(1) if m else "q-" + _SLUG(q, "-")
            items.append((re.sub(r"\s*\{#[^}]*\}\s*$", "", q), anchor, []))
        elif items:
            text = line[2:].strip() if line.startswith(("答：", "答:")) else line
            items[-1][2].append(text)
    out = ['<section class="gk-qa" markdown="1">', ""]
    for q, anchor, answer in items:
        out += [
            '<div class="gk-qa__item" markdown="1">',
            "",
            f'<h3 class="gk-qa__q" id="{escape(anchor)}">问：{escape(q)}</h3>',
            "",
            '<div class="gk-qa__a" markdown="1">',
            "",
            "**答：**" + "\n".join(answer).strip(),
            "",
            "</div>",
            "</div>",
            "",
        ]
    return [*out, "</section>", ""]


class _Blocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i, count = 0, 0
        while i < len(lines):
            m = _OPEN.match(lines[i])
            end = None
            if m is not None:  # where the block closes (looked for only where one opens)
                end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "```"), None)
            if m is None or end is None:
                out.append(lines[i])
                i += 1
                continue
            body = lines[i + 1 : end]
            if m.group(1) == "qa":
                out += ["", *qa_html(body)]
            else:
                count += 1
                header, rows = _table(body)
                svg = chart_svg(m.group(2) or "数说", header, rows).replace(
                    "{id}", f"gk-chart-{count}"
                )
                figure = f'<figure class="gk-figure">{svg}<figcaption>{escape(m.group(2))}</figcaption></figure>'
                out += ["", self.md.htmlStash.store(figure), "", *body, ""]
            i = end + 1
        return out


_MEDIA_SRC = re.compile(r"""(<(?:video|audio|source|track)\b[^>]*?\bsrc=)(["'])([^"']+)\2""", re.I)


class _MediaPaths(Postprocessor):
    def run(self, text: str) -> str:
        # MkDocs registers its path rewriter as "relpath"; it knows the page being rendered.
        names = [name for name in ("relpath",) if name in self.md.treeprocessors]
        file = getattr(self.md.treeprocessors[names[0]], "file", None) if names else None
        if file is None:
            return text
        here, there = posixpath.dirname(file.src_uri), posixpath.dirname(file.dest_uri)

        def fix(m: re.Match[str]) -> str:
            src = m.group(3)
            if re.match(r"^([a-z]+:|/|#)", src, re.I):
                return m.group(0)
            target = posixpath.normpath(posixpath.join(here, src))
            return f"{m.group(1)}{m.group(2)}{posixpath.relpath(target, there or '.')}{m.group(2)}"

        return _MEDIA_SRC.sub(fix, text)


class ChartsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Blocks(md), "gongkai_blocks", 27)
        md.postprocessors.register(_MediaPaths(md), "gongkai_media_paths", 5)


def makeExtension(**kwargs: Any) -> ChartsExtension:
    return ChartsExtension(**kwargs)
