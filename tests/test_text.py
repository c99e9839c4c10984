"""The prose the text rules read: markup and addresses masked, the editor's words kept in place."""

from __future__ import annotations

from gongkai.content.text import MASK, markdown_prose

FRONT = "---\ntitle: 关于公开联系方式的通知\n---\n"


def prose_of(body: str) -> str:
    return markdown_prose(FRONT + body, len(FRONT)).masked[len(FRONT) :]


def test_an_email_address_is_masked_and_the_words_around_it_kept() -> None:
    masked = prose_of("来信请寄局办公室邮箱 gk_ban.xx@jl.gov.cn，或写信。\n")
    assert masked == "来信请寄局办公室邮箱 " + MASK * len("gk_ban.xx@jl.gov.cn") + "，或写信。\n"


def test_text_without_an_at_sign_keeps_the_other_masks() -> None:
    body = "见[通知](../a/)和 https://www.jl.gov.cn/x 及`代码`，全文共三页。\n"
    masked = prose_of(body)
    assert masked.startswith("见[通知") and masked.endswith("，全文共三页。\n")
    assert "../a/" not in masked and "https" not in masked and "代码" not in masked
    assert len(masked) == len(body)
