"""The front-matter model (spec/content.md): one pydantic class per concern, extra="forbid".

The model checks structure, types and closed lists. Formats and cross-document rules are rule
functions in `gongkai.rules`; the model's errors are translated into Chinese findings here.
"""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from gongkai.document import Document
from gongkai.findings import Finding, Severity
from gongkai.rules import declare


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("gk_date", "bad date")


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, Field(min_length=1, strict=True)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Review(Strict):
    reviewer: Text
    date: Date
    result: Literal["同意公开", "不予公开", "待审"]


class Validity(Strict):
    effective: Date | None = None
    expires: Date | None = None
    repealed: Date | None = None
    replaced_by: Text | None = None
    amended_by: list[Text] = Field(default_factory=list)
    status: Literal["有效", "失效", "废止", "已修改", "尚未生效"] | None = None


class Attachment(Strict):
    file: Text
    title: Text | None = None


class FrontMatter(Strict):
    title: Text
    index_no: Text | None = None
    type: Text
    publisher: Text | None = None
    drafter: Text
    doc_no: Text | None = None
    written: Date | None = None
    published: Date
    topic: Text | None = None
    keywords: list[Text] = Field(default_factory=list)
    disclosure: Literal["主动公开", "依申请公开", "不予公开"]
    review: Review | None = None
    validity: Validity | None = None
    interprets: Text | None = None
    pii_basis: Text | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    slug: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] | None = None
    # 财政预决算
    unit: Text | None = None
    year: Annotated[int, Field(ge=1949, le=2100, strict=True)] | None = None
    kind: Literal["预算", "决算"] | None = None
    # 政府采购 / 招投标
    project: Text | None = None
    stage: Text | None = None
    budget: Annotated[Decimal, Field(ge=0)] | None = None
    amount: Annotated[Decimal, Field(ge=0)] | None = None
    signed: Date | None = None
    # 意见征集
    opens: Date | None = None
    closes: Date | None = None
    solicitation: Text | None = None
    adopted: Annotated[int, Field(ge=0, strict=True)] | None = None
    not_adopted: Annotated[int, Field(ge=0, strict=True)] | None = None
    # 回应关切
    received: Date | None = None
    replied: Date | None = None


LABELS = {
    "title": "名称",
    "index_no": "索引号",
    "type": "信息类别",
    "publisher": "发布机构",
    "drafter": "起草部门",
    "doc_no": "发文字号",
    "written": "成文日期",
    "published": "发布日期",
    "topic": "主题分类",
    "keywords": "主题词",
    "disclosure": "公开属性",
    "review": "公开属性与保密审查",
    "reviewer": "审查人",
    "date": "审查日期",
    "result": "审查结论",
    "validity": "有效性",
    "effective": "施行日期",
    "expires": "有效期至",
    "repealed": "废止日期",
    "replaced_by": "替代文件索引号",
    "amended_by": "修改文件索引号",
    "status": "有效性状态",
    "interprets": "解读对象索引号",
    "pii_basis": "公开个人信息的法律依据",
    "attachments": "附件",
    "file": "附件文件名",
    "slug": "网址名",
    "unit": "预决算单位",
    "year": "年度",
    "kind": "预算或决算",
    "project": "项目编号",
    "stage": "阶段",
    "budget": "预算金额（元）",
    "amount": "成交金额（元）",
    "signed": "合同签订日期",
    "opens": "征集开始日期",
    "closes": "征集截止日期",
    "solicitation": "所反馈的征集索引号",
    "adopted": "采纳意见条数",
    "not_adopted": "未采纳意见条数",
    "received": "留言日期",
    "replied": "答复日期",
}

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
