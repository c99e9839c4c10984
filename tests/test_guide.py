"""Every complete example in docs/编辑指南.md passes `check`: the fenced blocks that name a file
(```` ```markdown content/gfxwj/a.md ````, ```` ```yaml ledger/2026.yml ````) are written into a
temp project beside the example content's media files, checked, and the ledger's annual report is
generated from them and checked too."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

from sitekit import REPO, Project, run

GUIDE = REPO / "docs" / "编辑指南.md"
BLOCK = re.compile(r"^( *)(`{3,})(markdown|yaml|csv) (\S+)\n(.*?)^\1\2$", re.M | re.S)
MEDIA = ("zcjd/2022-hjglbf-tj.svg", "ywgk/2026-hjyy-sp.webm", "ywgk/2026-hjyy-sp.vtt")
DAY = "2027-01-25"  # after the annual report's publication day


def examples() -> dict[str, str]:
    text = GUIDE.read_text(encoding="utf-8")
    return {m[4]: textwrap.dedent(m[5]) for m in BLOCK.finditer(text)}


def test_the_guide_shows_an_example_of_every_form() -> None:
    files = examples()
    columns = {Path(f).parts[1] for f in files if f.startswith("content/")}
    assert columns >= {"gfxwj", "czyjs", "zcjd", "ywgk", "hygq", "yjzj", "zfcg"}
    assert {"ledger/2026.yml", "ledger/2026-nb.md"} <= set(files)
    text = "\n".join(files.values())
    for form in ("attachments:", "{ .tujie }", "```qa", "```chart", "<video", "<track"):
        assert form in text, form


def test_every_example_in_the_guide_passes_check(project: Project) -> None:
    for rel, text in examples().items():
        (project.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (project.root / rel).write_text(text, encoding="utf-8")
    for media in MEDIA:
        shutil.copy(REPO / "content" / media, project.root / "content" / media)
    documents = [rel for rel in examples() if rel.startswith("content/")]

    checked = project.check(*documents, today=DAY)
    errors = [line for line in checked.stdout.splitlines() if " error " in line]
    assert (checked.returncode, errors) == (0, []), checked.stdout

    report = run(["-m", "gongkai", "report", "annual", "--year", "2026"], project.root, DAY)
    assert report.returncode == 0, report.stderr
    annual = project.check("content/nb/2026-nb.md", today=DAY)
    assert annual.returncode == 0, annual.stdout
