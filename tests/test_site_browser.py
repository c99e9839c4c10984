"""The built example site in headless Chromium: what a reader, an elderly visitor and an inspector
see. Screenshots of every checked page at desktop and phone widths go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import SEARCH_DONE, chromium, serve, site_path
from playwright.sync_api import Browser, Page
from sitekit import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
PAGES = {
    "home": "",
    "listing": "gfxwj/",
    "document": "gfxwj/2019-hjglbf-sx/",
    "search": "search/?q=会见",
}


@pytest.fixture(scope="module")
def base(example_site: Path) -> Iterator[str]:
    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Browser, base: str) -> Iterator[Page]:
    """A fresh page (own localStorage) that fails the test on any request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlsplit(r.url).hostname not in ("127.0.0.1", None) and r.url.startswith("http")
            else None
        ),
    )
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"请求离开了本站：{outside}"


def search_results(page: Page, base: str, query: str) -> list[str]:
    page.goto(base + "search/?q=" + query)
    page.wait_for_function(SEARCH_DONE)
    return [
        site_path(h)
        for h in page.eval_on_selector_all("#gk-results a", "as => as.map(a => a.href)")
    ]


def test_document_page_shows_metadata_block_and_expired_banner(page: Page, base: str) -> None:
    page.goto(base + "gfxwj/2019-hjglbf-sx/")
    rows = page.eval_on_selector_all(
        ".gk-meta tr", "rs => rs.map(r => r.innerText.replace(/\\s+/g, ' ').trim())"
    )
    assert rows == [
        "索引号 013544XXX/2019-00021",
        "主题分类 狱政管理",
        "发布机构 吉林省监狱管理局",
        "成文日期 2019年2月15日",
        "发文字号 吉狱发〔2019〕6号",
        "发布日期 2019年2月20日",
        "有效性 失效",
    ]
    banner = page.locator(".gk-banner")
    assert banner.inner_text().split() == [
        "失效",
        "本文件已于2022年2月28日失效，已被以下文件替代：",
        "《吉林省监狱管理局罪犯亲属会见管理办法》",
    ]
    banner.get_by_role("link").click()
    assert site_path(page.url) == "/gfxwj/2022-hjglbf/"


def test_text_size_and_high_contrast_persist_after_navigation(page: Page, base: str) -> None:
    page.goto(base)
    body_size = "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    normal = page.evaluate(body_size)
    page.get_by_role("button", name="特大").click()
    page.get_by_role("button", name="高对比度").click()
    page.get_by_role("link", name="政府信息公开年报").first.click()
    page.wait_for_url("**/nb/")
    assert page.evaluate(body_size) >= normal * 1.4
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert page.get_by_role("button", name="特大").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="标准").press("Enter")  # keyboard-operable, not only clickable
    page.get_by_role("button", name="高对比度").press("Space")
    page.reload()
    assert page.evaluate(body_size) == normal
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_search_finds_a_document_by_an_infix_word(page: Page, base: str) -> None:
    # 许可 occurs only inside 行政许可 / 安全生产许可证: the infix Material's jieba search misses.
    assert "/nb/2025-nb/" in search_results(page, base, "许可")


def test_search_finds_a_document_by_its_doc_no_and_index_no(page: Page, base: str) -> None:
    assert search_results(page, base, "吉狱发〔2022〕4号")[0] == "/gfxwj/2022-hjglbf/"
    assert search_results(page, base, "013544XXX/2026-00031")[0] == "/gfxwj/2026-bmscbf/"


def test_search_filters_by_validity(page: Page, base: str) -> None:
    page.goto(base + "search/?q=会见管理办法&有效性=失效")
    page.wait_for_function(SEARCH_DONE)
    paths = [
        site_path(h)
        for h in page.eval_on_selector_all("#gk-results a", "as => as.map(a => a.href)")
    ]
    assert paths == ["/gfxwj/2019-hjglbf-sx/"]


def test_keyboard_alone_reaches_main_content_and_search(page: Page, base: str) -> None:
    page.goto(base + "gfxwj/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "gk-main"
    page.keyboard.press("Tab")  # the next stop is the first link of the listing itself
    assert page.evaluate("!!document.activeElement.closest('article')") is True

    page.goto(base + "gfxwj/")
    tabs = 0
    while page.evaluate("document.activeElement.id") != "gk-q-top" and tabs < 8:
        page.keyboard.press("Tab")
        tabs += 1
    assert page.evaluate("document.activeElement.id") == "gk-q-top"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("会见")
    page.keyboard.press("Enter")
    page.wait_for_function(SEARCH_DONE)
    assert site_path(page.url) == "/search/"


def test_listing_filters_rows_by_validity_and_year(page: Page, base: str) -> None:
    page.goto(base + "gfxwj/")
    page.select_option("#gk-f-status", "失效")
    visible = page.eval_on_selector_all(
        "article tbody tr:not([hidden]) a", "as => as.map(a => a.textContent)"
    )
    assert visible == ["吉林省监狱管理局罪犯亲属会见管理办法（试行）（示例）"]
    page.goto(base + "gfxwj/zt-sx/")  # the same filter without JavaScript: a static page
    assert page.eval_on_selector_all("article tbody a", "as => as.map(a => a.textContent)") == [
        "吉林省监狱管理局罪犯亲属会见管理办法（试行）"
    ]


def _axe(page: Page) -> list[str]:
    # Evaluated through the DevTools protocol: a <script> tag with axe's code would be an inline
    # script, which the site's CSP rightly blocks.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}（{v['impact']}）：{v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation_and_screenshots_are_saved(
    browser: Browser, base: str, name: str
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for mode in ("standard", "high-contrast"):
        for width, (w, h) in WIDTHS.items():
            context = browser.new_context(viewport={"width": w, "height": h})
            if mode == "high-contrast":
                context.add_init_script("localStorage.setItem('gk-contrast', 'high')")
            page = context.new_page()
            page.goto(base + PAGES[name])
            if name == "search":
                page.wait_for_function(SEARCH_DONE)
            assert _axe(page) == [], f"{name} {mode} {width}"
            page.screenshot(path=str(ARTIFACTS / f"{name}-{mode}-{width}.png"), full_page=True)
            context.close()
    assert (ARTIFACTS / f"{name}-standard-phone.png").stat().st_size > 0
