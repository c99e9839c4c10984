"""The web editor's configuration (Decap CMS `admin/config.yml`), generated, never written by hand.

One folder collection per column of `columns.yml`; the fields, their Chinese labels, widgets and
closed lists come from the front-matter model (`gongkai.content.model`), the column's required
fields and the site's units; the 索引号 and 发文字号 patterns are the regexes of GK015/GK017, with
the rule's words as the form's error; 发文字号 and 成文日期 are required where GK027 requires them. The review record is not a form field: it is written by the
review (issue 25.2), and Decap keeps front-matter keys it has no field for.
"""

from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from gongkai.config.settings import Column, SiteConfig
from gongkai.content.model import LABELS, FrontMatter
from gongkai.dates.deadlines import type_fields
from gongkai.editor.new import SLUG
from gongkai.rules import catalog
from gongkai.rules.frontmatter import DOC_NO, DOC_NO_SHAPE, INDEX_NO, INDEX_NO_SHAPE, REGULATION

CONFIG_PATH = Path("admin") / "config.yml"
PROXY_PORT = 8081  # decap-server on 127.0.0.1, started by `python -m gongkai edit`
HEADER = "# 由 python -m gongkai editor config 生成，不要手改：改 columns.yml、gongkai.yml 或模型后重新生成。\n"

# Fields every column's form shows, in the order of the spec; column fields follow `drafter`.
COMMON = ["title", "type", "index_no", "slug", "publisher", "drafter"]
COMMON_TAIL = ["doc_no", "written", "published", "topic", "keywords", "disclosure", "validity"]
COMMON_TAIL += ["pii_basis", "attachments"]
# Optional fields a column uses beyond the required ones it declares in columns.yml.
COLUMN_EXTRAS = {"zfcg": ["budget", "amount", "signed"], "hygq": ["replied"]}
# 索引号 fields that name another document: the collection whose documents they may name.
RELATIONS = {
    "replaced_by": "gfxwj",
    "amended_by": "gfxwj",
    "interprets": "gfxwj",
    "solicitation": "yjzj",
}
FILLED_ON_SAVE = {  # given by the allocator of `new` when the entry is saved (admin/gongkai-cms.js)
    "index_no": "保存时自动分配（与 python -m gongkai new 相同），不要改",
    "slug": "网址名：保存时由标题的拼音自动生成（与 python -m gongkai new 相同），发布后不要改",
}
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD"}
DATE |= {"time_format": False, "picker_utc": True}


def _bare(annotation: Any) -> Any:
    """The type under `X | None` and `Annotated[X, …]`."""
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _widget(kind: Any, name: str) -> dict[str, Any]:
    if name in RELATIONS:
        return _relation(name)
    if name == "file":  # an attachment: uploaded into the column folder
        return {"widget": "file"}
    if kind is dt.date:
        return dict(DATE)
    if get_origin(kind) is Literal:
        return {"widget": "select", "options": list(get_args(kind))}
    if kind is int:
        return {"widget": "number", "value_type": "int"}
    if kind is Decimal:
        return {"widget": "number", "value_type": "float"}
    if get_origin(kind) is list:
        inner = _bare(get_args(kind)[0])
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return {"widget": "list", "fields": _model_fields(inner, set())}
        return {"widget": "list"}
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {"widget": "object", "collapsed": True, "fields": _model_fields(kind, set())}
    return {"widget": "string"}


def _relation(name: str) -> dict[str, Any]:
    return {
        "widget": "relation",
        "collection": RELATIONS[name],
        "value_field": "index_no",
        "search_fields": ["title", "index_no", "doc_no"],
        "display_fields": ["{{title}}（{{index_no}}）"],
        "multiple": name == "amended_by",
    }


def _field(name: str, model: type[BaseModel], required: bool) -> dict[str, Any]:
    info = model.model_fields[name]
    field = {"label": LABELS.get(name, name), "name": name, **_widget(_bare(info.annotation), name)}
    field["required"] = required or (info.is_required() and name not in FILLED_ON_SAVE)
    return field


