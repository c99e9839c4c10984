"""The public site's own pages and outputs, from one real strict MkDocs build of a tiny project:
home page, Atom feed, JSON-LD, 数说 charts, 问答 anchors, self-hosted video, static filters, 404."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitekit import Project

ATOM = "{http://www.w3.org/2005/Atom}"

CHART = """\
```chart 各季度会见人次
| 季度 | 现场会见 | 远程视频会见 |
|---|---:|---:|
| 第一季度 | 200 | 100 |
| 第二季度 | 400 | 50 |
```
"""

QA = """\
```qa
问：哪些亲属可以申请远程视频会见？ {#yuancheng}
答：居住地较远的亲属。
问：要交费吗？
答：不收费。
```
"""

VIDEO = """\
<video controls src="sp.webm">
<track kind="captions" src="sp.vtt" srclang="zh" label="中文字幕" default>
</video>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitekit import new_project

    p: Project = new_project(tmp_path_factory.mktemp("pages"))
    p.doc(
        "gfxwj/2019-a.md",
        type="规范性文件",
        title="旧办法",
        index_no="013544XXX/2019-00001",
        doc_no="吉狱发〔2019〕1号",
        published="2019-03-01",
        validity={"effective": "2019-03-01", "repealed": "2022-03-01"},
    )
    p.doc(
        "gfxwj/2022-b.md",
        type="规范性文件",
        title="新办法",
        index_no="013544XXX/2022-00001",
        doc_no="吉狱发〔2022〕1号",
        written="2022-02-15",
        published="2022-02-20",
        validity={"effective": "2022-03-01", "expires": "2027-02-28"},
    )
    p.doc(
        "ywgk/2026-c.md",
        body=f"## 数说\n\n{CHART}\n## 问答\n\n{QA}\n## 视频\n\n{VIDEO}",
        type="狱务公开",
        title="数说问答视频",
        index_no="013544XXX/2026-00001",
        published="2026-11-20",
    )
    p.write("ywgk/sp.webm", b"\x1aE\xdf\xa3 not a real video, only its path matters here")
    p.write("ywgk/sp.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n字幕\n")
    result = p.build("--strict")
    assert result.returncode == 0, result.stderr
    return p.site


def test_home_page_lists_the_latest_items_of_each_column(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    latest = html[html.index('id="最新信息"') :]
    assert re.findall(r'<h3 id="[^"]*">([^<]+)', latest) == ["规范性文件", "狱务公开"]
    assert latest.index("新办法") < latest.index("旧办法")  # newest first
    assert 'href="gfxwj/2022-b/"' in latest
    assert '（吉狱发〔2022〕1号） <span class="gk-date">2022年2月20日</span></li>' in latest
    assert latest.count('<span class="gk-mark">废止</span>') == 1  # 旧办法 only
    assert "<title>吉林省监狱管理局政府信息公开专栏</title>" in html  # the site name, once
    assert 'data-md-type="toc" hidden' in html  # no contents list repeating the columns


def test_tables_scroll_in_labelled_regions_and_heading_anchors_are_no_tab_stops(
    built: Path,
) -> None:
    html = (built / "gfxwj" / "index.html").read_text(encoding="utf-8")
    assert (
        '<div class="gk-scroll gk-scroll--columns" role="region" tabindex="0" aria-label="2022年（表格）">'
        '<table><colgroup><col><col class="gk-col--no"><col class="gk-col--date">'
        '<col class="gk-col--status"></colgroup>'
    ) in html
    assert '<td class="gk-token" data-label="发文字号">吉狱发〔2022〕1号</td>' in html
    assert '<a class="headerlink" href=' not in html
    assert (
        '<a class="headerlink" tabindex="-1" aria-hidden="true" data-pagefind-ignore href="#2022年"'
    ) in html
    assert "共2条，按发布日期从新到旧排列。" in html  # GK303: no space between 汉字 and digits


def test_atom_feed_lists_new_and_changed_documents_newest_first(built: Path) -> None:
    feed = ET.parse(built / "feed.xml").getroot()
    entries = [
        (
            e.findtext(f"{ATOM}title"),
            e.findtext(f"{ATOM}updated"),
            e.find(f"{ATOM}link").get("href"),
        )
        for e in feed.iter(f"{ATOM}entry")
    ]
    assert entries == [
        ("数说问答视频", "2026-11-20T00:00:00+08:00", "ywgk/2026-c/"),
        ("新办法", "2022-03-01T00:00:00+08:00", "gfxwj/2022-b/"),  # took effect after publication
        ("旧办法", "2022-03-01T00:00:00+08:00", "gfxwj/2019-a/"),  # repealed that day
    ]
    home = (built / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home


def test_normative_document_carries_legislation_json_ld(built: Path) -> None:
    html = (built / "gfxwj" / "2019-a" / "index.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert raw is not None
    data = json.loads(raw.group(1))
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "吉狱发〔2019〕1号"
    assert data["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert "application/ld+json" not in (built / "ywgk" / "2026-c" / "index.html").read_text(
        encoding="utf-8"
    )


def test_shuju_chart_is_inline_svg_with_the_table_kept(built: Path) -> None:
    html = (built / "ywgk" / "2026-c" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"gk-chart\".*?</svg>", html, re.S)
    assert svg is not None
    assert '<title id="gk-chart-1-t">各季度会见人次（数据见下表）</title>' in svg.group(0)
    heights = [
        float(h)
        for h in re.findall(
            r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"', svg.group(0)
        )
    ]
    # bars 200, 100, 400, 50 on a 0–500 axis 230 px high, then the two 12 px legend keys
    assert heights == [92.0, 46.0, 184.0, 23.0, 12.0, 12.0]
    assert "<td>第一季度</td>" in html  # the table stays, for screen readers and print
    assert '<th style="text-align: right;">现场会见</th>' in html


def test_wenda_questions_have_stable_anchors(built: Path) -> None:
    html = (built / "ywgk" / "2026-c" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h3 class="gk-qa__q" id="([^"]+)">', html) == ["yuancheng", "q-要交费吗"]
    assert "<strong>答：</strong>不收费。" in html


def test_video_paths_point_at_the_published_files(built: Path) -> None:
    html = (built / "ywgk" / "2026-c" / "index.html").read_text(encoding="utf-8")
    assert '<video controls src="../sp.webm">' in html
    assert 'src="../sp.vtt"' in html
    assert (built / "ywgk" / "sp.webm").is_file() and (built / "ywgk" / "sp.vtt").is_file()


def test_listing_filters_by_validity_work_as_static_pages(built: Path) -> None:
    listing = (built / "gfxwj" / "index.html").read_text(encoding="utf-8")
    assert (
        '按有效性：<a href="./">全部</a> · <a href="zt-yx/">有效</a> · <a href="zt-fz/">废止</a>'
        in listing
    )
    repealed = (built / "gfxwj" / "zt-fz" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="\.\./([^"]+)">([^<]+)</a></td>', repealed) == [
        ("2019-a/", "旧办法")
    ]


def test_no_generator_meta_and_a_useful_404(built: Path) -> None:
    page = (built / "404.html").read_text(encoding="utf-8")
    assert 'name="generator"' not in page
    assert "<h1>没有找到这个页面</h1>" in page
    assert 'action="/search/"' in page or 'action="/xxgk/search/"' in page
    assert ">规范性文件</a></li>" in page
