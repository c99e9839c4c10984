"""The web editor's own server on 127.0.0.1: the admin page and the endpoints Decap CMS calls.

- `/` a Chinese page saying what to do; `/admin/` Decap CMS (from node_modules) with our
  `admin/gongkai-cms.js` and the configuration generated for this server's decap-server port;
- `POST /api/allocate` {collection, title} → {index_no, slug}: the allocator of `new`, counting the
  索引号 of drafts on `cms/*` branches too (called by the CMS's preSave hook);
- `POST /api/preview` {collection, path, data} → {html, findings}: the checker on the entry's text
  and the page's metadata block (the preview pane).

The review (issue 25.2) is the next endpoint here: `POST /api/review` {path, reviewer} calling the
review's Python function on the file, shown in the CMS to the users listed as reviewers.
"""

from __future__ import annotations

import json
import mimetypes
import subprocess
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from gongkai import engine
from gongkai.config.settings import ConfigError, SiteConfig
from gongkai.editor import cms, entry
from gongkai.editor.new import allocate

ADMIN = Path("admin")
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
SWITCH_RETRIES = 10
BUSY = "正在保存草稿，检查结果稍后更新"


def drafts(root: Path) -> list[str]:
    """The 索引号 written in drafts of the editorial workflow (branches cms/…, local or fetched)."""
    refs = subprocess.run(
        ["git", "for-each-ref", "--format=%(refname)", "refs/heads/cms/", "refs/remotes/*/cms/"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    if not refs:
        return []
    found = subprocess.run(
        ["git", "grep", "-h", "-E", "^index_no:", *refs, "--", "*.md"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [line.split(":", 1)[1].split("#")[0].strip() for line in found.splitlines()]


def _column(config: SiteConfig, segment: str) -> Any:
    col = config.column_by_segment(segment)
    if col is None:
        raise ConfigError(f"没有网址段为“{segment}”的栏目")
    return col


def allocated(root: Path, body: dict[str, Any]) -> dict[str, str]:
    site = engine.run(root)
    col = _column(site.ctx.config, body["collection"])
    index_no, slug = allocate(site, col, str(body.get("title") or ""), drafts(root))
    return {"index_no": index_no, "slug": slug}


def previewed(root: Path, body: dict[str, Any]) -> dict[str, Any]:
    config = engine.make_context(root).config
    data = dict(body.get("data") or {})
    if not data.get("index_no") or not data.get("slug"):  # as the save will fill them
        data = {**allocated(root, {**body, "title": data.get("title")}), **_filled(data)}
    rel = body.get("path") or f"{config.docs_dir}/{body['collection']}/{data['slug']}.md"
    found, html = entry.check(config, rel, entry.text_of(data))
    return {"html": html, "findings": [f.text() for f in found]}


def _filled(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "")}


class Handler(BaseHTTPRequestHandler):
    root: Path
    proxy_port: int

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/":
            return self._file(self.root / ADMIN / "start.html")
        if path == "/admin":
            return self._redirect("/admin/")
        if path == "/admin/config.yml":
            config = engine.make_context(self.root).config
            return self._send(cms.render(config, self.proxy_port).encode(), "text/yaml")
        name = path.removeprefix("/admin/") or "index.html"
        if not path.startswith("/admin/") or "/" in name or name.startswith("."):
            return self._send("找不到这个页面".encode(), "text/plain", HTTPStatus.NOT_FOUND)
        own = self.root / ADMIN / name
        self._file(own if own.is_file() else self.root / DECAP_DIST / name)

    def do_POST(self) -> None:
        actions = {"/api/allocate": allocated, "/api/preview": previewed}
        action = actions.get(self.path)
        if action is None:
            return self._send("没有这个接口".encode(), "text/plain", HTTPStatus.NOT_FOUND)
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        answer, status = self._answer(action, body)
        self._send(json.dumps(answer, ensure_ascii=False).encode(), "application/json", status)

    def _answer(self, action: Any, body: dict[str, Any]) -> tuple[dict[str, Any], HTTPStatus]:
        # decap-server saves a draft by checking its cms/… branch out in this same checkout and
        # back: a file read in that instant may be gone. Read again once the checkout is back.
        for _ in range(SWITCH_RETRIES):
            try:
                return action(self.root, body), HTTPStatus.OK
            except FileNotFoundError:
                time.sleep(0.2)
            except ConfigError as e:
                return {"error": str(e)}, HTTPStatus.UNPROCESSABLE_ENTITY
        return {"error": BUSY}, HTTPStatus.SERVICE_UNAVAILABLE

    def _file(self, path: Path) -> None:
        if not path.is_file():
            return self._send("找不到这个文件".encode(), "text/plain", HTTPStatus.NOT_FOUND)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._send(path.read_bytes(), kind)

    def _redirect(self, to: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", to)
        self.end_headers()

    def _send(self, data: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # the terminal shows the CMS's own log
        pass


def server(root: Path, port: int, proxy_port: int) -> ThreadingHTTPServer:
    """The admin page and endpoints on 127.0.0.1 only: the editor's machine, never the site."""
    handler = type("BoundHandler", (Handler,), {"root": root, "proxy_port": proxy_port})
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
