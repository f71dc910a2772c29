#!/bin/sh
# Make sure the PostgreSQL 15 server binaries the test suite starts are installed
# (pytests/postgres.py, /usr/lib/postgresql/15/bin). Idempotent: silent when they are there.
# Installs the Debian/Ubuntu package postgresql-15 otherwise, as root or through sudo.
# The package's own cluster is not needed by the tests (they start a throwaway one).
set -eu

PG_BIN="${ATELIER_PG_BIN:-/usr/lib/postgresql/15/bin}"

if [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/postgres" ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "ensure_postgres: $PG_BIN/initdb is missing and we are not root (no sudo):" >&2
    echo "  install PostgreSQL 15 (apt-get install postgresql-15) or set ATELIER_PG_BIN" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_postgres: $PG_BIN/initdb is missing and this system has no apt-get:" >&2
    echo "  install the PostgreSQL 15 server and set ATELIER_PG_BIN to its bin folder" >&2
    exit 1
fi

echo "ensure_postgres: $PG_BIN/initdb is missing; installing postgresql-15 with apt-get"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15

if [ ! -x "$PG_BIN/initdb" ]; then
    echo "ensure_postgres: postgresql-15 is installed but $PG_BIN/initdb is still missing" >&2
    exit 1
fi
echo "ensure_postgres: installed $("$PG_BIN/postgres" --version)"
