#!/usr/bin/env bash
# Sourced by scripts/test.sh: starts a throwaway local PostgreSQL (installing Debian's
# package when running as root) and points @backstage/backend-test-utils at it.
# Sets PG_AVAILABLE=1 on success.

PG_PORT="${EKS_TEST_PG_PORT:-54329}"
PG_DIR="${TMPDIR:-/tmp}/eks-encryption-pg-$(id -u)"
PG_AVAILABLE=0

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_pg_user() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

ensure_postgres() {
  local bin
  bin="$(pg_bin_dir)"
  if [ -z "$bin" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing PostgreSQL with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(pg_bin_dir)"
  fi
  if [ -z "$bin" ]; then
    return 1
  fi
  if ! as_pg_user "'$bin/pg_isready' -q -h localhost -p $PG_PORT"; then
    if [ ! -f "$PG_DIR/PG_VERSION" ]; then
      rm -rf "$PG_DIR" && mkdir -p "$PG_DIR"
      [ "$(id -u)" = "0" ] && chown postgres "$PG_DIR"
      as_pg_user "'$bin/initdb' -D '$PG_DIR' -U postgres --auth=trust -E UTF8" >/dev/null
    fi
    echo "==> starting PostgreSQL on localhost:$PG_PORT ($PG_DIR)"
    as_pg_user "'$bin/pg_ctl' -D '$PG_DIR' -l '$PG_DIR/log' -o \"-p $PG_PORT -k '$PG_DIR' -c listen_addresses=localhost -c max_connections=300 -c fsync=off\" -w start" >/dev/null
  fi
  local major
  major="$(basename "$(dirname "$bin")")"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@localhost:$PG_PORT"
  export EKS_ENCRYPTION_TEST_POSTGRES_ID="POSTGRES_${major}"
  PG_AVAILABLE=1
}
