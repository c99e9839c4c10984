"""One parametrised runner for every rule fixture in tests/fixtures/rules/GKnnn.yml.

A fixture file holds `cases`; each case is a document body (Markdown, after a valid front matter)
plus optional `front_matter` overrides and extra `files` (attachments), and says:

- `unsealed: true` (optional): a 同意公开 review record is written as given, without the digest
  that `review approve` (and `sitekit`) adds;

- `findings`: the exact findings of that rule — `line` counts from the first body line (1), or
  `key` names the front-matter key the finding is on (`attachments.0.file`); `column`, `severity` (default: the rule's)
  and the whole `message`. An empty list is a near miss that must not trigger.
- `fix` (optional): the body after `check --fix`; a second fix must change nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import TODAY, front_matter, new_project, sealed

from gongkai import engine
from gongkai.editor import fix
from gongkai.rules import catalog

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
DOC = "ghjh/case.md"


def _load() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(FIXTURES.glob("GK*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            out.append((data["rule"], {**case, "_id": f"{path.stem}-{i}-{case['name']}"}))
    return out


CASES = _load()


def _write(root: Path, case: dict[str, Any]) -> Path:
    meta = yaml.safe_dump(
        front_matter(**case.get("front_matter", {})), allow_unicode=True, sort_keys=False
    )
    for name, content in (case.get("files") or {}).items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(content, encoding="utf-8")
    path = root / "content" / DOC
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"---\n{meta}---\n{case['body']}"
    path.write_text(text if case.get("unsealed") else sealed(text, path), encoding="utf-8")
    return path


def _key(dotted: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in dotted.split(".")]


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


@pytest.mark.parametrize(("rule_id", "case"), CASES, ids=[c["_id"] for _, c in CASES])
def test_rule_fixture(
    rule_id: str, case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    project = new_project(tmp_path)
    path = _write(project.root, case)
    site = engine.run(project.root)
    doc = next(d for d in site.docs if d.src_uri == DOC)
    rule = catalog.get(rule_id)
    got = [
        (f.line, f.column, str(f.severity), f.message) for f in site.findings if f.rule == rule_id
    ]
    wanted = [
        (
            doc.line_of(*_key(e["key"])) if "key" in e else doc.body_line + e["line"] - 1,
            e["column"],
            e.get("severity", str(rule.severity)),
            e["message"],
        )
        for e in case["findings"]
    ]
    assert got == wanted
    if "fix" in case:
        fix.fix_file(path)
        assert _body(path) == case["fix"]
        assert fix.fix_file(path) == []


def test_every_fixture_has_a_trigger_a_near_miss_and_fixes_for_fixable_rules() -> None:
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for rule_id, case in CASES:
        by_rule.setdefault(rule_id, []).append(case)
    for rule_id, cases in by_rule.items():
        assert any(c["findings"] for c in cases), f"{rule_id}: no case that triggers"
        assert any(not c["findings"] for c in cases), f"{rule_id}: no near miss"
        if catalog.get(rule_id).fixable:
            assert any("fix" in c and c["findings"] for c in cases), f"{rule_id}: no fix case"


def test_every_text_rule_has_a_fixture_file() -> None:
    mine = {r for r in catalog.load_all() if r.startswith(("GK21", "GK30", "GK31", "GK32"))}
    assert mine <= {p.stem for p in FIXTURES.glob("GK*.yml")}
