"""`atelier load --target postgres --exports PATH`: copy an exports folder into schema `raw`.

On DuckDB the dbt plugin reads the exports at build time; a server warehouse cannot read
the user's files, so this command runs the same reader (`atelier.sources.stream_table`, file by
file) and copies each export (the registry included), each vendor source and the businesses'
settings into `raw.<table>`: every column text, except
`line_number` and `file_modified_ns` (bigint). Staging then reads `source()` the same way on both
warehouses.

One run is one transaction: every export is COPYed into a fresh schema `raw_loading`, then
`raw` is dropped and `raw_loading` renamed to `raw`, and only then does the transaction
commit. A structural fault of the folder, a lost connection or an interrupted run rolls
everything back and leaves the previous `raw` in place; loading the same folder twice gives
the same tables. Dropping `raw` also drops the views that read it (the staging views):
`dbt build` recreates them, so run the two together. Concurrent loads wait for each other
(an advisory lock). Nothing is granted on `raw`: only its owner, the loading role, reads it.

Connection settings come from the variables `profiles.yml` reads: ATELIER_PG_HOST
(default localhost), ATELIER_PG_PORT (5432), ATELIER_PG_USER, ATELIER_PG_PASSWORD,
ATELIER_PG_DATABASE (atelier).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
from tqdm import tqdm

from atelier.reader import ExportsError
from atelier.sources import check_folder, raw_table_names, stream_table

RAW_SCHEMA = "raw"
LOADING_SCHEMA = "raw_loading"
LOCK_KEY = "atelier load"
COPY_BATCH_ROWS = 100_000


class LoadError(Exception):
    """The warehouse refused the load (connection, permission, data the server rejects)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--target",
        choices=["postgres", "spark"],
        default="postgres",
        help="the warehouse to load (the profiles.yml target; DuckDB reads the folder itself)",
    )
    parser.add_argument(
        "--exports",
        required=True,
        type=Path,
        metavar="PATH",
        help="the exports folder (businesses.csv and one folder per business)",
    )


def connection_settings(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """psycopg2 keyword arguments from the same variables as the `postgres` dbt target."""
    environ = dict(os.environ if environ is None else environ)
    user = environ.get("ATELIER_PG_USER")
    if not user:
        raise LoadError("set ATELIER_PG_USER (and ATELIER_PG_PASSWORD) to the loading role")
    port = environ.get("ATELIER_PG_PORT", "5432")
    if not port.isdigit():
        raise LoadError(f"ATELIER_PG_PORT must be a port number, not '{port}'")
    return {
        "host": environ.get("ATELIER_PG_HOST", "localhost"),
        "port": int(port),
        "user": user,
        "password": environ.get("ATELIER_PG_PASSWORD") or None,
        "dbname": environ.get("ATELIER_PG_DATABASE", "atelier"),
        "connect_timeout": 15,
        "application_name": "atelier load",
    }


def _sql_type(arrow_type: pa.DataType) -> str:
    return "bigint" if pa.types.is_integer(arrow_type) else "text"


def _csv_chunks(stream: pa.RecordBatchReader) -> Iterator[tuple[int, io.BytesIO]]:
    """The stream as CSV for COPY, in batches: (rows, CSV). Every non-null value is quoted,
    so an empty string stays '' and a null (an unquoted empty field) stays null."""
    options = pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
    batches = (
        chunk
        for batch in stream
        for chunk in pa.Table.from_batches([batch]).to_batches(max_chunksize=COPY_BATCH_ROWS)
    )
    for batch in batches:
        buffer = io.BytesIO()
        pacsv.write_csv(batch, buffer, write_options=options)
        buffer.seek(0)
        yield batch.num_rows, buffer


def _copy_export(cursor: Any, name: str, stream: pa.RecordBatchReader, progress: tqdm) -> int:
    """COPY one export's stream into the loading schema; its number of rows."""
    from psycopg2 import sql

    target = sql.Identifier(LOADING_SCHEMA, name)
    columns = sql.SQL(", ").join(sql.Identifier(field.name) for field in stream.schema)
    definitions = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(field.name), sql.SQL(_sql_type(field.type)))
        for field in stream.schema
    )
    cursor.execute(sql.SQL("create table {} ({})").format(target, definitions))
    copy = sql.SQL("copy {} ({}) from stdin with (format csv)").format(target, columns)
    statement = copy.as_string(cursor)
    n_rows = 0
    for rows, chunk in _csv_chunks(stream):
        cursor.copy_expert(statement, chunk)
        progress.update(rows)
        n_rows += rows
    cursor.execute(sql.SQL("analyze {}").format(target))
    return n_rows


