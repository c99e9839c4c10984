"""`python -m gongkai check|explain|rules|serve|…`: the editors' door into the engine."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from gongkai import engine
from gongkai.config.settings import ConfigError, find_root
from gongkai.content import schema as schema_command
from gongkai.editor import edit as edit_command
from gongkai.editor import fix
from gongkai.editor import new as new_command
from gongkai.findings import format_github, format_json, format_text, has_errors
from gongkai.rules import catalog

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; say it in Chinese
        self.exit(EXIT_CANNOT_RUN, f"gongkai: 参数错误：{message}（用 --help 查看用法）\n")


def _check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    root = find_root(paths[0] if paths else Path.cwd())
    if args.fix:
        fix.run(root, paths)  # prints what it changed; the check below reports what is left
    site = engine.run(root, paths)
    found = engine.select(site, paths)
    out = format_json(found) if args.format == "json" else format_text(found)
    if args.format == "github":  # annotations on the changed lines in a pull request
        out = format_github(found)
    sys.stdout.write(out)
    if args.format == "text":
        errors = sum(f.severity == "error" for f in found)
        summary = (
            f"检查了 {len(site.checked)} 篇文档：{errors} 个错误，{len(found) - errors} 个提示"
        )
        if not paths:
            withheld = len(site.valid_docs) - len(site.published)
            summary += f"；{len(site.published)} 篇可发布，{withheld} 篇不发布"
        print(summary, file=sys.stderr)
    return EXIT_FINDINGS if has_errors(found) else EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    registry = catalog.load_all()
    rule = registry.get(args.rule.upper())
    if rule is None:
        print(
            f"gongkai: 没有规则 {args.rule}：用 python -m gongkai rules 列出全部规则",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN
    print(f"{rule.id} {rule.title}（{rule.family}，默认级别 {rule.severity}）\n")
    print(rule.doc)
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    for r in sorted(catalog.load_all().values(), key=lambda r: r.id):
        fix = "可自动修正" if r.fixable else ""
        print(f"{r.id}\t{r.family}\t{r.severity}\t{r.title}\t{fix}".rstrip())
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from gongkai.build import preview

    preview.serve(find_root(Path.cwd()), args.host, args.port)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m gongkai", description="政府信息公开专栏：检查与生成工具")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="检查文档（默认检查整个 content/）")
    check.add_argument("paths", nargs="*", help="要报告的文件或目录；站点级检查总是读取全部文档")
    check.add_argument("--fix", action="store_true", help="先自动修正标点、空格等排版问题")
    check.add_argument("--format", choices=["text", "json", "github"], default="text")
    check.set_defaults(func=_check)
    explain = sub.add_parser("explain", help="说明一条规则：为什么、错误示例、正确示例")
    explain.add_argument("rule", help="规则编号，如 GK015")
    explain.set_defaults(func=_explain)
    listing = sub.add_parser("rules", help="列出全部规则")
    listing.set_defaults(func=_rules)
    serve = sub.add_parser(
        "serve", help="本地预览：保存即刷新，问题显示在页面顶部，不发布的文档也显示"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只供本机访问）"
    )
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.set_defaults(func=_serve)
    from gongkai.ledger import fees

    fees.add_parser(sub)
    new_command.register(sub)
    edit_command.register(sub)
    schema_command.register(sub)
    from gongkai.links import command as links_command

    links_command.register(sub)
    report = sub.add_parser("report", help="编辑报告")
    reports = report.add_subparsers(dest="report", required=True, parser_class=_Parser)
    from gongkai.registry import importer as registry_import
    from gongkai.reports import add_all as add_reports

    add_reports(reports)  # every gongkai/reports/<name>.py with add_parser(reports) is a report
    registry_import.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as e:
        print(f"gongkai: {e}", file=sys.stderr)
        return EXIT_CANNOT_RUN
