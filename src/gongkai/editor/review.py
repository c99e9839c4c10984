"""`python -m gongkai review approve|withdraw|verify`: give, withdraw and prove a review.

`approve` and `withdraw` are functions of the file and the reviewer, so that the web editor calls
the same code as the command line; `verify` proves every approval from git history (CI).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gongkai import engine
from gongkai.config.context import Context
from gongkai.config.settings import ConfigError, find_root
from gongkai.content.document import Document, read_document
from gongkai.content.site import Site
from gongkai.review import history
from gongkai.review.record import content_now, write


class Refused(Exception):
    """The review cannot be given; the message (Chinese) says why and what to do."""


def _document(ctx: Context, path: Path) -> Document:
    try:
        rel = path.resolve().relative_to(ctx.config.root.resolve()).as_posix()
    except ValueError:
        raise Refused(f"{path}: 不在项目目录 {ctx.config.root} 中") from None
    doc, found = read_document(path, rel, rel, None)
    if not doc.raw:
        raise Refused(found[0].text() if found else f"{rel}: 读不出元数据，无法审查")
    return doc


def _last_author(ctx: Context, doc: Document, committer: str) -> tuple[str, str]:
    """Who made the content as it is now, and where that is said (a commit, or uncommitted)."""
    root = ctx.config.root
    if not history.is_repository(root):
        raise Refused(f"{doc.rel}: 不在 git 仓库中，无法确认内容的作者：请在项目的 git 仓库中审查")
    now = content_now(doc)
    found = history.origin(root, doc.rel, list(now.files), now.digest(), None).content
    if found is None:
        return committer, "尚未提交的改动"
    return found[1].email, f"提交 {found[1].short}"


def approve(ctx: Context, path: Path, reviewer: str, committer: str) -> str:
    """Write `reviewer`'s 同意公开 with the digest of the document as it is; say what was done.

    `committer` is the git identity (email) that will commit the record: the reviewer's own.
    """
    listed = ctx.config.reviewer(reviewer)
    doc = _document(ctx, path)
    if listed is None:
        names = "、".join(r.name for r in ctx.config.reviewers) or "名单为空"
        raise Refused(
            f"{doc.rel}: “{reviewer}”不在 gongkai.yml 的审查人名单（reviewers）中，不能审查："
            f"请由名单中的审查人（{names}）审查，或先在 gongkai.yml 中登记"
        )
    if committer.lower() != listed.email:
        raise Refused(
            f"{doc.rel}: 当前 git 身份 {committer} 不是审查人“{reviewer}”登记的 {listed.email}："
            "审查记录须由审查人本人用自己的 git 身份写入并提交"
        )
    author, where = _last_author(ctx, doc, committer.lower())
    if author == listed.email:
        raise Refused(
            f"{doc.rel}: 最后一次内容改动（{where}）的作者就是审查人“{reviewer}”，"
            "不能审查自己改动的内容：请由另一位审查人审查"
        )
    now = content_now(doc)
    write(
        path, doc, {"reviewer": reviewer, "date": ctx.today, "result": "同意公开", **now.record()}
    )
    return f"{doc.rel}: 已写入“{reviewer}”{ctx.today} 同意公开的审查记录：请用 git 提交这一改动"


def withdraw(ctx: Context, path: Path) -> str:
    """Set the review back to 待审 (the document is withheld from the next build)."""
    doc = _document(ctx, path)
    old = doc.raw.get("review")
    reviewer = old.get("reviewer") if isinstance(old, dict) else None
    if not reviewer:
        raise Refused(f"{doc.rel}: 没有审查记录，无需撤回")
    write(path, doc, {"reviewer": reviewer, "date": ctx.today, "result": "待审"})
    return f"{doc.rel}: 审查已撤回（结论改为待审），下次构建起不再发布：请用 git 提交这一改动"


def _claims_approval(doc: Document) -> bool:
    review = doc.meta.review
    return doc.meta.disclosure == "主动公开" and review is not None and review.result == "同意公开"


def _proof(ctx: Context, doc: Document) -> list[str]:
    """What git history does not prove of this document's approval."""
    name = doc.meta.review.reviewer
    where = f"{doc.rel}:{doc.line_of('review')}"
    listed = ctx.config.reviewer(name)
    if listed is None:
        return [
            f"{where}: 审查人“{name}”不在 gongkai.yml 的审查人名单（reviewers）中：须由名单中的审查人重新审查"
        ]
    now = content_now(doc)
    got = history.origin(ctx.config.root, doc.rel, list(now.files), now.digest(), doc.raw["review"])
    if got.record is None or got.content is None:
        return [f"{where}: 审查记录或内容有尚未提交的改动，历史无从证明：提交后再验证"]
    (record_age, record), (content_age, content) = got.record, got.content
    found = []
    if record.email != listed.email:
        found.append(
            f"{where}: 审查记录是 {record.email} 在提交 {record.short} 中写入的，"
            f"不是审查人“{name}”（{listed.email}）本人：须由审查人本人审查并提交"
        )
    if content_age < record_age:
        found.append(
            f"{where}: 审查（提交 {record.short}）之后，提交 {content.short}（{content.email}）"
            "又改动了内容：须重新审查"
        )
    elif content.email == listed.email:
        found.append(
            f"{where}: 审查人“{name}”审查的是自己改动的内容（提交 {content.short}）："
            "须由另一位审查人审查"
        )
    return found


