"""Front-matter values are text on every page that shows them, never markup: a site whose titles
(of a 工作要点, a 政策解读, two 规范性文件, a procurement, a 预决算, an 意见征集 and its 采纳情况),
topic, publisher, keywords, attachment title and project hold `<img onerror>` and `<script>`,
served by real nginx and read by real Chromium (issue 19, point 3).

The site's CSP would block an injected inline script or handler anyway; what is asserted is that
nothing was injected: no such element in the DOM, and the value shown as the reader typed it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import SEARCH_DONE, chromium, serve
from playwright.sync_api import Browser, Page
from sitekit import new_project

from gongkai.content.urls import slugify
from gongkai.pages.topics import topic_url
from gongkai.rules.markup import problems

IMG = '<img src="data:,gk" onerror="window.__gkRan=1">'
SCRIPT = "<script>window.__gkRan=1</script>"
TITLE_A = f"会见管理工作要点{IMG}{SCRIPT}"
TITLE_B = f"解读{IMG}{SCRIPT}"
TITLE_C = f"旧办法{IMG}"
TITLE_D = f"新办法{SCRIPT}"
TITLE_E = f"监舍改造采购意向{IMG}"
TOPIC = f"狱政管理{IMG}"
PUBLISHER = f"吉林省监狱管理局{SCRIPT}"
KEYWORD = f"会见{IMG}"
ATTACHMENT = f"任务分工表{IMG}"
PROJECT = f"监舍改造{IMG}"
HOME_TITLE = f"首页{SCRIPT}"
TITLE_F = f"长春监狱2021年部门预算{IMG}"
TITLE_G = f"征求意见{SCRIPT}"
TITLE_H = f"意见采纳情况{IMG}"

# What each page must show as text (and what the <meta> tags of a document page must carry).
SHOWN = {
    "": [HOME_TITLE, TITLE_A, TITLE_B, TITLE_C, TITLE_D, TITLE_E, TITLE_F, TITLE_G, TITLE_H],
    "ghjh/": [TITLE_A],
    "zcjd/": [TITLE_B],
    "gfxwj/": [TITLE_C, TITLE_D],
    "zfcg/": [TITLE_E, PROJECT],
    "gfxwj/zt-sx/": [TITLE_C],
    "gfxwj/zt-yx/": [TITLE_D],
    "zt/": [TOPIC],
    topic_url(TOPIC): [TOPIC, TITLE_A],
    f"zfcg/projects/{slugify(PROJECT)}/": [PROJECT, TITLE_E],
    "ghjh/a/": [TITLE_A, TOPIC, PUBLISHER, ATTACHMENT, TITLE_B],
    "zcjd/b/": [TITLE_B, TITLE_A],
    "gfxwj/c/": [TITLE_C, TITLE_D],
    "gfxwj/d/": [TITLE_D, TITLE_C],
    "zfcg/e/": [TITLE_E],
    "czyjs/": [TITLE_F],
    "yjzj/": [TITLE_G, TITLE_H],
    "yjzj/g/": [TITLE_G, TITLE_H],  # the solicitation's block links its 采纳情况
}
META = {"ArticleTitle": TITLE_A, "ContentSource": PUBLISHER, "Keywords": KEYWORD}

# Every element the values could have become, and what the page shows as text (<title> included).
PROBE = """() => { const LD = "application/ld+json"; return {
  injected: [...document.querySelectorAll('img[src^="data:"], [onerror], script')]
    .filter((e) => e.tagName !== "SCRIPT" || (e.textContent.includes("__gkRan") && e.type !== LD))
    .map((e) => e.outerHTML),
  ran: window.__gkRan ?? null,
  text: document.title + "\\n" + document.body.innerText,
  meta: Object.fromEntries([...document.querySelectorAll("meta[name]")].map((m) => [m.name, m.content])),
  jsonld: [...document.querySelectorAll(`script[type="${LD}"]`)].map((s) => JSON.parse(s.text).name),
}; }"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = new_project(tmp_path_factory.mktemp("hostile"))
    project.write("index.md", f"---\ntitle: '{HOME_TITLE}'\n---\n\n# 首页\n")  # content/index.md
    project.write("ghjh/a.txt", "任务分工：办公室负责。\n")
    project.doc(
        "ghjh/a.md",
        title=TITLE_A,
        topic=TOPIC,
        publisher=PUBLISHER,
        keywords=[KEYWORD],
        attachments=[{"file": "a.txt", "title": ATTACHMENT}],
    )
    project.doc(
        "zcjd/b.md",
        title=TITLE_B,
        type="政策解读",
        index_no="013544XXX/2021-00002",
        interprets="013544XXX/2021-00001",
    )
    project.doc(
        "gfxwj/c.md",
        title=TITLE_C,
        type="规范性文件",
        index_no="013544XXX/2021-00003",
        validity={
            "effective": "2021-07-05",
            "expires": "2022-07-04",
            "replaced_by": "013544XXX/2022-00004",
        },
    )
    project.doc(
        "gfxwj/d.md",
        title=TITLE_D,
        type="规范性文件",
        index_no="013544XXX/2022-00004",
        published="2022-07-05",
        validity={"effective": "2022-07-05"},
    )
    project.doc(
        "zfcg/e.md",
        title=TITLE_E,
        type="政府采购",
        index_no="013544XXX/2021-00005",
        project=PROJECT,
        stage="采购意向",
    )
    project.doc(
        "czyjs/f.md",
        title=TITLE_F,
        type="财政预决算",
        index_no="013544XXX/2021-00006",
        unit="长春监狱",
        year=2021,
        kind="预算",
    )
    project.doc(
        "yjzj/g.md",
        title=TITLE_G,
        type="意见征集",
        index_no="013544XXX/2021-00007",
        published="2021-06-01",
        opens="2021-06-01",
        closes="2021-07-01",
    )
    project.doc(
        "yjzj/h.md",
        "共收到意见1条，采纳1条。\n",
        title=TITLE_H,
        type="采纳情况",
        index_no="013544XXX/2021-00008",
        solicitation="013544XXX/2021-00007",
        adopted=1,
        not_adopted=0,
    )
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert "共 8 篇文档，发布 8 篇，不发布 0 篇" in result.stderr
    return project.site


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


