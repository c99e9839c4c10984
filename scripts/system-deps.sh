#!/usr/bin/env bash
# System packages the test suite needs, installed from the distribution's archive when missing
# (as root, or through sudo on GitHub's runners): a browser for the browser tests (Playwright drives
# it; no browser download), nginx for the tests that serve the site, npm for axe-core, and a CJK
# font so that screenshots show Chinese text.
# Debian: the `chromium` package. GitHub's Ubuntu runners: `chromium` there is a snap stub, but
# Google Chrome is preinstalled and is used. scripts/find-browser.sh decides, for the tests too.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
browser="$(bash "$here/find-browser.sh")" || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v npm >/dev/null || missing+=(npm)
[ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装系统软件包：${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ -z "${browser:-}" ] && ! browser="$(bash "$here/find-browser.sh")"; then
  echo "找不到可用的浏览器：chromium、chromium-browser、google-chrome、chrome 都不存在或无法运行" \
    "（Ubuntu 上的 chromium 是 snap 占位程序）。请安装 Debian 的 chromium 或 Google Chrome，" \
    "或用 GONGKAI_CHROMIUM=/浏览器/路径 指定。" >&2
  exit 1
fi
echo "浏览器测试使用：$browser（$("$browser" --version 2>/dev/null | head -n 1)）"
