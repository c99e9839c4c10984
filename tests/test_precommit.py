"""The pre-commit hook: `git commit` runs the checker on the staged Markdown and stops on errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sitekit import REPO, Project

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GONGKAI_TODAY": "2026-11-26",
        "PRE_COMMIT_HOME": str(project.root / ".pre-commit-cache"),
        "GIT_AUTHOR_NAME": "编辑",
        "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
        "GIT_COMMITTER_NAME": "编辑",
        "GIT_COMMITTER_EMAIL": "editor@example.gov.cn",
    }
    return subprocess.run(
        ["git", *args], cwd=project.root, env=env, capture_output=True, text=True, check=False
    )


def repo_with_hook(project: Project) -> Project:
    shutil.copy(REPO / ".pre-commit-config.yaml", project.root)
    (project.root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (project.root / ".gitignore").write_text(".venv\n.pre-commit-cache/\nsite/\n", encoding="utf-8")
    assert git(project, "init", "-q").returncode == 0
    git(project, "add", ".")
    assert git(project, "commit", "-q", "--no-verify", "-m", "起点").returncode == 0
    hook = subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=project.root, capture_output=True, text=True, check=False
    )
    assert hook.returncode == 0, hook.stderr
    return project


def test_commit_with_a_bad_document_is_stopped_with_the_finding(project: Project) -> None:
    repo_with_hook(project)
    project.doc("ghjh/a.md", doc_no="吉狱发[2021]第012号")
    git(project, "add", "content/ghjh/a.md")

    result = git(project, "commit", "-m", "新增文件")

    assert result.returncode == 1
    assert (
        "content/ghjh/a.md:12:1: GK017 error 发文字号“吉狱发[2021]第012号”格式不对：应为 机关代字〔年份〕序号号，"
        "用六角括号、不加“第”、序号不补零，例如“吉狱发〔2021〕12号”"
    ) in result.stderr
    assert git(project, "log", "--format=%s").stdout == "起点\n"


def test_commit_with_a_good_document_goes_through(project: Project) -> None:
    repo_with_hook(project)
    project.doc("ghjh/a.md")
    git(project, "add", "content/ghjh/a.md")

    result = git(project, "commit", "-m", "新增文件")

    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("gongkai check（政府信息公开专栏文档检查）")
    assert result.stderr.rstrip().endswith("Passed")
    assert git(project, "log", "--format=%s").stdout == "新增文件\n起点\n"


def test_commit_with_a_broken_link_is_stopped_as_the_build_would(project: Project) -> None:
    repo_with_hook(project)
    path = project.doc("ghjh/a.md", "详见[会见管理办法](../gfxwj/2022-hjglbf.md)。\n")
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index("详见[会见管理办法](../gfxwj/2022-hjglbf.md)。")
    )
    git(project, "add", "content/ghjh/a.md")

    result = git(project, "commit", "-m", "新增文件")

    assert result.returncode == 1
    assert (
        f"content/ghjh/a.md:{line + 1}:12: GK402 error 链接“../gfxwj/2022-hjglbf.md”指向的 "
        "content/gfxwj/2022-hjglbf.md 不存在：没有找到名称相近的已发布文档："
        "请改为已发布文档的 .md 文件（从本文件所在的文件夹算起）或实际存在的附件，或删除该链接"
    ) in result.stderr
    assert git(project, "log", "--format=%s").stdout == "起点\n"
