"""The review in git history: which commit gave a document its current content and review record.

A document's history is the commits that touched it or the files it uses (`git log`), newest
first; at each, the document is read back from git and its content digest and review block are
compared with today's. Who made a commit is its author email.
"""

from __future__ import annotations

import posixpath
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai.content.document import from_text
from gongkai.review.digest import canonical, content_of


class GitError(Exception):
    """git cannot answer (no repository, git missing); the message is Chinese."""


@dataclass(frozen=True)
class Commit:
    sha: str
    email: str

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class State:
    commit: Commit
    content: str | None  # the content digest at that commit; None when the document was not there
    review: str | None  # the review block, canonical


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as e:
        raise GitError(f"无法运行 git（{e.strerror}）：请安装 git") from e
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        raise GitError(f"git {args[0]} 失败（{reason[-1] if reason else done.returncode}）")
    return done.stdout


def is_repository(root: Path) -> bool:
    try:
        return _git(root, "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except GitError:
        return False


def identity(root: Path) -> str:
    """The email git would write as author of the next commit here (config or GIT_AUTHOR_EMAIL)."""
    try:
        ident = _git(root, "var", "GIT_AUTHOR_IDENT").decode(errors="replace")
    except GitError:
        raise GitError("没有设置 git 身份：请运行 git config user.email 你的邮箱") from None
    return ident.partition("<")[2].partition(">")[0].strip().lower()


def _commits(root: Path, paths: list[str]) -> list[Commit]:
    out = _git(root, "log", "--format=%H%x1f%ae", "--", *paths).decode(errors="replace")
    return [
        Commit(sha, email.lower()) for sha, email in (ln.split("\x1f") for ln in out.splitlines())
    ]


def _show(root: Path, sha: str, path: str) -> bytes | None:
    try:
        return _git(root, "show", f"{sha}:./{path}")
    except GitError:
        return None  # not in that commit


def states(root: Path, rel: str, files: list[str]) -> Iterator[State]:
    """The document at every commit that touched it or one of `files`, newest first."""
    folder = posixpath.dirname(rel)
    paths = [rel, *(posixpath.normpath(posixpath.join(folder, f)) for f in files)]
    for commit in _commits(root, paths):
        data = _show(root, commit.sha, rel)
        doc = from_text(rel, data.decode("utf-8-sig", errors="replace")) if data else None
        if doc is None or not doc.raw:
            yield State(commit, None, None)
            continue

        def read(name: str, sha: str = commit.sha) -> bytes | None:
            return _show(root, sha, posixpath.join(folder, name))

        content = content_of(doc.raw, doc.body, doc.body_line, read).digest()
        yield State(commit, content, canonical(doc.raw.get("review")))


@dataclass(frozen=True)
class Origin:
    """The commits that wrote what the document holds now, with their age (0 = the newest)."""

    content: tuple[int, Commit] | None  # None: the content now is not committed
    record: tuple[int, Commit] | None  # None: the review record now is not committed


def origin(root: Path, rel: str, files: list[str], content: str, review: object) -> Origin:
    """Walk back while the content (and the review record) stay what they are now."""
    record = canonical(review)
    found: dict[str, tuple[int, Commit] | None] = {"content": None, "record": None}
    going = {"content": True, "record": True}
    for age, state in enumerate(states(root, rel, files)):
        for key, same in (
            ("content", state.content == content),
            ("record", state.review == record),
        ):
            going[key] = going[key] and same
            if going[key]:
                found[key] = (age, state.commit)
        if not any(going.values()):
            break
    return Origin(found["content"], found["record"])
