"""The front-matter model (spec/content.md): one pydantic class per concern, extra="forbid".

The model checks structure, types and closed lists. Formats and cross-document rules are rule
functions in `gongkai.rules`; the model's errors are translated into Chinese findings by
`gongkai.content.validation`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError


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
    # What was reviewed (gongkai.review.digest): written by `review approve`, never by hand.
    digest: Text | None = None
    fields: dict[str, str] = Field(default_factory=dict)
    paragraphs: str | None = None
    files: dict[str, str] = Field(default_factory=dict)


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
    "digest": "审查内容摘要",
    "fields": "各字段摘要",
    "paragraphs": "各段摘要",
    "files": "各附件摘要",
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
