"""GK39x 图文音视频: images, 图解, 数说 and 视频 that every reader can use (WCAG 2.1 AA, 适老化).

Also declares GK398 and GK399, raised by the build when the application form's PDF or the search
index cannot be written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.findings import Finding, Severity, declare, rule

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)(\{[^}]*\})?")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_IMG_START = re.compile(r"<img\b", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_TUJIE_TEXT = re.compile(r"""<details\b[^>]*class=["'][^"']*\btujie-text\b""", re.IGNORECASE)
_VIDEO = re.compile(r"<video\b.*?</video>", re.IGNORECASE | re.DOTALL)
_TRACK = re.compile(r"<track\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")


def _body_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """(file line, text) of the body outside fenced code blocks."""
    fenced = False
    for i, text in enumerate(doc.body.splitlines()):
        if _FENCE.match(text):
            fenced = not fenced
            continue
        if not fenced:
            yield doc.body_line + i, text


def _images(doc: Document) -> Iterator[tuple[int, int, str, str, bool]]:
    """(line, column, alt, src, is 图解) of every Markdown and HTML image."""
    if "![" not in doc.body and not _HTML_IMG_START.search(doc.body):
        return  # most documents have none: skip the line-by-line scan
    for line, text in _body_lines(doc):
        for m in _MD_IMAGE.finditer(text):
            tujie = bool(m.group(3) and re.search(r"\.tujie\b", m.group(3)))
            yield line, m.start() + 1, m.group(1).strip(), m.group(2), tujie
        for m in _HTML_IMG.finditer(text):
            alt = _ALT.search(m.group(0))
            src = _SRC.search(m.group(0))
            tujie = bool(re.search(r"""class=["'][^"']*\btujie\b""", m.group(0)))
            yield (
                line,
                m.start() + 1,
                alt.group(2).strip() if alt else "",
                src.group(2) if src else "",
                tujie,
            )


@rule("GK390", "图片缺少替代文字", Severity.ERROR)
def image_alt(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：读屏软件把图片读成替代文字（alt）；没有替代文字，视障读者只听到“图片”，
    不知道内容（GB/T 37668-2019、WCAG 2.1 1.1.1，适老化改造要求）。

    错误示例：![](hjlc.png) 或 <img src="hjlc.png">

    正确示例：![罪犯亲属会见流程：预约、登记、安检、会见](hjlc.png)
    """
    for line, col, alt, src, _ in _images(doc):
        if not alt:
            yield image_alt.at(
                doc.rel,
                line,
                col,
                f"图片“{src}”没有替代文字：读屏软件无法读出图片内容",
                f"在方括号里写出图片说的内容，例如 ![会见流程图：预约、登记、会见]({src})",
            )


@rule("GK391", "图解缺少文字版", Severity.ERROR)
def tujie_text(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：图解把政策要点画成一张图，一句替代文字装不下全部内容；看不见图的读者需要
    一份完整的文字版，紧跟在图后面。

    错误示例：
        ![图解：会见管理办法](tujie.svg){ .tujie }
        （后面没有文字版）

    正确示例：
        ![图解：会见管理办法](tujie.svg){ .tujie }

        <details class="tujie-text" markdown>
        <summary>图解文字版</summary>
        一、会见对象……
        </details>
    """
    tujies = [(line, col, src) for line, col, _, src, tujie in _images(doc) if tujie]
    if not tujies:
        return
    texts = [line for line, text in _body_lines(doc) if _TUJIE_TEXT.search(text)]
    for i, (line, col, src) in enumerate(tujies):
        until = tujies[i + 1][0] if i + 1 < len(tujies) else 10**9
        if not any(line <= t < until for t in texts):
            yield tujie_text.at(
                doc.rel,
                line,
                col,
                f"图解“{src}”后面没有文字版：看不见图的读者读不到图解的内容",
                '在图后写 <details class="tujie-text" markdown><summary>图解文字版</summary>'
                "……全部文字……</details>",
            )


@rule("GK392", "视频缺少字幕", Severity.ERROR)
def video_captions(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：听不见声音的读者靠字幕看视频（WCAG 2.1 1.2.2）；视频必须由本站托管
    （不引用外站播放器），并带 WebVTT 字幕轨道。

    错误示例：<video controls src="hjyy.webm"></video>

    正确示例：
        <video controls src="hjyy.webm">
        <track kind="captions" src="hjyy.vtt" srclang="zh" label="中文字幕" default>
        </video>
    """
    videos = list(_VIDEO.finditer(doc.body))
    offset = [0]
    for text in doc.body.splitlines(keepends=True) if videos else ():
        offset.append(offset[-1] + len(text))
    for m in videos:
        line = doc.body_line + sum(1 for o in offset[1:] if o <= m.start())
        src = _SRC.search(m.group(0))
        where = src.group(2) if src else "视频"
        if src and re.match(r"^(https?:)?//", src.group(2)):
            yield video_captions.at(
                doc.rel,
                line,
                1,
                f"视频“{where}”不是本站文件：外站视频会把读者的请求发到站外",
                '把视频文件放在文档旁边，用相对路径引用，例如 src="hjyy.webm"',
            )
        tracks = [
            t
            for t in _TRACK.findall(m.group(0))
            if re.search(r"""kind=["']captions["']""", t)
            and re.search(r"""src=["'][^"']+\.vtt["']""", t)
        ]
        missing = [t for t in tracks if not _vtt_ok(doc, _SRC.search(t).group(2))]  # type: ignore[union-attr]
        if not tracks or missing:
            yield video_captions.at(
                doc.rel,
                line,
                1,
                f"视频“{where}”没有可用的 WebVTT 字幕"
                + ("（字幕文件不存在或不是以 WEBVTT 开头）" if missing else ""),
                '在 <video> 里加 <track kind="captions" src="….vtt" srclang="zh" label="中文字幕" default>，'
                "字幕文件以 WEBVTT 开头",
            )


def _vtt_ok(doc: Document, src: str) -> bool:
    path = doc.path.parent / src
    try:
        return path.read_text(encoding="utf-8-sig").startswith("WEBVTT")
    except (OSError, UnicodeDecodeError):
        return False


SEARCH_INDEX = declare(
    "GK399",
    "站内搜索索引无法生成",
    Severity.ERROR,
    """
    为什么：读者靠站内搜索按词语、发文字号和索引号找文件；索引没有生成，网站的搜索就是坏的，
    所以构建失败，而不是发布一个搜不到东西的网站。

    错误示例：没有安装 pagefind[extended] 就运行 mkdocs build

    正确示例：pip install -r requirements.txt 后运行 mkdocs build --strict
    """,
)


APPLICATION_PDF = declare(
    "GK398",
    "申请表 PDF 无法生成",
    Severity.ERROR,
    """
    为什么：依申请公开的申请表页面提供 PDF 下载，PDF 由构建用中文字体生成；找不到中文字体
    就没有 PDF，页面上的下载链接会是坏的，所以构建失败。

    错误示例：构建机器没有安装文泉驿微米黑等中文字体就运行 mkdocs build

    正确示例：运行 bash scripts/system-deps.sh（安装 fonts-wqy-microhei）后重新构建
    """,
)
