"""The internal link gate (GK401–GK407) on a real site built by real MkDocs, and LinkChecker on
the same site: everything it finds, we find."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import Project, new_project, run

from gongkai.links import ahead as ahead_scan
from gongkai.links import scan
from gongkai.links.internal import Gate

A_BODY = """\
# 甲文件

## 一、总体要求

好的链接：[乙文件工作措施](b.md#二工作措施)，<a href="../b/#%E4%BA%8C%E5%B7%A5%E4%BD%9C%E6%8E%AA%E6%96%BD">编码的锚点</a>。

<a href="../b/#不存在的标题">手写链接，锚点不存在</a>

<a href="../b/#%E4%B8%89%E4%BF%9D%E9%9A%9C">编码的锚点不存在</a>

<a href="../b/index.html#二工作措施">文件形式，锚点存在</a> <a href="../b/index.html#四">文件形式，锚点不存在</a>

<img src="../../ghjh/tu.png" alt="缺失的图片">

<a href="../../../../../etc/passwd">跳出网站</a>

<a href="../c/">不公开的文件</a>

<a href="../nope/">不存在的页面</a>

详见[中国政府网](http://www.gov.cn/)。

按照[旧办法](../gfxwj/old.md)执行。
"""

B_BODY = """\
# 乙文件

## 二、工作措施

原[旧办法](../gfxwj/old.md)已废止。
"""

OLD_VALIDITY = {"effective": "2019-01-01", "expires": "2021-12-31"}


def line_of(project: Project, src_uri: str, needle: str) -> int:
    text = (project.root / "content" / src_uri).read_text(encoding="utf-8")
    body = text.index("\n---\n") + 5  # the review record in the front matter names links too
    at = text.find(needle, body)
    return text[: at if at >= 0 else text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str]:
    project = new_project(tmp_path_factory.mktemp("links"))
    project.doc("ghjh/a.md", A_BODY, index_no="013544XXX/2021-00001")
    project.doc("ghjh/b.md", B_BODY, index_no="013544XXX/2021-00002", title="乙文件")
    project.doc("ghjh/c.md", "# 丙\n", index_no="013544XXX/2021-00003", disclosure="依申请公开")
    project.doc(
        "gfxwj/old.md",
        "# 旧办法\n",
        index_no="013544XXX/2019-00001",
        title="某某管理办法（试行）",
        type="规范性文件",
        validity=OLD_VALIDITY,
    )
    project.doc(
        "ghjh/d.md",
        "# 丁\n",
        index_no="013544XXX/2021-00004",
        attachments=[{"file": "附件1.pdf", "title": "附件"}],
    )
    result = project.build()
    assert result.returncode != 0  # the gate fails the strict build on errors
    assert not project.site.exists()  # and a failed build writes no site/
    assert project.build("--no-strict").returncode == 0  # the site the gate reads below
    return project, result.stderr


def expect(project: Project, needle: str, rule: str, severity: str, message: str) -> str:
    line = line_of(project, "ghjh/a.md", needle)
    text = (project.root / "content/ghjh/a.md").read_text(encoding="utf-8").splitlines()[line - 1]
    col = text.index(needle) + 1  # on its line in the body
    return f"content/ghjh/a.md:{line}:{col}: {rule} {severity} {message}"


def test_missing_anchor_written_in_raw_html_names_markdown_line(
    broken: tuple[Project, str],
) -> None:
    project, log = broken
    assert expect(
        project, "../b/#不存在的标题", "GK403", "error",
        "链接“../b/#不存在的标题”的锚点“#不存在的标题”在 ghjh/b/ 中不存在："
        "请打开该页面，点标题旁的 ¶ 复制正确的锚点",
    ) in log  # fmt: skip


def test_percent_encoded_chinese_anchor_is_decoded(broken: tuple[Project, str]) -> None:
    project, log = broken
    assert expect(
        project, "../b/#%E4%B8%89%E4%BF%9D%E9%9A%9C", "GK403", "error",
        "链接“../b/#%E4%B8%89%E4%BF%9D%E9%9A%9C”的锚点“#三保障”在 ghjh/b/ 中不存在："
        "请打开该页面，点标题旁的 ¶ 复制正确的锚点",
    ) in log  # fmt: skip
    assert "%E4%BA%8C%E5%B7%A5" not in log  # the encoded anchor that exists is fine


def test_missing_image_page_escape_withheld_and_http_gov(broken: tuple[Project, str]) -> None:
    project, log = broken
    assert expect(
        project, "../../ghjh/tu.png", "GK402", "error",
        "链接“../../ghjh/tu.png”指向的网址 ghjh/tu.png（从本页 ghjh/a/ 算起）不存在："
        "请检查地址：HTML 里写的地址从本页的网址算起；附件请改用 Markdown 写法 [标题](文件名)",
    ) in log  # fmt: skip
    assert (
        expect(
            project,
            "../nope/",
            "GK402",
            "error",
            "链接“../nope/”指向的网址 ghjh/nope/（从本页 ghjh/a/ 算起）不存在：是不是要链接 ../c/？",
        )
        not in log
    )  # a withheld page is never suggested
    assert expect(
        project, "../../../../../etc/passwd", "GK405", "error",
        "链接“../../../../../etc/passwd”用 ../ 跳出了网站根目录："
        "站内链接请写相对路径的 .md 文件，站外链接请写完整的 https:// 网址",
    ) in log  # fmt: skip
    assert expect(
        project, "../c/", "GK404", "error",
        "链接“../c/”指向不发布的文档 content/ghjh/c.md（GK204 非主动公开文档不发布）："
        "删除该链接，或等该文档审查同意公开、发布后再链接",
    ) in log  # fmt: skip
    assert expect(
        project, "http://www.gov.cn/", "GK406", "warning",
        "链接“http://www.gov.cn/”使用 http://，而 www.gov.cn 支持 https：请改为“https://www.gov.cn/”",
    ) in log  # fmt: skip


def test_link_to_expired_document_warns_unless_the_sentence_says_so(
    broken: tuple[Project, str],
) -> None:
    project, log = broken
    assert expect(
        project, "../gfxwj/old.md", "GK407", "warning",
        "链接指向的《某某管理办法（试行）》已失效，但这句话没有说明：请写明“（已失效）”",
    ) in log  # fmt: skip
    assert "content/ghjh/b.md" not in log.replace("content/ghjh/b.md:", "")  # b says 已废止


def test_attachment_missing_on_disk(broken: tuple[Project, str]) -> None:
    project, log = broken
    line = line_of(project, "ghjh/d.md", "file: 附件1.pdf")
    assert (
        f"content/ghjh/d.md:{line}:1: GK401 error 附件“附件1.pdf”不存在："
        "请把文件放到 ghjh/ 文件夹，或改成实际的文件名（文件夹里没有任何附件文件）"
    ) in log


def test_links_command_reports_the_same_and_exits_1(broken: tuple[Project, str]) -> None:
    project, log = broken
    result = run(["-m", "gongkai", "links", "site"], project.root, "2026-11-26")
    assert result.returncode == 1, result.stderr
    # the same links at the same places; the gate words a missing file from the built site
    where = re.compile(r"^(\S+:\d+:\d+: GK\d+) ")
    lines = [m[1] for line in result.stdout.splitlines() if (m := where.match(line))]
    assert lines and all(line in log for line in lines)
    missing = run(["-m", "gongkai", "links", "nosuch"], project.root, "2026-11-26")
    assert missing.returncode == 2
    assert (
        missing.stderr
        == "gongkai: nosuch 不是构建好的网站（没有 index.html）：请先运行 mkdocs build\n"
    )


def test_warnings_alone_do_not_fail_the_strict_build(project: Project) -> None:
    project.doc("ghjh/a.md", "# 甲\n\n详见[中国政府网](http://www.gov.cn/)。\n")
    result = project.build()
    line = (
        "INFO    -  gongkai: content/ghjh/a.md:16:11: GK406 warning "
        "链接“http://www.gov.cn/”使用 http://，而 www.gov.cn 支持 https：请改为“https://www.gov.cn/”"
    )
    assert line in result.stderr.splitlines()  # logged as INFO: MkDocs --strict ignores it
    failing = [x for x in result.stderr.splitlines() if x.startswith(("ERROR", "WARNING"))]
    assert [x for x in failing if "GK4" in x] == []


def linkchecker(site: Path) -> set[tuple[str, str]]:
    """(page, href) of every error LinkChecker reports, anchors included (AnchorCheck)."""
    config = site.parent / "linkcheckerrc"
    config.write_text("[AnchorCheck]\n", encoding="utf-8")
    # LinkChecker switches to `nobody` when run as root (CI is root) and then cannot read the
    # temp dir; the command is the same, without that step.
    code = (
        "import sys; from linkcheck.command import linkchecker as m; "
        "m.drop_privileges = lambda: None; sys.argv[0] = 'linkchecker'; m.linkchecker()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "-f", str(config), "--no-status", "-o", "csv",
         (site / "index.html").as_posix()],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode in (0, 1), out.stderr
    rows = csv.DictReader(
        (line for line in out.stdout.splitlines() if not line.startswith("#")), delimiter=";"
    )
    found = set()
    prefix = site.resolve().as_uri() + "/"
    for row in rows:
        # Its anchor check is a warning "Anchor `x' … not found"; on directory URLs (all of
        # MkDocs' pretty URLs) it only warns that it cannot check, which is no finding.
        if row["valid"] == "False" or "not found" in (row["warningstring"] or ""):
            found.add((row["parentname"].removeprefix(prefix), row["urlname"]))
    return found


def test_we_find_everything_linkchecker_finds(broken: tuple[Project, str]) -> None:
    project, _ = broken
    theirs = linkchecker(project.site)
    assert ("ghjh/a/index.html", "../b/index.html#四") in theirs  # it does check anchors
    assert ("ghjh/a/index.html", "../nope/") in theirs
    ours = Gate(project.site, project.root).load()
    ours.findings()
    assert theirs - ours.broken == set()


NAV_PAGE = """<html><body>
<nav class="md-nav md-nav--primary" aria-label="导航栏"><a id="nav-top" href="../../index.html">首页</a>
<nav class="md-nav"><a href="../../gone/">已删除的栏目</a> <a href="sub/">本页下级</a></nav></nav>
<main><a href="#nav-top">回到导航</a> <a href="#{own}">本页标题</a><h1 id="{own}">{own}</h1>
<a href="#h-a">只有甲页有的标题</a> <a href="../a/#h-a">甲页的标题</a></main>
</body></html>
"""


@pytest.mark.parametrize(
    "helper",
    ["none", "second half", "as written"],
    ids=["one process", "half in a helper", "two pages scanned as written"],
)
def test_a_nav_repeated_on_every_page_is_scanned_once_and_counted_for_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helper: str
) -> None:
    if helper == "second half":  # the second half (col/c among them) scanned by a forked process
        monkeypatch.setattr(scan, "PARALLEL_FROM", 1)
    site = tmp_path / "site"
    (site / "index.html").parent.mkdir(parents=True)
    (site / "index.html").write_text("<html><body>首页</body></html>", encoding="utf-8")
    for name in ("a", "b", "c"):
        page = site / "col" / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(NAV_PAGE.replace("{own}", f"h-{name}"), encoding="utf-8")
    (site / "col" / "b" / "sub").mkdir()
    (site / "col" / "b" / "sub" / "index.html").write_text("<html></html>", encoding="utf-8")

    ahead = None
    if helper == "as written":  # col/a and col/c scanned by the forked child, the others after
        scan_ahead = ahead_scan.ScanAhead(site)
        scan_ahead.start()
        for dest in ("col/a/index.html", "col/c/index.html"):
            scan_ahead.written(dest)
        ahead = scan_ahead.result()
        assert ahead is not None
        assert [packed[0] for packed in ahead[0]] == ["col/a/index.html", "col/c/index.html"]
    gate = Gate(site, tmp_path, ahead=ahead).load()
    found = gate.findings()
    messages = [f"{f.path} {f.rule} {f.message}" for f in found]

    # The nav link to a removed folder: once, for all three pages; anchors into the nav resolve.
    gone = [m for m in messages if "../../gone/" in m]
    assert len(gone) == 1 and "另有 2 个页面相同" in gone[0], messages
    assert {p for p, url in gate.broken if url == "../../gone/"} == {
        f"col/{n}/index.html" for n in "abc"
    }
    # A nav link relative to the page's own folder is checked on every page: only b has sub/.
    assert sorted((f.path, f.line) for f in found if "sub/" in f.message) == [
        ("site/col/a/index.html", 3),
        ("site/col/c/index.html", 3),
    ]
    # The same link checked sound on one page is still checked on the others where it differs.
    assert sorted(f.path for f in found if "“#h-a”" in f.message) == [
        "site/col/b/index.html",
        "site/col/c/index.html",
    ]
    sound = ("链接“#nav-top”", "链接“#h-b”", "链接“../a/#h-a”")
    assert not [m for m in messages if m.split(" ", 2)[2].startswith(sound)]


def test_pages_scanned_as_the_build_writes_them_give_the_same_findings(
    broken: tuple[Project, str],
) -> None:
    project, stderr = broken
    ahead = [
        "-c",
        "import sys, gongkai.build.plugin as b; b.SCAN_AHEAD_FROM = 1; "
        "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()",
    ]
    result = run([*ahead, "build", "--strict", "-d", "ahead"], project.root, "2026-11-26")

    def gate_lines(text: str) -> list[str]:
        return [line for line in text.splitlines() if " GK4" in line]

    assert gate_lines(stderr)
    assert gate_lines(result.stderr) == gate_lines(stderr)


TAGS_PAGE = """<html><head><link rel="preconnect" href="https://fonts.example">
<SCRIPT>if (a<b) { s = '<a href="fake/">'; }</SCRIPT><script src="real.js"></script>
<style>p:before { content: "<img src='fake.png'>"; }</style></head><body>
<a
  class="md-x md-y"
  href='q/' >多行属性</a> <a data-href="no/" title="无">自定义属性</a> <img alt="图" src=bare.png>
<a name="n1"></a><meta name="viewport"><h2 id="标题">标题</h2> <a href="a&amp;b">转义</a>
<pre><code>&lt;a href="esc/"&gt;</code></pre>
<textarea><a href="typed/"></textarea></body></html>
"""


def test_only_real_tags_are_read_for_links_and_anchors() -> None:
    page = scan.Scanner().page("x/index.html", TAGS_PAGE)
    assert [(link.url, link.tag) for link in page.links] == [
        ("real.js", "script"),
        ("q/", "a"),
        ("bare.png", "img"),
        ("a&b", "a"),
    ]
    assert page.ids == {"n1", "标题"}
    assert page.line_of(page.links[1].offset) == 4  # where the tag starts


def test_a_src_written_in_another_attributes_value_is_no_link() -> None:
    """A title shown in a <meta> (escaped) may say `src=`: that is text, not an attribute."""
    page = scan.Scanner().page(
        "x/index.html",
        '<meta name="ArticleTitle" content="规范&lt;img src=x onerror=1&gt;">'
        "<img alt='图 src=y' src=\"real.png\">",
    )
    assert [(link.url, link.tag) for link in page.links] == [("real.png", "img")]
