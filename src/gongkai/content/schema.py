"""`python -m gongkai schema`: the front matter as JSON Schema, for the editors' IDEs.

The schema is generated from the pydantic model, so it can never drift from what `check` accepts;
every property carries its Chinese label (索引号, 发布日期, …) as title so an IDE shows it on hover.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gongkai.content.model import LABELS, FrontMatter

SCHEMA_ID = "https://example.gov.cn/xxgk/frontmatter.schema.json"


def _label(properties: dict[str, Any]) -> None:
    for key, prop in properties.items():
        if key in LABELS:
            prop["title"] = LABELS[key]


def front_matter_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a document's front matter, labels in Chinese."""
    schema = FrontMatter.model_json_schema()
    _label(schema["properties"])
    for sub in schema.get("$defs", {}).values():
        _label(sub.get("properties", {}))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "政府信息公开专栏文档元数据（front matter）",
        "description": "由 gongkai.content.model.FrontMatter 生成；以 python -m gongkai check 的结论为准。",
    }


def _run(args: argparse.Namespace) -> int:
    text = json.dumps(front_matter_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"已写出 {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("schema", help="导出文档元数据的 JSON Schema（供编辑器自动补全和校验）")
    parser.add_argument("-o", "--output", help="写入文件，不写则输出到屏幕")
    parser.set_defaults(func=_run)
