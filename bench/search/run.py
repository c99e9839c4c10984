"""Search benchmark: Material's lunr search (jieba) against Pagefind, in real Chromium; and the
site's search page (Pagefind with the synonyms of src/gongkai/data/synonyms.yml).

    .venv/bin/python bench/search/run.py [--docs 2000] [--out bench/out/search]

Builds the example content and a synthetic corpus (bench/gen_corpus.py) once each, with Material's
search plugin switched on for the run so that both indexes sit in one site, then measures for each
engine: recall@10 over bench/search/queries.yml (example) and over queries drawn from the corpus
(its 发文字号, 索引号, a title infix), and the bytes the browser fetches for the first query of a
fresh visitor (raw as served, and gzip-compressed as a gzip-enabled server would send them).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import random
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from browser import chromium, serve, site_path  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402

BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
# not strict: a synthetic corpus may trip rules newer than its generator; those pages are withheld
cfg = load_config(
    sys.argv[1], site_dir=sys.argv[2], strict=False, plugins=[{"search": {"lang": "zh"}}]
)
cfg.plugins.on_startup(command="build", dirty=False)
build(cfg)
"""


def build(root: Path, site: Path) -> None:
    env = {**os.environ, "GONGKAI_TODAY": "2026-11-26", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-c", BUILD, str(root / "mkdocs.yml"), str(site)],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def page_texts(site: Path) -> dict[str, str]:
    """URL path → visible text of every published document page (from catalogue.json)."""
    out = {}
    for row in json.loads((site / "catalogue.json").read_text(encoding="utf-8")):
        html = (site / row["url"] / "index.html").read_text(encoding="utf-8")
        body = html[html.find("<article") : html.find("</article>")]
        text = unescape(re.sub(r"<[^>]+>", "", body))
        out["/" + row["url"]] = re.sub(r"\s+", "", text)
    return out


SYNONYMS = yaml.safe_load((REPO / "src/gongkai/data/synonyms.yml").read_text(encoding="utf-8"))


def terms(q: str) -> set[str]:
    """The query and, for each synonym group it contains a word of, the query with the others."""
    out = {q}
    for group in SYNONYMS["groups"]:
        for word in (w for w in group if w in q):
            out |= {q.replace(word, other) for other in group}
    return out


def relevant(texts: dict[str, str], q: str, kind: str) -> set[str]:
    needles = {re.sub(r"\s+", "", t) for t in (terms(q) if kind == "synonym" else {q})}
    return {url for url, text in texts.items() if any(n in text for n in needles)}


def material(page: Page, base: str, q: str) -> list[str]:
    page.goto(base + "search/?q=")  # any page carries Material's search box
    page.fill(".md-search__input", q)
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta')"
        " && !/输入|Type|正在/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=60000,  # a 22 MB lunr index on a shared 2-core machine
    )
    page.wait_for_timeout(150)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "as => as.map(a => a.href)"
    )
    urls: list[str] = []
    for h in hrefs:
        path = site_path(h)
        if path not in urls:
            urls.append(path)
    return urls[:10]


def pagefind(page: Page, base: str, q: str) -> list[str]:
    if not page.url.startswith(base):
        page.goto(base)
    urls = page.evaluate(
        """async ([q, base]) => { const pf = await import(base + 'pagefind/pagefind.js');
        const r = await pf.search(q); const d = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
        return d.map(x => x.url); }""",
        [q, base],
    )
    return [site_path(urljoin(base, u)) for u in urls]


def search_page(page: Page, base: str, q: str) -> list[str]:
    """The site's own search page, as a reader uses it: Pagefind plus synonyms."""
    page.goto(base + "search/?q=" + quote(q))
    page.wait_for_function(
        "() => /^(找到|没有找到)/.test(document.getElementById('gk-search-status').textContent)",
        timeout=60000,  # a 22 MB lunr index on a shared 2-core machine
    )
    hrefs = page.eval_on_selector_all(
        "#gk-results .gk-result__title a", "as => as.map(a => a.href)"
    )
    return [site_path(h) for h in hrefs[:10]]


