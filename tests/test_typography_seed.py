"""The bureau's own 2021 工作要点: the raw text as published (PDF-extracted) and the corrected one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitekit import REPO

from gongkai import engine
from gongkai.content.text import plain_prose
from gongkai.editor.fix import fix_text
from gongkai.rules.typography import check_text

# The bureau's public 2021 work plan exactly as received (../shared/seed/000_09cada91f2bbb89b.txt).
SEED = REPO / "tests" / "fixtures" / "seed-2021-gzyd-raw.txt"
CORRECTED = REPO / "content" / "ghjh" / "2021-zwgk-gzyd.md"


SPACE = "汉字与数字、字母之间不加空格"
EXPECTED = [
    (1, 7, "GK303", f"{SPACE}：把“2021 年”改为“2021年”"),
    (9, 6, "GK303", f"{SPACE}：把“2021 年”改为“2021年”"),
    (21, 1, "GK303", f"{SPACE}：把“2021 年”改为“2021年”"),
    (21, 6, "GK303", f"{SPACE}：把“年 7月”改为“年7月”"),
    (21, 8, "GK303", f"{SPACE}：把“7月 5日”改为“7月5日”"),
    (45, 1, "GK303", f"{SPACE}：把“2021 年”改为“2021年”"),
    (51, 12, "GK303", f"{SPACE}：把“2021 年”改为“2021年”"),
    (51, 28, "GK301", "发文字号中不应有空格：把“国办发〔2021〕12 号”改为“国办发〔2021〕12号”"),
    (53, 22, "GK303", f"{SPACE}：把“2021 年”改为“2021年”"),
    (54, 35, "GK302", "中文里应使用全角标点：把半角“,”改为“，”"),
    (78, 11, "GK301", "发文字号中不应有空格：把“吉政办函〔2020〕49 号”改为“吉政办函〔2020〕49号”"),
    (205, 28, "GK303", f"{SPACE}：把“2021 年”改为“2021年”"),
]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _paragraphs_of_corrected() -> list[str]:
    """The prose of the corrected Markdown: title and paragraphs without markup."""
    text = CORRECTED.read_text(encoding="utf-8")
    _, meta, body = text.split("---\n", 2)
    title = re.search(r"^title: (.+)$", meta, re.MULTILINE)
    assert title is not None
    out = [title.group(1)]
    for para in body.split("\n\n"):
        plain = re.sub(r"<[^>]+>|\*\*|^#+ ", "", para.strip(), flags=re.MULTILINE)
        if plain:
            out.append(_compact(plain))
    return out


def test_raw_seed_yields_exactly_the_typography_findings_it_deserves() -> None:
    found = check_text("seed.txt", SEED.read_text(encoding="utf-8"))
    assert [(f.line, f.column, f.rule, f.message) for f in found] == EXPECTED


def test_fixing_the_raw_seed_gives_the_corrected_document_text() -> None:
    raw = SEED.read_text(encoding="utf-8")
    fixed, changes = fix_text(raw, plain_prose)
    assert [(c.line, c.column, c.rule, c.message) for c in changes] == EXPECTED
    assert fix_text(fixed, plain_prose) == (fixed, [])
    assert check_text("seed.txt", fixed) == []
    # Every paragraph of the corrected document is in the fixed text, and some were not before.
    paragraphs = _paragraphs_of_corrected()
    missing = [p for p in paragraphs if p not in _compact(fixed)]
    assert missing == []
    assert [p for p in paragraphs if p not in _compact(raw)] != []


def test_corrected_seed_document_and_example_content_pass_the_typography_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    site = engine.run(REPO)
    text_rules = [f for f in site.findings if f.rule.startswith(("GK30", "GK31", "GK21"))]
    seed_rel = CORRECTED.relative_to(REPO).as_posix()
    assert [f.text() for f in text_rules if f.path == seed_rel] == []
    assert [f.text() for f in text_rules if f.severity == "error"] == []


def test_correct_official_text_is_not_flagged() -> None:
    """Real, correctly formatted 公文 sentences (国办发〔2021〕12号 and the seed's own wording)."""
    text = Path(__file__).with_name("fixtures").joinpath("gongwen_correct.txt").read_text("utf-8")
    assert [f.text() for f in check_text("gongwen_correct.txt", text)] == []


def test_correct_official_text_has_no_secrecy_marking_or_personal_data() -> None:
    from gongkai.rules.secrecy import markings, personal_data

    text = Path(__file__).with_name("fixtures").joinpath("gongwen_correct.txt").read_text("utf-8")
    import datetime as dt

    assert list(markings(text)) == []
    assert list(personal_data(text, dt.date(2026, 11, 26))) == []
