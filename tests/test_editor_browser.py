"""The web editor in real Chromium against real decap-server on 127.0.0.1 (issue 25.1).

An editor creates a 规范性文件 through the forms, uploads an attachment with a Chinese name and
saves: the draft is a commit on a `cms/…` branch (editorial workflow) and the CMS reloads it
(decap-server reads the draft's files back from `git diff`). Merged as 审查通过 does, the file in
the checkout has valid front matter, the 索引号 and slug of `new`, and `check` passes: withheld
until reviewed, publishable once a listed reviewer approves it. A 发文字号 in the wrong format is
refused in the form with the rule's words.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from browser import chromium
from sitekit import REPO, TODAY, Project, new_project, pdf_with_text, run

from gongkai.editor import edit, web

SLUG = "2026-zui-fan-qin-shu-hui-jian-guan-li"  # 8 syllables, as `new` keeps
ATTACHMENT = "附件1-会见须知.pdf"
PDF = pdf_with_text("Visiting rules")
REL = f"content/gfxwj/{SLUG}.md"
WITHHELD = (  # a draft merged unreviewed: withheld, named why
    f"{REL}:10:1: GK201 warning 未经公开属性与保密审查，本文档暂不发布：请补上 review"
    "（reviewer、date、result: 同意公开）\n",
    f"检查了 1 篇文档：0 个错误，1 个警告，0 个提示；可发布 0 篇，不发布 1 篇：{REL}"
    "（未经公开属性与保密审查）\n",
)
PUBLISHABLE = ("", "检查了 1 篇文档：0 个错误，0 个警告，0 个提示；可发布 1 篇\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int) -> None:
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"127.0.0.1:{port} 没有启动")


def _git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=信息员", "-c", "user.email=xxy@example.invalid", *args]
    return subprocess.run(command, cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Project, str]]:
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    project = new_project(tmp_path)
    shutil.copytree(REPO / "admin", tmp_path / "admin")
    (tmp_path / "node_modules").symlink_to(REPO / "node_modules")
    shutil.copy(REPO / ".gitignore", tmp_path / ".gitignore")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "项目")
    port, proxy_port = _free_port(), _free_port()
    proxy = edit.proxy(tmp_path, proxy_port)
    httpd = web.server(tmp_path, port, proxy_port)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        _wait_for(proxy_port)
        yield project, f"http://127.0.0.1:{port}"
    finally:
        httpd.shutdown()
        proxy.terminate()
        proxy.wait()


def test_a_regulation_made_in_the_browser_passes_the_check(editor, tmp_path: Path) -> None:
    project, base = editor
    upload = tmp_path.parent / ATTACHMENT
    upload.write_bytes(PDF)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/admin/")
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name="规范性文件").wait_for()  # logged in: the columns listed
        page.goto(f"{base}/admin/#/collections/gfxwj/new")
        page.get_by_label("名称", exact=True).fill("吉林省监狱管理局罪犯亲属会见管理办法")
        page.get_by_label("起草部门", exact=True).fill("狱政管理处")
        page.get_by_label("发文字号", exact=True).fill("吉狱发[2026]第03号")
        page.get_by_label("成文日期", exact=True).fill("2026-11-10")
        page.get_by_label("发布日期", exact=True).fill("2026-11-20")
        page.get_by_label("施行日期 (可选)", exact=True).fill("2026-12-01")
        page.locator("[data-slate-editor]").click()
        page.keyboard.type("第一条 为规范罪犯亲属会见，制定本办法。")
        preview = page.frame_locator("iframe").first.get_by_role("region", name="检查结果")
        preview.get_by_text(  # the checker's own line for the entry, before it is saved
            "GK017 error 发文字号“吉狱发[2026]第03号”格式不对"
        ).wait_for()
        page.get_by_role("button", name="保存").click()
        refused = (
            "“发文字号”不满足模式发文字号格式不对：应为 机关代字〔年份〕序号号，"
            "用六角括号、不加“第”、序号不补零，例如“吉狱发〔2021〕12号”"
        )
        page.get_by_text(refused).wait_for()
        assert _git(tmp_path, "branch", "--list", "cms/*") == ""  # nothing saved

        doc_no = page.get_by_label("发文字号", exact=True)
        doc_no.press("Control+a")
        doc_no.press_sequentially("吉狱发〔2026〕3号")
        page.get_by_role("button", name="新增附件").click()
        page.get_by_role("button", name="选择文件").click()
        page.locator("input[type=file]").set_input_files(upload)
        page.get_by_role("button", name="选用已选中项目").click()
        page.get_by_role("button", name="保存").click()
        page.get_by_text("修改已保存").wait_for()
        for _ in range(50):
            if _git(tmp_path, "branch", "--list", "cms/*"):
                break
            time.sleep(0.1)

    _git(tmp_path, "merge", "-q", f"cms/gfxwj/{SLUG}")  # 审查通过: the pull request merged
    doc = tmp_path / REL
    meta = yaml.safe_load(doc.read_text(encoding="utf-8").split("---\n")[1])
    assert meta == {
        "title": "吉林省监狱管理局罪犯亲属会见管理办法",
        "type": "规范性文件",
        "index_no": "013544XXX/2026-00001",
        "slug": SLUG,
        "drafter": "狱政管理处",
        "doc_no": "吉狱发〔2026〕3号",
        "written": dt.date(2026, 11, 10),
        "published": dt.date(2026, 11, 20),
        "disclosure": "主动公开",
        "validity": {"effective": dt.date(2026, 12, 1)},
        "attachments": [{"file": ATTACHMENT}],
    }
    assert (doc.parent / ATTACHMENT).read_bytes() == PDF
    checked = project.check(REL)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, *WITHHELD)

    _git(tmp_path, "config", "user.email", "limou@example.gov.cn")  # the listed reviewer
    approve = ["-m", "gongkai", "review", "approve", REL, "--reviewer", "李某"]
    approved = run(approve, tmp_path, "2026-11-20")  # reviewed on the day it is published
    assert approved.returncode == 0, approved.stdout + approved.stderr
    checked = project.check(REL)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, *PUBLISHABLE)
