"""`check PATH` reports the ledgers' errors as the whole-tree check does."""

from __future__ import annotations

from pathlib import Path

from sitekit import new_project


def test_check_content_reports_ledger_errors(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.doc("ghjh/a.md")
    (tmp_path / "ledger").mkdir()
    (tmp_path / "ledger" / "2025.yml").write_text(
        "requests:\n  - id: 2025-001\n    received: 2025-03-01\n    applicant: 律师\n", "utf-8"
    )

    whole, content = project.check(), project.check("content")

    ledger = [line for line in whole.stdout.splitlines() if line.startswith("ledger/")]
    assert ledger and " error " in ledger[0]
    assert (content.returncode, whole.returncode) == (1, 1)
    assert [line for line in content.stdout.splitlines() if line.startswith("ledger/")] == ledger
