"""`python -m gongkai schema`: the front matter as JSON Schema, generated from the model."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from sitekit import REPO, front_matter, run

from gongkai.content.schema import front_matter_schema


def schema() -> dict[str, Any]:
    result = run(["-m", "gongkai", "schema"], REPO, "2026-11-26")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def as_json(value: Any) -> Any:
    """What an IDE's YAML language server hands the schema: dates are strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def errors(instance: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(front_matter_schema())
    return sorted(e.message for e in validator.iter_errors(as_json(instance)))


def test_schema_is_valid_draft_2020_12_with_chinese_labels() -> None:
    out = schema()

    jsonschema.Draft202012Validator.check_schema(out)
    assert out["required"] == ["title", "type", "drafter", "published", "disclosure"]
    assert out["additionalProperties"] is False
    assert out["properties"]["index_no"]["title"] == "索引号"
    assert out["properties"]["published"] == {
        "format": "date",
        "title": "发布日期",
        "type": "string",
    }
    assert out["$defs"]["Review"]["properties"]["result"]["enum"] == [
        "同意公开",
        "不予公开",
        "待审",
    ]


@pytest.mark.parametrize(
    "path", sorted((REPO / "content").glob("*/*.md")), ids=lambda p: p.relative_to(REPO).as_posix()
)
def test_every_example_document_matches_the_schema(path: Path) -> None:
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])

    assert errors(meta) == []


def test_misspelt_key_and_value_outside_the_list_are_flagged_by_the_schema() -> None:
    meta = front_matter(disclosure="公开", publish="2021-07-05")

    assert errors(meta) == [
        "'公开' is not one of ['主动公开', '依申请公开', '不予公开']",
        "Additional properties are not allowed ('publish' was unexpected)",
    ]


def test_schema_written_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "frontmatter.schema.json"

    result = run(["-m", "gongkai", "schema", "-o", str(target)], REPO, "2026-11-26")

    assert result.returncode == 0
    assert result.stderr == f"已写出 {target}\n"
    assert json.loads(target.read_text(encoding="utf-8")) == schema()
