"""MkDocs' `Page.render` with one Markdown instance per process, reset between pages.

MkDocs builds a new `markdown.Markdown` for every page: each extension is loaded and its
processors registered again, about 0.1 ms a page (1.7 CPU-seconds on a 10,000-document site).
Python-Markdown's own way to convert many texts is one instance and `reset()` between them. It is
used only where every extension is one of Python-Markdown's (they clear their state in `reset()`)
or gongkai's (they keep none); with any other, MkDocs' `Page.render` runs as it is.

MkDocs' four page processors (raw-HTML anchors, anchors, relative links, title) know the page:
they are made for each page and registered under MkDocs' names, replacing the last page's.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

# Python-Markdown's extensions (they clear their state in `reset()`) and gongkai's (they keep none)
RESETTING = frozenset(
    {
        *("abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code"),
        *("footnotes", "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists"),
        *(
            "smarty",
            "tables",
            "toc",
            "wikilinks",
            "gongkai.build.charts",
            "gongkai.build.readable",  # a postprocessor over the text: no state
            "gongkai.build.quick_inline",
        ),
    }
)


def resets(extension: object) -> bool:
    """Whether an entry of `markdown_extensions` keeps no state between texts past `reset()`."""
    return (
        isinstance(extension, str) and extension.removeprefix("markdown.extensions.") in RESETTING
    )


class Converter:
    """`render(page, config, files)` does what `page.render(config, files)` does."""

    def __init__(self) -> None:
        self.config: MkDocsConfig | None = None
        self.md: markdown.Markdown | None = None

    def _markdown(self, config: MkDocsConfig) -> markdown.Markdown | None:
        if config is not self.config:  # another build (mkdocs serve): its own extensions
            self.config = config
            self.md = None
            if all(resets(e) for e in config["markdown_extensions"]):
                self.md = markdown.Markdown(
                    extensions=config["markdown_extensions"],
                    extension_configs=config["mdx_configs"] or {},
                )
        return self.md

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        page.__dict__.pop("render", None)  # set on the page by `use_for`
        md = self._markdown(config)
        if md is None or page.markdown is None:
            page.render(config, files)
            return
        raw_html_ext = _RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = _ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = _RelativePathTreeprocessor(page.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = _ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        try:
            page.content = md.reset().convert(page.markdown)
        except BaseException:
            self.config = None  # a conversion stopped halfway: the next page gets a new instance
            raise
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title_ext.title
        page.present_anchor_ids = (
            extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        )
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path_ext.links_to_anchors

    def use_for(self, page: Page) -> None:
        """MkDocs calls `page.render(config, files)` next (after `on_page_markdown`)."""
        page.render = lambda config, files: self.render(page, config, files)  # type: ignore[method-assign]
