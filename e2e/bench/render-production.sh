#!/usr/bin/env bash
# The rendering benchmark (render.mjs) against the production build of the example
# app: builds packages/app (minified, React production mode), starts the example
# backend alone, which serves that bundle on its own port, measures, and stops it.
# A benchmark script, not part of the test command. Prints render.mjs's table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/toolchain.sh"
cd "$REPO_ROOT"

BACKEND_PORT=7007
if (exec 3<>"/dev/tcp/127.0.0.1/$BACKEND_PORT") 2>/dev/null; then
  echo "error: port $BACKEND_PORT is in use: stop the app first" >&2
  exit 1
fi

echo "==> building the app (production)" >&2
yarn --cwd packages/app build >&2

mkdir -p .e2e
LOG="$REPO_ROOT/.e2e/render-production.log"
echo "==> starting the backend, which serves the built app (log: .e2e/render-production.log)" >&2
setsid yarn --cwd packages/backend start >"$LOG" 2>&1 </dev/null &
BACKEND_PID=$!
stop_backend() {
  kill -TERM -- -"$BACKEND_PID" 2>/dev/null || true
  wait "$BACKEND_PID" 2>/dev/null || true
}
trap stop_backend EXIT

for _ in $(seq 240); do
  curl -sf -o /dev/null "http://localhost:$BACKEND_PORT/.backstage/health/v1/readiness" && break
  sleep 1
done
curl -sf -o /dev/null "http://localhost:$BACKEND_PORT/" || {
  echo "error: the backend does not serve the app; last lines of its log:" >&2
  tail -n 30 "$LOG" >&2
  exit 1
}

E2E_APP_URL="http://localhost:$BACKEND_PORT" BENCH_BUILD=production \
  node e2e/bench/render.mjs
