"""GK205–GK207 审查记录: an approval holds only for the text reviewed, by a listed reviewer."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.content.model import Review
from gongkai.findings import Finding, Severity, rule
from gongkai.review.digest import changes
from gongkai.review.record import content_now

APPROVE = "python -m gongkai review approve {rel} --reviewer {name}"


def _approval(doc: Document) -> Review | None:
    """The review record when it is what lets the document be published."""
    review = doc.meta.review
    if doc.meta.disclosure == "主动公开" and review and review.result == "同意公开":
        return review
    return None


@rule("GK205", "审查后内容有改动", Severity.WARNING)
def changed_after_review(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：审查人同意公开的是审查时的那份文本。审查后改动元数据、正文或附件，改动的部分
    没有人审查过，必须重新审查后才能发布。审查记录里的摘要（digest）是审查时内容的指纹，
    检查和构建每次都重新计算并比对。

    错误示例：审查通过后又改了正文第3段，审查记录未更新

    正确示例：改完后请审查人重新审查：
        python -m gongkai review approve content/gfxwj/a.md --reviewer 李某
    """
    review = _approval(doc)
    if review is None or review.digest is None:
        return
    now = content_now(doc)
    if now.digest() != review.digest:
        parts = "、".join(changes(review, now))
        yield changed_after_review.at(
            doc.rel,
            doc.line_of("review", "digest"),
            1,
            f"审查后内容有改动，须重新审查：{parts}有改动，本文档暂不发布：请审查人重新审查后运行 "
            + APPROVE.format(rel=doc.rel, name=review.reviewer),
        )


@rule("GK206", "审查记录没有内容摘要", Severity.WARNING)
def no_digest(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：手写的“reviewer / date / result”谁都能填，也看不出审查的是哪一版文本。
    审查记录必须由审查人用 review approve 写入，带上审查时内容的摘要（digest）。

    错误示例：
        review:
          reviewer: 李某
          date: 2021-07-05
          result: 同意公开

    正确示例：审查人运行
        python -m gongkai review approve content/gfxwj/a.md --reviewer 李某
    """
    review = _approval(doc)
    if review is not None and review.digest is None:
        yield no_digest.at(
            doc.rel,
            doc.line_of("review"),
            1,
            "审查记录没有内容摘要（digest），看不出审查的是哪一版，本文档暂不发布：请审查人运行 "
            + APPROVE.format(rel=doc.rel, name=review.reviewer),
        )


@rule("GK207", "审查人不在审查人名单中", Severity.WARNING)
def unlisted_reviewer(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：只有单位指定的审查人可以作出“同意公开”的审查结论。审查人名单写在 gongkai.yml 的
    reviewers 中（姓名和提交时用的 git 邮箱）；名单外的人写的审查记录不算数。

    错误示例：review.reviewer: 张三（gongkai.yml 的 reviewers 中没有张三）

    正确示例：
        reviewers:
          - name: 李某
            email: limou@example.gov.cn
    """
    review = _approval(doc)
    if review is not None and ctx.config.reviewer(review.reviewer) is None:
        listed = "、".join(r.name for r in ctx.config.reviewers) or "名单为空，请先登记"
        yield unlisted_reviewer.at(
            doc.rel,
            doc.line_of("review", "reviewer"),
            1,
            f"审查人“{review.reviewer}”不在 gongkai.yml 的审查人名单（reviewers）中，"
            f"本文档暂不发布：请由名单中的审查人（{listed}）重新审查",
        )
