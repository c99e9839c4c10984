"""`python -m gongkai check|explain|rules|serve|review|…`: the editors' door into the engine."""

from __future__ import annotations

import argparse
import gc
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from gongkai import engine
from gongkai.config.settings import ConfigError, find_root, invocation
from gongkai.content import schema as schema_command
from gongkai.content.site import Site
from gongkai.editor import edit as edit_command
from gongkai.editor import fix
from gongkai.editor import new as new_command
from gongkai.editor import review as review_command
from gongkai.findings import Finding, Severity, format_github, format_json, format_text, has_errors
from gongkai.links import written
from gongkai.pages import generated
from gongkai.rules import catalog

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


_ARGPARSE_ERRORS = [  # argparse's own messages (Python 3.11+), in the order they nest
    (r"argument (.+?): (.*)", "参数 {0}：{1}"),
    (r"the following arguments are required: (.*)", "缺少必需的参数：{0}"),
    (r"invalid choice: '(.*?)' \(choose from (.*)\)", "“{0}”不是可选的值：可选 {1}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"expected one argument", "后面需要写一个值"),
    (r"expected at most one argument", "后面最多写一个值"),
    (r"expected at least one argument", "后面至少写一个值"),
    (r"expected (\d+) arguments?", "后面需要写 {0} 个值"),
    (r"invalid (\w+) value: '(.*)'", "“{1}”不是有效的值（应为 {0}）"),
    (r"ambiguous option: (.*) could match (.*)", "选项 {0} 有歧义，可能是 {1}"),
    (r"not allowed with argument (.*)", "不能与 {0} 同时使用"),
    (r"one of the arguments (.*) is required", "{0} 必须给出其中一个"),
    (r"ignored explicit argument '(.*)'", "多余的值“{0}”"),
]
_TYPE_NAMES = {"int": "整数", "float": "数字"}


def translate_error(message: str) -> str:
    """argparse's English error text in Chinese; text it does not know is left as it is."""
    for pattern, chinese in _ARGPARSE_ERRORS:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            parts = [_TYPE_NAMES.get(g, g) for g in m.groups()]
            if pattern.startswith("argument"):
                parts[1] = translate_error(parts[1])
            if pattern.startswith("invalid choice"):
                parts[1] = parts[1].replace("'", "").replace(", ", "、")
            return chinese.format(*parts)
    return message


class ChineseFormatter(argparse.RawDescriptionHelpFormatter):
    """Help in Chinese: the usage prefix and the headings' colon (the titles and -h are set by
    `ChineseParser`)."""

    def format_help(self) -> str:
        return re.sub(r"^(\S+):$", r"\1：", super().format_help(), flags=re.M)

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """An argparse parser whose every text is Chinese; every subparser is one too."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("choices") and not kwargs.get("help"):  # e.g. a --format given no help
            default = f"（默认 {kwargs['default']}）" if kwargs.get("default") else ""
            kwargs["help"] = f"可选 {'、'.join(map(str, kwargs['choices']))}{default}"
        return super().add_argument(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> argparse._SubParsersAction:
        kwargs.setdefault("title", "子命令")
        kwargs.setdefault("metavar", "<子命令>")
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:  # argparse exits 2 too; say it in Chinese
        self.exit(
            EXIT_CANNOT_RUN,
            f"gongkai: 参数错误：{translate_error(message)}（用 {self.prog} --help 查看用法）\n",
        )


def _check(args: argparse.Namespace) -> int:
    # One pass over everything, then exit: what the run makes lives to its end, so the cyclic
    # collector would only walk it again and again (a third of the time of the cache's save and
    # the link checks at 10,000 documents); memory comes back when the process ends.
    gc.disable()
    paths = [Path(p) for p in args.paths]
    root = find_root(paths[0] if paths else Path.cwd())
    if args.fix:
        fix.run(root, paths)  # prints what it changed; the check below reports what is left
    site = engine.run(root, paths)
    written.add(site, generated(site.ctx.config))  # the links, as the build will find them
    found = engine.select(site, paths)
    out = format_json(found) if args.format == "json" else format_text(found)
    if args.format == "github":  # annotations on the changed lines in a pull request
        out = format_github(found)
    sys.stdout.write(out)
    if args.format == "text":
        print(summary(site, found, paths), file=sys.stderr)
    return EXIT_FINDINGS if has_errors(found) else EXIT_OK


LISTED = 5  # withheld documents named in the summary; the rest are counted


def summary(site: Site, found: list[Finding], paths: list[Path]) -> str:
    """检查了 N 篇文档：E 个错误，W 个警告，I 个提示；可发布 P 篇，不发布 K 篇：a.md（原因）…"""
    count = Counter(f.severity for f in found)
    docs = engine.concerned(site, paths)
    withheld = engine.withheld(site, docs)
    line = (
        f"检查了 {len(docs)} 篇文档：{count[Severity.ERROR]} 个错误，"
        f"{count[Severity.WARNING]} 个警告，{count[Severity.INFO]} 个提示；"
        f"可发布 {len(docs) - len(withheld)} 篇"
    )
    if withheld:
        titles = catalog.load_all()
        named = [f"{rel}（{titles[f.rule].title}）" for rel, f in list(withheld.items())[:LISTED]]
        more = f"等 {len(withheld)} 篇" if len(withheld) > LISTED else ""
        line += f"，不发布 {len(withheld)} 篇：{'、'.join(named)}{more}"
    return line


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


MANUAL = """\
常用步骤：
  new --column 规范性文件 --title "……"   新建一篇文档，填写标有“必填”的字段和正文
  check content/gfxwj/……md              检查这篇文档，直到没有错误
  check --fix content                   自动修正标点、空格、发文字号括号等，再检查全部文档
  explain GK017                         说明一条规则：为什么、错误示例、正确示例
  new --ledger 2026                     建立 2026 年依申请公开台账和年报文字
  report annual --year 2026             由台账生成年度报告

每个子命令的用法：在子命令后加 --help，如 check --help。
退出状态：0 没有错误，1 有错误，2 命令无法运行（参数或配置有误）。
编辑指南：docs/编辑指南.md。
"""


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog=invocation(Path.cwd()), description="政府信息公开专栏：检查与生成工具", epilog=MANUAL
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查文档（默认检查整个 content/）")
    check.add_argument(
        "paths", nargs="*", metavar="路径", help="要报告的文件或目录；站点级检查总是读取全部文档"
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="先自动修正标点、空格、发文字号括号等（正文和元数据中），再检查",
    )
    check.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="输出格式：text 每条一行（默认），json 供程序读取，github 在拉取请求中标注到行",
    )
    check.set_defaults(func=_check)
    explain = sub.add_parser("explain", help="说明一条规则：为什么、错误示例、正确示例")
    explain.add_argument("rule", metavar="规则编号", help="规则编号，如 GK015")
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
    review_command.register(sub)
    edit_command.register(sub)
    schema_command.register(sub)
    from gongkai.links import command as links_command

    links_command.register(sub)
    from gongkai.verify import command as verify_command

    verify_command.register(sub)
    report = sub.add_parser("report", help="编辑报告")
    reports = report.add_subparsers(dest="report", required=True, metavar="报告")
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
