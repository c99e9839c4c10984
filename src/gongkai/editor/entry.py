"""An entry of the web editor, not yet saved: its text, its findings and its metadata block.

The entry is checked as `check` would check it once saved: in a temporary copy of the project
made of links to the real files, with the entry's text written at its path, so the site rules
(uniqueness, references) see every other document and the checkout is never touched.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import jinja2
import yaml

from gongkai import engine
from gongkai.config.settings import SiteConfig
from gongkai.content.site import Site
from gongkai.findings import Finding
from gongkai.pages.document import view

SKIPPED = {".git", ".cache", ".venv", "node_modules", "site"}  # nothing a check reads
PARTIAL = "partials/gongkai-document.html"
CUSTOM_DIR = re.compile(
    r"^\s*custom_dir:\s*(\S+)", re.M
)  # mkdocs.yml: where the theme's partials are


def text_of(data: dict[str, Any]) -> str:
    """The Markdown file Decap will write for `data`: front matter, then the body."""
    meta = {k: v for k, v in data.items() if k != "body" and v not in (None, "", [])}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{data.get('body') or ''}\n"


def _overlay(root: Path, docs_dir: str, into: Path) -> None:
    for entry in root.iterdir():
        if entry.name not in SKIPPED and entry.name != docs_dir:
            (into / entry.name).symlink_to(entry)
    for path in (root / docs_dir).rglob("*"):
        if path.is_file():
            target = into / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)


def check(config: SiteConfig, rel: str, text: str) -> tuple[list[Finding], str]:
    """The findings `check` would report for the entry at `rel`, and its metadata block."""
    with tempfile.TemporaryDirectory(prefix="gongkai-entry-") as tmp:
        copy = Path(tmp)
        _overlay(config.root, config.docs_dir, copy)
        path = copy / rel
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        site = engine.run(copy, [path])
        return engine.select(site, [path]), _metadata(config.root, site, rel)


def _metadata(root: Path, site: Site, rel: str) -> str:
    """The page's metadata block and validity banner, from the site's own partial."""
    prefix = f"{site.ctx.config.docs_dir}/"
    doc = next((d for d in site.valid_docs if prefix + d.src_uri == rel), None)
    if doc is None:
        return ""
    found = CUSTOM_DIR.search((root / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = root / (found.group(1) if found else "theme_overrides")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme), autoescape=True)
    env.filters["url"] = lambda url: url
    return env.get_template(PARTIAL).render(gk=view(doc, site))
