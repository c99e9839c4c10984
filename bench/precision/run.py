"""Precision of the document rules on real text, and recall on defects injected into it.

    PYTHONPATH=src .venv/bin/python bench/precision/run.py [--limit N] [--unjudged FILE]

Wraps every text of ../shared/corpus/lawrefbook/ as a document (`wrap.py`), runs the checker on
the whole project in-process (`gongkai.engine.run`, as `check` does), and prints:

1. findings per rule and per 1,000 characters, and the checker's own time per 1,000 characters;
2. precision per rule on the labelled sample: at most `SAMPLE` findings per rule, drawn with a
   fixed seed, judged in `labels.yml` (a drawn finding with no label is counted as unjudged and,
   with --unjudged, written out to be judged);
3. recall on the injected defects of `inject.py` (expected rule on the expected line).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from inject import Defect, write_defects  # noqa: E402
from wrap import TODAY, Wrapped, corpus_texts, write_project  # noqa: E402

from gongkai import engine  # noqa: E402
from gongkai.findings import Finding  # noqa: E402
from gongkai.rules import catalog  # noqa: E402

SAMPLE = 40
SEED = 20
LABELS = HERE / "labels.yml"


@dataclass(frozen=True)
class Found:
    file: str
    line: int
    rule: str
    text: str  # the corpus line around the finding's column

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.rule, self.text)


def excerpt(line: str, column: int) -> str:
    return line[max(0, column - 11) : column + 19].strip()


def located(findings: list[Finding], wrapped: list[Wrapped]) -> list[Found]:
    by_rel = {w.rel: w for w in wrapped}
    texts = {w.rel: (Path("content") / w.rel.removeprefix("content/")) for w in wrapped}
    lines: dict[str, list[str]] = {}
    out = []
    for f in findings:
        w = by_rel.get(f.path)
        if w is None:
            continue
        if f.path not in lines:
            lines[f.path] = texts[f.path].read_text(encoding="utf-8").splitlines()
        text = excerpt(lines[f.path][f.line - 1], f.column)
        out.append(Found(w.source, f.line - w.offset, f.rule, text))
    return out


def sample(found: list[Found]) -> dict[str, list[Found]]:
    by_rule: dict[str, list[Found]] = {}
    for f in sorted(found, key=lambda f: f.key):
        by_rule.setdefault(f.rule, []).append(f)
    # One generator per rule: a rule added or changed leaves the other rules' samples as they were.
    return {
        r: random.Random(f"{SEED}-{r}").sample(fs, min(SAMPLE, len(fs)))
        for r, fs in sorted(by_rule.items())
    }


def load_labels() -> dict[tuple[str, int, str, str], dict[str, object]]:
    rows = yaml.safe_load(LABELS.read_text(encoding="utf-8")) if LABELS.exists() else []
    return {(r["file"], r["line"], r["rule"], r["text"]): r for r in rows or []}


def precision_table(drawn: dict[str, list[Found]], counts: Counter[str]) -> list[Found]:
    labels = load_labels()
    unjudged = []
    print("\n| rule | fired | sampled | true | false | unjudged | precision | target |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for rule_id, fs in drawn.items():
        marks = [labels[f.key]["true"] if f.key in labels else None for f in fs]
        unjudged += [f for f, m in zip(fs, marks, strict=True) if m is None]
        true, false = marks.count(True), marks.count(False)
        share = f"{100 * true / (true + false):.1f} %" if true + false else "–"
        target = "99 %" if rule_id.startswith("GK21") else "95 %"
        row = [rule_id, counts[rule_id], len(fs), true, false, marks.count(None), share, target]
        print("| " + " | ".join(map(str, row)) + " |")
    return unjudged


def recall_table(findings: list[Finding], defects: list[Defect]) -> None:
    got = {(f.path, f.line, f.rule) for f in findings}
    print("\n| defect | rule | line | found |")
    print("| --- | --- | --- | --- |")
    caught = 0
    for d in defects:
        ok = (d.rel, d.line, d.rule) in got
        caught += ok
        print(f"| {d.name} | {d.rule} | {d.line} | {'yes' if ok else 'NO'} |")
    print(f"\nrecall: {caught}/{len(defects)} = {100 * caught / len(defects):.1f} %")
    expected = {(d.rel, d.line) for d in defects}
    stray = [
        f
        for f in findings
        if f.path.startswith("content/ghjh/i") and (f.path, f.line) not in expected
    ]
    print(f"findings elsewhere in the injected documents (host paragraphs): {len(stray)}")
    for f in stray:
        print("  " + f.text())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N texts")
    ap.add_argument("--unjudged", type=Path, help="write the drawn findings without a label here")
    args = ap.parse_args()
    os.environ["GONGKAI_TODAY"] = TODAY
    texts = corpus_texts()[: args.limit or None]
    document_rules = {r.id for r in catalog.by_scope("document")}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        wrapped = write_project(root, texts)
        defects = write_defects(root, texts)
        os.chdir(root)
        start = time.perf_counter()
        site = engine.run(root)
        seconds = time.perf_counter() - start
        findings = [f for f in site.findings if f.rule in document_rules]
        found = located(findings, wrapped)
    chars = sum(w.chars for w in wrapped)
    counts = Counter(f.rule for f in found)
    print(f"{len(wrapped)} texts, {chars:,} characters; checker {seconds:.1f} s ", end="")
    print(f"({1000 * seconds / chars * 1000:.2f} ms per 1,000 characters, injected texts included)")
    print("\n| rule | findings | per 1,000 characters |")
    print("| --- | --- | --- |")
    for rule_id, n in sorted(counts.items()):
        print(f"| {rule_id} | {n} | {1000 * n / chars:.4f} |")
    unjudged = precision_table(sample(found), counts)
    recall_table(findings, defects)
    if args.unjudged:
        rows = [{**f.__dict__, "true": None, "why": ""} for f in unjudged]
        args.unjudged.write_text(yaml.safe_dump(rows, allow_unicode=True, sort_keys=False), "utf-8")


if __name__ == "__main__":
    main()
