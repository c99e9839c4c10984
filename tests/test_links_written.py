"""`check` finds from the Markdown what the strict build's link gate finds in the built site:
the same id, file, line, column and message, each reported once by the build."""

from __future__ import annotations

import logging
import re
import time

import pytest
from sitekit import Project

RULES = ("GK402", "GK403", "GK404", "GK405", "GK407")

A_BODY = """\
# 甲文件

## 一、总体要求

好的链接：[乙文件措施](b.md#二工作措施)，[重名标题](b.md#说明_1)，[本页](#一总体要求)，
[自定锚点](b.md#zding)，[首页](../index.md)，[栏目](index.md)，[收费](../zfxxgkzn/fees.md)，
[附件](fj.txt)，<a href="../b/#二工作措施">手写</a>，[网站](https://www.gov.cn/)。

不存在的文件：[旧文件](nope.md)，[写错目录](../gfxwj/nope.md#一)。

锚点不对：[乙文件](b.md#总体要求)，[本页](#没有这个标题)，<a href="../b/#不存在">手写</a>。

不发布的文件：[丙文件](c.md)，<a href="../c/">手写丙</a>。

跳出网站：[上级](../../../x.md)，<a href="/cms/info.jsp">旧系统</a>。

不存在的页面：<a href="../nope/">手写</a>，<img src="tu.png" alt="图">。

按照[旧办法](../gfxwj/old.md)执行。

原[旧办法](../gfxwj/old.md)已废止。

```
[代码里的链接](nope.md)
```
"""

B_BODY = """\
# 乙文件

## 二、工作措施

### 说明

### 说明

## 附则 {#zding}
"""


@pytest.fixture
def linked(project: Project) -> Project:
    project.doc("ghjh/a.md", A_BODY, index_no="013544XXX/2021-00001")
    project.write("ghjh/fj.txt", "附件正文。\n".encode())
    project.doc("ghjh/b.md", B_BODY, index_no="013544XXX/2021-00002", title="乙文件")
    project.doc("ghjh/c.md", "# 丙\n", index_no="013544XXX/2021-00003", disclosure="依申请公开")
    project.doc(
        "gfxwj/old.md",
        "# 旧办法\n",
        index_no="013544XXX/2019-00001",
        title="某某管理办法（试行）",
        type="规范性文件",
        validity={"effective": "2019-01-01", "expires": "2021-12-31"},
    )
    return project


def gongkai_lines(log: str) -> list[str]:
    """The link findings of a build log or of `check`'s output, as `check` prints them."""
    found = [re.sub(r"^(?:ERROR|INFO|WARNING) +-  gongkai: ", "", x) for x in log.splitlines()]
    return [x for x in found if re.match(rf"^content/\S+:\d+:\d+: (?:{'|'.join(RULES)}) ", x)]


def at(needle: str, rule: str, severity: str, message: str) -> tuple[str, str, str, str]:
    return needle, rule, severity, message


def expected(project: Project) -> list[str]:
    """Each finding of EXPECTED at the line and column where its needle is written in a.md."""
    lines = (project.root / "content/ghjh/a.md").read_text(encoding="utf-8").splitlines()
    body = lines.index("---", 1) + 1  # the review record in the front matter names links too
    out = []
    for needle, rule, severity, message in EXPECTED:
        line = next(i for i, text in enumerate(lines) if i >= body and needle in text)
        col = lines[line].index(needle)
        out.append(f"content/ghjh/a.md:{line + 1}:{col + 1}: {rule} {severity} {message}")
    return sorted(out)


