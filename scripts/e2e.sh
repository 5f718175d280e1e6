#!/usr/bin/env bash
# End-to-end tests in a real Chromium against the running example app.
# Installs Debian's chromium when root and missing; skips loudly otherwise (fails under CI=true).
# Starts the app (`yarn start`) and the legacy frontend system's app (packages/app-legacy,
# port 3001), runs e2e/*.test.mjs, and always stops both apps' whole process trees, also on
# failure or interruption. Screenshots go to the git-ignored e2e/.output/screenshots/;
# EKS_E2E_UPDATE_SCREENSHOTS=1 writes them to docs/screenshots/ (the README's pictures)
# instead. A run never modifies tracked files otherwise.
set -euo pipefail
started=$SECONDS
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

APP_PORT=3000
LEGACY_APP_PORT=3001
BACKEND_PORT=7007

# Whether something accepts connections on localhost:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The processes listening on port $1, for the error message.
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(.*)' || true
  fi
}

busy=0
for port in "$APP_PORT" "$LEGACY_APP_PORT" "$BACKEND_PORT"; do
  if port_in_use "$port"; then
    echo "error: port $port is already in use $(port_owner "$port")" >&2
    busy=1
  fi
done
if [ "$busy" = 1 ]; then
  echo "error: the end-to-end tests start the example apps on ports $APP_PORT, $LEGACY_APP_PORT and $BACKEND_PORT." >&2
  echo "       Stop what listens there (an app started with 'yarn start', or a previous" >&2
  echo "       end-to-end run that did not finish) and run again." >&2
  exit 1
fi

mkdir -p .e2e
APP_LOG="$REPO_ROOT/.e2e/app.log"
echo "==> starting the example app (log: .e2e/app.log)"
# A session of its own, so that the whole tree (CLI, backend, dev server) stops together.
setsid yarn start >"$APP_LOG" 2>&1 </dev/null &
APP_PID=$!
# The legacy frontend system's example app: its own dev server on $LEGACY_APP_PORT, against
# the same backend. Alongside, not after: both bundles compile while the backend starts.
LEGACY_APP_LOG="$REPO_ROOT/.e2e/app-legacy.log"
echo "==> starting the legacy example app (log: .e2e/app-legacy.log)"
setsid yarn workspace app-legacy start >"$LEGACY_APP_LOG" 2>&1 </dev/null &
LEGACY_APP_PID=$!

# Stops the process tree of session $1 (named $2): TERM, then KILL after 20 s.
stop_tree() {
  local pid="$1" name="$2"
  if kill -0 "$pid" 2>/dev/null || pgrep -s "$pid" >/dev/null 2>&1; then
    echo "==> stopping the $name"
    kill -TERM -- -"$pid" 2>/dev/null || true
    for _ in $(seq 20); do
      pgrep -s "$pid" >/dev/null 2>&1 || break
      sleep 1
    done
    if pgrep -s "$pid" >/dev/null 2>&1; then
      echo "==> the $name did not stop within 20 s: killing it"
      pkill -KILL -s "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

TESTS_PID=
stop_app() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$TESTS_PID" ] && kill -0 "$TESTS_PID" 2>/dev/null; then
    echo "==> stopping the tests"
    kill -TERM "$TESTS_PID" 2>/dev/null || true
    wait "$TESTS_PID" 2>/dev/null || true
  fi
  stop_tree "$LEGACY_APP_PID" "legacy example app"
  stop_tree "$APP_PID" "example app"
  if [ "$status" != 0 ]; then
    echo "==> end-to-end tests FAILED ($status); last lines of .e2e/app.log (requests left out):" >&2
    grep -av 'rootHttpRouter' "$APP_LOG" | tail -n 30 >&2 || true
    echo "==> last lines of .e2e/app-legacy.log:" >&2
    tail -n 15 "$LEGACY_APP_LOG" >&2 || true
  fi
  echo "==> end-to-end wall time $((SECONDS - started)) s"
  exit "$status"
}
trap stop_app EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until $1 answers, for at most $2 seconds, while the process $3 (logging to $4) runs.
wait_for() {
  local url="$1" seconds="$2" pid="$3" log="$4"
  for _ in $(seq "$seconds"); do
    if curl -sf -o /dev/null --max-time 5 "$url"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: the process serving $url exited; last lines of its log ($log):" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    sleep 1
  done
  echo "error: $url did not answer within $seconds s; last lines of its log ($log):" >&2
  tail -n 40 "$log" >&2
  return 1
}
wait_for "http://localhost:$BACKEND_PORT/.backstage/health/v1/readiness" 240 "$APP_PID" "$APP_LOG"
wait_for "http://localhost:$APP_PORT" 240 "$APP_PID" "$APP_LOG"
wait_for "http://localhost:$LEGACY_APP_PORT" 240 "$LEGACY_APP_PID" "$LEGACY_APP_LOG"
echo "==> apps up after $((SECONDS - started)) s"

export E2E_APP_URL="http://localhost:$APP_PORT"
export E2E_LEGACY_APP_URL="http://localhost:$LEGACY_APP_PORT"
export E2E_BACKEND_URL="http://localhost:$BACKEND_PORT"

# Readiness comes before the catalog has ingested examples/*.yaml and before the first full
# evaluation run. Every test waits for what it reads (e2e/wait.mjs); waiting once here too
# fails fast with one clear message when the data never comes, instead of each test file
# timing out in turn. In the background, like the tests below.
echo "==> waiting for catalog ingestion and a full evaluation of the example catalog"
node --input-type=module -e "
  import { waitForExampleData } from './e2e/wait.mjs';
  try {
    await waitForExampleData();
  } catch (error) {
    console.error('error: ' + error.message);
    process.exit(1);
  }
" &
TESTS_PID=$!
wait "$TESTS_PID"
echo "==> example data ready after $((SECONDS - started)) s"

# Each test bounds its own waits; `timeout` bounds the whole run. In the background, so
# that an interruption reaches the trap at once instead of after the tests.
timeout --signal=TERM 900 \
  node --test --test-concurrency=1 --test-reporter=spec 'e2e/*.test.mjs' &
TESTS_PID=$!
wait "$TESTS_PID"