def write_tables(
    exports_path: Path, write: Callable[[str, pa.RecordBatchReader, tqdm], int]
) -> dict[str, int]:
    """Stream every raw table, file by file, through `write(name, stream, progress)` (which
    returns its number of rows), with a progress bar per table; rows per table."""
    loaded: dict[str, int] = {}
    with tqdm(
        raw_table_names(), desc="tables", unit="table", file=sys.stderr, disable=None
    ) as names:
        for name in names:
            names.set_postfix_str(name)
            started = time.perf_counter()
            with tqdm(
                desc=f"  {name}",
                unit="row",
                unit_scale=True,
                leave=False,
                file=sys.stderr,
                disable=None,
            ) as rows:
                loaded[name] = write(name, stream_table(exports_path, name), rows)
            tqdm.write(
                f"  {name}: {loaded[name]:,} rows ({time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
            )
    return loaded


def load(exports_path: Path, connection: Any) -> dict[str, int]:
    """Load every export into `raw` in the connection's transaction; rows per export.

    Commits on success; rolls back (and re-raises) on any error, leaving `raw` untouched.
    """
    import psycopg2
    from psycopg2 import sql

    def copy(name: str, stream: pa.RecordBatchReader, progress: tqdm) -> int:
        try:
            return _copy_export(cursor, name, stream, progress)
        except psycopg2.Error as error:
            raise LoadError(f"export {name}: {error}".strip()) from error

    try:
        with connection.cursor() as cursor:
            cursor.execute("select pg_advisory_xact_lock(hashtext(%s))", (LOCK_KEY,))
            cursor.execute(
                sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(LOADING_SCHEMA))
            )
            cursor.execute(sql.SQL("create schema {}").format(sql.Identifier(LOADING_SCHEMA)))
            loaded = write_tables(exports_path, copy)
            cursor.execute(
                sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(RAW_SCHEMA))
            )
            cursor.execute(
                sql.SQL("alter schema {} rename to {}").format(
                    sql.Identifier(LOADING_SCHEMA), sql.Identifier(RAW_SCHEMA)
                )
            )
        connection.commit()
    except BaseException:
        with contextlib.suppress(Exception):  # a lost connection cannot roll back: it did
            connection.rollback()
        raise
    return loaded


def load_postgres(exports_path: Path) -> tuple[dict[str, int], str, str]:
    """`atelier load --target postgres`: rows per table, where, and the next command."""
    import psycopg2

    settings = connection_settings()
    where = f"{settings['user']}@{settings['host']}:{settings['port']}/{settings['dbname']}"
    try:
        connection = psycopg2.connect(**settings)
    except psycopg2.Error as error:
        raise LoadError(f"cannot connect to PostgreSQL {where}: {error}".strip()) from error
    try:
        connection.set_client_encoding("UTF8")
        print(f"atelier load: {exports_path} -> {where} schema {RAW_SCHEMA}", file=sys.stderr)
        loaded = load(exports_path, connection)
    except psycopg2.Error as error:
        raise LoadError(f"PostgreSQL {where} refused the load: {error}".strip()) from error
    finally:
        connection.close()
    return (
        loaded,
        where,
        (
            "dbt build --target postgres (it recreates the staging views, which were dropped "
            "with the previous raw)"
        ),
    )


def load_spark(exports_path: Path) -> tuple[dict[str, int], str, str]:
    """`atelier load --target spark` (atelier/spark.py): rows per table, where, next command."""
    from atelier import spark

    settings = spark.session_settings()
    where = f"Spark ({settings.get('spark.master', 'local')}, {spark.home(settings)})"
    print(f"atelier load: {exports_path} -> {where} schema {RAW_SCHEMA}", file=sys.stderr)
    return spark.load(exports_path, settings), where, "dbt build --target spark"


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        check_folder(args.exports)  # structural faults stop before any warehouse is touched
        loader = load_spark if args.target == "spark" else load_postgres
        loaded, where, next_step = loader(args.exports)
    except (ExportsError, LoadError) as error:
        print(f"atelier load: error: {error}", file=sys.stderr)
        print("atelier load: nothing changed in the warehouse", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"loaded {len(loaded)} exports, {sum(loaded.values()):,} rows into schema {RAW_SCHEMA} "
        f"of {where} in {elapsed:.1f} s; next: {next_step}"
    )
    return 0
