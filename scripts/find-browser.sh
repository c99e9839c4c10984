#!/usr/bin/env bash
# Prints the path of a usable Chromium or Google Chrome for the browser tests; exit 1 when none.
# Order: $GONGKAI_CHROMIUM, chromium, chromium-browser, google-chrome, google-chrome-stable, chrome.
# A candidate counts only when `--version` names a browser and a version: Ubuntu's `chromium` and
# `chromium-browser` are stubs that ask for the snap and exit non-zero. tests/browser.py runs this
# same script when GONGKAI_CHROMIUM is not set, so the tests and system-deps.sh agree.
set -uo pipefail
for name in ${GONGKAI_CHROMIUM:-} chromium chromium-browser google-chrome google-chrome-stable chrome; do
  path=$(command -v "$name" 2>/dev/null) || continue
  if timeout 30 "$path" --version 2>/dev/null | grep -Eq '^(Chromium|Google Chrome|Chrome)[^0-9]* [0-9]+\.'; then
    echo "$path"
    exit 0
  fi
done
exit 1
