"""One text, one reading: whatever reaches a rendered page was scanned (issue 19 point 2).

10,000 variants of the example documents, seeded and reproducible, each with a valid ID number
written the ways that hide it from a scan of the written text (zero-width characters, empty
elements, HTML comments, character references, emphasis, full-width digits, grouping
separators) at a random place, and with the characters that make parsers disagree (CR, CRLF,
U+2028/U+2029, U+0085, BOM, NUL, tabs, `---` as the last bytes) put in. Each is read as the
checker reads it and rendered as the build renders it: `Build.page_source` (what MkDocs is given
for the page), MkDocs' own front-matter split, Python-Markdown with the site's extensions from
mkdocs.yml. When the page's visible text (or a front-matter value a template shows) holds the
number, the checker must have found it (GK211), or refused the file. A few variants go through
real strict MkDocs builds too.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import random
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown as python_markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
from sitekit import REPO, TODAY, markdown, new_project, sealed

from gongkai.build.plugin import Build
from gongkai.content.document import read_document
from gongkai.rules import secrecy
from gongkai.rules.numbers import id_number_ok

VARIANTS = 10_000
SEED = 19
DAY = dt.date.fromisoformat(TODAY)
REFUSED = {"GK001", "GK002", "GK003", "GK004", "GK005", "GK006"}  # the file is not built


def _examples() -> list[tuple[str, str]]:
    content = REPO / "content"
    return [
        (p.relative_to(content).as_posix(), p.read_text(encoding="utf-8"))
        for p in sorted(content.glob("*/*.md"))
    ]


def _id_number(rng: random.Random) -> str:
    while True:
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18_000))
        head = f"{rng.choice(['110101', '220102', '220104', '310115'])}{born:%Y%m%d}"
        head += f"{rng.randrange(1000):03d}"
        for check in "0123456789X":
            if id_number_ok(head + check, DAY):
                return head + check


INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "<span></span>",
    "<b></b>",
    "<!-- -->",
]


def _hidden(rng: random.Random, number: str) -> str:
    """The number written so that its digits are not next to each other in the file."""
    chars = list(number)
    for _ in range(rng.randrange(4)):
        i = rng.randrange(len(chars))
        how = rng.randrange(3)
        if how == 0 and chars[i].isdigit():
            chars[i] = rng.choice([f"&#{ord(chars[i])};", f"&#x{ord(chars[i]):x};"])
        elif how == 1 and len(chars[i]) == 1:
            chars[i] = chr(ord(chars[i]) + 0xFEE0)  # full-width
        else:
            chars[i] = rng.choice(INVISIBLE) + chars[i]
    if rng.random() < 0.2:
        i, j = sorted(rng.sample(range(1, len(chars)), 2))
        chars[i:j] = ["**", *chars[i:j], "**"]
    if rng.random() < 0.3:
        sep = rng.choice([" ", "-", "\u3000"])
        cuts = rng.choice([(6, 14), (6, 10, 14)])
        for cut in reversed(cuts):
            chars.insert(cut, sep)
    return "".join(chars)


def _disturbed(rng: random.Random, text: str) -> str:
    """The line ends and odd characters that made the checker and MkDocs read a file apart."""
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    elif rng.random() < 0.1:
        text = text.replace("\n", "\r")
    head_end = text.find("\n---", 3) if text.startswith("---") else -1
    if head_end > 0 and rng.random() < 0.15:  # an odd character in a front-matter comment
        odd = rng.choice(["\u2028", "\u2029", "\u0085", "\r", "\t"])
        text = text[:head_end] + f"\n# 注释{odd}备注" + text[head_end:]
    for odd in ("\ufeff", "\x00", "\t", "\u2028", "\u2029", "\u0085", "\r"):
        if rng.random() < 0.05:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + odd + text[at:]
    if rng.random() < 0.05:
        text = "\ufeff" + text
    if rng.random() < 0.05:
        text = text.rstrip("\r\n")
    return text


def _variant(rng: random.Random, examples: list[tuple[str, str]]) -> tuple[str, str, str]:
    src_uri, text = rng.choice(examples)
    number = _id_number(rng)
    text = _disturbed(rng, text)
    if rng.random() < 0.1:  # the whole body gone: the front matter closed by --- at EOF
        end = text.find("\n---", 3)
        text = text[: end + 4] if end > 0 else text
        at = rng.randrange(end) if end > 0 else 0
    elif rng.random() < 0.8:  # mostly in the body, anywhere in it
        body = text.find("\n---", 3) + 4
        at = rng.randrange(body, len(text) + 1)
    else:
        at = rng.randrange(len(text) + 1)
    snippet = f"身份证号{_hidden(rng, number)}。"
    return src_uri, text[:at] + snippet + text[at:], number


class _Visible(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(page_html: str) -> str:
    """What a reader reads: the text without tags and invisible characters, digits as ASCII."""
    parser = _Visible()
    parser.feed(page_html)
    parser.close()
    text = "".join(parser.parts)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", text)


def shows(text: str, number: str) -> bool:
    """The number's digits in a row, or in the groups the variants write with separators."""
    sep = "[ \u3000-]?"
    pattern = f"{number[:6]}{sep}{number[6:10]}{sep}{number[10:14]}{sep}{number[14:]}"
    return re.search(pattern, text) is not None


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "review" for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