ENGINES = {
    "Material + jieba (lunr)": material,
    "Pagefind (extended)": pagefind,
    "search page (Pagefind + synonyms)": search_page,
}
FETCHED = {
    "Material + jieba (lunr)": ("/search/search_index.json", "/workers/", "/lunr/"),
    "Pagefind (extended)": ("/pagefind/",),
    "search page (Pagefind + synonyms)": ("/pagefind/",),
}


def first_query_bytes(browser: Browser, base: str, engine: str, q: str) -> tuple[int, int]:
    context = browser.new_context()
    page = context.new_page()
    bodies: list[bytes] = []

    def keep(response: Any) -> None:
        if any(part in urlsplit(response.url).path for part in FETCHED[engine]):
            # a redirect or an aborted request carries no body
            with contextlib.suppress(Exception):
                bodies.append(response.body())

    page.on("response", keep)
    ENGINES[engine](page, base, q)
    page.wait_for_timeout(500)
    context.close()
    return sum(map(len, bodies)), sum(len(gzip.compress(b)) for b in bodies)


def recall(found: list[str], rel: set[str]) -> float:
    return len(set(found[:10]) & rel) / min(10, len(rel)) if rel else 1.0


def measure(browser: Browser, site: Path, queries: list[dict[str, str]]) -> dict[str, Any]:
    texts = page_texts(site)
    result: dict[str, Any] = {"pages": len(texts), "queries": len(queries), "engines": {}}
    with serve(site) as base:
        for engine, run in ENGINES.items():
            page = browser.new_page()
            by_kind: dict[str, list[float]] = {}
            misses = []
            for item in queries:
                rel = relevant(texts, item["q"], item["kind"])
                r = recall(run(page, base, item["q"]), rel)
                by_kind.setdefault(item["kind"], []).append(r)
                if r < 1:
                    misses.append(f"{item['q']} ({r:.2f})")
            page.close()
            raw, gz = first_query_bytes(browser, base, engine, queries[0]["q"])
            every = [r for rs in by_kind.values() for r in rs]
            result["engines"][engine] = {
                "recall@10": round(sum(every) / len(every), 3),
                "by_kind": {k: round(sum(v) / len(v), 3) for k, v in by_kind.items()},
                "first_query_bytes": raw,
                "first_query_bytes_gzip": gz,
                "misses": misses,
            }
    return result


def corpus_queries(site: Path, count: int, seed: int = 1) -> list[dict[str, str]]:
    rows = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    out = []
    for row in rng.sample(rows, count):
        if row.get("doc_no"):
            out.append({"q": row["doc_no"], "kind": "doc_no"})
        out.append({"q": row["index_no"], "kind": "index_no"})
        title = row["title"]
        start = rng.randrange(1, max(2, len(title) - 4))
        out.append({"q": title[start : start + 4], "kind": "infix"})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic corpus; 0: example only")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "search")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    queries = yaml.safe_load((Path(__file__).parent / "queries.yml").read_text(encoding="utf-8"))
    build(REPO, args.out / "example-site")
    with chromium() as browser:
        report = {"example": measure(browser, args.out / "example-site", queries["queries"])}
    if args.docs:
        report["synthetic"] = synthetic(args.out, args.docs)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    (args.out / "report.json").write_text(text, encoding="utf-8")
    print(text)


def synthetic(out: Path, docs: int) -> dict[str, Any]:
    corpus = out / f"corpus-{docs}"
    if not (corpus / "mkdocs.yml").is_file():
        subprocess.run(
            [
                sys.executable,
                str(REPO / "bench" / "gen_corpus.py"),
                str(corpus),
                "--docs",
                str(docs),
            ],
            check=True,
        )
    build(corpus, out / "corpus-site")
    with chromium() as browser:
        return measure(browser, out / "corpus-site", corpus_queries(out / "corpus-site", 20))


if __name__ == "__main__":
    main()
