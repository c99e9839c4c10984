"""MkDocs hooks: thin adapters to the gongkai package (no rules here).

Every event hands over to `gongkai.build.plugin.Build`, which holds the checked site index.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from gongkai.build.plugin import Build

_build: Build | None = None
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command  # `serve` builds into its own temp folder: no swap into site/


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = Build.start(config, _command)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _build is not None
    return _build.files(files, config)


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    assert _build is not None
    return _build.page_source(page)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    return _build.page_markdown(markdown, page)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    assert _build is not None
    return _build.env(env, config)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    assert _build is not None
    _build.post_page(page)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    assert _build is not None
    _build.post_build()


def on_build_error(error: Exception) -> None:
    if _build is not None:
        _build.build_error(error)
