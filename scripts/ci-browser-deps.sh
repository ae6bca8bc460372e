#!/usr/bin/env bash
# Browser tests' system dependency: Debian's chromium, driven by Playwright's Python package
# (installed by pip with the project's [web-test] extra; `playwright install` is never run: it
# would download a browser build, which CI cannot reach). Safe to run twice; when chromium
# cannot be installed the browser tests skip themselves and say why.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
    echo "ci-browser-deps: chromium present ($(chromium --version 2>/dev/null | head -1))"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
    echo "ci-browser-deps: installed $(chromium --version 2>/dev/null | head -1)"
else
    echo "ci-browser-deps: could not install chromium; browser tests will be skipped" >&2
fi
exit 0
