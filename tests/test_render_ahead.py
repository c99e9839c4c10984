"""Half of the documents converted in a forked process: the same site, the same warnings."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from sitekit import Project, new_project, run

# The real MkDocs command, with the size from which documents are converted ahead lowered to 1.
AHEAD = [
    "-c",
    "import sys, gongkai.build.render_ahead as r; r.PARALLEL_FROM = 1; "
    "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()",
]

BODY = """\
# 第{n}号文件

## 一、总体要求

见[乙文件的工作措施](b.md#二工作措施)。

## 二、工作措施

<a href="../a/#一总体要求">手写链接</a>
"""


def _project(root: Path, last_body: str = "") -> Project:
    project = new_project(root)
    for k, name in enumerate("abcd", start=1):
        body = BODY.format(n=k) + (last_body if name == "d" else "")
        project.doc(f"ghjh/{name}.md", body=body, index_no=f"013544XXX/2021-{k:05d}")
    return project


def _build(project: Project, ahead: bool, site: str, prelude: str = "") -> str:
    args = [AHEAD[0], prelude + AHEAD[1]] if ahead else ["-m", "mkdocs"]
    result = run([*args, "build", "--strict", "-d", site], project.root, "2026-11-26")
    return result.stderr + ("" if result.returncode == 0 else "\nFAILED")


def _differences(cmp: filecmp.dircmp[str], prefix: str = "") -> list[str]:
    """Files only on one side or differing, recursively (the search index is left out)."""
    own = [prefix + name for name in (*cmp.left_only, *cmp.right_only, *cmp.diff_files)]
    return own + [
        d for name, sub in cmp.subdirs.items() for d in _differences(sub, f"{prefix}{name}/")
    ]


def test_converting_ahead_writes_the_same_site(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert "FAILED" not in _build(project, ahead=False, site="serial")
    assert "FAILED" not in _build(project, ahead=True, site="ahead")
    assert (project.root / "ahead" / "ghjh" / "d" / "index.html").is_file()
    cmp = filecmp.dircmp(project.root / "serial", project.root / "ahead", ignore=["pagefind"])
    assert _differences(cmp) == []


@pytest.mark.parametrize(
    ("link", "warning"),
    [
        (
            "[缺失](nope.md)",
            "contains a link 'nope.md', but the target 'ghjh/nope.md' is not found",
        ),
        ("[锚点](a.md#不存在)", "does not contain an anchor '#不存在'"),
    ],
)
def test_a_warning_raised_ahead_is_logged_once_and_fails_strict(
    tmp_path: Path, link: str, warning: str
) -> None:
    # MkDocs' own warnings, let through (the build drops those about links it reported itself,
    # gongkai.build.twice): what a child logs reaches the parent's log once.
    let_through = "import gongkai.build.twice as t; t.NotTwice.filter = lambda *_: True; "
    log = _build(_project(tmp_path, f"\n{link}\n"), ahead=True, site="site", prelude=let_through)
    assert log.endswith("FAILED")
    assert [line for line in log.splitlines() if warning in line] != []
    assert len([line for line in log.splitlines() if warning in line]) == 1
