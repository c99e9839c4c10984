"""`python -m gongkai links [--external] SITE_DIR`: the link gate and the external check."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from gongkai import engine
from gongkai.config.context import today_from_env
from gongkai.config.settings import ConfigError, find_root
from gongkai.findings import Finding, Severity, format_json, format_text, has_errors
from gongkai.links import EXTERNAL_CACHE

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2
FORMATS = ["text", "json", "markdown"]


def register(sub: Any) -> None:
    p = sub.add_parser("links", help="检查构建好的网站里的链接（--external：检查站外链接）")
    p.add_argument("site_dir", help="构建好的网站目录，如 site/")
    p.add_argument("--external", action="store_true", help="检查站外链接（联网，较慢）")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--output", help="报告写入该文件（默认打印）")
    p.add_argument("--timeout", type=int, default=20, help="站外链接每次请求的超时秒数")
    p.add_argument("--retries", type=int, default=2, help="站外链接失败后的重试次数")
    p.add_argument("--interval", default="500ms", help="同一网站两次请求的最小间隔，如 500ms、1s")
    p.add_argument("--max-age", type=int, default=7, help="多少天内检查正常的网址不再重复检查")
    p.add_argument("--cache", help=f"缓存文件（默认 项目目录/{EXTERNAL_CACHE}）")
    p.set_defaults(func=run)


def _project(site_dir: Path) -> tuple[Path, Any]:
    """The project root and its checked site index, or (cwd, None) for a bare site folder."""
    for start in (site_dir, Path.cwd()):
        try:
            root = find_root(start)
        except ConfigError:
            continue
        return root, engine.run(root)
    return Path.cwd(), None


def run(args: argparse.Namespace) -> int:
    from gongkai.links import external  # imported when run: `check` need not load them
    from gongkai.links.internal import Gate

    site_dir = Path(args.site_dir)
    if not (site_dir / "index.html").is_file():
        print(
            f"gongkai: {site_dir} 不是构建好的网站（没有 index.html）：请先运行 mkdocs build",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN
    root, site = _project(site_dir)
    gate = Gate(site_dir, root, site).load()
    if not args.external:
        found = gate.findings()
        _emit(args, found, {"pages": len(gate.pages)})
        return EXIT_FINDINGS if has_errors(found) else EXIT_OK
    opts = external.Options(
        timeout=args.timeout,
        retries=args.retries,
        host_interval=args.interval,
        max_age=args.max_age,
        progress=sys.stderr.isatty(),
    )
    try:
        report = external.check(
            gate, root, opts, today_from_env(), Path(args.cache) if args.cache else None
        )
    except external.CannotRun as e:
        print(f"gongkai: 站外链接检查无法运行：{e}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    found = report.findings()
    _emit(args, found, report.counts())
    return EXIT_FINDINGS if has_errors(found) else EXIT_OK


def _emit(args: argparse.Namespace, found: list[Finding], counts: dict[str, int]) -> None:
    if args.format == "json":
        out = json.dumps({"summary": counts, "pages": by_page(found)}, ensure_ascii=False, indent=2)
        out += "\n"
    elif args.format == "markdown":
        out = markdown(found, counts, args.external)
    else:
        out = format_text(found)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    errors = sum(f.severity is Severity.ERROR for f in found)
    summary = "、".join(f"{k} {v}" for k, v in counts.items())
    print(f"链接检查（{summary}）：{errors} 个错误，{len(found) - errors} 个提示", file=sys.stderr)


def by_page(found: list[Finding]) -> list[dict[str, Any]]:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in found:
        groups[f.path].append(f)
    return [
        {"page": p, "findings": json.loads(format_json(fs))} for p, fs in sorted(groups.items())
    ]


def markdown(found: list[Finding], counts: dict[str, int], is_external: bool) -> str:
    title = "站外链接检查报告" if is_external else "站内链接检查报告"
    lines = [f"# {title}", "", " · ".join(f"{k}: {v}" for k, v in counts.items()), ""]
    if not found:
        lines.append("没有发现问题。")
    for group in by_page(found):
        lines += [
            f"## `{group['page']}`",
            "",
            "| 行 | 规则 | 级别 | 问题与改法 |",
            "| --- | --- | --- | --- |",
        ]
        for f in group["findings"]:
            message = f["message"].replace("|", "\\|")
            lines.append(f"| {f['line']} | {f['rule']} | {f['severity']} | {message} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
