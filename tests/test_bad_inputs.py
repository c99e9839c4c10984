"""Every bad input gets one Chinese line, never a traceback (issue 19 point 7).

The corpus is `tests/fixtures/bad/`, one file per case. Every case goes through
`python -m gongkai check`, `check FILE`, `check --fix FILE`, the strict build and
`python -m gongkai verify site/`: exit codes as documented, the Chinese line that names the file
(and the line where known) printed by the check and by the build, and no "Traceback" anywhere.
The document cases share one project, one whole check, one build and one verify; `site` as a
file, a full disk and a damaged cache each need a project of their own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sitekit import new_project, run

BAD = Path(__file__).parent / "fixtures" / "bad"
ID_FOUND = "正文中有身份证号码“110101********7774”，本文档暂不发布：公开前删去或隐去该号码；确有法定依据公开的，在元数据中写明 pii_basis"
ALIAS = "用了 YAML 别名“*{}”：别名会把别处的值复制过来，可能无限展开；请删去 & 锚点和 * 别名，把值直接写出来"
DATE = "日期写成 YYYY-MM-DD（如 2024-02-29），时间写成 HH:MM（00:00 至 23:59）"
NOT_UTF8 = "GK001 error 文件不是 UTF-8 编码：请在编辑器中以 UTF-8 编码另存"

# fixture file → (where it goes in the project, the line the check and the build print)
CASES: dict[str, tuple[str, str]] = {
    "date-feb30.md": (
        "content/ghjh/date-feb30.md",
        f"content/ghjh/date-feb30.md:6:12: GK004 error 元数据第6行的日期或时间“2024-02-30”不存在：{DATE}",
    ),
    "hour25.md": (
        "content/ghjh/hour25.md",
        f"content/ghjh/hour25.md:6:10: GK004 error 元数据第6行的日期或时间“2021-07-01 25:00:00”不存在：{DATE}",
    ),
    "alias-bomb.md": (
        "content/ghjh/alias-bomb.md",
        f"content/ghjh/alias-bomb.md:4:8: GK004 error 元数据第4行{ALIAS.format('a')}",
    ),
    "recursive-alias.md": (
        "content/ghjh/recursive-alias.md",
        f"content/ghjh/recursive-alias.md:3:19: GK004 error 元数据第3行{ALIAS.format('k')}",
    ),
    "deep-nesting.md": (
        "content/ghjh/deep-nesting.md",
        "content/ghjh/deep-nesting.md:3:30: GK004 error 元数据第3行嵌套超过 20 层：元数据和台账的字段最多嵌套几层，请检查是不是多写了括号或缩进",
    ),
    "gbk.md": ("content/ghjh/gbk.md", f"content/ghjh/gbk.md:2:1: {NOT_UTF8}"),
    "utf16.md": (
        "content/ghjh/utf16.md",
        "content/ghjh/utf16.md:1:1: GK001 error 文件是 UTF-16 编码：请在编辑器中以 UTF-8 编码另存",
    ),
    "latin1.md": ("content/ghjh/latin1.md", f"content/ghjh/latin1.md:2:1: {NOT_UTF8}"),
    "home-gbk.md": ("content/index.md", f"content/index.md:2:1: {NOT_UTF8}"),
    "nul.md": (
        "content/ghjh/nul.md",
        "content/ghjh/nul.md:10:3: GK001 error 第10行第3列有控制字符 U+0000：网页上不显示或显示为方框，检查和网页读到的内容会不一样，多半是复制或保存出错；请删去它",
    ),
    "bom.md": ("content/ghjh/bom.md", f"content/ghjh/bom.md:10:5: GK211 warning {ID_FOUND}"),
    "lone-cr.md": (
        "content/ghjh/lone-cr.md",
        f"content/ghjh/lone-cr.md:10:5: GK211 warning {ID_FOUND}",
    ),
    "u2028-comment.md": (
        "content/ghjh/u2028-comment.md",
        "content/ghjh/u2028-comment.md:5:21: GK004 error 元数据第5行有不可见的分行符 U+2028（行分隔符）：YAML 把它当作换行，网页却不换行，检查和网页会读出不同的内容；请删去它，需要换行的按回车键换行",
    ),
    "eof-closing.md": (
        "content/ghjh/eof-closing.md",
        "content/ghjh/eof-closing.md:10:1: GK007 error 正文是空的（注释 <!-- … --> 不显示在网页上）：请在元数据块之后写上文件全文，正文在附件中的写一句说明并链接附件",
    ),
    "ledger-alias-bomb.yml": (
        "ledger/2099.yml",
        f"ledger/2099.yml:4:5: GK060 error 第4行{ALIAS.format('r')}",
    ),
    "ledger-feb30.yml": (
        "ledger/2098.yml",
        "ledger/2098.yml:4:15: GK060 error 第4行的日期或时间“2098-02-30”不存在：日期写成 YYYY-MM-DD（如 2025-02-28）",
    ),
    "unreadable.md": (
        "content/ghjh/unreadable.md",
        "content/ghjh/unreadable.md:1:1: GK001 error 文件无法读取（Permission denied）：请检查文件权限",
    ),
    "fifo.md": (
        "content/ghjh/fifo.md",
        "content/ghjh/fifo.md:1:1: GK001 error 不是普通文件（是命名管道、设备或套接字）：请换成普通的 Markdown 文件，或删除它",
    ),
    "symlink-outside.md": (
        "content/ghjh/symlink-outside.md",
        "content/ghjh/symlink-outside.md:1:1: GK001 error 符号链接指向项目之外（",
    ),
}
OWN_PROJECT = ("site-as-file.txt", "full-disk.md", "damaged-cache.bin")


def _place(root: Path, name: str, dest: str) -> Path:
    path = root / dest
    path.parent.mkdir(parents=True, exist_ok=True)
    if name == "fifo.md":
        os.mkfifo(path)
    elif name == "symlink-outside.md":
        outside = root.parent / "outside.md"
        shutil.copyfile(BAD / "date-feb30.md", outside)
        path.symlink_to(outside)
    else:
        shutil.copyfile(BAD / name, path)
        if name == "unreadable.md":
            path.chmod(0)
    return path


def _no_traceback(*results: subprocess.CompletedProcess[str]) -> None:
    for r in results:
        assert "Traceback" not in r.stdout + r.stderr, r.stdout + r.stderr


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One project with every document case: built clean first, then checked, built, verified."""
    root = tmp_path_factory.mktemp("bad") / "project"
    root.mkdir()
    project = new_project(root)
    project.doc("ghjh/ok.md")
    first = project.build("--strict")
    assert first.returncode == 0, first.stderr
    for name, (dest, _) in CASES.items():
        _place(root, name, dest)
    check = project.check()
    build = project.build("--strict")
    verify = run(["-m", "gongkai", "verify", "site"], root, "2026-11-26")
    _no_traceback(check, build, verify)
    return {"root": root, "check": check, "build": build, "verify": verify}


