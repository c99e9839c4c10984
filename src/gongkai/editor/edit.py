"""`python -m gongkai edit` (make edit) and `python -m gongkai editor config [--check]`.

`edit` starts, on 127.0.0.1 only, what an editor's machine needs: decap-server (Decap's proxy over
this git checkout, editorial workflow on `cms/*` branches), our admin page and endpoints
(`gongkai.editor.web`) and the preview of `python -m gongkai serve`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from gongkai import engine
from gongkai.config.settings import ConfigError, find_root
from gongkai.editor import cms, web

DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"

# decap-server reads a draft's files from `git diff main cms/…`, and git writes a path outside
# ASCII there C-quoted ("content/gfxwj/\351\231\204…pdf") unless core.quotePath is off: a
# Chinese attachment name then names no file, and the CMS stops with “加载内容失败: API_ERROR”.
# Set for decap-server's git only, through the environment, leaving the checkout's config alone.
UNQUOTED_PATHS = {
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "core.quotePath",
    "GIT_CONFIG_VALUE_0": "false",
}


def proxy(root: Path, port: int) -> subprocess.Popen[bytes]:
    """decap-server over the checkout at `root`, in git mode (drafts are branches)."""
    if not (root / DECAP_SERVER).is_file():
        raise ConfigError("没有安装网页编辑器：请先运行 make node_modules/.installed（npm ci）")
    env = {**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1"}
    env["GIT_REPO_DIRECTORY"] = str(root)
    env.update(UNQUOTED_PATHS)
    return subprocess.Popen(["node", str(root / DECAP_SERVER)], env=env, cwd=root)


def _edit(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd())
    children = [proxy(root, args.proxy_port)]
    preview = [sys.executable, "-m", "gongkai", "serve", "--port", str(args.preview_port)]
    children.append(subprocess.Popen(preview, cwd=root))
    httpd = web.server(root, args.port, args.proxy_port)
    print(f"网页编辑器：请用浏览器打开 http://127.0.0.1:{args.port}/（按 Ctrl+C 退出）")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            child.terminate()
    return 0


def _config(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd())
    text = cms.render(engine.make_context(root).config)
    path = root / cms.CONFIG_PATH
    if args.check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(
                f"{cms.CONFIG_PATH} 与栏目树和元数据模型不一致：请运行 python -m gongkai editor config",
                file=sys.stderr,
            )
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(cms.CONFIG_PATH.as_posix())
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    edit = sub.add_parser("edit", help="在本机启动网页编辑器（Decap CMS）和预览")
    edit.add_argument("--port", type=int, default=8090, help="编辑器网页的端口（默认 8090）")
    edit.add_argument("--proxy-port", type=int, default=cms.PROXY_PORT, help="decap-server 的端口")
    edit.add_argument("--preview-port", type=int, default=8000, help="预览的端口（默认 8000）")
    edit.set_defaults(func=_edit)
    editor = sub.add_parser("editor", help="网页编辑器的配置")
    actions = editor.add_subparsers(dest="action", required=True)
    config = actions.add_parser("config", help=f"由栏目树和元数据模型生成 {cms.CONFIG_PATH}")
    config.add_argument("--check", action="store_true", help="只检查已提交的文件是否为最新")
    config.set_defaults(func=_config)
