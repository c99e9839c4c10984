"""Real-browser helpers: drive the system's Chromium (or Google Chrome) with Playwright over a site
served by real nginx with deploy/nginx.conf (tests/webserver.py), CSP and all.

No browser is downloaded. The browser is the one scripts/find-browser.sh finds — the script
scripts/system-deps.sh runs too —, or GONGKAI_CHROMIUM when it is set.
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright
from sitekit import REPO
from webserver import BASE, nginx

# A search has shown its results. Null-safe: right after a form submit the new page may not
# have its status line yet. A function, not an expression: Playwright evaluates an expression with
# eval(), which the site's CSP blocks.
SEARCH_DONE = (
    "() => (document.getElementById('gk-search-status')?.textContent ?? '').startsWith('找到')"
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Runs before any script of the page (an init script is not subject to the page's CSP): every
# securitypolicyviolation event is kept on window for the test to read.
RECORD_CSP_VIOLATIONS = """
window.__gkViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__gkViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@functools.cache
def executable() -> str:
    """The browser: GONGKAI_CHROMIUM, or what scripts/find-browser.sh finds."""
    found = subprocess.run(
        ["bash", str(REPO / "scripts" / "find-browser.sh")],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise RuntimeError(
            "找不到可用的 Chromium 或 Google Chrome：请运行 bash scripts/system-deps.sh"
            "（make test 会运行它），或用 GONGKAI_CHROMIUM 指定浏览器路径"
        )
    return found.stdout.strip()


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the built `site` with real nginx as deployed; yield its base URL (…/xxgk/)."""
    with nginx(site) as server:
        yield server.url


def site_path(url: str) -> str:
    """The path of a URL on the site, as the site's own pages name it: /xxgk/gfxwj/ -> /gfxwj/."""
    path = urlsplit(url).path
    assert path.startswith(BASE), f"网址不在站点路径 {BASE} 下：{url}"
    return "/" + path.removeprefix(BASE)


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watch(page: Page) -> list[str]:
    """Collect the page's console errors and uncaught exceptions, and have its CSP violations
    recorded (read them with `violations`)."""
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(f"{m.text}（{m.location.get('url')}）") if m.type == "error" else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(f"脚本异常：{e}"))
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    return errors


def violations(page: Page) -> list[str]:
    """The securitypolicyviolation events the current document has seen (needs `watch`)."""
    recorded = page.evaluate("window.__gkViolations ?? null")
    assert recorded is not None, "页面没有记录 CSP 违规：先调用 watch(page)"
    return recorded