def test_the_corpus_is_one_file_per_case() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted([*CASES, *OWN_PROJECT])


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_one_chinese_line_and_no_traceback(
    name: str, shared: dict[str, object]
) -> None:
    root = shared["root"]
    assert isinstance(root, Path)
    dest, line = CASES[name]
    one = run(["-m", "gongkai", "check", dest], root, "2026-11-26")
    fixed = run(["-m", "gongkai", "check", "--fix", dest], root, "2026-11-26")
    check, build, verify = shared["check"], shared["build"], shared["verify"]
    assert isinstance(check, subprocess.CompletedProcess)
    assert isinstance(build, subprocess.CompletedProcess)
    assert isinstance(verify, subprocess.CompletedProcess)
    _no_traceback(one, fixed)
    assert (check.returncode, build.returncode, verify.returncode) == (1, 1, 0)
    assert (one.returncode, fixed.returncode) == (1, 1), one.stdout + one.stderr
    assert "构建有错误：" in build.stderr  # the site built before stays as it was
    if name == "unreadable.md" and os.access(root / dest, os.R_OK):
        pytest.skip("running as root: a chmod 000 file is still readable, so it is read as usual")
    for output in (check.stdout, one.stdout, fixed.stdout, build.stderr):
        assert line in output, output


def _own(tmp_path: Path) -> tuple[Path, object]:
    root = tmp_path / "project"
    root.mkdir()
    project = new_project(root)
    project.doc("ghjh/ok.md")
    return root, project


def test_site_existing_as_a_file_is_one_line(tmp_path: Path) -> None:
    root, project = _own(tmp_path)
    shutil.copyfile(BAD / "site-as-file.txt", root / "site")
    build = project.build("--strict")  # type: ignore[attr-defined]
    verify = run(["-m", "gongkai", "verify", "site"], root, "2026-11-26")
    check = project.check("content/ghjh/ok.md")  # type: ignore[attr-defined]
    _no_traceback(build, verify, check)
    assert (build.returncode, verify.returncode, check.returncode) == (1, 2, 0)
    assert "site" in build.stderr and "不是目录" in build.stderr, build.stderr
    assert "site: 不是构建好的网站目录：先运行 mkdocs build" in verify.stderr, verify.stderr
    assert (root / "site").read_text(encoding="utf-8") == (BAD / "site-as-file.txt").read_text(
        encoding="utf-8"
    )


def test_a_full_disk_is_one_line_and_leaves_no_half_site(tmp_path: Path) -> None:
    """A real 256 KiB tmpfs under the site (root can mount one); the pages do not fit."""
    root, project = _own(tmp_path)
    shutil.copyfile(BAD / "full-disk.md", root / "content" / "ghjh" / "full-disk.md")
    disk = root / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.decode().strip()}")
    try:
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(
            config.replace("site_dir: site", "site_dir: disk/site"), encoding="utf-8"
        )
        build = project.build("--strict")  # type: ignore[attr-defined]
        _no_traceback(build)
        assert build.returncode == 1, build.stderr
        assert "磁盘已满" in build.stderr, build.stderr
        assert not (disk / "site").exists()
        assert not [p for p in disk.iterdir() if p.name.startswith(".site.building")]
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_damaged_cache_costs_time_only(tmp_path: Path) -> None:
    root, project = _own(tmp_path)
    first = project.check()  # type: ignore[attr-defined]
    assert first.returncode == 0, first.stderr
    cache = root / ".cache" / "gongkai"
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files
    for p in files:
        shutil.copyfile(BAD / "damaged-cache.bin", p)
    check = project.check()  # type: ignore[attr-defined]
    one = project.check("content/ghjh/ok.md")  # type: ignore[attr-defined]
    fixed = project.check("--fix", "content/ghjh/ok.md")  # type: ignore[attr-defined]
    build = project.build("--strict")  # type: ignore[attr-defined]
    verify = run(["-m", "gongkai", "verify", "site"], root, "2026-11-26")
    _no_traceback(check, one, fixed, build, verify)
    assert [r.returncode for r in (check, one, fixed, build, verify)] == [0, 0, 0, 0, 0]