def probe(page: Page, url: str) -> dict[str, object]:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")
    return page.evaluate(PROBE)


def test_front_matter_values_are_text_on_every_page_that_shows_them(
    browser: Browser, site: Path
) -> None:
    seen: dict[str, dict[str, object]] = {}
    with serve(site) as base:
        page = browser.new_page()
        for path in SHOWN:
            seen[path] = probe(page, base + path)
        page.goto(base + "search/?q=会见管理工作要点")
        page.wait_for_function(SEARCH_DONE)
        seen["search"] = page.evaluate(PROBE)

    assert {path: s["injected"] for path, s in seen.items() if s["injected"]} == {}
    assert {path: s["ran"] for path, s in seen.items() if s["ran"] is not None} == {}
    missing = {
        path: [v for v in values if v not in str(seen[path]["text"])]
        for path, values in SHOWN.items()
    }
    assert {path: v for path, v in missing.items() if v} == {}
    assert TITLE_A in str(seen["search"]["text"])
    meta = seen["ghjh/a/"]["meta"]
    assert isinstance(meta, dict)
    assert {name: meta.get(name) for name in META} == META
    assert [seen["gfxwj/c/"]["jsonld"], seen["gfxwj/d/"]["jsonld"]] == [[TITLE_C], [TITLE_D]]


def test_the_feed_carries_the_titles_as_text(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    titles = [e.find(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert sorted(t.text or "" for t in titles if t is not None) == sorted(
        [TITLE_A, TITLE_B, TITLE_C, TITLE_D, TITLE_E, TITLE_F, TITLE_G, TITLE_H]
    )
    assert [child for t in titles if t is not None for child in t] == []


@pytest.mark.parametrize(
    ("html", "elements"),
    [
        ('<!-- --!><img src="x.png" onerror="1"> -->', 1),
        ('<!--><img src="x.png" onerror="1">-->', 1),
        ('<!---><img src="x.png" onerror="1">-->', 1),
        ('<![CDATA[><img src="x.png" onerror="1">]]>', 1),
        ('<img/src="x.png"/onerror="1">', 1),
        ('<!-- <img src="x.png" onerror="1"> -->', 0),
        ('<img src="x.png/onerror=1">', 0),
    ],
)
def test_what_gk220_reads_as_markup_chromium_builds_as_markup(
    browser: Browser, html: str, elements: int
) -> None:
    """GK220's parser follows the browser where html.parser alone would not (tests/test_markup)."""
    page = browser.new_page()
    page.set_content(f"<!doctype html><body>{html}</body>")
    found = page.evaluate("() => document.querySelectorAll('img[onerror]').length")
    page.close()
    assert found == elements
    assert len([p for p in problems(html) if p.attribute == "onerror"]) == elements
