"""deploy/nginx.conf served by real nginx on 127.0.0.1 over the built example site: headers, the
404 page, every sitemap URL and a bounded load run. Starting nginx is tests/webserver.py's job, the
same helper the browser tests read the site through.
"""

from __future__ import annotations

import gzip
import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from webserver import BASE, Server, nginx, sitemap_paths


@pytest.fixture(scope="module")
def server(example_site: Path) -> Iterator[Server]:
    with nginx(example_site) as running:
        yield running


def asset(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return BASE + found[0].relative_to(site).as_posix()


CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


def test_pages_are_utf8_html_with_security_headers_and_short_cache(server: Server) -> None:
    status, headers, body = server.get(BASE)

    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-security-policy"] == CSP
    assert "http" not in headers["content-security-policy"]  # no outside origin at all
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["cache-control"] == "public, max-age=300"
    assert "strict-transport-security" not in headers  # plain http: HSTS is for https only
    assert "server" not in headers or headers["server"] == "nginx"
    assert "吉林省监狱管理局" in body.decode("utf-8")


def test_fingerprinted_assets_are_cached_for_a_year_and_gzipped(
    server: Server, example_site: Path
) -> None:
    css = asset(example_site, "assets/stylesheets/main.*.min.css")

    status, headers, body = server.get(css, **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-type"] == "text/css; charset=utf-8"
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == (example_site / css.removeprefix(BASE)).read_bytes()


def test_assets_without_fingerprint_are_cached_for_a_day(server: Server) -> None:
    status, headers, _ = server.get(BASE + "assets/images/favicon.png")

    assert (status, headers["cache-control"]) == (200, "public, max-age=86400")


def test_html_is_gzipped_when_asked(server: Server) -> None:
    _, headers, body = server.get(BASE, **{"Accept-Encoding": "gzip"})

    assert headers["content-encoding"] == "gzip"
    assert "吉林省监狱管理局" in gzip.decompress(body).decode("utf-8")


def test_csv_attachment_is_utf8_text(server: Server, example_site: Path) -> None:
    status, headers, _ = server.get(asset(example_site, "czyjs/*.csv"))

    assert (status, headers["content-type"]) == (200, "text/csv; charset=utf-8")


def test_missing_page_gets_the_sites_404_page_with_headers(
    server: Server, example_site: Path
) -> None:
    status, headers, body = server.get(BASE + "gfxwj/no-such-document/")

    assert status == 404
    assert body == (example_site / "404.html").read_bytes()
    assert headers["content-security-policy"] == CSP
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_hidden_files_are_not_served(server: Server) -> None:
    assert server.get(BASE + ".git/config")[0] == 404


def test_root_and_folder_without_slash_redirect_relatively(server: Server) -> None:
    status, headers, _ = server.get("/")
    assert (status, headers["location"]) == (302, BASE)

    status, headers, _ = server.get(BASE + "gfxwj")
    assert (status, headers["location"]) == (301, BASE + "gfxwj/")


def test_every_sitemap_url_answers_200(server: Server, example_site: Path) -> None:
    paths = sitemap_paths(example_site)

    statuses = {path: server.get(path)[0] for path in paths}

    assert len(paths) > 20
    assert {p: s for p, s in statuses.items() if s != 200} == {}


def test_bounded_load_run_completes_without_errors(server: Server, example_site: Path) -> None:
    """3,000 requests over 4 keep-alive connections; prints the rate (an indication, not a gate)."""
    paths = [*sitemap_paths(example_site), asset(example_site, "assets/stylesheets/main.*.min.css")]
    per_worker, workers = 750, 4
    errors: list[str] = []
    done = [0] * workers

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            for i in range(per_worker):
                path = paths[(n * per_worker + i) % len(paths)]
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors.append(f"{path}: {resp.status}")
                done[n] += 1
        except (OSError, http.client.HTTPException) as e:
            errors.append(f"worker {n}: {e!r}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.perf_counter() - start

    assert errors == []
    assert sum(done) == per_worker * workers
    print(f"\nnginx: {sum(done)} 个请求，{workers} 个并发连接，{sum(done) / elapsed:.0f} 请求/秒")
