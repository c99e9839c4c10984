"""Python-Markdown's inline pass, without trying its patterns on text that none of them can match.

The inline processor tries each of its patterns (links, emphasis, code, HTML, entities, …) on
every piece of text, one regular-expression search and several Python calls per pattern. In a
公文 most paragraphs and table cells are Chinese prose holding none of the characters those
patterns need (`[`, `*`, `` ` ``, `<`, …): there every search fails and the text comes back as it
went in. This pass returns such a text at once (a third of the Markdown time of a big column).

It knows the patterns of Python-Markdown itself (`NEEDS`). When an extension adds a pattern it
does not know, every text takes the full pass: the HTML is the same whichever pass ran.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

# Python-Markdown's own inline patterns → what a text must contain for the pattern to match
# (its regular expression cannot match without one of these characters or strings).
NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "not_strong": ("*", "_"),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "strong_em": ("*",),
}
_OWN = "markdown.inlinepatterns"


def markup_test(md: Markdown) -> re.Pattern[str] | None:
    """A search that finds where some inline pattern could match; None when one is unknown."""
    patterns = md.inlinePatterns
    known = [name for name in NEEDS if name in patterns]
    if len(known) != len(patterns) or any(type(patterns[n]).__module__ != _OWN for n in known):
        return None
    needs = {need for name in known for need in NEEDS[name]}
    return re.compile("|".join(sorted(map(re.escape, needs))))


class QuickInlineProcessor(InlineProcessor):
    """The inline pass, returning at once a text no pattern can match (see the module)."""

    markup: re.Pattern[str] | None = None

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self.markup = markup_test(self.md)  # extensions may have added patterns after this one
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        # The name InlineProcessor.__handleInline takes once Python has mangled it.
        if patternIndex == 0 and self.markup is not None and not self.markup.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


class QuickInline(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs: Any) -> QuickInline:
    return QuickInline(**kwargs)
