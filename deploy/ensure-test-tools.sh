#!/usr/bin/env bash
# Installs, from Debian's packages, the system tools the test suite uses and a fresh machine lacks:
# PostgreSQL (the tests start throwaway clusters), Chromium + ChromeDriver (browser tests) and
# docker-compose (validates docker-compose.yml; no Docker engine needed) and kcat (the foreign-producer
# example of docs/events.md is run as written). Idempotent: one apt run,
# only for what is missing. Needs root, as on the project's machines and CI.
#
# promtool (validates deploy/prometheus/) is taken out of Debian's `prometheus` package into
# .cache/tools/ rather than installed: installing the package would start a Prometheus server.
#
# On a new cloud VM another apt run (unattended-upgrades, cloud-init) often holds the dpkg lock for
# its first minutes: apt waits up to 10 minutes for it instead of failing.
set -euo pipefail

APT=(apt-get -o DPkg::Lock::Timeout=600)
TOOLS="$(cd "$(dirname "$0")/.." && pwd)/.cache/tools"

apt_update() {
  # The package lists' lock is not covered by DPkg::Lock::Timeout on every apt version: retry.
  for _ in $(seq 1 60); do
    "${APT[@]}" update -qq && return 0
    echo "test tools: apt-get update failed (lock held?), retrying in 10 s" >&2
    sleep 10
  done
  return 1
}

ensure_promtool() {
  [ -x "$TOOLS/promtool" ] && return 0
  local scratch
  scratch="$(mktemp -d)"
  if ! (cd "$scratch" && apt-get download prometheus >/dev/null 2>&1); then
    if [ "$(id -u)" -eq 0 ]; then
      apt_update
      (cd "$scratch" && apt-get download prometheus >/dev/null 2>&1)
    else
      echo "test tools: cannot download Debian's prometheus package (for promtool)" >&2
      rm -rf "$scratch"
      return 1
    fi
  fi
  dpkg-deb --fsys-tarfile "$scratch"/prometheus_*.deb | tar -x -C "$scratch" ./usr/bin/promtool
  mkdir -p "$TOOLS"
  mv "$scratch/usr/bin/promtool" "$TOOLS/promtool"
  rm -rf "$scratch"
  echo "test tools: promtool from Debian's prometheus package in $TOOLS"
}

ensure_kustomize() {
  # tests/integration/test_k8s_manifests.py builds deploy/k8s with `kubectl kustomize` (kubectl is on
  # the project's machines) or, without kubectl, with kustomize built from the Go module proxy.
  command -v kubectl >/dev/null || command -v kustomize >/dev/null || [ -x "$TOOLS/kustomize" ] && return 0
  command -v go >/dev/null || { echo "test tools: no kubectl, kustomize or Go to build kustomize" >&2; return 1; }
  GOBIN="$TOOLS" go install sigs.k8s.io/kustomize/kustomize/v5@v5.5.0
  echo "test tools: kustomize built into $TOOLS"
}

ensure_promtool
ensure_kustomize

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
apt_update
"${APT[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test tools: installed ${missing[*]}"
