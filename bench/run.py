"""Build benchmark: ours against the best-tuned plain mkdocs-material build of the same documents.

    .venv/bin/python bench/run.py [--sizes 1000 10000] [--runs 3] [--no-baseline]

For each size it generates the corpus twice (bench/gen_corpus.py: our column layout, and the
plain layout with year folders and navigation.prune), builds each `--runs` times from a cold
start (caches removed, each build into a new site folder; the two in turns, so that the
machine's drift falls on both), runs the checker on all documents and on one, and the link gate
on the built site, then prints a table with medians, min/max, peak RSS, pages/s, site size and the
ratio to the baseline measured in the same run, plus the machine line.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import write_project  # noqa: E402

PY = sys.executable
# As an editor's machine runs it: with Python's bytecode cache (a CI shell may turn it off, and
# then every run compiles the whole package again: 0.2 s of a one-document check).
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GONGKAI_TODAY": "2026-11-26"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


@dataclass
class Sample:
    wall: float
    rss_mib: float
    ok: bool


def measure(cmd: list[str], cwd: Path) -> Sample:
    """Wall time and peak RSS of one whole process (os.wait4 gives that child's own rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 and proc.stderr:
        sys.stderr.write(proc.stderr.read().decode()[-2000:])
    return Sample(wall, usage.ru_maxrss / 1024, proc.returncode == 0)


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


@dataclass
class Row:
    size: int
    what: str
    samples: list[Sample]
    pages: int = 0
    site_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    def cells(self, baseline: float | None) -> list[str]:
        walls = [s.wall for s in self.samples]
        ratio = f"{self.median / baseline:.2f}×" if baseline else ""
        pps = f"{self.pages / self.median:.0f}" if self.pages else ""
        site = f"{self.site_mb:.0f}" if self.site_mb else ""
        ok = "" if all(s.ok for s in self.samples) else " (FAILED)"
        return [
            str(self.size),
            self.what + ok,
            f"{self.median:.2f}",
            f"{min(walls):.2f}",
            f"{max(walls):.2f}",
            f"{max(s.rss_mib for s in self.samples):.0f}",
            pps,
            site,
            ratio,
        ]


def build_runs(projects: list[Path], runs: int) -> list[list[Sample]]:
    """Each project built `runs` times from cold, in turns (plain, ours, plain, ours, …): the
    machine's drift over minutes falls on the baseline and on ours alike.

    Each build writes a site folder of its own, as a CI build from a clean clone does, and
    nothing is deleted until the end (`TRASH`): on a file system that is slow to create files
    where many were deleted minutes before (see bench/README.md), deleting the last site first
    would time that instead. The last build's folder becomes site/ for the checks and the gate.
    """
    samples: list[list[Sample]] = [[] for _ in projects]
    for run in range(runs):
        for project, own in zip(projects, samples, strict=True):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            command = [PY, "-m", "mkdocs", "build", "-q", "--site-dir", f"site-{run}"]
            own.append(measure(command, project))
    for project in projects:
        TRASH.extend(project / f"site-{run}" for run in range(runs - 1))
        (project / f"site-{runs - 1}").rename(project / "site")
    return samples


TRASH: list[Path] = []  # deleted once everything is measured


# What an editor does before `check FILE`: the site findings are kept for a body edit only.
EDITS = {
    "its body edited": lambda text, run: f"{text}\n第{run + 1}次修改补充的一段正文。\n",
    "its title edited": lambda text, run: text.replace("title: ", f"title: （{run + 1}）", 1),
}


def bench_size(size: int, runs: int, baseline: bool, out: Path) -> list[Row]:
    ours, plain = out / f"{size}-ours", out / f"{size}-plain"
    write_project(ours, size, seed=1, layout="columns")
    rows: list[Row] = []
    if baseline:
        write_project(plain, size, seed=1, layout="years")
        plain_samples, samples = build_runs([plain, ours], runs)
        rows.append(
            Row(size, "plain mkdocs-material (tuned)", plain_samples, size, size_mb(plain / "site"))
        )
    else:
        [samples] = build_runs([ours], runs)
    rows.append(Row(size, "gongkai build (all checks)", samples, size, size_mb(ours / "site")))
    one = next((ours / "content" / "gfxwj").glob("*.md"))
    for what, target in (("all documents", "content"), ("one document", str(one))):
        for cache in ("cold", "warm"):
            samples = []
            for _ in range(runs):
                if cache == "cold":
                    shutil.rmtree(ours / ".cache", ignore_errors=True)
                samples.append(measure([PY, "-m", "gongkai", "check", target], ours))
            rows.append(Row(size, f"check, {what} ({cache} cache)", samples))
    for what, edit in EDITS.items():
        samples = []
        for run in range(runs):
            one.write_text(edit(one.read_text(encoding="utf-8"), run), encoding="utf-8")
            samples.append(measure([PY, "-m", "gongkai", "check", str(one)], ours))
        rows.append(Row(size, f"check, one document, {what} (warm cache)", samples))
    rows.append(Row(size, "link gate on the built site", [gate_run(ours) for _ in range(runs)]))
    return rows


GATE = """
import resource, sys, time
from pathlib import Path
from gongkai.links.internal import Gate
start = time.perf_counter()
Gate(Path("site"), Path(".")).load().findings()
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def gate_run(project: Path) -> Sample:
    """The gate's own time in-process, as in the build (its share of the build: same run)."""
    out = subprocess.run([PY, "-c", GATE], cwd=project, env=ENV, capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-2000:])
        return Sample(0.0, 0.0, False)
    wall, rss = out.stdout.split()
    return Sample(float(wall), int(rss) / 1024, True)


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "src")], env=ENV, check=True)
    if args.out.exists():  # an earlier run's output: out of the way now, deleted at the end
        old = args.out.with_name(f"{args.out.name}.old-{time.time_ns()}")
        args.out.rename(old)
        TRASH.append(old)
    header = [
        "docs",
        "what",
        "median s",
        "min s",
        "max s",
        "peak RSS MiB",
        "pages/s",
        "site MB",
        "vs baseline",
    ]
    print(f"machine: {machine()}; runs per figure: {args.runs}; date: {time.strftime('%Y-%m-%d')}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    medians: dict[tuple[str, int], float] = {}
    for size in args.sizes:
        for row in bench_size(size, args.runs, not args.no_baseline, args.out):
            medians[row.what.split(" ", 1)[0], size] = row.median
            base = medians.get(("plain", size)) if row.what.startswith("gongkai build") else None
            print("| " + " | ".join(row.cells(base)) + " |", flush=True)
    print()
    for size in args.sizes:
        share = medians[("link", size)] / medians[("gongkai", size)]
        print(f"link gate / our build at {size}: {share:.1%}")
    first, last = args.sizes[0], args.sizes[-1]
    for what in ("plain", "gongkai"):
        if first != last and (what, first) in medians and (what, last) in medians:
            growth = medians[(what, last)] / medians[(what, first)]
            print(f"growth {last}/{first}, {what}: {growth:.1f}")
    for path in TRASH:
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
