"""Benchmark of the checker, as an editor runs it, and of the text rules (GK21x, GK3xx) alone.

    .venv/bin/python bench/bench_check.py [--runs 5] [--docs 1000]

Measures, as whole processes (`python -m gongkai check …`, median of --runs):
  1. one document of the example content (the site-wide index is still built: that is the cost
     an editor pays before a commit);
  2. the whole example content;
  3. a synthetic corpus of --docs documents (bench/gen_corpus.py);
and in-process, on the synthetic corpus: the time the secrecy and typography rules take per
document, and `check --fix` over the corpus (a second pass must change nothing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

from gen_corpus import write_project  # noqa: E402

from gongkai import engine  # noqa: E402
from gongkai.editor.fix import fix_file  # noqa: E402
from gongkai.rules import catalog  # noqa: E402

ENV = {**os.environ, "GONGKAI_TODAY": "2026-11-26", "NO_MKDOCS_2_WARNING": "1"}


def process_seconds(args: list[str], cwd: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "gongkai", "check", *args],
            cwd=cwd,
            env=ENV,
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def text_rules_ms_per_doc(root: Path) -> tuple[int, float]:
    os.environ["GONGKAI_TODAY"] = "2026-11-26"
    ctx = engine.make_context(root)
    site = engine.run(root)
    mine = [r for r in catalog.by_scope("document") if r.id.startswith(("GK21", "GK3"))]
    for doc in site.valid_docs:  # a fresh prose per document, as in a real run
        doc.__dict__.pop("_prose", None)
        doc.__dict__.pop("_secrecy_prose", None)
        doc.__dict__.pop("_front_matter_views", None)
    start = time.perf_counter()
    for doc in site.valid_docs:
        for r in mine:
            list(r.check(doc, ctx))
    elapsed = time.perf_counter() - start
    return len(site.valid_docs), elapsed * 1000 / max(1, len(site.valid_docs))


def fix_corpus_seconds(root: Path) -> tuple[float, int]:
    files = sorted((root / "content").rglob("*.md"))
    start = time.perf_counter()
    changed = sum(len(fix_file(p)) for p in files)
    elapsed = time.perf_counter() - start
    again = sum(len(fix_file(p)) for p in files)
    assert again == 0, f"--fix is not idempotent: {again} changes on the second pass"
    return elapsed, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    one = process_seconds(["content/ghjh/2021-zwgk-gzyd.md"], REPO, args.runs)
    whole = process_seconds(["content"], REPO, args.runs)
    print(f"check one document (whole process):      {one:.2f} s")
    print(f"check example content (whole process):   {whole:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_project(corpus, args.docs, 1, "columns")
        big = process_seconds(["content"], corpus, max(1, args.runs // 2))
        count, per_doc = text_rules_ms_per_doc(corpus)
        fixing, changed = fix_corpus_seconds(corpus)
    print(f"check {args.docs}-document corpus (whole process): {big:.2f} s")
    print(f"GK21x+GK3xx rules: {per_doc:.2f} ms per document ({count} documents)")
    print(f"check --fix over the corpus: {fixing:.2f} s, {changed} changes; second pass: 0")


if __name__ == "__main__":
    main()
