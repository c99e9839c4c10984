"""The site as deployed — real nginx, deploy/nginx.conf's headers, CSP included — in Chromium:
every page runs without a console error or a CSP violation, and the CSP blocks what it must."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import SEARCH_DONE, chromium, serve, site_path, violations, watch
from playwright.sync_api import Browser, Page
from webserver import BASE, sitemap_paths

INJECTED = '<script>window.__gkInjected = true; document.title = "已被注入";</script>'


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


def visit(page: Page, url: str) -> list[str]:
    """Open `url`, check it came with the CSP, and return its CSP violations."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "script-src 'self' 'wasm-unsafe-eval';" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    return violations(page)


def test_every_page_search_and_fee_calculator_run_without_console_errors_or_csp_violations(
    browser: Browser, example_site: Path
) -> None:
    paths = sitemap_paths(example_site)
    with serve(example_site) as base:
        origin = base.removesuffix(BASE)
        page = browser.new_page()
        errors = watch(page)
        found: dict[str, list[str]] = {}
        for path in paths:
            found[path] = visit(page, origin + path)

        found["search"] = visit(page, base + "search/?q=会见")
        page.wait_for_function(SEARCH_DONE)
        results = page.eval_on_selector_all("#gk-results a", "as => as.map(a => a.href)")

        found["fees"] = visit(page, base + "zfxxgkzn/fees/")
        page.fill("#gongkai-fee-quantity", "45")
        page.click("#gongkai-fee button[type=submit]")
        amount = page.locator("#gongkai-fee-result").get_attribute("data-amount")
        found["fees"] += violations(page)

    assert len(paths) > 20
    assert {where: v for where, v in found.items() if v} == {}
    assert errors == []
    assert "/gfxwj/2022-hjglbf/" in [site_path(r) for r in results]  # search ran: WebAssembly
    assert amount == "5500元"


def test_an_inline_script_injected_after_the_build_is_blocked(
    browser: Browser, example_site: Path, tmp_path: Path
) -> None:
    served = tmp_path / "site"
    shutil.copytree(example_site, served)
    listing = served / "gfxwj" / "index.html"
    html = listing.read_text(encoding="utf-8")
    listing.write_text(html.replace("</body>", INJECTED + "</body>"), encoding="utf-8")

    with serve(served) as base:
        page = browser.new_page()
        watch(page)
        page.goto(base + "gfxwj/")
        page.wait_for_function("() => window.__gkViolations.length > 0")
        blocked = violations(page)
        injected = page.evaluate("window.__gkInjected ?? null")
        title = page.title()
        toolbar_shown = page.locator("[data-gk-a11y]").is_visible()  # the site's own gongkai.js ran

        # The same page with the CSP bypassed: the injected script works, so the CSP is what stops it.
        bypass = browser.new_context(bypass_csp=True).new_page()
        bypass.goto(base + "gfxwj/")
        injected_without_csp = bypass.evaluate("window.__gkInjected ?? null")

    line = html[: html.index("</body>")].count("\n") + 1  # where the injected script starts
    assert blocked == [f"script-src-elem inline {base}gfxwj/:{line}"]
    assert injected is None
    assert title != "已被注入"
    assert toolbar_shown
    assert injected_without_csp is True