class Renderer:
    """The build's rendering of a document body, in-process, with the site's extensions."""

    def __init__(self) -> None:
        config = load_config(str(REPO / "mkdocs.yml"))
        extensions = [*config["markdown_extensions"], "gongkai.build.quick_inline"]
        self.md = python_markdown.Markdown(
            extensions=extensions, extension_configs=config["mdx_configs"]
        )

    def page(self, doc: Any, path: Path) -> str:
        build = SimpleNamespace(docs={doc.src_uri: doc})
        page = SimpleNamespace(file=SimpleNamespace(src_uri=doc.src_uri))
        source = Build.page_source(build, page)  # type: ignore[arg-type]
        if source is None:  # what MkDocs reads itself
            with path.open(encoding="utf-8-sig", errors="strict") as f:
                source = f.read()
        body, _ = get_data(source)
        return self.md.reset().convert(body)


def test_whatever_a_variant_shows_on_its_page_was_found_by_the_scan(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    examples = _examples()
    renderer = Renderer()
    ctx = SimpleNamespace(today=DAY)
    check = secrecy.id_number.check
    assert check is not None
    shown = refused = 0
    missed: list[str] = []
    for n in range(VARIANTS):
        src_uri, text, number = _variant(rng, examples)
        path = tmp_path / "content" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        doc, found = read_document(path, src_uri, src_uri, None)
        if {f.rule for f in found} & REFUSED:
            refused += 1
            continue
        page = visible(renderer.page(doc, path)) + "\n".join(_strings(doc.raw))
        if not shows(page, number):
            continue
        shown += 1
        if not any(f.rule == "GK211" for f in check(doc, ctx)):  # type: ignore[arg-type]
            missed.append(f"variant {n} ({src_uri}): {text!r}"[:3000])
    assert missed == [], len(missed)
    # The run means something: half the variants show their number, some are refused outright.
    assert shown > VARIANTS * 2 // 5, (shown, refused)  # 5,016 show it, 2,783 are refused
    assert refused > VARIANTS // 50, (shown, refused)


RICH_BODY = """## 一、总体要求

**第一条**　为规范会见工作，制定本办法。

| 项目 | 人数 |
| --- | --- |
| 会见 | 120 |

- 第一项，见[附则](#二附则)。
- 第二项。

## 二、附则

本办法自印发之日起施行。
"""


def test_variants_built_by_mkdocs_are_withheld_and_their_numbers_are_nowhere_in_the_site(
    tmp_path: Path,
) -> None:
    """A sample through the real strict build: each variant reviewed (sealed), so that only the
    scan can withhold it; the build succeeds, and no file of the site shows a number."""
    rng = random.Random(SEED + 1)
    project = new_project(tmp_path)
    project.doc("ghjh/clean.md", RICH_BODY)
    renderer = Renderer()
    numbers: dict[str, str] = {}
    while len(numbers) < 8:
        name = f"ghjh/v{len(numbers)}.md"
        index_no = f"013544XXX/2026-9{len(numbers):04d}"
        base = markdown(RICH_BODY, index_no=index_no, title=f"关于会见工作的通知{len(numbers)}")
        _, text, number = _variant(rng, [(name, base)])
        path = tmp_path / "content" / name
        path.write_bytes(text.encode("utf-8"))
        path.write_bytes(sealed(path.read_text(encoding="utf-8"), path).encode("utf-8"))
        doc, found = read_document(path, name, name, None)
        if {f.rule for f in found} & REFUSED or not shows(
            visible(renderer.page(doc, path)), number
        ):
            path.unlink()  # the checker refuses it outright, or the number does not show
            continue
        numbers[name] = number
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    for name in numbers:
        assert re.search(f"content/{name}:\\d+:\\d+: GK211 warning", result.stderr), result.stderr
    assert (project.site / "ghjh/clean/index.html").is_file()
    for f in project.site.rglob("*"):
        if f.is_file() and f.suffix in {".html", ".xml", ".json", ".csv"}:
            page = visible(f.read_text(encoding="utf-8", errors="replace"))
            assert not [n for n in numbers.values() if shows(page, n)], f
