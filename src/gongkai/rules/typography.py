"""GK3xx 排版与文字: 公文 house style (GB/T 15834, GB/T 15835, GB/T 9704) in titles and body.

Each rule is one scanner of `gongkai.rules.scanners` run over the document's prose (code, URLs, link
targets, HTML attributes and front-matter keys are masked out by `gongkai.content.text`).
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.content.text import Prose, document_prose
from gongkai.findings import Finding, Rule, Severity, rule
from gongkai.rules import scanners, typos, wording
from gongkai.rules.scanners import Hit, Scanner


def findings(r: Rule, path: str, prose: Prose, hits: Iterator[Hit]) -> Iterator[Finding]:
    for hit in hits:
        line, col = prose.position(hit.report_at)
        yield r.at(path, line, col, hit.message, hit.replacement)


def _run(r: Rule, doc: Document, scanner: Scanner) -> Iterator[Finding]:
    prose = document_prose(doc)
    return findings(r, doc.rel, prose, scanner(prose))


@rule("GK301", "发文字号括号或写法不规范", Severity.ERROR, fixable=True)
def doc_number(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：GB/T 9704-2012 第 7.2.5 条规定，发文字号由发文机关代字、年份、发文顺序号组成，
    年份用六角括号“〔〕”括入，序号不加“第”、不编虚位。正文引用其他文件时也要照此书写；
    方括号、圆括号、方头括号或中间加空格都是常见错误。--fix 会自动改正。

    错误示例：按照《2021年政务公开工作要点》（国办发[2021]12号）要求

    正确示例：按照《2021年政务公开工作要点》（国办发〔2021〕12号）要求
    """
    return _run(doc_number, doc, scanners.scan_doc_number)


