"""One Markdown instance per process gives every page what MkDocs' own Page.render gives it."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta
from sitekit import Project

from gongkai.build.convert import Converter, resets

# Each text leaves state in an extension (footnotes, abbreviations, TOC, the raw-HTML stash, link
# references) that the next page must not see.
BODIES = [
    "# 甲文件\n\n## 一、总体要求\n\n依照规定[^1]执行，见[乙文件](b.md#二工作措施)。\n\n"
    "[^1]: 《监狱法》第三条。\n\n*[HTML]: 超文本\n\nHTML 页面。\n",
    '# 乙文件\n\n## 二、工作措施\n\n<div id="手写">原样保留</div>\n\n[参考][ref]\n\n[ref]: c.md\n',
    "# 丙文件\n\n没有脚注，也没有缩写：HTML。\n\n[参考][ref]\n",
]


def _pages(project: Project, extra: list[str]) -> tuple[object, object, list[Page]]:
    config = load_config(str(project.root / "mkdocs.yml"))
    config["markdown_extensions"].extend(extra)
    files = get_files(config)
    return config, files, [_page(f, config) for f in files.documentation_pages()]


def _page(file: object, config: object) -> Page:
    """A page with its Markdown read as MkDocs reads it (the gongkai hooks are not started here)."""
    page = Page(None, file, config)  # type: ignore[arg-type]
    page.markdown, page.meta = meta.get_data(page.file.content_string)
    return page


def _rendered(page: Page) -> tuple[object, ...]:
    links = {f.src_uri: a for f, a in (page.links_to_anchors or {}).items()}
    return page.content, str(page.toc), page._title_from_render, page.present_anchor_ids, links


@pytest.mark.parametrize("extra", [["footnotes", "abbr"], ["footnotes", "pymdownx.caret"]])
def test_each_page_is_converted_as_mkdocs_converts_it(project: Project, extra: list[str]) -> None:
    for name, body in zip("abc", BODIES, strict=True):
        project.doc(f"ghjh/{name}.md", body=body)
    config, files, pages = _pages(project, extra)
    converter = Converter()
    for page in pages:
        theirs = _page(page.file, config)
        theirs.render(config, files)  # type: ignore[arg-type]
        converter.use_for(page)
        page.render(config, files)  # type: ignore[arg-type]
        assert _rendered(page) == _rendered(theirs), page.file.src_uri
        assert "render" not in page.__dict__
    reused = all(resets(e) for e in config["markdown_extensions"])  # type: ignore[index]
    assert (converter.md is not None) == reused == (extra[-1] == "abbr")


def test_a_conversion_that_fails_leaves_no_state_behind(project: Project) -> None:
    project.doc("ghjh/a.md", body=BODIES[0])
    config, files, [_, page] = _pages(project, ["footnotes"])
    converter = Converter()
    markdown = page.markdown
    page.markdown = 42  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        converter.render(page, config, files)  # type: ignore[arg-type]
    first = converter.md
    page.markdown = markdown
    converter.render(page, config, files)  # type: ignore[arg-type]
    assert converter.md is not first and "甲文件" in (page.content or "")


def test_extension_names() -> None:
    assert resets("toc") and resets("markdown.extensions.tables") and resets("gongkai.build.charts")
    assert not resets("pymdownx.superfences") and not resets({"toc": {}})
