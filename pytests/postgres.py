"""A throwaway PostgreSQL 15 server for the test session (fixture `postgres_server`).

The server runs from the distribution's binaries (`/usr/lib/postgresql/15/bin`, or the folder
named by `ATELIER_PG_BIN`), as the `postgres` OS user when the tests run as root (PostgreSQL
refuses to run as root), listening on 127.0.0.1 only, on a free port, with its data and its
socket in a temporary folder that teardown removes. It holds the roles a real warehouse
needs (see the README): `atelier_loader`, a login role owning database `atelier` (it loads
raw and runs dbt), the NOLOGIN role `atelier_reader` that dbt grants the marts to, and
`reader_probe`, a login member of `atelier_reader`, to test what a reader can see.

Missing binaries skip the postgres tests on a workstation and fail them on CI (`CI=true`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PG_BIN = Path(os.environ.get("ATELIER_PG_BIN", "/usr/lib/postgresql/15/bin"))
OS_USER = "postgres"
SUPERUSER = "postgres"
DATABASE = "atelier"
LOADER = "atelier_loader"
READER_ROLE = "atelier_reader"
READER_PROBE = "reader_probe"
INSTALL_HINT = (
    "install the PostgreSQL 15 server (Debian/Ubuntu: apt-get install postgresql-15, "
    "or scripts/ensure_postgres.sh), or set ATELIER_PG_BIN to its bin folder"
)


@dataclass(frozen=True)
class PostgresServer:
    """Connection settings of the running throwaway server."""

    host: str
    port: int
    socket_dir: Path
    database: str
    user: str
    password: str
    reader_user: str
    reader_password: str

    def env(self, database: str | None = None) -> dict[str, str]:
        """The `ATELIER_PG_*` variables that `profiles.yml` and `atelier load` read."""
        return {
            "ATELIER_PG_HOST": self.host,
            "ATELIER_PG_PORT": str(self.port),
            "ATELIER_PG_USER": self.user,
            "ATELIER_PG_PASSWORD": self.password,
            "ATELIER_PG_DATABASE": database or self.database,
        }

    def connect(self, *, as_reader: bool = False, database: str | None = None) -> Any:
        """A psycopg2 connection over TCP, as the loader (default) or as `reader_probe`."""
        import psycopg2

        return psycopg2.connect(
            host=self.host,
            port=self.port,
            dbname=database or self.database,
            user=self.reader_user if as_reader else self.user,
            password=self.reader_password if as_reader else self.password,
        )

    def superuser_connect(self, database: str = "postgres") -> Any:
        """A psycopg2 connection as the cluster superuser, through the socket (autocommit)."""
        import psycopg2

        connection = psycopg2.connect(
            host=str(self.socket_dir), port=self.port, dbname=database, user=SUPERUSER
        )
        connection.autocommit = True
        return connection

    def create_database(self, name: str) -> None:
        """A fresh database owned by the loader (dropped first if it exists)."""
        with contextlib.closing(self.superuser_connect()) as connection:
            with connection.cursor() as cursor:
                cursor.execute(f'drop database if exists "{name}" with (force)')
                cursor.execute(f'create database "{name}" owner "{LOADER}"')


@contextlib.contextmanager
def pg_environment(server: PostgresServer, database: str | None = None) -> Iterator[None]:
    """Set the `ATELIER_PG_*` variables for the block (dbt runs in-process), then restore."""
    saved = {name: os.environ.get(name) for name in server.env()}
    os.environ.update(server.env(database))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its binaries as `postgres` when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", OS_USER, "--", *command]
    return command


def _run(command: list[str], cwd: Path) -> None:
    completed = subprocess.run(
        _as_server_user(command), cwd=cwd, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({completed.returncode}):\n"
            f"{completed.stdout}\n{completed.stderr}"
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _require_binaries() -> None:
    missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (PG_BIN / name).is_file()]
    if not missing:
        return
    message = (
        f"PostgreSQL server binaries not found in {PG_BIN} ({', '.join(missing)}): {INSTALL_HINT}"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _start(base_dir: Path, data_dir: Path, log_file: Path) -> int:
    """Start the server on a free port (a few tries: another process may take the port)."""
    for attempt in range(3):
        port = _free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {base_dir} -c fsync=off"
        try:
            _run(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(data_dir),
                    "-l",
                    str(log_file),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ],
                cwd=base_dir,
            )
            return port
        except RuntimeError:
            if attempt == 2:
                log = log_file.read_text(errors="replace") if log_file.exists() else ""
                raise RuntimeError(f"PostgreSQL did not start; server log:\n{log}") from None
    raise AssertionError("unreachable")


def _create_roles(server: PostgresServer) -> None:
    with contextlib.closing(server.superuser_connect()) as connection:
        with connection.cursor() as cursor:
            cursor.execute(f"create role {LOADER} login password %s", (server.password,))
            cursor.execute(f"create database {DATABASE} owner {LOADER}")
            cursor.execute(f"create role {READER_ROLE} nologin")
            cursor.execute(
                f"create role {READER_PROBE} login password %s in role {READER_ROLE}",
                (server.reader_password,),
            )


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL 15 with the project's roles; stopped and removed after the session."""
    _require_binaries()
    base_dir = Path(tempfile.mkdtemp(prefix="atelier-pg-"))
    data_dir = base_dir / "data"
    log_file = base_dir / "server.log"
    if os.geteuid() == 0:
        shutil.chown(base_dir, user=OS_USER, group=OS_USER)
    started = False
    try:
        _run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                SUPERUSER,
                "--encoding=UTF8",
                "--locale=C",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--no-sync",
            ],
            cwd=base_dir,
        )
        port = _start(base_dir, data_dir, log_file)
        started = True
        server = PostgresServer(
            host="127.0.0.1",
            port=port,
            socket_dir=base_dir,
            database=DATABASE,
            user=LOADER,
            password=secrets.token_urlsafe(16),
            reader_user=READER_PROBE,
            reader_password=secrets.token_urlsafe(16),
        )
        _create_roles(server)
        yield server
    finally:
        if started:
            with contextlib.suppress(RuntimeError):
                _run(
                    [str(PG_BIN / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"],
                    cwd=base_dir,
                )
        shutil.rmtree(base_dir, ignore_errors=True)
