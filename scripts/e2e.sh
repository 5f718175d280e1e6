#!/usr/bin/env bash
# End-to-end tests in a real Chromium against the running example app.
# Installs Debian's chromium when root and missing; skips loudly otherwise (fails under CI=true).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$REPO_ROOT"

CHROMIUM="${CHROMIUM_PATH:-$(command -v chromium || true)}"
if [ -z "$CHROMIUM" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing chromium with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  CHROMIUM="$(command -v chromium || true)"
fi
if [ -z "$CHROMIUM" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "error: chromium is required for the end-to-end tests under CI=true" >&2
    exit 1
  fi
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!  WARNING: chromium is not installed and cannot be installed (not root)."
  echo "!!  The end-to-end tests are SKIPPED."
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  exit 0
fi
export CHROMIUM_PATH="$CHROMIUM"

mkdir -p .e2e
APP_LOG="$REPO_ROOT/.e2e/app.log"
echo "==> starting the example app (log: .e2e/app.log)"
setsid yarn start >"$APP_LOG" 2>&1 &
APP_PID=$!
stop_app() { kill -- -"$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
trap stop_app EXIT

wait_for() {
  local url="$1" seconds="$2"
  for _ in $(seq "$seconds"); do
    if curl -sf -o /dev/null "$url"; then return 0; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      echo "error: the example app exited; last lines of its log:" >&2
      tail -n 40 "$APP_LOG" >&2
      return 1
    fi
    sleep 1
  done
  echo "error: $url did not answer within $seconds s; last lines of the app log:" >&2
  tail -n 40 "$APP_LOG" >&2
  return 1
}
wait_for http://localhost:7007/.backstage/health/v1/readiness 240
wait_for http://localhost:3000 240

export E2E_APP_URL=http://localhost:3000
export E2E_BACKEND_URL=http://localhost:7007
node --test --test-concurrency=1 e2e/
