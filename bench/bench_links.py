"""Link gate speed: ours vs LinkChecker vs lychee on the same built site, with the build time.

    .venv/bin/python bench/bench_links.py 1000 [10000 …] [--linkchecker-limit SECONDS]

For each size N it writes a project of N published documents (5 internal links each, Chinese
anchors, raw HTML links, an attachment link), builds it with `mkdocs build`, then times on the
produced site/: our gate in-process, LinkChecker in file mode (anchors on), lychee offline with
fragments. Prints one Markdown table row per size (pasted into bench/README.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from sitekit import markdown, new_project  # noqa: E402

from gongkai.links.internal import Gate  # noqa: E402

BODY = """\
# 文件{i}

## 一、总体要求

见[文件{a}](d{a:05d}.md#一总体要求)和[文件{b}](d{b:05d}.md)。<a href="../d{c:05d}/#二工作措施">手写链接</a>

## 二、工作措施

[中国政府网](https://www.gov.cn/) [本栏目](index.md) [首页](../index.md)
"""


def make(root: Path, n: int) -> None:
    project = new_project(root)
    for i in range(n):
        body = BODY.format(i=i, a=(i + 1) % n, b=(i * 7) % n, c=(i + 13) % n)
        fields = {"index_no": f"013544XXX/2021-{i:05d}", "title": f"关于印发第{i}号文件的通知"}
        project.write(f"ghjh/d{i:05d}.md", markdown(body, **fields))


def timed(cmd: list[str], cwd: Path, limit: float | None = None) -> tuple[float, bool]:
    """Wall time, and whether the command finished within `limit` seconds."""
    start = time.perf_counter()
    try:
        subprocess.run(cmd, cwd=cwd, capture_output=True, check=False, timeout=limit)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, False
    return time.perf_counter() - start, True


LINKCHECKER = (
    "import sys; from linkcheck.command import linkchecker as m; "
    "m.drop_privileges = lambda: None; sys.argv[0] = 'linkchecker'; m.linkchecker()"
)


def bench(n: int, limit: float | None) -> str:
    with tempfile.TemporaryDirectory(prefix="bench-links-") as tmp:
        root = Path(tmp)
        make(root, n)
        env = "GONGKAI_TODAY=2026-11-26"
        build, _ = timed(["env", env, sys.executable, "-m", "mkdocs", "build", "-q"], root)
        site = root / "site"
        pages = len(list(site.rglob("*.html")))
        start = time.perf_counter()
        gate = Gate(site, root).load()
        found = gate.findings()
        ours = time.perf_counter() - start
        (root / "lc.ini").write_text("[AnchorCheck]\n", encoding="utf-8")
        lc, finished = timed(
            [sys.executable, "-c", LINKCHECKER, "-f", "lc.ini", "--no-status", "-o", "none",
             str(site / "index.html")],
            root,
            limit,
        )  # fmt: skip
        bound = "" if finished else "> "  # stopped at the limit: a lower bound
        lychee = Path(sys.executable).parent / "lychee"
        ly, _ = timed(
            [str(lychee), "--offline", "--no-progress", "--include-fragments", "--root-dir",
             str(site), "--index-files", "index.html", str(site)],
            root,
        )  # fmt: skip
        return (
            f"| {n} | {pages} | {build:.1f} s | {ours:.2f} s ({len(found)} findings) "
            f"| {ours / build:.1%} | {bound}{lc:.1f} s | {bound}{lc / ours:.0f}× | {ly:.2f} s "
            f"| {ly / ours:.1f}× |"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000])
    parser.add_argument(
        "--linkchecker-limit", type=float, help="stop LinkChecker after this many seconds"
    )
    args = parser.parse_args()
    print("| docs | pages | mkdocs build | our gate | gate/build | LinkChecker | LC/ours |"
          " lychee | lychee/ours |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        print(bench(size, args.linkchecker_limit), flush=True)