EXPECTED = [
    at("nope.md)", "GK402", "error",
       "链接“nope.md”指向的 content/ghjh/nope.md 不存在：没有找到名称相近的已发布文档："
       "请改为已发布文档的 .md 文件（从本文件所在的文件夹算起）或实际存在的附件，或删除该链接"),
    at("../gfxwj/nope.md#一", "GK402", "error",
       "链接“../gfxwj/nope.md#一”指向的 content/gfxwj/nope.md 不存在："
       "是不是要链接《某某管理办法（试行）》？请写作“../gfxwj/old.md”"),
    at("b.md#总体要求", "GK403", "error",
       "链接“../b/#总体要求”的锚点“#总体要求”在 ghjh/b/ 中不存在：请打开该页面，点标题旁的 ¶ 复制正确的锚点"),
    at("#没有这个标题", "GK403", "error",
       "链接“#没有这个标题”的锚点“#没有这个标题”在 本页 中不存在：请打开该页面，点标题旁的 ¶ 复制正确的锚点"),
    at("../b/#不存在", "GK403", "error",
       "链接“../b/#不存在”的锚点“#不存在”在 ghjh/b/ 中不存在：请打开该页面，点标题旁的 ¶ 复制正确的锚点"),
    at("c.md)", "GK404", "error",
       "链接“c.md”指向不发布的文档 content/ghjh/c.md（GK204 非主动公开文档不发布）："
       "删除该链接，或等该文档审查同意公开、发布后再链接"),
    at("../c/", "GK404", "error",
       "链接“../c/”指向不发布的文档 content/ghjh/c.md（GK204 非主动公开文档不发布）："
       "删除该链接，或等该文档审查同意公开、发布后再链接"),
    at("../../../x.md", "GK405", "error",
       "链接“../../../x.md”用 ../ 跳出了网站根目录："
       "站内链接请写相对路径的 .md 文件，站外链接请写完整的 https:// 网址"),
    at("/cms/info.jsp", "GK405", "error",
       "链接“/cms/info.jsp”以 / 开头，指向专栏（/xxgk/）以外："
       "站内链接请写相对路径的 .md 文件，站外链接请写完整的 https:// 网址"),
    at("../nope/", "GK402", "error",
       "链接“../nope/”指向的网址 ghjh/nope/（从本页 ghjh/a/ 算起）不存在："
       "是不是要链接《乙文件》？请写作“b.md”"),
    at("tu.png", "GK402", "error",
       "链接“tu.png”指向的网址 ghjh/a/tu.png（从本页 ghjh/a/ 算起）不存在："
       "请检查地址：HTML 里写的地址从本页的网址算起；附件请改用 Markdown 写法 [标题](文件名)"),
    at("../gfxwj/old.md", "GK407", "warning",
       "链接指向的《某某管理办法（试行）》已失效，但这句话没有说明：请写明“（已失效）”"),
]  # fmt: skip


def test_check_reports_every_link_the_build_reports(linked: Project) -> None:
    check = linked.check()
    assert check.returncode == 1
    assert gongkai_lines(check.stdout) == expected(linked)
    build = linked.build()
    assert build.returncode == 1
    # once each: the gate leaves out what the build reported from the Markdown
    assert sorted(gongkai_lines(build.stderr)) == expected(linked)
    # and MkDocs' own English warnings about the same links are not printed beside them
    assert "contains a link" not in build.stderr
    assert "unrecognized relative link" not in build.stderr


def test_only_mkdocs_warnings_about_the_links_reported_are_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from gongkai.build.twice import NotTwice

    logger = logging.getLogger("mkdocs.structure.pages")
    said = "Doc file 'ghjh/a.md' contains a link '{}', but the target 'ghjh/{}' is not found."
    with caplog.at_level(logging.WARNING, logger="mkdocs.structure.pages"):
        quiet = NotTwice.install({("ghjh/a.md", "nope.md")})
        try:
            logger.warning(said.format("nope.md", "nope.md"))
            logger.warning(said.format("other.md", "other.md"))
            logger.warning(
                "Doc file 'ghjh/a.md' contains an unrecognized relative link 'x/', it was left as is."
            )
        finally:
            quiet.remove()
        logger.warning(said.format("nope.md", "nope.md"))
    assert [r.getMessage() for r in caplog.records] == [
        said.format("other.md", "other.md"),
        "Doc file 'ghjh/a.md' contains an unrecognized relative link 'x/', it was left as is.",
        said.format("nope.md", "nope.md"),
    ]


def test_check_of_one_file_finds_the_same_without_indexing_again(linked: Project) -> None:
    assert linked.check().returncode == 1  # leaves the site findings for the next run
    time.sleep(2.1)  # files changed in the last two seconds are always read again
    for _ in range(2):
        one = linked.check("content/ghjh/a.md")
        assert one.returncode == 1
        assert gongkai_lines(one.stdout) == expected(linked)