@rule("GK302", "中文里用了半角标点", Severity.WARNING, fixable=True)
def half_width(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：GB/T 15834-2011 规定中文文本使用全角标点。半角逗号、句号、分号、冒号、问号、
    叹号和圆括号混在中文里，间距不对，也显得不规范。--fix 会自动改为全角。
    网址、代码和数字里的半角标点（如 1,000、3.5）不受影响。

    错误示例：结合我局工作实际,制定以下工作要点(试行).

    正确示例：结合我局工作实际，制定以下工作要点（试行）。
    """
    return _run(half_width, doc, scanners.scan_half_width)


@rule("GK303", "汉字与数字、字母之间有空格", Severity.WARNING, fixable=True)
def spacing(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：公文惯例在汉字与阿拉伯数字、外文字母之间不加空格（本站的书写规范）。从 PDF 或
    Word 复制的文字常带有多余空格，如“2021 年”“12 号”“7月 5日”。--fix 会自动删去这些空格。

    错误示例：2021 年 7月 5日印发

    正确示例：2021年7月5日印发
    """
    return _run(spacing, doc, scanners.scan_spacing)


@rule("GK304", "全角数字或字母", Severity.WARNING, fixable=True)
def full_width(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：GB/T 15835-2011 要求阿拉伯数字使用半角形式；全角数字和字母（１２、ＡＢ）在网页上
    宽窄不一，也无法被检索到。--fix 会自动改为半角。

    错误示例：共受理申请１２件

    正确示例：共受理申请12件
    """
    return _run(full_width, doc, scanners.scan_full_width)


@rule("GK305", "日期编了虚位", Severity.WARNING, fixable=True)
def date_zeros(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：GB/T 9704-2012 规定成文日期用阿拉伯数字将年、月、日标全，年份标全称，月、日不编
    虚位（即 1 不编为 01）。--fix 会自动删去虚位 0。

    错误示例：2021年07月05日

    正确示例：2021年7月5日
    """
    return _run(date_zeros, doc, scanners.scan_date_zeros)


@rule("GK306", "书名号、引号、括号不成对", Severity.WARNING)
def balance(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：《》“”‘’（）〔〕【】必须成对使用（GB/T 15834-2011）。少了一半，读者无法判断
    文件名称或引文在哪里结束。每个段落分别检查；缺的是哪一半只有作者知道，因此不自动修正。

    错误示例：严格依照《中华人民共和国政府信息公开条例的要求

    正确示例：严格依照《中华人民共和国政府信息公开条例》的要求
    """
    return _run(balance, doc, wording.scan_balance)


@rule("GK307", "标点重复或连用", Severity.WARNING, fixable=True)
def doubled(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：“。。”“，，”多是输入时多按了一次；“，。”等不同标点连用则需要作者决定保留哪个。
    相同标点重复的，--fix 只保留一个；“？！”是规范允许的连用，不报告。

    错误示例：请结合实际遵照执行。。

    正确示例：请结合实际遵照执行。
    """
    return _run(doubled, doc, scanners.scan_doubled)


@rule("GK308", "正文里直接设置了字体、字号或颜色", Severity.WARNING)
def styling(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：工作要点要求“规范发布信息的文本排版和字体字号”。字体、字号、颜色由网站样式统一
    设置；从 Word 粘贴来的 <font>、style="font-size…"、<span style="color…"> 会让页面
    五花八门，也妨碍适老化大字模式和高对比度模式。

    错误示例：<span style="font-size:18px;color:red">重要通知</span>

    正确示例：**重要通知**（需要强调时用加粗，不设字号和颜色）
    """
    return _run(styling, doc, wording.scan_styling)


@rule("GK309", "层次序号不连续", Severity.WARNING)
def numbering(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：公文结构层次序数依次为“一、”“（一）”“1.”“（1）”（GB/T 9704-2012 第 7.3.3 条），
    同级序号必须连续。跳号或重号多是删改段落后忘了重新编号。上一级序号或不带序号的标题会让
    下一级重新从头编号。改哪个序号需要作者判断，因此不自动修正。

    错误示例：
        一、总体要求
        二、主要任务
        四、保障措施

    正确示例：
        一、总体要求
        二、主要任务
        三、保障措施
    """
    return _run(numbering, doc, wording.scan_numbering)


@rule("GK310", "简体文本里有繁体字", Severity.WARNING)
def traditional(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：国家通用语言文字法规定公务用字以规范汉字为准。从港澳台网站或旧文档复制的文字
    常混有繁体字。判断依据是 OpenCC 的繁简字符表，只报告简体中从不使用的字（“乾”“於”“著”
    等两用字不报告）。一个繁体字可能对应几个简体字，因此不自动修正。

    错误示例：國務院辦公廳關於印發通知

    正确示例：国务院办公厅关于印发通知
    """
    return _run(traditional, doc, wording.scan_traditional)


@rule("GK311", "错别字", Severity.WARNING)
def typo(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：工作要点要求“杜绝错别字”。本规则使用 src/gongkai/data/typos.yml 中整理的常见
    错别字和非推荐词形表，每条都注明依据（如《第一批异形词整理表》）。只收录不会误报的
    词形；个别合法的长词（如“按排名”）在表中列为例外；匹配必须落在词的边界上，“既使用”
    “发展转型”不报。法律、法规原文里仍有“帐户”“其它”“摹仿”“做出决定”等非推荐词形，
    照录时要保留：引号里的引文，以及发布机构（publisher）不是本单位的文档（转载的法律、
    法规原文）中，这些词形不报告；真正的别字照常报告。改字需要作者确认，因此不自动修正。

    错误示例：既使遇到特殊情况，也要按排专人负责，其它事项另行通知。

    正确示例：即使遇到特殊情况，也要安排专人负责，其他事项另行通知。
    """
    publisher = doc.meta.publisher if doc.meta else None
    enacted = bool(publisher) and publisher != ctx.config.organisation
    prose = document_prose(doc)
    return findings(typo, doc.rel, prose, typos.scan_typos(prose, enacted))


# The scanners that `--fix` applies, in order; each hit with a replacement is a safe fix.
FIXERS: dict[str, Scanner] = {
    "GK301": scanners.scan_doc_number,
    "GK302": scanners.scan_half_width,
    "GK303": scanners.scan_spacing,
    "GK304": scanners.scan_full_width,
    "GK305": scanners.scan_date_zeros,
    "GK307": scanners.scan_doubled,
}

# Every GK3xx scanner, for checking plain text that is not a Markdown document.
ALL: dict[str, Scanner] = {
    **FIXERS,
    "GK306": wording.scan_balance,
    "GK308": wording.scan_styling,
    "GK309": wording.scan_numbering,
    "GK310": wording.scan_traditional,
    "GK311": typos.scan_typos,
}


def check_text(path: str, text: str) -> list[Finding]:
    """Every GK3xx finding of plain text (e.g. a 公文 pasted from PDF), in file order."""
    from gongkai.content.text import plain_prose
    from gongkai.findings import REGISTRY

    prose = plain_prose(text)
    found = [
        f
        for rule_id, scan in ALL.items()
        for f in findings(REGISTRY[rule_id], path, prose, scan(prose))
    ]
    return sorted(found, key=Finding.sort_key)
