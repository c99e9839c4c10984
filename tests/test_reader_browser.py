"""Issue 23 in Chromium, on the example site served by real nginx (CSP included): the 咨询留言 page
reached from a footer, the 申请表 printed on A4, and a search that finds 会见 documents by 探视."""

from __future__ import annotations

import io
from pathlib import Path

from browser import SEARCH_DONE, chromium, serve, site_path, violations, watch
from playwright.sync_api import Page
from pypdf import PdfReader

A4_WIDTH_PX = 210 / 25.4 * 96  # CSS pixels
PRINT_MARGIN_PX = 15 / 25.4 * 96  # @page gk-a4 margin


def test_contact_page_is_reached_from_a_document_footer(example_site: Path) -> None:
    with serve(example_site) as base, chromium() as browser:
        page = browser.new_page()
        errors = watch(page)
        page.goto(base + "gfxwj/2022-hjglbf/")
        page.click(".gk-footer a:text-is('咨询留言')")
        page.wait_for_url("**/zxly/")
        assert page.locator("h1").inner_text().replace("¶", "").strip() == "咨询留言"
        mail = page.locator("article a[href^='mailto:']")
        assert mail.inner_text() == "xxgk@example.gov.cn"
        assert page.locator("article a[href='tel:12345']").inner_text() == "12345"
        assert errors == [] and violations(page) == []


def test_application_form_prints_on_one_a4_sheet_and_notes_on_the_next(example_site: Path) -> None:
    with serve(example_site) as base, chromium() as browser:
        page = browser.new_page()
        errors = watch(page)
        page.goto(base + "zfxxgkzn/sqb/")
        page.emulate_media(media="print")
        # laid out as on paper: the viewport as wide as A4 between its margins
        printable = round(A4_WIDTH_PX - 2 * PRINT_MARGIN_PX)
        page.set_viewport_size({"width": printable, "height": 1000})
        assert page.locator(".md-header").is_hidden()
        assert page.locator(".gk-form__downloads").is_hidden()
        box = page.locator(".gk-form").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= printable, box
        assert page.evaluate("() => document.documentElement.scrollWidth") <= printable
        clipped = page.evaluate(
            "() => [...document.querySelectorAll('.gk-form th, .gk-form td')]"
            ".filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)"
        )
        assert clipped == []
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        texts = [p.extract_text().replace("\n", "") for p in pdf.pages]
        assert len(texts) == 2, texts
        assert "申请人类型" in texts[0] and "申请人签名或者盖章" in texts[0]
        assert "填写说明" in texts[1] and "信息处理费" in texts[1]
        assert errors == [] and violations(page) == []


def _results(page: Page, base: str, query: str) -> tuple[str, list[str]]:
    page.goto(base + "search/?q=" + query)
    page.wait_for_function(SEARCH_DONE, timeout=15000)
    status = page.locator("#gk-search-status").inner_text()
    hrefs = page.eval_on_selector_all(".gk-result__title a", "as => as.map(a => a.href)")
    return status, [site_path(h) for h in hrefs]


def test_a_synonym_finds_the_documents_of_its_pair(example_site: Path) -> None:
    with serve(example_site) as base, chromium() as browser:
        page = browser.new_page()
        errors = watch(page)
        # 探视 is in no document: Pagefind alone finds nothing for it
        page.goto(base)
        alone = page.evaluate(
            """async (base) => { const pf = await import(base + 'pagefind/pagefind.js');
            return (await pf.search('探视')).results.length; }""",
            base,
        )
        assert alone == 0
        status, found = _results(page, base, "探视")
        _, direct = _results(page, base, "会见")
        assert status == f"找到{len(found)}条结果。同时搜索了同义词“会见”。"
        assert "/gfxwj/2022-hjglbf/" in found
        assert set(found) == set(direct)
        assert errors == [] and violations(page) == []
