"""Real MkDocs builds in temp dirs: the publication gate, generated pages, banners, build errors."""

from __future__ import annotations

import gc
import gzip
import json
import re
from pathlib import Path

import pytest
from sitekit import GONGKAI_YML, REPO, Project, run

REVIEWER = "审查人甲乙丙"


def site_text(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): _text(p)
        for p in site.rglob("*")
        if p.is_file() and p.suffix != ".gz"
    }


def _text(path: Path) -> str:
    """A file's text; Pagefind's gzipped index chunks are unpacked, its word breaks removed."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace").replace("\u200b", "")


def test_withheld_documents_leak_nowhere(project: Project) -> None:
    listed = f"reviewers:\n  - {{name: {REVIEWER}, email: jiayibing@example.gov.cn}}\n"
    (project.root / "gongkai.yml").write_text(GONGKAI_YML.replace("reviewers:\n", listed), "utf-8")
    review = {"reviewer": REVIEWER, "date": "2021-07-05", "result": "同意公开"}
    project.doc("ghjh/public.md", body="公开的正文。\n", review=review)
    withheld = {
        "ghjh/apply.md": {"disclosure": "依申请公开"},
        "ghjh/secret.md": {"disclosure": "不予公开"},
        "ghjh/pending.md": {"review": {**review, "result": "待审"}},
        "ghjh/unreviewed.md": {"review": None},
        "ghjh/later.md": {"review": {**review, "date": "2027-01-01"}},
    }
    for n, (src, fields) in enumerate(withheld.items(), start=2):
        marker = f"LEAKMARK{n}"
        folder = project.root / "content" / "ghjh"
        (folder / f"{marker}.csv").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{marker}.csv").write_text(f"{marker}\n", encoding="utf-8")
        project.doc(
            src,
            body=f"正文 {marker}。\n",
            title=f"标题{marker}",
            index_no=f"013544XXX/2021-0000{n}",
            keywords=[marker],
            attachments=[{"file": f"{marker}.csv", "title": f"附件{marker}"}],
            **fields,
        )
    # later.md is published before its review (GK025, an error): --no-strict builds the rest.
    result = project.build("--no-strict")
    assert result.returncode == 0, result.stderr
    files = site_text(project.site)
    assert "ghjh/public/index.html" in files
    assert "pagefind/pagefind-entry.json" in files and "sitemap.xml" in files
    assert "catalogue.json" in files and "catalogue.csv" in files
    leaks = {
        (path, word)
        for path, text in files.items()
        for word in [*(f"LEAKMARK{n}" for n in range(2, 7)), REVIEWER]
        if word in text or word in path
    }
    assert leaks == set()


def test_link_to_withheld_document_fails_the_build(project: Project) -> None:
    project.doc("ghjh/a.md", body="见[另一文件](b.md)。\n")
    project.doc("ghjh/b.md", index_no="013544XXX/2021-00002", disclosure="依申请公开")
    result = project.build()
    assert result.returncode == 1
    assert (
        "ERROR   -  gongkai: content/ghjh/a.md:14:9: GK404 error 链接“b.md”指向不发布的文档 "
        "content/ghjh/b.md（GK204 非主动公开文档不发布）：删除该链接，或等该文档审查同意公开、发布后再链接"
    ) in result.stderr.splitlines()
    assert "contains a link 'b.md'" not in result.stderr  # MkDocs' own warning: said once, above


def test_broken_document_fails_strict_build_with_one_line_and_no_traceback(
    project: Project,
) -> None:
    project.doc("ghjh/good.md")
    project.write("ghjh/bad.md", "---\ntitle: 通知\ntype: 工作要点\n  drafter: 法制处\n---\n正文\n")
    result = project.build()
    assert result.returncode == 1
    assert (
        "ERROR   -  gongkai: content/ghjh/bad.md:4:10: GK004 error "
        '元数据 YAML 语法错误：这一行多了一个半角冒号“:”：值里有冒号时把整个值加英文双引号，如 title: "关于: ……的通知"；是缩进多了的，把字段顶格写'
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not project.site.exists()  # a failed build writes no site/
    # Without --strict the build goes on: the broken document is left out, no other is lost.
    result = project.build("--no-strict")
    assert result.returncode == 0
    assert (project.site / "ghjh/good/index.html").is_file()
    assert not (project.site / "ghjh/bad").exists()


def test_bad_site_configuration_is_one_line_without_traceback(project: Project) -> None:
    project.doc("ghjh/a.md")
    (project.root / "gongkai.yml").write_text("organisation: 某局\n", encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    assert "缺少 org_code（主办单位名称 / 索引号前段码）" in result.stderr
    assert "Traceback" not in result.stderr


def test_nav_holds_column_listings_only_and_urls_are_ascii(project: Project) -> None:
    project.doc("ghjh/2021年工作要点.md", title="2021年工作要点", published="2021-07-05")
    project.doc(
        "ghjh/b.md",
        title="2022年工作要点",
        index_no="013544XXX/2022-00001",
        published="2022-03-01",
        slug="2022-gzyd",
    )
    assert project.build().returncode == 0
    assert (project.site / "ghjh/2021-nian-gong-zuo-yao-dian/index.html").is_file()
    listing = (project.site / "ghjh/index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', listing, re.S).group(0)
    assert "规划计划" in nav and "工作要点</" not in nav
    body = listing[listing.index("<article") :]
    assert body.index("2022年工作要点") < body.index("2021年工作要点")
    assert 'href="../ghjh/2022-gzyd/"' in body or 'href="2022-gzyd/"' in body
    assert 'id="2022年"' in body
    # Material's phrases in the theme's language (looked up once per build: Build._phrases)
    page = (project.site / "ghjh/2022-gzyd/index.html").read_text(encoding="utf-8")
    assert 'aria-label="页眉"' in page and "回到页面顶部" in page


def test_chinese_headings_keep_readable_anchors(project: Project) -> None:
    project.doc("ghjh/a.md", body="## 一、总体要求\n\n正文。\n\n## 二、重点任务\n\n正文。\n")
    assert project.build().returncode == 0
    page = (project.site / "ghjh/a/index.html").read_text(encoding="utf-8")
    assert 'id="一总体要求"' in page and 'id="二重点任务"' in page
    assert 'id="_1"' not in page


def regulation_pair(project: Project) -> None:
    project.doc(
        "gfxwj/old.md",
        title="会见管理办法（试行）",
        type="规范性文件",
        validity={
            "effective": "2019-03-01",
            "expires": "2024-02-29",
            "replaced_by": "013544XXX/2022-00001",
        },
    )
    project.doc(
        "gfxwj/new.md",
        title="会见管理办法",
        type="规范性文件",
        index_no="013544XXX/2022-00001",
        published="2022-02-20",
        validity={"effective": "2022-03-01"},
    )
    project.doc(
        "zcjd/jd.md",
        title="《会见管理办法》解读",
        type="政策解读",
        index_no="013544XXX/2022-00002",
        published="2022-02-20",
        interprets="013544XXX/2022-00001",
    )


def test_daily_rebuild_flips_a_document_to_expired_on_the_right_day(project: Project) -> None:
    regulation_pair(project)
    assert project.build(today="2024-02-29").returncode == 0
    page = (project.site / "gfxwj/old/index.html").read_text(encoding="utf-8")
    assert '<th scope="row">有效性</th><td>有效</td>' in page
    assert "gk-banner" not in page
    assert project.build(today="2024-03-01").returncode == 0
    page = (project.site / "gfxwj/old/index.html").read_text(encoding="utf-8")
    assert '<th scope="row">有效性</th><td>失效</td>' in page
    banner = re.search(r'<div class="gk-banner.*?</div>', page, re.S).group(0)
    assert "本文件已于2024年2月29日失效，已被以下文件替代：" in banner
    assert 'href="../new/">《会见管理办法》</a>' in banner
    listing = (project.site / "gfxwj/index.html").read_text(encoding="utf-8")
    assert re.search(
        r"会见管理办法（试行）</a></td>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>2021年7月5日</td>\s*<td[^>]*>失效",
        listing,
    )


def test_related_links_are_generated_both_ways(project: Project) -> None:
    regulation_pair(project)
    assert project.build(today="2024-03-01").returncode == 0
    new = (project.site / "gfxwj/new/index.html").read_text(encoding="utf-8")
    interpretation = (project.site / "zcjd/jd/index.html").read_text(encoding="utf-8")
    assert re.search(
        r"相关解读</h2>\s*<ul>\s*<li><a href=\"../../zcjd/jd/\">《会见管理办法》解读", new
    )
    assert re.search(
        r"所替代的文件</h2>\s*<ul>\s*<li><a href=\"../old/\">会见管理办法（试行）", new
    )
    assert re.search(
        r"解读对象</h2>\s*<ul>\s*<li><a href=\"../../gfxwj/new/\">会见管理办法<", interpretation
    )


def test_catalogue_has_public_fields_only(project: Project) -> None:
    project.doc("ghjh/a.md", keywords=["政务公开"])
    assert project.build().returncode == 0
    rows = json.loads((project.site / "catalogue.json").read_text(encoding="utf-8"))
    assert rows == [
        {
            "index_no": "013544XXX/2021-00001",
            "title": "关于印发《某某管理办法》的通知",
            "type": "工作要点",
            "publisher": "吉林省监狱管理局",
            "drafter": "法制处",
            "doc_no": None,
            "written": None,
            "published": "2021-07-05",
            "topic": None,
            "keywords": ["政务公开"],
            "column": "规划计划",
            "url": "ghjh/a/",
            "validity": "有效",
        }
    ]


def test_example_content_builds_strictly(tmp_path: Path) -> None:
    result = run(
        ["-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        REPO,
        today="2026-11-26",
    )
    assert result.returncode == 0, result.stderr
    files = site_text(tmp_path / "site")
    assert "ghjh/2021-zwgk-gzyd/index.html" in files
    assert not any("WITHHELD-MARKER" in text for text in files.values())
    assert not any(
        "2021年 " in t or "12 号" in t for p, t in files.items() if p.startswith("ghjh/2021")
    )


def test_builds_in_one_process_keep_nothing_of_the_build_before(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `mkdocs serve` does: what a build froze for the collector is freed by the next one."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    monkeypatch.chdir(project.root)
    frozen = []
    for _ in range(4):
        build(load_config(str(project.root / "mkdocs.yml")))
        frozen.append(gc.get_freeze_count())
    gc.unfreeze()
    # Each build freezes thousands of its own objects; kept, the count would grow by as many.
    # The first builds also fill what is made once per process (the application form's files,
    # the libraries' own caches once a previous site is replaced), so the last two are compared.
    assert frozen[0] > 0
    assert frozen[3] - frozen[2] < 100, frozen
