"""Registry coverage: how many national-law citations of real texts resolve to a registry entry.

    .venv/bin/python bench/precision/registry_coverage.py [../shared/corpus/lawrefbook]

Each text is read as a document body, with the checker's own scanner (`gongkai.rules.law_names`):
comments, code and URLs are no citations, Hong Kong/Macao/Taiwan ordinances are left out, defined
short forms and a bare 《条例》 are resolved. A national-law citation is one that scanner calls
law-like (`looks_like_law`: 《…法》 or 《…条例》, not 办法, not a draft, not a province's or city's)
outside the 题注 (the version history above `<!-- INFO END -->`). It resolves when the packaged
registry finds its full title or its name.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from gongkai.content.document import Document
from gongkai.registry.laws import load, packaged_path
from gongkai.rules.law_names import doc_citations, looks_like_law

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "lawrefbook"


def _document(text: str) -> Document:
    body = text.split("<!-- INFO END -->", 1)[-1]
    text = "---\n---\n" + body
    return Document(Path("x.md"), "x.md", "x.md", None, text=text, body=body, body_line=3)


def main(corpus: Path) -> None:
    start = time.perf_counter()
    registry = load(packaged_path())
    loaded = time.perf_counter() - start
    cited = resolved = 0
    missing: Counter[str] = Counter()
    files = sorted(p for p in corpus.rglob("*.md") if p.name != "_index.md")
    for path in files:
        for cite in doc_citations(_document(path.read_text(encoding="utf-8"))):
            if not looks_like_law(cite.name):
                continue
            cited += 1
            if registry.find(cite.title) or registry.find(cite.name):
                resolved += 1
            else:
                missing[cite.name] += 1
    print("| texts | national-law citations | resolved | share | registry entries | load |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(
        f"| {len(files)} | {cited} | {resolved} | {resolved / cited:.1%} | "
        f"{len(registry.entries)} | {loaded * 1000:.0f} ms |"
    )
    print("\nMost cited names that do not resolve:")
    for name, n in missing.most_common(15):
        print(f"- {n} 《{name}》")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
