"""Defects injected into clean real paragraphs: one per class the GK2xx/GK3xx rules claim.

The host paragraphs are articles of 监狱法 with no quotation, bracket or digit (a clean text: the
run checks that the unchanged paragraphs raise nothing). Each defect is one document
`content/ghjh/i<nn>.md`: host, defective paragraph, host; the expected rule must be reported on
the defective paragraph's line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wrap import CORPUS, front_matter

from gongkai.review.record import with_digest

HOST = CORPUS / "行政法" / "监狱法(2012-10-26).md"
_PLAIN = r"[^“”‘’《》（）〔〕【】\d\sA-Za-z，]"
_CLEAN = re.compile(rf"^第[一二三四五六七八九十百]+条 {_PLAIN}{{4,30}}，{_PLAIN}{{4,40}}。$")
_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def _id_number(first17: str) -> str:
    return (
        first17
        + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]
    )


def _luhn(first: str) -> str:
    for last in "0123456789":
        digits = [int(d) for d in reversed(first + last)]
        total = sum(
            d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits)
        )
        if total % 10 == 0:
            return first + last
    raise AssertionError("unreachable")


def _mid(insert: str) -> Callable[[str], str]:
    """The paragraph with `insert` after its first comma."""
    return lambda p: p.replace("，", "，" + insert, 1)


# (name, rule, paragraph → defective paragraph)
CLASSES: list[tuple[str, str, Callable[[str], str]]] = [
    ("发文字号用方括号", "GK301", _mid("依照国办发[2021]12号文件，")),
    ("发文字号加“第”和虚位", "GK301", _mid("依照国办发〔2021〕第012号文件，")),
    ("半角逗号", "GK302", lambda p: p.replace("，", ",", 1)),
    ("半角句号", "GK302", lambda p: p[:-1] + "."),
    ("半角括号", "GK302", _mid("(试行)")),
    ("一级序号用点号", "GK302", lambda p: "一." + p),
    ("汉字与数字间空格", "GK303", _mid("自2021 年起，")),
    ("全角数字", "GK304", _mid("共１２件，")),
    ("日期虚位", "GK305", _mid("自2021年07月05日起，")),
    ("缺右书名号", "GK306", _mid("依照《中华人民共和国监狱法的规定，")),
    ("缺右双引号", "GK306", _mid("所称“罪犯，")),
    ("缺右单引号", "GK306", _mid("所称‘罪犯，")),
    ("缺右括号", "GK306", _mid("（试行，")),
    ("缺右六角括号", "GK306", _mid("司法部〔2021，")),
    ("缺右方头括号", "GK306", _mid("【注，")),
    ("缺右单书名号〈", "GK306", _mid("依照《关于〈监狱法的说明》，")),
    ("缺右单书名号‹", "GK306", _mid("依照《关于‹监狱法>的说明》，")),
    ("多出右书名号", "GK306", _mid("监狱法》，")),
    ("重复句号", "GK307", lambda p: p + "。"),
    ("逗号句号连用", "GK307", lambda p: p[:-1] + "，。"),
    ("font 标记", "GK308", lambda p: f'<font color="red">{p}</font>'),
    ("style 字号", "GK308", lambda p: f'<span style="font-size:18px">{p}</span>'),
    ("繁体字", "GK310", _mid("國務院辦公廳，")),
    ("错别字 既使", "GK311", _mid("既使情况特殊，")),
    ("错别字 截止目前", "GK311", _mid("截止目前，")),
    ("密级★期限", "GK210", lambda p: "机密★1年"),
    ("保密期限", "GK210", lambda p: "★5年"),
    ("单独成行的密级", "GK210", lambda p: "秘密"),
    ("内部资料标注", "GK210", lambda p: "内部资料"),
    ("标题里的内部资料标注", "GK210", lambda p: "## 关于罪犯考核的通知（内部资料）"),
    ("注意保密标注", "GK210", lambda p: "内部资料　注意保密"),
    ("不得外传标注", "GK210", lambda p: "（不得外传）"),
    ("身份证号码", "GK211", _mid(f"身份证号{_id_number('11010519491231002')}，")),
    ("银行卡号", "GK212", _mid(f"卡号{_luhn('622202123456789012')}，")),
    ("手机号码", "GK213", _mid("联系电话13812345678，")),
]


@dataclass(frozen=True)
class Defect:
    name: str
    rule: str
    rel: str
    line: int  # in the body (`DEFECTS`) or in the document (`write_defects`)
    body: str
    files: tuple[tuple[str, bytes], ...] = ()


def host_paragraphs() -> list[str]:
    lines = HOST.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if _CLEAN.match(line)]


def _defects() -> list[Defect]:
    hosts = host_paragraphs()
    out = []
    for n, (name, rule_id, inject) in enumerate(CLASSES, start=1):
        a, b, c = (hosts[(3 * n + k) % len(hosts)] for k in range(3))
        out.append(Defect(name, rule_id, f"i{n:02d}", 3, f"{a}\n\n{inject(b)}\n\n{c}\n"))
    a, b, c = hosts[:3]
    n = len(out) + 1
    out.append(Defect("层次序号跳号", "GK309", f"i{n:02d}", 5, f"一、{a}\n\n二、{b}\n\n四、{c}\n"))
    pdf = f"i{n + 1:02d}.pdf"
    out.append(
        Defect(
            "附件无法读取",
            "GK214",
            f"i{n + 1:02d}",
            3,
            f"{a}\n\n附件：[罪犯名册]({pdf})\n\n{c}\n",
            ((pdf, b"not a pdf"),),
        )
    )
    return [
        Defect(d.name, d.rule, f"content/ghjh/{d.rel}.md", d.line, d.body, d.files) for d in out
    ]


DEFECTS = _defects()  # lines in the body


def write_defects(root: Path, texts: list[tuple[str, str]]) -> list[Defect]:
    """Write every defect as a reviewed document, numbered after the `texts` (索引号 stays
    unique); the defects with their lines in the documents as written."""
    folder = root / "content" / "ghjh"
    written = []
    for n, d in enumerate(DEFECTS, start=len(texts) + 1):
        for name, data in d.files:  # first: the review's digest covers them
            (folder / name).write_bytes(data)
        path = root / d.rel
        text = with_digest(front_matter(n) + d.body, path)
        path.write_text(text, encoding="utf-8")
        head = text[: len(text) - len(d.body)].count("\n")
        written.append(Defect(d.name, d.rule, d.rel, head + d.line, d.body, d.files))
    return written
