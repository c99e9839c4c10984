"""GK4xx 链接: rule ids and their documentation; GK401 is a document rule, the rest are raised
by the link gate (`gongkai.links.internal`) and the external check (`gongkai.links.external`)."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.config.context import Context
from gongkai.content.document import Document
from gongkai.findings import Finding, Severity, declare, rule


@rule("GK401", "附件文件不存在", Severity.ERROR)
def attachment_missing(doc: Document, ctx: Context) -> Iterator[Finding]:
    """
    为什么：元数据 attachments 中列出的附件会显示在页面的“附件”一栏；文件不存在，读者就看不到附件，
    检查时每个打不开的链接都扣分。附件文件名是相对于文档所在文件夹的。

    错误示例：
        attachments:
          - {file: 附件1-任务分工表.pdf}      # 文件夹里没有这个文件（或名字多了空格、扩展名大小写不同）

    正确示例：把 附件1-任务分工表.pdf 放到文档旁边，或把 file 改成实际的文件名
    """
    if doc.meta is None:
        return
    folder = doc.path.parent
    for i, att in enumerate(doc.meta.attachments):
        if (folder / att.file).is_file():
            continue
        near = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".md")
        hint = f"文件夹里现有的附件：{'、'.join(near[:5])}" if near else "文件夹里没有任何附件文件"
        yield attachment_missing.at(
            doc.rel,
            doc.line_of("attachments", i, "file"),
            1,
            f"附件“{att.file}”不存在：请把文件放到 {folder.name}/ 文件夹，或改成实际的文件名（{hint}）",
        )


GK402 = declare(
    "GK402",
    "链接指向不存在的页面或文件",
    Severity.ERROR,
    """
    为什么：读者点开是“404 找不到页面”；普查时每个打不开的链接都扣分。构建后检查网站里的每个链接，
    包括正文里手写的 HTML 链接和模板生成的链接（MkDocs 自己只检查 Markdown 链接）。

    错误示例：
        详见[会见管理办法](../gfxwj/2022-hjglbf-old.md)
        <a href="../../gfxwj/bucunzai/">会见管理办法</a>

    正确示例：链接到已发布文档的 .md 文件，由构建换成网址：
        详见[会见管理办法](../gfxwj/2022-hjglbf.md)
    """,
)


def missing_at(url: str, where: str, hint: str) -> str:
    """GK402's message: the link as written, where it leads (a file of the content tree, or a
    `page_address`), and what to write instead."""
    where = where if where.startswith("网址") else f" {where} "
    return f"链接“{url}”指向的{where}不存在：{hint}"


def page_address(dest: str, page: str) -> str:
    """A site address a link leads to, and the page it is counted from."""
    return f"网址 {dest.removesuffix('index.html') or '/'}（从本页 {page.removesuffix('index.html') or '/'} 算起）"


def meant_document(title: str, rel: str) -> str:
    return f"是不是要链接《{title}》？请写作“{rel}”"


NO_NEAR_DOCUMENT = (
    "没有找到名称相近的已发布文档：请改为已发布文档的 .md 文件（从本文件所在的文件夹算起）"
    "或实际存在的附件，或删除该链接"
)
RAW_FILE = "请检查地址：HTML 里写的地址从本页的网址算起；附件请改用 Markdown 写法 [标题](文件名)"


GK403 = declare(
    "GK403",
    "链接的锚点不存在",
    Severity.ERROR,
    """
    为什么：“#”后面的锚点指向页面中的某个标题；标题改了字，锚点就失效，读者只能落在页面顶端。
    中文标题的锚点是标题文字去掉标点，例如“一、总体要求”的锚点是 #一总体要求。

    错误示例：
        见[总体要求](2022-hjglbf.md#总体要求)      # 标题实际是“一、总体要求”

    正确示例：
        见[总体要求](2022-hjglbf.md#一总体要求)
    """,
)
GK404 = declare(
    "GK404",
    "链接指向不发布的文档",
    Severity.ERROR,
    """
    为什么：未通过公开审查、依申请公开或有错误的文档不发布；链接到它，读者看到的是 404，
    也暴露了不公开文件的存在和名称。

    错误示例：链接到 disclosure: 依申请公开 的文档，或审查结论为“待审”的文档

    正确示例：删除该链接；等该文档审查同意公开、发布之后再加链接
    """,
)
GK405 = declare(
    "GK405",
    "链接超出网站目录",
    Severity.ERROR,
    """
    为什么：用 ../ 跳出网站根目录、或以 / 开头指向专栏以外的地址，在构建时无法确认目标存在，
    部署到别的路径后一定会断。

    错误示例：
        [首页](../../../index.html)
        <a href="/cms/info.jsp">……</a>

    正确示例：站内链接写相对路径的 .md 文件；站外链接写完整网址 https://……
    """,
)
GK406 = declare(
    "GK406",
    "政府网站链接应使用 https",
    Severity.WARNING,
    """
    为什么：政府网站已普遍启用 https；http:// 链接会先被跳转，部分浏览器还会提示“不安全”。
    是否支持 https 按 src/gongkai/data/gov_https_hosts.yml 中的名单判断，构建时不联网。

    错误示例：
        [中国政府网](http://www.gov.cn/)

    正确示例：
        [中国政府网](https://www.gov.cn/)
    """,
)
GK407 = declare(
    "GK407",
    "链接到已失效或废止的文件而未说明",
    Severity.WARNING,
    """
    为什么：读者按链接找到的文件已经失效或废止，而链接所在的句子没有说明，容易误用过时的规定。

    错误示例：
        按照[会见管理办法（试行）](../gfxwj/2019-hjglbf-sx.md)执行。    # 该文件已废止

    正确示例：
        按照[会见管理办法](../gfxwj/2022-hjglbf.md)执行。              # 链接到现行文件
        原[会见管理办法（试行）](../gfxwj/2019-hjglbf-sx.md)已废止。     # 或写明已废止/失效
    """,
)
GK411 = declare(
    "GK411",
    "外部链接打不开",
    Severity.ERROR,
    """
    为什么：站外网址返回 404、500，域名不存在或多次重试仍超时，读者就打不开；普查时同样扣分。
    站外链接每周检查一次（python -m gongkai links --external site/），不阻止发布。

    错误示例：
        [办事指南](https://www.example.gov.cn/old/guide.html)     # 对方网站已改版，返回 404

    正确示例：打开对方网站找到新的地址替换；找不到的，删除该链接或改为文字说明
    """,
)
GK412 = declare(
    "GK412",
    "外部链接拒绝访问或限流",
    Severity.WARNING,
    """
    为什么：不少政府网站拒绝自动检查程序（返回 403）或限制访问频率（返回 429），
    这不一定说明链接失效，请人工在浏览器中打开确认一次。

    错误示例：某网站对检查程序返回 403，每周报告里都出现

    正确示例：人工确认能打开后，把该网址写进项目根目录的 links-ignore.yml：
        - url: https://www.example.gov.cn/
          reason: 拒绝自动检查，2026-11 人工确认可打开
    """,
)
GK413 = declare(
    "GK413",
    "外部链接已永久跳转",
    Severity.INFO,
    """
    为什么：对方网站用 301/308 永久跳转到了新地址；旧地址哪天停止跳转，链接就断了。

    错误示例：
        [通知](http://www.example.gov.cn/a.html)     # 永久跳转到 https://www.example.gov.cn/b/a.html

    正确示例：
        [通知](https://www.example.gov.cn/b/a.html)
    """,
)
