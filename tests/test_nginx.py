"""deploy/nginx.conf served by real nginx (Debian package) on 127.0.0.1 over the built example site.

The template's ${GONGKAI_…} variables are filled as `envsubst` would fill them in production; nginx
runs in the foreground with its prefix, pid and logs in a temp dir and is stopped by the test.
"""

from __future__ import annotations

import getpass
import gzip
import http.client
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitekit import REPO

TEMPLATE = REPO / "deploy" / "nginx.conf"
BASE = "/xxgk/"
SITE_URL = "https://example.gov.cn/xxgk/"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def render(template: str, **values: str) -> str:
    """Fill ${GONGKAI_NAME} like `envsubst '${GONGKAI_NAME} …'`; nginx's own $vars stay."""
    out = template
    for name, value in values.items():
        out = out.replace("${GONGKAI_" + name + "}", value)
    left = sorted(set(re.findall(r"\$\{GONGKAI_\w+\}", out)))
    assert not left, f"模板变量未替换：{left}"
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
        finally:
            conn.close()


def start_nginx(tmp: Path, site: Path) -> Server:
    root = tmp / "www"
    root.mkdir()
    (root / BASE.strip("/")).symlink_to(site, target_is_directory=True)
    port = free_port()
    conf = render(
        TEMPLATE.read_text(encoding="utf-8"),
        LISTEN=f"127.0.0.1:{port}",
        SERVER_NAME="localhost",
        ROOT=str(root),
        BASE=BASE,
        TLS="",
    )
    (tmp / "gongkai.conf").write_text(conf, encoding="utf-8")
    temp_paths = "\n".join(
        f"    {kind}_temp_path {tmp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp / "nginx.conf").write_text(
        f"""user {getpass.getuser()};
daemon off;
worker_processes 1;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
{temp_paths}
    include {tmp / "gongkai.conf"};
}}
""",
        encoding="utf-8",
    )
    log = tmp / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx 未能启动：{process.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return Server(port, process, log)
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError("nginx 15 秒内没有开始监听")


@pytest.fixture(scope="module")
def nginx(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_nginx(tmp_path_factory.mktemp("nginx"), example_site)
    try:
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)


def sitemap_paths(site: Path) -> list[str]:
    locs = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    return [BASE + loc.removeprefix(SITE_URL) for loc in locs]


def asset(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return BASE + found[0].relative_to(site).as_posix()


CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


def test_pages_are_utf8_html_with_security_headers_and_short_cache(nginx: Server) -> None:
    status, headers, body = nginx.get(BASE)

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
    nginx: Server, example_site: Path
) -> None:
    css = asset(example_site, "assets/stylesheets/main.*.min.css")

    status, headers, body = nginx.get(css, **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-type"] == "text/css; charset=utf-8"
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == (example_site / css.removeprefix(BASE)).read_bytes()


def test_assets_without_fingerprint_are_cached_for_a_day(nginx: Server) -> None:
    status, headers, _ = nginx.get(BASE + "assets/images/favicon.png")

    assert (status, headers["cache-control"]) == (200, "public, max-age=86400")


def test_html_is_gzipped_when_asked(nginx: Server) -> None:
    _, headers, body = nginx.get(BASE, **{"Accept-Encoding": "gzip"})

    assert headers["content-encoding"] == "gzip"
    assert "吉林省监狱管理局" in gzip.decompress(body).decode("utf-8")


def test_csv_attachment_is_utf8_text(nginx: Server, example_site: Path) -> None:
    status, headers, _ = nginx.get(asset(example_site, "czyjs/*.csv"))

    assert (status, headers["content-type"]) == (200, "text/csv; charset=utf-8")


def test_missing_page_gets_the_sites_404_page_with_headers(
    nginx: Server, example_site: Path
) -> None:
    status, headers, body = nginx.get(BASE + "gfxwj/no-such-document/")

    assert status == 404
    assert body == (example_site / "404.html").read_bytes()
    assert headers["content-security-policy"] == CSP
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_hidden_files_are_not_served(nginx: Server) -> None:
    assert nginx.get(BASE + ".git/config")[0] == 404


def test_root_and_folder_without_slash_redirect_relatively(nginx: Server) -> None:
    status, headers, _ = nginx.get("/")
    assert (status, headers["location"]) == (302, BASE)

    status, headers, _ = nginx.get(BASE + "gfxwj")
    assert (status, headers["location"]) == (301, BASE + "gfxwj/")


def test_every_sitemap_url_answers_200(nginx: Server, example_site: Path) -> None:
    paths = sitemap_paths(example_site)

    statuses = {path: nginx.get(path)[0] for path in paths}

    assert len(paths) > 20
    assert {p: s for p, s in statuses.items() if s != 200} == {}


def test_bounded_load_run_completes_without_errors(nginx: Server, example_site: Path) -> None:
    """3,000 requests over 4 keep-alive connections; prints the rate (an indication, not a gate)."""
    paths = [*sitemap_paths(example_site), asset(example_site, "assets/stylesheets/main.*.min.css")]
    per_worker, workers = 750, 4
    errors: list[str] = []
    done = [0] * workers

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=10)
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
