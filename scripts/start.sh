#!/usr/bin/env bash
# Installs what is missing, then starts the example app: frontend on :3000, backend on
# :7007, SQLite in memory, the example catalog and the offline demo AWS snapshot.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$REPO_ROOT"
ensure_dependencies
exec yarn start "$@"
