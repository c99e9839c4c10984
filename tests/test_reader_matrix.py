"""Every kind of page × 1280 / 390 px × 标准 / 特大 × standard / 高对比度, in one Chromium over the
example site served by real nginx with deploy/nginx.conf (issue 23 point 6).

Each of the 96 views: no serious or critical axe violation, no page wider than the screen, no table
cell whose text is cut off, every table wider than its column inside a focusable, labelled scroll
region, and every Tab stop visible on the screen when it has the focus. A full-page screenshot (JPEG) of
each view goes to test-artifacts/matrix/ (kept by CI as an artifact). One page object is reused:
the viewport is set and the switches are pressed as a reader would press them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import SEARCH_DONE, chromium, serve
from playwright.sync_api import Page
from sitekit import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "test-artifacts" / "matrix"
PAGES = {
    "home": "",
    "listing": "gfxwj/",
    "document": "gfxwj/2022-hjglbf/",
    "expired": "gfxwj/2019-hjglbf-sx/",
    "statistics": "gfxwj/statistics/",
    "budget": "czyjs/matrix/",
    "fees": "zfxxgkzn/fees/",
    "annual": "nb/2025-nb/",
    "search": "search/?q=会见",
    "404": "no-such-page/",
    "contact": "zxly/",
    "application": "zfxxgkzn/sqb/",
}
WIDTHS = {"1280": (1280, 900), "390": (390, 844)}
SIZES = {"标准": "0", "特大": "2"}
CONTRASTS = ("standard", "high")
BUDGET_SECONDS = 90
# The WCAG rules (2.0, 2.1, 2.2 A and AA): the best-practice ones run on four pages in
# test_site_browser.py; here they would cost a quarter of the time.
AXE_OPTIONS = (
    "{resultTypes: ['violations'], runOnly: {type: 'tag', values: "
    "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}"
)

# What the page itself says about its layout: the page wider than the screen, cells whose text is
# cut off, tables wider than their column without a focusable, labelled scroll region around them.
LAYOUT = """() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > innerWidth + 1) {
    const wide = [...document.querySelectorAll('body *')].filter(e => {
      const r = e.getBoundingClientRect();
      return r.right > innerWidth + 1 && e.checkVisibility() && !e.closest('.gk-scroll');
    }).slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'));
    out.push(`页面宽 ${doc.scrollWidth} px，超出屏幕 ${innerWidth} px：${wide.join('、')}`);
  }
  for (const table of document.querySelectorAll('article table')) {
    if (!table.checkVisibility()) continue;
    for (const cell of table.querySelectorAll('th, td')) {
      if (cell.scrollWidth > cell.clientWidth + 1)
        out.push(`单元格文字被截断：“${cell.textContent.trim().slice(0, 20)}”`);
    }
    let box = table;  // Material makes a table its own scroller (inline-block, overflow auto)
    while (box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
    if (box !== document.body && box.scrollWidth > box.clientWidth + 1) {
      const ok = box.matches('.gk-scroll[tabindex="0"][role="region"][aria-label]');
      if (!ok) out.push(`表格超出版心，但不在可用键盘滚动、有名称的区域中：${box.className}`);
    }
  }
  return out;
}"""

# Every Tab stop, in order, focused: it must be on the screen and not hidden behind something.
FOCUS = """() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const stops = [...document.querySelectorAll(sel)].filter(e =>
    !e.disabled && e.tabIndex >= 0 && !e.closest('[inert]') &&
    e.checkVisibility({visibilityProperty: true}));
  const out = [];
  for (const e of stops) {
    e.focus();
    if (document.activeElement !== e) continue;  // not focusable after all
    const r = e.getClientRects()[0] || e.getBoundingClientRect();  // a wrapped link: its first line
    const name = (e.getAttribute('aria-label') || e.textContent || e.id || e.tagName).trim().slice(0, 20);
    if (r.width < 1 || r.height < 1) { out.push(`焦点元素没有大小：“${name}”`); continue; }
    const inside = r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
    if (!inside) { out.push(`焦点落在屏幕外：“${name}”（${Math.round(r.left)}, ${Math.round(r.top)}）`); continue; }
    // the middle of the part on the screen
    const x = (Math.max(r.left, 0) + Math.min(r.right, innerWidth)) / 2;
    const y = (Math.max(r.top, 0) + Math.min(r.bottom, innerHeight)) / 2;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit !== e && !e.contains(hit) && !hit.contains(e))
      out.push(`焦点元素被遮住：“${name}”被 ${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')} 挡住`);
  }
  document.activeElement?.blur();
  scrollTo(0, 0);
  return out;
}"""


def axe(page: Page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # through DevTools: the CSP blocks inline
    result = page.evaluate(f"axe.run(document, {AXE_OPTIONS})")
    return [
        f"{v['id']}（{v['impact']}）：{v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def switch(page: Page, size: str, contrast: str) -> None:
    """Press the 字号 and 高对比度 buttons as a reader does (they are saved for the next pages)."""
    page.click(f"button[data-gk-size='{SIZES[size]}']")
    pressed = page.get_attribute("button[data-gk-contrast]", "aria-pressed") == "true"
    if pressed != (contrast == "high"):
        page.click("button[data-gk-contrast]")


@pytest.fixture(scope="module")
def site(example_site: Path) -> Iterator[tuple[Page, str]]:
    with serve(example_site) as base, chromium() as browser:
        context = browser.new_context(base_url=base)
        outside: list[str] = []
        context.on(
            "request",
            lambda r: (
                outside.append(r.url)
                if r.url.startswith("http") and urlsplit(r.url).hostname != "127.0.0.1"
                else None
            ),
        )
        page = context.new_page()
        yield page, base
        assert outside == [], f"请求离开了本站：{outside}"


def view(page: Page, name: str, base: str, shot: Path) -> list[str]:
    response = page.goto(base + PAGES[name])
    assert response is not None
    if name == "search":
        page.wait_for_function(SEARCH_DONE)
    problems = axe(page) + page.evaluate(LAYOUT)
    page.screenshot(path=str(shot), full_page=True, quality=70)  # as loaded, before any focus
    problems += page.evaluate(FOCUS)
    if name == "404":
        assert response.status == 404
    return problems


def test_every_page_kind_reads_at_every_width_size_and_contrast(site: tuple[Page, str]) -> None:
    page, base = site
    SHOTS.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    found: dict[str, list[str]] = {}
    seen = 0
    for size in SIZES:
        for contrast in CONTRASTS:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(base)
            switch(page, size, contrast)
            for width, (w, h) in WIDTHS.items():
                page.set_viewport_size({"width": w, "height": h})
                for name in PAGES:
                    key = f"{name}-{width}-{size}-{contrast}"
                    problems = view(page, name, base, SHOTS / f"{key}.jpg")
                    if problems:
                        found[key] = problems
                    seen += 1
    elapsed = time.monotonic() - start
    assert seen == len(PAGES) * len(WIDTHS) * len(SIZES) * len(CONTRASTS) == 96
    assert found == {}
    assert elapsed < BUDGET_SECONDS, f"矩阵用时 {elapsed:.0f} 秒"


def test_the_checks_see_a_hidden_focus_a_clipped_cell_and_an_unreachable_scroller(
    site: tuple[Page, str],
) -> None:
    """The checks can fail: a page with each fault planted in it."""
    page, base = site
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + PAGES["document"])
    faults: Any = page.evaluate(
        """() => {
      const article = document.querySelector('article');
      const a = document.createElement('a'); a.href = '#'; a.textContent = '藏起来的链接';
      a.style.cssText = 'position:fixed;left:-999px;top:0';
      article.append(a);
      const wrap = document.createElement('div'); wrap.style.overflowX = 'auto';
      wrap.innerHTML = '<table><tr><td style="max-width:2em;overflow:hidden;white-space:nowrap">吉狱发〔2026〕15号</td>'
        + '<td><div style="width:900px">宽</div></td></tr></table>';
      article.append(wrap);
    }"""
    )
    assert faults is None
    layout = page.evaluate(LAYOUT)
    focus = page.evaluate(FOCUS)
    assert "单元格文字被截断：“吉狱发〔2026〕15号”" in layout
    assert "表格超出版心，但不在可用键盘滚动、有名称的区域中：" in layout
    assert any(p.startswith("焦点落在屏幕外：“藏起来的链接”") for p in focus), focus
