"""The preview (`python -m gongkai serve`): MkDocs' own server and livereload, a build that never
stops on a finding, and every finding shown on the page it concerns.

Preview mode is switched on only by `serve`, in its own process: `mkdocs build`, `make site` and
CI never see it. MkDocs builds the preview into a temporary folder; `Build.start` refuses a
preview built inside the project, so no preview page can reach `site/`.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup

from gongkai.config.settings import ConfigError
from gongkai.findings import Finding, Severity
from gongkai.rules import catalog
from gongkai.rules.disclosure import blocks_publication

# Where main.html puts a page's notes in preview mode; filled once the link gate has run.
NOTES_MARK = "<!-- gongkai-preview-notes -->"
SITE_LEVEL = "index.html"  # findings on no page (gongkai.yml, ledgers) go on the home page
_SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告"}

_serving = False


def active() -> bool:
    """True in the process of `python -m gongkai serve` only."""
    return _serving


UNSAFE = "GK220"  # a body whose HTML could run code: the preview shows it as written


def as_written(markdown: str) -> str:
    """A body shown as its source, in a code block: the preview renders no HTML that the build
    refuses (there is no CSP on the editor's own machine to stop it running)."""
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", markdown))])
    return (
        "预览不按排版显示本文档的正文：正文中有不允许的 HTML（GK220），下面是原文。\n\n"
        f"{fence}text\n{markdown.rstrip()}\n{fence}\n"
    )


class _AsCheck(logging.Formatter):
    """Each message as it is, so that a finding is the very line `check` prints."""

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage().removeprefix("gongkai: ")


def serve(root: Path, host: str, port: int) -> None:
    """Serve the preview of the project at `root` on http://host:port until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    global _serving
    _serving = True
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_AsCheck())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    watched = [root / "gongkai.yml", root / "ledger", root / "regulations.yml"]
    try:
        mkdocs_serve(
            config_file=str(root / "mkdocs.yml"),
            strict=False,
            dev_addr=f"{host}:{port}",
            watch=[str(p) for p in watched if p.exists()],
        )
    except MkDocsException as e:  # gongkai.yml or mkdocs.yml cannot be used: nothing to serve
        raise ConfigError(f"无法预览：{e}") from None
    except OSError as e:
        raise ConfigError(
            f"无法在 {host}:{port} 上预览：{e.strerror}（换一个端口，如 --port {port + 1}）"
        ) from None


def notes(
    findings: Iterable[Finding], withheld: set[str], pages: dict[str, str], site_dir: Path
) -> dict[str, Markup]:
    """dest path of each page → the banner and finding box shown at its top.

    `pages` maps a repo-relative source path to its page; `withheld` holds the source paths the
    gate keeps out of the site. The box lists errors and warnings; notes stay in the terminal.
    """
    shown: dict[str, list[Finding]] = {}
    gate: dict[str, list[Finding]] = {}
    for f in findings:
        dest = _page_of(f.path, pages, site_dir)
        if f.path in withheld and blocks_publication(f):
            gate.setdefault(dest, []).append(f)  # in the banner, not again in the box
        elif f.severity in _SEVERITY:
            shown.setdefault(dest, []).append(f)
    for path in withheld:
        gate.setdefault(pages[path], [])
    empty = Markup("")
    return {
        dest: (_banner(gate[dest]) if dest in gate else empty)
        + (_box(shown[dest]) if dest in shown else empty)
        for dest in shown.keys() | gate.keys()
    }


def _page_of(path: str, pages: dict[str, str], site_dir: Path) -> str:
    """The page a finding is shown on: its document's, its column's listing, the built page the
    link gate read, or the home page."""
    for source in (path, path + "index.md"):
        if source in pages:
            return pages[source]
    try:
        return Path(path).relative_to(site_dir).as_posix()
    except ValueError:
        return SITE_LEVEL


def _banner(reasons: list[Finding]) -> Markup:
    items = Markup("").join(
        Markup("<li>{} {}：{}</li>").format(f.rule, catalog.get(f.rule).title, f.message)
        for f in reasons
    )
    return Markup(
        '<div class="gk-preview-withheld" role="note"><p><strong>本文档不会发布。</strong>'
        "预览照常显示它，但发布检查不让它进入网站：</p><ul>{}</ul></div>"
    ).format(items)


def _box(found: list[Finding]) -> Markup:
    errors = sum(f.severity is Severity.ERROR for f in found)
    items = Markup("").join(
        Markup("<li>{} 第 {} 行：{} {} {}</li>").format(
            f.path, f.line, f.rule, _SEVERITY[f.severity], f.message
        )
        for f in found
    )
    return Markup(
        '<div class="gk-preview-findings" role="alert"><p><strong>检查发现 {} 个问题'
        "（{} 个错误，{} 个警告）</strong>：改正并保存后，本页自动刷新。</p><ul>{}</ul></div>"
    ).format(len(found), errors, len(found) - errors, items)


def write_notes(site_dir: Path, page_notes: dict[str, Markup]) -> None:
    """Put each page's notes where main.html marked their place."""
    for dest, html in page_notes.items():
        path = site_dir / dest
        if html and path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(NOTES_MARK, html, 1), encoding="utf-8")
