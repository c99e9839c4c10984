"""No request leaves the site: the built HTML, CSS and JS load nothing from another host.

Links a reader follows (<a href>, the canonical URL, feeds) are content, not requests. Everything
that a browser fetches by itself — scripts, styles, fonts, images, media, frames, CSS url() and
@import, URLs in script code — must be on the site.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# Attributes that make the browser fetch, by tag (<link> only for the rel values that fetch).
FETCHING = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "iframe": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
}
LINK_FETCHES = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "prefetch",
    "manifest",
    "preconnect",
}
OUTSIDE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""", re.I)
JS_URL = re.compile(r"""["'`]((?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'`\s]*)""", re.I)

# URLs inside vendored JS that are never fetched on this site, each with the reason.
DORMANT = {
    "http://www.w3.org/2000/svg": "an XML namespace name, not fetched",
    "https://example.com${normalized}": "Pagefind: a dummy base for parsing URLs",
    "https://example.com${anchored_url}": "Pagefind: a dummy base for parsing URLs",
    "https://api.github.com/users/${e}": "Material: only with repo_url, which mkdocs.yml does not set",
    "https://api.github.com/repos/${e}/${t}": "Material: only with repo_url",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "Material: only for mermaid diagrams",
    "https://unpkg.com/resize-observer-polyfill": "Material: only in browsers without ResizeObserver",
}


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        names = FETCHING.get(tag, [])
        if tag == "link" and LINK_FETCHES & set(a.get("rel", "").lower().split()):
            names = ["href"]
        for name in names:
            for part in a.get(name, "").split(","):
                if OUTSIDE.match(part):
                    self.urls.append(part.strip())
        self.urls += CSS_URL.findall(a.get("style", ""))
        self._style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._style:
            self.urls += CSS_URL.findall(data)


def outside_requests(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            parser = _Fetches()
            parser.feed(path.read_text(encoding="utf-8"))
            urls = parser.urls
            if "mermaid" in path.read_text(encoding="utf-8"):
                urls.append("mermaid diagram (Material would load it from unpkg.com)")
        elif path.suffix == ".css":
            urls = CSS_URL.findall(path.read_text(encoding="utf-8"))
        elif path.suffix in (".js", ".mjs"):
            urls = [u for u in JS_URL.findall(path.read_text(encoding="utf-8")) if u not in DORMANT]
        else:
            continue
        if urls:
            found[rel] = urls
    return found


def test_built_example_site_requests_nothing_from_another_host(example_site: Path) -> None:
    assert outside_requests(example_site) == {}
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'name="generator"' not in home
    assert "Made with" not in home
    assert "md-source" not in home  # no repo_url: Material's GitHub API call stays dormant


def test_outside_script_style_image_and_css_url_are_each_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example.net/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.net/css">'
        '<img src="https://img.example.net/a.png" alt="图">'
        '<a href="https://www.gov.cn/">中国政府网</a>'
        '<link rel="canonical" href="https://example.gov.cn/xxgk/">',
        encoding="utf-8",
    )
    (tmp_path / "a.css").write_text(
        '@import "https://fonts.example.net/a.css"; b { background: url(//x.example.net/b.png) }',
        encoding="utf-8",
    )
    (tmp_path / "a.js").write_text('fetch("https://stats.example.net/hit")', encoding="utf-8")
    assert outside_requests(tmp_path) == {
        "a.css": ["https://fonts.example.net/a.css", "//x.example.net/b.png"],
        "a.js": ["https://stats.example.net/hit"],
        "index.html": [
            "https://cdn.example.net/x.js",
            "//fonts.example.net/css",
            "https://img.example.net/a.png",
        ],
    }
