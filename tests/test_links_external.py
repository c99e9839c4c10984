"""The external check against real HTTP servers on 127.0.0.1 started by the test (never the
internet): 200, 301→200, 404, 500, a slow endpoint past the timeout, 429."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sitekit import Project, new_project, run

HITS: Counter[str] = Counter()


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        HITS[self.path] += 1
        if self.path == "/slow":
            time.sleep(3)
        code = {"/ok": 200, "/moved": 301, "/gone": 404, "/broken": 500, "/limit": 429}
        self.send_response(code.get(self.path, 200 if self.path == "/slow" else 404))
        if self.path == "/moved":
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def built(server: str, tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = new_project(tmp_path_factory.mktemp("external"))
    body = "# 外链\n\n" + "".join(
        f"[{name}]({server}/{name})\n\n"
        for name in ("ok", "moved", "gone", "broken", "slow", "limit")
    )
    body += "[写信](mailto:xxgk@example.gov.cn) [电话](tel:043100000000)\n"
    project.doc("ghjh/a.md", body)
    project.build()
    assert (project.site / "ghjh/a/index.html").is_file()
    return project


def links(project: Project, *args: str) -> tuple[int, str, str]:
    result = run(
        [
            "-m",
            "gongkai",
            "links",
            "--external",
            "--timeout",
            "1",
            "--retries",
            "0",
            "--interval",
            "10ms",
            *args,
        ],
        project.root,
        "2026-11-26",
    )
    return result.returncode, result.stdout, result.stderr


def line(project: Project, needle: str) -> int:
    text = (project.root / "content/ghjh/a.md").read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_dead_links_are_reported_by_page_with_source_line(built: Project, server: str) -> None:
    code, out, _ = links(built, "--cache", "cache1.json", "site")
    assert code == 1
    at = {n: f"content/ghjh/a.md:{line(built, f'/{n})')}" for n in ("moved", "gone", "broken", "slow", "limit")}  # fmt: skip
    expected = [
        f"{at['moved']}:{len('[moved](') + 1}: GK413 info 外部链接“{server}/moved”已永久跳转到 {server}/ok：请改为新地址",
        f"{at['gone']}:8: GK411 error 外部链接“{server}/gone”打不开（404 Not Found）：请找到对方网站的新地址替换，或删除该链接",
        f"{at['broken']}:10: GK411 error 外部链接“{server}/broken”打不开（500 Internal Server Error）：请找到对方网站的新地址替换，或删除该链接",
        f"{at['slow']}:8: GK411 error 外部链接“{server}/slow”打不开（多次重试后仍超时）：请找到对方网站的新地址替换，或删除该链接",
        f"{at['limit']}:9: GK412 warning 外部链接“{server}/limit”拒绝了自动检查（429 Too Many Requests）：请在浏览器中打开确认，能打开的写进 links-ignore.yml",
    ]  # fmt: skip
    assert sorted(out.splitlines()) == sorted(expected)
    assert HITS["/ok"] >= 1 and "mailto" not in out and "tel:" not in out


def test_good_results_are_cached_and_not_fetched_again(built: Project) -> None:
    links(built, "--cache", "cache2.json", "site")
    before = HITS["/ok"], HITS["/gone"]
    code, out, _ = links(built, "--cache", "cache2.json", "--format", "json", "site")
    assert code == 1
    assert HITS["/ok"] == before[0]  # checked OK today: trusted for --max-age days
    assert HITS["/gone"] == before[1] + 1  # dead ones are always checked again
    report = json.loads(out)
    assert report["summary"]["cached"] >= 1
    assert [p["page"] for p in report["pages"]] == ["content/ghjh/a.md"]
    cache = json.loads((built.root / "cache2.json").read_text(encoding="utf-8"))
    assert {r["checked"] for r in cache.values()} == {"2026-11-26"}


def test_whitelisted_urls_are_skipped_and_all_good_exits_0(built: Project, server: str) -> None:
    ignore = built.root / "links-ignore.yml"
    ignore.write_text(
        "".join(
            f"- url: {server}/{n}\n  reason: 测试\n" for n in ("gone", "broken", "slow", "limit")
        ),
        encoding="utf-8",
    )
    try:
        code, out, err = links(built, "--cache", "cache3.json", "--format", "markdown", "site")
    finally:
        ignore.unlink()
    assert code == 0, err
    assert out.startswith("# 站外链接检查报告\n")
    assert "## `content/ghjh/a.md`" in out and "GK413" in out and "GK411" not in out


def test_a_broken_whitelist_means_could_not_run(built: Project) -> None:
    ignore = built.root / "links-ignore.yml"
    ignore.write_text("- https://www.example.gov.cn/\n", encoding="utf-8")
    try:
        code, _, err = links(built, "site")
    finally:
        ignore.unlink()
    assert code == 2
    assert err == (
        "gongkai: 站外链接检查无法运行：links-ignore.yml 第 1 项应写成“- url: https://…”"
        "和“reason: 为什么不检查”\n"
    )
