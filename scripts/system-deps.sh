#!/usr/bin/env bash
# System packages the test suite needs, installed from Debian's archive when missing (needs root):
# Chromium for the browser tests (Playwright drives it; no browser download), nginx for
# tests/test_nginx.py, npm for axe-core, and a CJK font so that screenshots show Chinese text.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v npm >/dev/null || missing+=(npm)
[ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装系统软件包：${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
