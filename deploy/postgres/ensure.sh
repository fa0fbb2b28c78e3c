#!/usr/bin/env bash
# Make PostgreSQL's server binaries (initdb, pg_ctl) available for the tests. Idempotent.
#
# The tests run throwaway clusters of their own (deploy/postgres.py, LocalPostgres); this only
# installs Debian's `postgresql` package when no /usr/lib/postgresql/*/bin/initdb exists yet.
# Needs root (as on the project's machines and CI); runs with no stdin.
set -euo pipefail

find_initdb() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1
}

if initdb="$(find_initdb)" && [ -n "$initdb" ]; then
  echo "postgres: found $initdb"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "postgres: initdb is missing and this is not root: run 'apt-get install -y postgresql' as root" >&2
  exit 1
fi

# The tests start their own clusters: do not let the package create (and start) a system-wide
# 'main' cluster on port 5432. Only written when the admin has no createcluster.conf of their own.
if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  mkdir -p /etc/postgresql-common
  echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
fi

echo "postgres: installing Debian's postgresql package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends postgresql </dev/null

initdb="$(find_initdb)" || true
if [ -z "$initdb" ]; then
  echo "postgres: apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb exists" >&2
  exit 1
fi
echo "postgres: installed $initdb"