def verify(site: Site) -> list[str]:
    """One Chinese line per approval (主动公开 + 同意公开) that git history does not prove."""
    if not history.is_repository(site.ctx.config.root):
        raise Refused(f"{site.ctx.config.root}: 不在 git 仓库中，无法从历史验证审查")
    return [p for d in site.valid_docs if _claims_approval(d) for p in _proof(site.ctx, d)]


def _approve(args: argparse.Namespace) -> str:
    ctx = engine.make_context(find_root(Path(args.file).parent))
    return approve(ctx, Path(args.file), args.reviewer, history.identity(ctx.config.root))


def _withdraw(args: argparse.Namespace) -> str:
    return withdraw(engine.make_context(find_root(Path(args.file).parent)), Path(args.file))


def _verify(args: argparse.Namespace) -> str:
    site = engine.run(find_root(Path.cwd()))
    problems = verify(site)
    if problems:
        raise Refused("\n".join(problems))
    claimed = sum(_claims_approval(d) for d in site.valid_docs)
    return f"{claimed} 篇同意公开的文档，审查记录都由审查人本人提交，审查后内容未改动"


def _run(args: argparse.Namespace) -> int:
    try:
        print(args.action_func(args))
    except Refused as e:
        print(e, file=sys.stdout if args.action == "verify" else sys.stderr)
        return 1
    except history.GitError as e:
        raise ConfigError(str(e)) from e
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    review = sub.add_parser("review", help="公开属性与保密审查：同意公开、撤回、从 git 历史验证")
    actions = review.add_subparsers(dest="action", required=True, parser_class=type(review))
    give = actions.add_parser("approve", help="审查人同意公开：写入带内容摘要的审查记录")
    give.add_argument("file", help="文档，如 content/gfxwj/2022-hjglbf.md")
    give.add_argument("--reviewer", required=True, help="审查人姓名（gongkai.yml 的 reviewers）")
    give.set_defaults(action_func=_approve)
    back = actions.add_parser("withdraw", help="撤回审查：结论改为待审，不再发布")
    back.add_argument("file", help="文档，如 content/gfxwj/2022-hjglbf.md")
    back.set_defaults(action_func=_withdraw)
    check = actions.add_parser("verify", help="从 git 历史验证每篇同意公开文档的审查（CI）")
    check.set_defaults(action_func=_verify)
    review.set_defaults(func=_run)
