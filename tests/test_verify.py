"""`verify` finds what was planted in a built site after the build, and names the file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from sitekit import TODAY, Project, new_project, run

ID = "11010519491231002X"  # a valid 身份证号 (MOD 11-2, real birth date)
WITHHELD_NO = "013544XXX/2021-00002"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = new_project(tmp_path_factory.mktemp("verify"))
    project.doc("ghjh/a.md", "附件：[名单](mingdan.csv)\n", title="关于公布某某工作安排的通知")
    project.write("ghjh/mingdan.csv", "姓名,单位\n张某,局本级\n")
    project.doc(
        "ghjh/b.md", title="关于内部某某事项的安排意见", index_no=WITHHELD_NO, disclosure="不予公开"
    )
    assert project.build().returncode == 0
    return project


def verify(project: Project, site: Path) -> tuple[int, str, str]:
    result = run(["-m", "gongkai", "verify", str(site)], project.root, TODAY)
    return result.returncode, result.stdout, result.stderr


def copy_of(project: Project, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(project.site, tmp_path / "site"))


def test_a_clean_site_passes(built: Project) -> None:
    assert verify(built, built.site) == (0, "", f"核查了 {built.site}：未发现不能发布的内容\n")


def test_a_withheld_index_number_planted_in_a_page_is_found(built: Project, tmp_path: Path) -> None:
    site = copy_of(built, tmp_path)
    page = site / "ghjh" / "a" / "index.html"
    page.write_text(
        page.read_text("utf-8").replace("</article>", f"<p>{WITHHELD_NO}</p></article>"), "utf-8"
    )

    code, out, _ = verify(built, site)

    assert (code, out) == (
        1,
        f"{site}/ghjh/a/index.html: 有不发布文档 content/ghjh/b.md 的索引号“{WITHHELD_NO}”，不能发布\n",
    )


def test_an_id_number_planted_in_a_pagefind_fragment_is_found(
    built: Project, tmp_path: Path
) -> None:
    site = copy_of(built, tmp_path)
    fragment = sorted((site / "pagefind" / "fragment").iterdir())[0]
    text = gzip.decompress(fragment.read_bytes()).replace(
        b'"content":"', f'"content":"{ID} '.encode()
    )
    fragment.write_bytes(gzip.compress(text))

    code, out, _ = verify(built, site)

    assert (code, out) == (
        1,
        f"{site}/pagefind/fragment/{fragment.name}: 有身份证号码“110105********002X”，不能发布\n",
    )


def test_an_id_number_planted_in_an_attachment_is_found_by_its_type(
    built: Project, tmp_path: Path
) -> None:
    site = copy_of(built, tmp_path)
    (site / "ghjh" / "mingdan.csv").write_text(f"姓名,身份证号\n张某,{ID}\n", "utf-8")

    code, out, _ = verify(built, site)

    assert (code, out) == (
        1,
        f"{site}/ghjh/mingdan.csv: （第2行第2列）有身份证号码“110105********002X”，不能发布\n",
    )


def test_a_withheld_page_and_an_unreadable_file_are_found(built: Project, tmp_path: Path) -> None:
    site = copy_of(built, tmp_path)
    (site / "ghjh" / "b").mkdir()
    (site / "ghjh" / "b" / "index.html").write_text("<p>正文</p>", "utf-8")
    (site / "ghjh" / "x.zip").write_bytes(b"PK\x03\x04")

    code, out, _ = verify(built, site)

    assert code == 1
    assert out.splitlines() == [
        f"{site}/ghjh/b/index.html: 是不发布文档 content/ghjh/b.md 的地址“ghjh/b/”的页面，不能发布",
        f"{site}/ghjh/x.zip: 无法检查（ZIP文件无法检查），不能发布",
    ]


def test_no_site_cannot_run(built: Project, tmp_path: Path) -> None:
    code, out, err = verify(built, tmp_path / "nothing")

    assert (code, out) == (2, "")
    assert err == f"gongkai: {tmp_path / 'nothing'}: 不是构建好的网站目录：先运行 mkdocs build\n"


def test_a_big_site_is_searched_in_workers_with_the_same_hits_in_file_order(
    built: Project, tmp_path: Path
) -> None:
    """2,100 pages more (above PARALLEL_FROM): the forked workers find each planted hit, a line
    two pages share is reported on both, and links the server would follow are hits."""
    from gongkai.verify.scan import PARALLEL_FROM

    site = copy_of(built, tmp_path)
    shared = f"<p>{WITHHELD_NO}</p>"
    for i in range(2_100):
        body = f"<p>第{i}页</p>" + (f"<p>{ID}</p>" if i in (7, 1500, 2099) else "")
        body += shared if i in (3, 1800) else ""
        (site / "many" / f"p{i:04d}").mkdir(parents=True)
        (site / "many" / f"p{i:04d}" / "index.html").write_text(body, "utf-8")
    (site / "many" / "p0500" / "linked").symlink_to(site / "ghjh")
    (site / "many" / "p0500" / "gone.html").symlink_to(site / "nothing.html")
    assert PARALLEL_FROM < 2_100

    code, out, _ = verify(built, site)

    number = "有身份证号码“110105********002X”，不能发布"
    index_no = f"有不发布文档 content/ghjh/b.md 的索引号“{WITHHELD_NO}”，不能发布"
    link = "是指向目录或不存在的文件的链接，无法检查，不能发布"
    assert code == 1
    assert out.splitlines() == [
        f"{site}/many/p0003/index.html: {index_no}",
        f"{site}/many/p0007/index.html: {number}",
        f"{site}/many/p0500/gone.html: {link}",
        f"{site}/many/p0500/linked: {link}",
        f"{site}/many/p1500/index.html: {number}",
        f"{site}/many/p1800/index.html: {index_no}",
        f"{site}/many/p2099/index.html: {number}",
    ]
