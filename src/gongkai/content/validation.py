"""The front-matter model's errors as Chinese findings (GK010–GK014), on the line of their key."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from gongkai.content.document import Document
from gongkai.content.model import LABELS, FrontMatter
from gongkai.findings import Finding, Severity, declare

GK010 = declare(
    "GK010",
    "缺少必填字段",
    Severity.ERROR,
    """
    为什么：名称、信息类别、起草部门、发布日期、公开属性是每篇文档的必备要素；缺了它们，
    文档无法编目，也无法判断能否公开。

    错误示例：
        ---
        title: 关于……的通知
        ---

    正确示例：
        ---
        title: 关于……的通知
        type: 规范性文件
        drafter: 法制处
        published: 2021-07-05
        disclosure: 主动公开
        ---
    """,
)
GK011 = declare(
    "GK011",
    "未知字段",
    Severity.ERROR,
    """
    为什么：拼错的字段名不会报错就被忽略，例如把 published 写成 publish，文档就成了“无发布日期”。

    错误示例：publish: 2021-07-05

    正确示例：published: 2021-07-05
    """,
)
GK012 = declare(
    "GK012",
    "取值不在可选范围内",
    Severity.ERROR,
    """
    为什么：公开属性、审查结论、有效性状态等只能取规定的几个值，写成别的说法系统无法判断。

    错误示例：disclosure: 公开

    正确示例：disclosure: 主动公开（可选：主动公开、依申请公开、不予公开）
    """,
)
GK013 = declare(
    "GK013",
    "日期格式错误",
    Severity.ERROR,
    """
    为什么：元数据中的日期统一写成 YYYY-MM-DD，网站据此排序、判断有效性，并显示为“2021年7月5日”。

    错误示例：published: 2021年7月5日

    正确示例：published: 2021-07-05
    """,
)
GK014 = declare(
    "GK014",
    "字段类型错误",
    Severity.ERROR,
    """
    为什么：每个字段有固定的形式：名称是一段文字，主题词是列表，审查记录是一组子字段。
    形式不对时网站无法使用这个值。

    错误示例：title: [关于……的通知]

    正确示例：title: 关于……的通知
    """,
)


def _suggest(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return f"，是不是要写 {close[0]}？" if close else f"；可用字段：{'、'.join(allowed)}"


def _fields_at(loc: tuple) -> list[str]:
    model: type[BaseModel] = FrontMatter
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        ann = model.model_fields[part].annotation
        nested = next(
            (
                c
                for c in (ann, *getattr(ann, "__args__", ()))
                if isinstance(c, type) and issubclass(c, BaseModel)
            ),
            None,
        )
        if nested is None:
            return []
        model = nested
    return list(model.model_fields)


def _name(loc: tuple) -> str:
    key = ".".join(str(p) for p in loc)
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    label = LABELS.get(last)
    return f"{key}（{label}）" if label else key


def _translate(doc: Document, err: dict[str, Any]) -> Finding:
    loc: tuple = tuple(p for p in err["loc"] if not str(p).startswith("function-"))
    kind = err["type"]
    line = doc.line_of(*loc)
    value = err.get("input")
    name = _name(loc)
    if value is None and kind != "missing" and loc:  # `key:` written but left empty (`gongkai new`)
        label = LABELS.get(str(loc[-1]), "实际的值")
        return GK010.at(doc.rel, line, 1, f"{name} 还没有填写：请在“{loc[-1]}:”后面写上{label}")
    if kind == "missing":
        return GK010.at(doc.rel, line, 1, f"缺少必填字段 {name}：请补上“{loc[-1]}: …”")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        return GK011.at(doc.rel, line, 1, f"未知字段 {key}{_suggest(key, _fields_at(loc))}")
    if kind == "literal_error":
        choices = err["ctx"]["expected"].replace("'", "").replace(" or ", ", ")
        return GK012.at(
            doc.rel, line, 1, f"{name} 的值“{value}”不在可选范围内：应为 {choices} 之一"
        )
    if kind == "gk_date":
        return GK013.at(
            doc.rel,
            line,
            1,
            f"{name} 的值“{value}”不是有效日期：请写成 YYYY-MM-DD，例如 2021-07-05",
        )
    if kind == "string_pattern_mismatch" and loc[-1] == "slug":
        return GK014.at(
            doc.rel, line, 1, f"{name}“{value}”只能用小写字母、数字和连字符，例如 2021-gzyd"
        )
    if kind in ("greater_than_equal", "less_than_equal", "string_too_short"):
        return GK014.at(doc.rel, line, 1, f"{name} 的值“{value}”超出允许范围：请填写实际的值")
    expected = {
        "string_type": "一段文字",
        "list_type": "列表，例如 [甲, 乙]",
        "model_type": "一组子字段",
        "model_attributes_type": "一组子字段",
        "int_type": "整数",
        "decimal_type": "数字",
        "decimal_parsing": "数字",
    }.get(kind, "正确的形式")
    return GK014.at(doc.rel, line, 1, f"{name} 的写法不对（现在是“{value}”）：应为{expected}")


def validate(doc: Document) -> list[Finding]:
    """Validate the raw front matter into `doc.meta`; return the translated errors."""
    try:
        doc.meta = FrontMatter.model_validate(doc.raw)
    except ValidationError as e:
        return [_translate(doc, err) for err in e.errors(include_url=False)]
    return []
