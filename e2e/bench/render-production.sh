#!/usr/bin/env bash
# The rendering benchmark (render.mjs) against the production build of the example
# app: builds packages/app (minified, React production mode), starts the example
# backend alone, which serves that bundle on its own port, measures, and stops it.
# A benchmark script, not part of the test command. Prints render.mjs's table.
# BENCH_BACKEND_PORT (default 7007) moves the backend to another port, e.g. while the
# end-to-end suite holds 7007: the backend reads its port and URLs from APP_CONFIG_* variables.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/toolchain.sh"
cd "$REPO_ROOT"

BACKEND_PORT="${BENCH_BACKEND_PORT:-7007}"
if (exec 3<>"/dev/tcp/127.0.0.1/$BACKEND_PORT") 2>/dev/null; then
  echo "error: port $BACKEND_PORT is in use: stop the app first" >&2
  exit 1
fi

echo "==> building the app (production)" >&2
yarn --cwd packages/app build >&2

mkdir -p .e2e
LOG="$REPO_ROOT/.e2e/render-production.log"
echo "==> starting the backend, which serves the built app (log: .e2e/render-production.log)" >&2
# The backend's entry point as `backstage-cli package start` runs it (same loader and
# NODE_ENV), without its file watcher: an edit of any backend source elsewhere on the
# machine would restart the backend in the middle of a run.
(
  cd packages/backend
  exec setsid env NODE_ENV=development \
    ESBK_TSCONFIG_PATH="$REPO_ROOT/tsconfig.json" \
    APP_CONFIG_backend_listen_port="$BACKEND_PORT" \
    APP_CONFIG_backend_baseUrl="http://localhost:$BACKEND_PORT" \
    node --enable-source-maps \
    --require "$REPO_ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
    src/index.ts
) >"$LOG" 2>&1 </dev/null &
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
