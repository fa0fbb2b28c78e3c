#!/usr/bin/env bash
# Make Debian's Chromium and ChromeDriver available for the browser tests. Idempotent.
# (A test tool's own browser download cannot work here: only Debian's package registry is reachable.)
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  echo "browser: found $(command -v chromium) and $(command -v chromedriver)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "browser: chromium/chromedriver missing and this is not root: apt-get install chromium chromium-driver" >&2
  exit 1
fi
echo "browser: installing Debian's chromium and chromium-driver"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
echo "browser: installed $(chromium --version 2>/dev/null)"
