"""`check --fix`: apply every safe, mechanical GK3xx fix in place, and say what changed.

Only hits that carry a replacement are applied (punctuation width, spacing, leading zeros,
brackets of 发文字号, doubled punctuation); everything else is left for the editor. Fixes never
touch code, URLs, link targets or front-matter keys (they are masked in the prose), never add or
remove a line, and are repeated until nothing changes, so a second run changes nothing.

The front matter's prose values (`title`, …) are part of the prose already; `doc_no`, which the
text rules leave to GK017, gets the same fixes when it is a plain one-line value, and a full-width
colon after a key becomes “: ” (GK004).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from gongkai.config.settings import ConfigError, load_config
from gongkai.content import directives
from gongkai.content.document import Document
from gongkai.content.text import Prose, markdown_prose, offset_of_line, plain_prose
from gongkai.rules import catalog
from gongkai.rules.scanners import Hit
from gongkai.rules.typography import FIXERS

MAX_PASSES = 5
Silenced = Callable[[str, tuple[int, int]], bool]


@dataclass(frozen=True)
class Change:
    rule: str
    line: int
    column: int
    message: str

    def text(self, path: str) -> str:
        return f"{path}:{self.line}:{self.column}: {self.rule} 已修正：{self.message}"


def _never(rule: str, at: tuple[int, int]) -> bool:
    return False


def _chosen(prose: Prose, silenced: Silenced) -> list[tuple[str, Hit]]:
    hits = sorted(
        (
            (rule_id, h)
            for rule_id, scan in FIXERS.items()
            for h in scan(prose)
            if h.replacement is not None and not silenced(rule_id, prose.position(h.report_at))
        ),
        key=lambda rh: (rh[1].start, rh[1].end),
    )
    chosen: list[tuple[str, Hit]] = []
    end = -1
    for rule_id, h in hits:
        if h.start >= end:  # overlapping hits wait for the next pass
            chosen.append((rule_id, h))
            end = h.end
    return chosen


def fix_text(
    text: str, prose_of: Callable[[str], Prose], silenced: Silenced = _never
) -> tuple[str, list[Change]]:
    """The text with all safe fixes applied, and the changes in the order they were found."""
    changes: list[Change] = []
    for _ in range(MAX_PASSES):
        prose = prose_of(text)
        chosen = _chosen(prose, silenced)
        if not chosen:
            break
        for rule_id, h in chosen:
            line, col = prose.position(h.report_at)
            changes.append(Change(rule_id, line, col, h.message))
        for _, h in reversed(chosen):
            text = text[: h.start] + (h.replacement or "") + text[h.end :]
    return text, changes


def body_line(text: str) -> int:
    """The file line where the Markdown body starts (1 when there is no front matter)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return 1
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return i + 2
    return 1


def prose_maker(path: Path, text: str) -> Callable[[str], Prose]:
    if path.suffix.lower() == ".txt":
        return plain_prose
    start_line = body_line(text)
    return lambda t: markdown_prose(t, offset_of_line(t, start_line))


def directive_silencer(path: Path, text: str) -> Silenced:
    """The spans switched off by `<!-- gongkai-disable … -->` stay as they are."""
    if "gongkai-" not in text:
        return _never
    doc = Document(path=path, rel="", src_uri="", column=None, text=text, body_line=body_line(text))
    spans = directives.spans(doc, catalog.load_all()).silenced
    return lambda rule, at: any(a <= at <= b for a, b in spans.get(rule, ()))


# `doc_no: value` on one line, the value plain (not quoted, no flow, no comment after it)
_DOC_NO = re.compile(r"^(doc_no):[ \t]+(?![\"'\[{|>&*!])([^#\n]*?)[ \t]*$")
_WIDE_COLON = re.compile(r"^(\s*[A-Za-z_]+)[ \t]*：[ \t]*")


def _fix_front_line(number: int, line: str) -> tuple[str, list[Change]]:
    wide = _WIDE_COLON.match(line)
    if wide:
        message = f"字段名 {wide.group(1).strip()} 后的全角冒号“：”改为“: ”"
        return _WIDE_COLON.sub(r"\1: ", line, count=1), [
            Change("GK004", number, wide.end(1) + 1, message)
        ]
    m = _DOC_NO.match(line)
    if not m:
        return line, []
    value, changes = fix_text(m.group(2), plain_prose)
    shifted = [Change(c.rule, number, m.start(2) + c.column, c.message) for c in changes]
    return line[: m.start(2)] + value + line[m.end(2) :], shifted


def fix_front_matter(text: str) -> tuple[str, list[Change]]:
    """The front matter with `doc_no` fixed, and a full-width colon after a key."""
    lines = text.split("\n")
    end = body_line(text) - 2  # the closing `---`; 1 - 2 < 1 when there is no front matter
    changes: list[Change] = []
    for i in range(1, max(end, 1)):
        lines[i], found = _fix_front_line(i + 1, lines[i])
        changes += found
    return "\n".join(lines), changes


def fix_file(path: Path) -> list[Change]:
    """Fix one Markdown or text file in place; return what changed.

    A file that cannot be read as UTF-8 text is left as it is: the check that follows names it
    (GK001), and nothing is guessed about its encoding.
    """
    try:
        if not path.is_file():  # a FIFO or a device: reading it would never end
            return []
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    front: list[Change] = []
    if path.suffix.lower() == ".md":
        text, front = fix_front_matter(text)
    fixed, changes = fix_text(text, prose_maker(path, text), directive_silencer(path, text))
    changes = front + changes
    if changes:
        path.write_text(fixed, encoding="utf-8")
    return changes


def files_under(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.md") if q.is_file()))
        elif p.suffix.lower() in (".md", ".txt"):
            out.append(p)
    return out


def run(root: Path, paths: list[Path]) -> int:
    """Fix the given files and folders (all of content/ when none); print each change."""
    for p in paths:
        if not p.exists():
            raise ConfigError(f"{p}: 文件或目录不存在")
    targets = files_under(paths or [load_config(root).docs_path])
    count = 0
    for path in targets:
        resolved = path.resolve()
        if path.is_symlink() and not resolved.is_relative_to(root):
            continue  # never written through a link that leaves the project (GK001 names it)
        shown = (
            resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(path)
        )
        for change in fix_file(path):
            print(change.text(shown))
            count += 1
    print(f"自动修正了 {count} 处", file=sys.stderr)
    return count
