"""deploy/nginx.conf served by real nginx (the distribution's package) on 127.0.0.1: the one server
every test that fetches or browses a built site uses.

The template's ${GONGKAI_…} variables are filled as `envsubst` fills them in production; the site
sits under the GONGKAI_BASE path that mkdocs.yml's `site_url` names (/xxgk/). nginx runs in the
foreground with its prefix, pid and logs in a temp dir and is stopped when the context ends.
"""

from __future__ import annotations

import getpass
import http.client
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sitekit import REPO

TEMPLATE = REPO / "deploy" / "nginx.conf"
SITE_URL = re.search(
    r"^site_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M
).group(1)  # type: ignore[union-attr]
BASE = urlsplit(SITE_URL).path  # "/xxgk/": where the template and the site's own links put it
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

    @property
    def url(self) -> str:
        """The site's base URL, e.g. http://127.0.0.1:PORT/xxgk/ (with the trailing slash)."""
        return f"http://127.0.0.1:{self.port}{BASE}"

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
        finally:
            conn.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_nginx(tmp: Path, site: Path) -> Server:
    """Start nginx with deploy/nginx.conf over `site`, placed at <root>/xxgk/ (a symlink)."""
    root = tmp / "www"
    root.mkdir()
    (root / BASE.strip("/")).symlink_to(site.resolve(), target_is_directory=True)
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


@contextmanager
def nginx(site: Path) -> Iterator[Server]:
    """Serve the built `site` with real nginx and deploy/nginx.conf until the block ends."""
    with tempfile.TemporaryDirectory(prefix="gongkai-nginx-") as tmp:
        server = start_nginx(Path(tmp), site)
        try:
            yield server
        finally:
            server.stop()


def sitemap_paths(site: Path) -> list[str]:
    """Every URL of the built sitemap.xml as a path on the server (/xxgk/…)."""
    locs = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    return [BASE + loc.removeprefix(SITE_URL) for loc in locs]
