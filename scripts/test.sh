#!/usr/bin/env bash
# Installs what is missing, then runs every check: type-check, API reports, knip, generated
# code, lint, unit tests on SQLite and PostgreSQL, and the end-to-end tests in Chromium.
# Prints the wall time at the end.
set -euo pipefail
started=$SECONDS
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$REPO_ROOT/scripts/postgres.sh"
cd "$REPO_ROOT"

ensure_dependencies

# Never Docker: PostgreSQL comes from the local server below.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
if ensure_postgres; then
  echo "==> PostgreSQL tests run against $EKS_ENCRYPTION_TEST_POSTGRES_ID"
  # Store tests fail, instead of skipping, when this is set and PostgreSQL is missing.
  export EKS_ENCRYPTION_TEST_REQUIRE_POSTGRES=1
elif [ "${CI:-}" = "true" ]; then
  echo "error: PostgreSQL is required under CI=true but could not be installed or started" >&2
  exit 1
else
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!  WARNING: PostgreSQL is not installed and cannot be installed (not root)."
  echo "!!  PostgreSQL store tests are SKIPPED; only SQLite is tested."
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
fi

step() { echo; echo "==> $*"; }

step "type-check (yarn tsc)"
yarn tsc

step "API reports are up to date (yarn api-reports:check; needs the tsc output above)"
yarn api-reports:check

step "unused files, exports and dependencies (yarn knip)"
yarn knip

step "published packages are complete (scripts/check-packages.sh; uses the tsc output above)"
SKIP_TSC=1 bash "$REPO_ROOT/scripts/check-packages.sh"

step "generated code matches openapi.yaml (yarn generate --check)"
yarn --cwd plugins/eks-encryption-backend generate --check

step "lint (yarn lint:all)"
yarn lint:all

step "unit tests (yarn test)"
CI=true yarn backstage-cli repo test --maxWorkers=2 --verbose

if [ -f "$REPO_ROOT/scripts/e2e.sh" ]; then
  step "end-to-end tests in Chromium"
  bash "$REPO_ROOT/scripts/e2e.sh"
fi

echo
echo "==> all checks passed; wall time $((SECONDS - started)) s"