def _model_fields(model: type[BaseModel], required: set[str]) -> list[dict[str, Any]]:
    return [_field(name, model, name in required) for name in model.model_fields]


def _hint(rule_id: str) -> str:
    """The rule's 正确示例, as the field's hint."""
    doc = catalog.load_all()[rule_id].doc
    return next(line.strip() for line in doc.splitlines() if line.strip().startswith("正确示例"))


def _decorate(field: dict[str, Any], config: SiteConfig, col: Column) -> dict[str, Any]:
    name = field["name"]
    if name in FILLED_ON_SAVE:
        field["hint"] = FILLED_ON_SAVE[name]
    if name == "index_no":
        example = f"{config.org_code}/2021-00012"
        field["pattern"] = [INDEX_NO.pattern, f"索引号格式不对：{INDEX_NO_SHAPE}，例如 {example}"]
    if name == "doc_no":
        field["pattern"] = [
            DOC_NO.pattern,
            f"发文字号格式不对：{DOC_NO_SHAPE}，例如“吉狱发〔2021〕12号”",
        ]
        field["hint"] = _hint("GK017")
    if name == "slug":
        field["pattern"] = [SLUG.pattern, "网址名只能用小写字母、数字和连字符"]
    if name == "type":
        field |= {"widget": "select", "options": list(col.types)}
        if len(col.types) == 1:
            field["default"] = col.types[0]
    if name == "unit":
        field |= {"widget": "select", "options": list(config.units)}
    if col.fields.get(name):
        field |= {"widget": "select", "options": list(col.fields[name] or ())}
    if name == "disclosure":
        field["default"] = "主动公开"
    if name == "validity":
        field["collapsed"] = col.name != REGULATION
    return field


def _column_fields(col: Column) -> list[str]:
    per_type = [k for t in col.types for k in type_fields().get(t, {})]
    names = [*col.fields, *per_type, *COLUMN_EXTRAS.get(col.segment, [])]
    return list(dict.fromkeys(names))


def collection(config: SiteConfig, col: Column) -> dict[str, Any]:
    required = set(col.fields) | ({"validity"} if col.name == REGULATION else set())
    if set(col.types) == {REGULATION}:  # GK027: every document of the column needs both
        required |= {"doc_no", "written"}
    names = [*COMMON, *_column_fields(col), *COMMON_TAIL]
    fields = [_decorate(_field(n, FrontMatter, n in required), config, col) for n in names]
    fields.append({"label": "正文", "name": "body", "widget": "markdown"})
    return {
        "name": col.segment,
        "label": col.name,
        "folder": f"{config.docs_dir}/{col.segment}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{fields.slug}}",
        "identifier_field": "title",
        "summary": "{{title}}（{{index_no}}）",
        "sortable_fields": ["published", "title"],
        "media_folder": "",  # attachments and images beside the document, in its column folder
        "public_folder": "",
        "fields": fields,
    }


def cms_config(config: SiteConfig, proxy_port: int = PROXY_PORT) -> dict[str, Any]:
    return {
        "backend": config.editor_backend
        or {"name": "gitea", "repo": "xxgk/gongkai", "branch": "main"},
        "local_backend": {
            "url": f"http://127.0.0.1:{proxy_port}/api/v1",
            "allowed_hosts": ["127.0.0.1", "localhost"],
        },
        "publish_mode": "editorial_workflow",
        "locale": "zh_Hans",
        "media_folder": config.docs_dir,
        "public_folder": "/",
        "collections": [collection(config, col) for col in config.columns],
    }


def render(config: SiteConfig, proxy_port: int = PROXY_PORT) -> str:
    body = yaml.safe_dump(
        cms_config(config, proxy_port), allow_unicode=True, sort_keys=False, width=100
    )
    return HEADER + body
