#!/bin/sh
# Make sure the PostgreSQL 15 server binaries the test suite starts are installed
# (pytests/postgres.py, /usr/lib/postgresql/15/bin). Idempotent: silent when they are there.
# Installs the Debian/Ubuntu package postgresql-15 otherwise, as root or through sudo
# (scripts/apt_install.sh). The package's own cluster is not needed by the tests (they start
# a throwaway one).
set -eu

PG_BIN="${ATELIER_PG_BIN:-/usr/lib/postgresql/15/bin}"

if [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/postgres" ]; then
    exit 0
fi

sh "$(dirname "$0")/apt_install.sh" ensure_postgres "$PG_BIN/initdb is missing" \
    "install the PostgreSQL 15 server (apt-get install postgresql-15) or set ATELIER_PG_BIN to its bin folder" \
    postgresql-15

if [ ! -x "$PG_BIN/initdb" ]; then
    echo "ensure_postgres: postgresql-15 is installed but $PG_BIN/initdb is still missing" >&2
    exit 1
fi
echo "ensure_postgres: installed $("$PG_BIN/postgres" --version)"
