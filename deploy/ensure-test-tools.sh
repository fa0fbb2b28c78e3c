#!/usr/bin/env bash
# Installs, from Debian's packages, the system tools the test suite uses and a fresh machine lacks:
# PostgreSQL (the tests start throwaway clusters), Chromium + ChromeDriver (browser tests) and
# docker-compose (validates docker-compose.yml; no Docker engine needed) and kcat (the foreign-producer
# example of docs/events.md is run as written). Idempotent: one apt run,
# only for what is missing. Needs root, as on the project's machines and CI.
set -euo pipefail

missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v kcat >/dev/null || missing+=(kcat)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test tools: postgresql, chromium, chromedriver, docker-compose and kcat are present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test tools: missing ${missing[*]}; install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  # The tests run clusters of their own: no system-wide cluster on port 5432.
  mkdir -p /etc/postgresql-common
  echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
fi
echo "test tools: installing ${missing[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test tools: installed ${missing[*]}"
