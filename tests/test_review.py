"""`review approve|withdraw|verify` and GK205: a review bound to the text, proved on real git repos."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import TODAY, Project, markdown, new_project, sealed

from gongkai.content.document import from_text
from gongkai.review.digest import content_of
from gongkai.review.record import replace_block

DOC = "content/ghjh/a.md"
EDITOR = "zhang@example.gov.cn"  # writes documents, is no reviewer
LI = "limou@example.gov.cn"  # 李某, the listed reviewer (tests/sitekit.py)
WANG = "wangmou@example.gov.cn"  # 王某, not listed
BODY = "第一段。\n\n第二段。\n"


def git(root: Path, email: str, *args: str) -> str:
    name = email.split("@")[0]
    done = subprocess.run(
        ["git", "-c", f"user.email={email}", "-c", f"user.name={name}", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit(root: Path, email: str, message: str) -> str:
    git(root, email, "add", "-A")
    git(root, email, "commit", "-q", "-m", message)
    return git(root, email, "rev-parse", "--short=7", "HEAD")


def gongkai(root: Path, email: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GONGKAI_TODAY": TODAY, "GIT_AUTHOR_EMAIL": email}
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *args], cwd=root, env=env, capture_output=True, text=True
    )


def approve(root: Path, email: str, reviewer: str) -> subprocess.CompletedProcess[str]:
    return gongkai(root, email, "review", "approve", DOC, "--reviewer", reviewer)


def forge(project: Project, reviewer: str = "李某") -> None:
    """Write a record with a valid digest by hand, as anyone could, without `review approve`."""
    path = project.root / DOC
    text = markdown(
        BODY,
        published=TODAY,
        review={"reviewer": reviewer, "date": "2026-11-20", "result": "同意公开"},
    )
    path.write_text(sealed(text, path), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    """A project in git whose document (no review yet) was committed by the editor."""
    project = new_project(tmp_path)
    text = markdown(
        BODY, published=TODAY, review={"reviewer": "李某", "date": "2026-11-20", "result": "待审"}
    )
    project.write("ghjh/a.md", text.replace("disclosure:", "# 起草：法制处\ndisclosure:"))
    git(tmp_path, EDITOR, "init", "-q", "-b", "main")
    commit(tmp_path, EDITOR, "起草")
    return project


def verify(project: Project) -> tuple[int, str]:
    done = gongkai(project.root, EDITOR, "review", "verify")
    return done.returncode, done.stdout


def test_approve_rewrites_only_the_review_block_and_history_proves_it(repo: Project) -> None:
    before = (repo.root / DOC).read_text(encoding="utf-8")
    done = approve(repo.root, LI, "李某")
    assert (done.returncode, done.stderr) == (0, "")
    assert (
        done.stdout == f"{DOC}: 已写入“李某”2026-11-26 同意公开的审查记录：请用 git 提交这一改动\n"
    )
    after = (repo.root / DOC).read_text(encoding="utf-8")
    head, _, rest = before.partition(
        "review:\n  reviewer: 李某\n  date: '2026-11-20'\n  result: 待审\n"
    )
    assert after.startswith(
        head + "review:\n  reviewer: 李某\n  date: 2026-11-26\n  result: 同意公开\n"
    )
    assert after.endswith(rest) and "# 起草：法制处\n" in after
    assert "  digest: " in after and "  paragraphs: " in after
    check = repo.check(DOC)
    assert (check.returncode, check.stdout) == (0, "")
    commit(repo.root, LI, "审查")
    assert verify(repo) == (0, "1 篇同意公开的文档，审查记录都由审查人本人提交，审查后内容未改动\n")


def test_self_review_is_refused_and_a_forged_one_fails_verify(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.write("ghjh/a.md", markdown(BODY, published=TODAY, review=None).encode())
    git(tmp_path, LI, "init", "-q", "-b", "main")
    own = commit(tmp_path, LI, "李某自己起草")
    done = approve(tmp_path, LI, "李某")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"{DOC}: 最后一次内容改动（提交 {own}）的作者就是审查人“李某”，"
        "不能审查自己改动的内容：请由另一位审查人审查\n"
    )
    forge(project)
    commit(tmp_path, LI, "手写审查记录")
    assert verify(project) == (
        1,
        f"{DOC}:8: 审查人“李某”审查的是自己改动的内容（提交 {own}）：须由另一位审查人审查\n",
    )


def test_reviewer_may_not_approve_their_own_uncommitted_edit(repo: Project) -> None:
    path = repo.root / DOC
    path.write_text(path.read_text(encoding="utf-8") + "\n审查人加的一段。\n", encoding="utf-8")
    done = approve(repo.root, LI, "李某")
    assert (done.returncode, done.stderr) == (
        1,
        f"{DOC}: 最后一次内容改动（尚未提交的改动）的作者就是审查人“李某”，"
        "不能审查自己改动的内容：请由另一位审查人审查\n",
    )


def test_review_by_an_unlisted_person_is_refused_withheld_and_fails_verify(repo: Project) -> None:
    done = approve(repo.root, WANG, "王某")
    assert (done.returncode, done.stderr) == (
        1,
        f"{DOC}: “王某”不在 gongkai.yml 的审查人名单（reviewers）中，不能审查："
        "请由名单中的审查人（李某）审查，或先在 gongkai.yml 中登记\n",
    )
    forge(repo, "王某")
    commit(repo.root, WANG, "王某写的审查记录")
    assert repo.check(DOC).stdout == (
        f"{DOC}:8:1: GK207 warning 审查人“王某”不在 gongkai.yml 的审查人名单（reviewers）中，"
        "本文档暂不发布：请由名单中的审查人（李某）重新审查\n"
    )
    assert verify(repo) == (
        1,
        f"{DOC}:8: 审查人“王某”不在 gongkai.yml 的审查人名单（reviewers）中：须由名单中的审查人重新审查\n",
    )


def test_a_record_written_by_someone_else_than_the_reviewer_fails_verify(repo: Project) -> None:
    done = approve(repo.root, EDITOR, "李某")
    assert (done.returncode, done.stderr) == (
        1,
        f"{DOC}: 当前 git 身份 {EDITOR} 不是审查人“李某”登记的 {LI}："
        "审查记录须由审查人本人用自己的 git 身份写入并提交\n",
    )
    forge(repo)
    written = commit(repo.root, EDITOR, "编辑代写审查记录")
    assert verify(repo) == (
        1,
        f"{DOC}:8: 审查记录是 {EDITOR} 在提交 {written} 中写入的，"
        f"不是审查人“李某”（{LI}）本人：须由审查人本人审查并提交\n",
    )


def test_edit_after_review_is_withheld_named_and_fails_verify_until_renewed(repo: Project) -> None:
    assert approve(repo.root, LI, "李某").returncode == 0
    reviewed = commit(repo.root, LI, "审查")
    path = repo.root / DOC
    path.write_text(path.read_text(encoding="utf-8").replace("第二段。", "第二段改了。"), "utf-8")
    edited = commit(repo.root, EDITOR, "审查后改正文")
    line = from_text(DOC, path.read_text(encoding="utf-8")).line_of("review", "digest")
    assert repo.check(DOC).stdout == (
        f"{DOC}:{line}:1: GK205 warning 审查后内容有改动，须重新审查：正文第2段（第20行）有改动，"
        "本文档暂不发布：请审查人重新审查后运行 "
        f"python -m gongkai review approve {DOC} --reviewer 李某\n"
    )
    assert verify(repo) == (
        1,
        f"{DOC}:9: 审查（提交 {reviewed}）之后，提交 {edited}（{EDITOR}）又改动了内容：须重新审查\n",
    )
    assert approve(repo.root, LI, "李某").returncode == 0  # renewing is approving again
    commit(repo.root, LI, "重新审查")
    assert verify(repo)[0] == 0


def test_withdrawn_review_is_withheld(repo: Project) -> None:
    assert approve(repo.root, LI, "李某").returncode == 0
    done = gongkai(repo.root, EDITOR, "review", "withdraw", DOC)
    assert (done.returncode, done.stdout) == (
        0,
        f"{DOC}: 审查已撤回（结论改为待审），下次构建起不再发布：请用 git 提交这一改动\n",
    )
    assert "GK202 warning 审查结论为“待审”，本文档暂不发布" in repo.check(DOC).stdout
    assert "digest" not in (repo.root / DOC).read_text(encoding="utf-8")


def test_changed_attachment_is_named_and_the_build_withholds(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.write("ghjh/a.csv", "项目,金额\n会见,0\n")
    project.doc("ghjh/a.md", "见附件。\n", attachments=[{"file": "a.csv", "title": "明细"}])
    assert project.check(DOC).stdout == ""
    (project.root / "content/ghjh/a.csv").write_text("项目,金额\n会见,100\n", encoding="utf-8")
    assert "须重新审查：附件 a.csv有改动" in project.check(DOC).stdout
    build = project.build("--strict")
    assert build.returncode == 0, build.stderr
    assert not (project.site / "ghjh" / "a").exists()


def _digest(text: str) -> str:
    doc = from_text("a.md", text)
    return content_of(doc.raw, doc.body, doc.body_line, lambda _: None).digest()


def test_digest_ignores_yaml_formatting_but_not_values() -> None:
    block = "---\ntitle: 通知\nkeywords:\n  - 会见\n  - 监狱\npublished: 2021-07-05\n---\n正文。\n"
    flow = "---\npublished: '2021-07-05'   # 发布\nkeywords: [会见, 监狱]\ntitle: \"通知\"\n---\n正文。\n"
    assert _digest(block) == _digest(flow)
    assert _digest(block) != _digest(block.replace("监狱", "监所"))
    assert _digest(block) != _digest(block.replace("正文。", "正文！"))


def test_review_block_is_replaced_in_place_keeping_line_ends() -> None:
    text = "---\r\ntitle: 通知\r\nreview: {reviewer: 李某}\r\n\r\n# 注释\r\ntype: 计划\r\n---\r\n正文\r\n"
    record = {"reviewer": "李某", "date": "2026-11-26", "result": "待审"}
    assert replace_block(text, record) == (
        "---\r\ntitle: 通知\r\nreview:\r\n  reviewer: 李某\r\n  date: '2026-11-26'\r\n"
        "  result: 待审\r\n\r\n# 注释\r\ntype: 计划\r\n---\r\n正文\r\n"
    )
