"""GK311's segmenter is loaded only to confirm a candidate from the typo table."""

from __future__ import annotations

import subprocess
import sys

from gongkai.content.text import plain_prose
from gongkai.rules.typos import scan_typos

_PROBE = """
import sys
from gongkai.content.text import plain_prose
from gongkai.rules.typos import scan_typos
hits = list(scan_typos(plain_prose({text!r})))
print(len(hits), "jieba" in sys.modules)
"""


def _probe(text: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(text=text)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_a_text_without_candidates_never_loads_jieba() -> None:
    assert _probe("经保密审查，同意公开。") == "0 False"


def test_a_candidate_is_confirmed_by_jieba() -> None:
    assert _probe("既使如此，也要及时公开。") == "1 True"


def test_a_candidate_across_a_word_boundary_is_not_a_typo() -> None:
    assert list(scan_typos(plain_prose("既使用财政资金，又推动经济发展转型。"))) == []


def test_variant_forms_are_kept_in_enacted_text_and_quotations() -> None:
    assert list(scan_typos(plain_prose("开立帐户，其它事项。"), enacted=True)) == []
    assert list(scan_typos(plain_prose("该法规定：“开立帐户，其它事项。”"))) == []
    assert [h.message for h in scan_typos(plain_prose("开立帐户。"))] == [
        "错别字：“帐户”应写作“账户”"
    ]
