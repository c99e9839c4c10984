"""The preview (`python -m gongkai serve`, issue 21.6), started as editors start it, in a temp
project: it keeps serving with errors, shows each finding on its page and each withheld document
under a banner, reloads the page in Chromium after a save, and none of it reaches a strict build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import chromium
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from sitekit import TODAY, Project
from webserver import BASE, free_port

from gongkai.build import preview as preview_mode

MARK = "预览：本地预览，不是正式网站；不发布的文档也显示在这里"
NOINDEX = '<meta name="robots" content="noindex">'
PENDING = {"reviewer": "李某", "date": "2021-07-05", "result": "待审"}


@dataclass
class Preview:
    url: str  # the site's base URL, …/xxgk/
    log: Path  # what the editor's terminal shows

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")


@contextmanager
def previewing(project: Project) -> Iterator[Preview]:
    """`python -m gongkai serve` on a free port in the project; stopped with Ctrl-C (SIGINT)."""
    port = free_port()
    log = project.root / "serve.log"
    env = {**os.environ, "GONGKAI_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "serve", "--port", str(port)],
            cwd=project.root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    preview = Preview(f"http://127.0.0.1:{port}{BASE}", log)
    try:
        _wait_serving(preview, process)
        yield preview
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def _wait_serving(preview: Preview, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, preview.log.read_text(encoding="utf-8")
        if "Serving on" in preview.log.read_text(encoding="utf-8"):
            return
        time.sleep(0.2)
    raise AssertionError("预览 90 秒内没有开始服务：" + preview.log.read_text(encoding="utf-8"))


def two_documents(project: Project) -> None:
    project.doc("ghjh/a.md", "正文。\n")
    project.doc("ghjh/b.md", title="待审的计划", index_no="013544XXX/2021-00002", review=PENDING)


def test_preview_shows_a_withheld_document_under_its_banner_and_marks_every_page(
    project: Project,
) -> None:
    two_documents(project)
    with previewing(project) as preview:
        withheld = preview.get("ghjh/b/")
        home = preview.get("")
        published = preview.get("ghjh/a/")
        listing = preview.get("ghjh/")

    banner = (
        '<div class="gk-preview-withheld" role="note"><p><strong>本文档不会发布。</strong>'
        "预览照常显示它，但发布检查不让它进入网站：</p><ul><li>GK202 审查结论不是同意公开："
        "审查结论为“待审”，本文档暂不发布：审查通过后改为“同意公开”</li></ul></div>"
    )
    assert banner in withheld
    assert "gk-preview-withheld" not in published
    assert "待审的计划" not in listing  # the column lists published documents only
    assert "<li>content/ghjh/ 第 1 行：GK506 警告 “规划计划”栏目已1970天未更新" in listing
    for page in (withheld, home, published):
        assert NOINDEX in page
        assert MARK in page
    assert not (project.root / "site").exists()  # the preview was built in a temp folder

    built = project.build("--strict")
    assert built.returncode == 0, built.stderr
    pages = [p.read_text(encoding="utf-8") for p in project.site.rglob("*.html")]
    assert (project.site / "ghjh" / "a" / "index.html").is_file()
    assert not (project.site / "ghjh" / "b").exists()
    assert [p for p in pages if "gk-preview" in p or "noindex" in p or MARK in p] == []


def test_preview_shows_a_body_with_unsafe_html_as_written_never_as_html(
    project: Project,
) -> None:
    body = '正文。\n\n<img src="x" onerror="window.gkRan = 1">\n\n```\n代码\n```\n'
    project.doc("ghjh/a.md", body)
    with previewing(project) as preview:
        page = preview.get("ghjh/a/")
    assert "预览不按排版显示本文档的正文：正文中有不允许的 HTML（GK220），下面是原文。" in page
    assert "&lt;img src=&quot;x&quot; onerror=&quot;window.gkRan = 1&quot;&gt;" in page
    assert '<img src="x"' not in page
    assert "GK220" in preview.log.read_text(encoding="utf-8")


def test_preview_keeps_serving_with_an_error_and_prints_it_as_check_does(
    project: Project,
) -> None:
    two_documents(project)
    project.doc("ghjh/a.md", "正文，见[待审的计划](b.md)。\n")
    with previewing(project) as preview:
        page = preview.get("ghjh/a/")
        terminal = preview.log.read_text(encoding="utf-8")

    line = (
        "content/ghjh/a.md:14:13: GK404 error 链接“b.md”指向不发布的文档 content/ghjh/b.md"
        "（GK202 审查结论不是同意公开）：删除该链接，或等该文档审查同意公开、发布后再链接"
    )
    assert f"\n{line}\n" in terminal
    assert (
        '<div class="gk-preview-findings" role="alert"><p><strong>检查发现 1 个问题'
        "（1 个错误，0 个警告）</strong>：改正并保存后，本页自动刷新。</p><ul>"
        "<li>content/ghjh/a.md 第 14 行：GK404 错误 链接“b.md”指向不发布的文档 content/ghjh/b.md"
        "（GK202 审查结论不是同意公开）：删除该链接，或等该文档审查同意公开、发布后再链接</li>"
        "</ul></div>"
    ) in page


def test_an_error_saved_during_the_preview_appears_on_the_page_and_goes_when_fixed(
    project: Project,
) -> None:
    two_documents(project)
    project.doc("ghjh/a.md", "正文。\n")
    box = ".gk-preview-findings"
    with previewing(project) as preview, chromium() as browser:
        page = browser.new_page()
        page.goto(preview.url + "ghjh/a/")
        assert page.locator(".gk-preview-findings").count() == 0
        assert page.locator(".gk-preview-mark").inner_text() == MARK

        project.doc("ghjh/a.md", "正文，见[办法](missing.md)。\n")  # as reviewed (no GK205)
        page.wait_for_selector(box, timeout=60_000)  # livereload reloaded the page
        shown = page.locator(".gk-preview-findings li").all_inner_texts()

        project.doc("ghjh/a.md", "正文。\n")
        page.wait_for_selector(box, state="detached", timeout=60_000)
        text = page.locator("article").inner_text()

    assert shown == [
        "content/ghjh/a.md 第 14 行：GK402 错误 链接“missing.md”指向的 content/ghjh/missing.md 不存在："
        "没有找到名称相近的已发布文档：请改为已发布文档的 .md 文件（从本文件所在的文件夹算起）"
        "或实际存在的附件，或删除该链接"
    ]
    assert "正文。" in text


def test_a_preview_build_into_the_project_is_refused(
    project: Project, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    two_documents(project)
    monkeypatch.setattr(preview_mode, "_serving", True)  # as `serve` sets it in its process
    config = load_config(str(project.root / "mkdocs.yml"))
    with pytest.raises(Abort):
        build(config)
    assert f"预览不能构建到项目目录中：{project.site}" in caplog.messages
    assert not project.site.exists()
