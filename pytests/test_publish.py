"""Atomic publish: the file analysts open changes only as a whole, after a successful build.

DuckDB: dbt builds into a private database and a successful `dbt build` renames a new file
over the published one (atelier/publish.py, macros/warehouse/publish_warehouse.sql). A reader
in another process never blocks the build and never sees a mix; a failed, refused or killed
build leaves the published file byte for byte as it was; the file holds the marts and the
analysts' audit, no personal data, and the DuckDB CLI of PyPI opens it.

PostgreSQL: the marts are built into `marts__next` and swapped in for `marts` in one
transaction; a reader holding a lock makes the build fail within `publish_lock_timeout`,
naming the relation, with the published marts unchanged.

The published warehouse the DuckDB tests start from is the session's demo build; the new
builds are of the worked examples (pytests/worked_examples.py, about 40 s a build), renamed
and with a rejected customer. On PostgreSQL, the small exports of test_postgres.py.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from atelier.contract import load_contract
from atelier.publish import Publisher, build_database_path
from pytests.csv_files import write_csv
from pytests.dbt_helpers import PROJECT_DIR, Build, build, run_dbt
from pytests.postgres import PostgresServer, pg_environment
from pytests.worked_examples import JEWELRY, write_worked_examples

RENAMED = "Gem Luxe Creations (renamed)"
LEAKED_EMAIL = "leaky.customer@example.com"
LEAKED_NAME = "Leaky Personname"
FREE_TEXT_EMAIL = "a.friend@example.org"  # an address typed into a free-text field
# Column names that would hold personal data (the names that are not a person's are allowed).
PERSONAL_COLUMN = re.compile(r"e_?mail|name|phone|mobile|address|street|birth", re.IGNORECASE)
NOT_PERSONAL = {"business_name", "kpi_name_en", "kpi_name_fr", "export_name", "file_name"}


# --- fixtures ------------------------------------------------------------------------------


def _rename_business(folder: Path) -> None:
    path = folder / "businesses.csv"
    text = path.read_text(encoding="utf-8")
    assert "Gem Luxe Creations" in text
    path.write_text(text.replace("Gem Luxe Creations", RENAMED), encoding="utf-8")


def _add_rejected_customer(folder: Path) -> None:
    """A customer with a date that does not parse, holding an e-mail address and a name: it
    lands in audit.rejected_rows with its raw fields."""
    path = folder / JEWELRY / "customers.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    values = {"customer_id": "C-LEAK", "created_at": "not a date"}
    values |= {"email": LEAKED_EMAIL, "full_name": LEAKED_NAME}
    values |= {"acquisition_channel": f"referred by {FREE_TEXT_EMAIL}"}
    rows.append([values.get(column, "") for column in header])
    write_csv(path, header, rows[1:])


@pytest.fixture(scope="module")
def new_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worked examples with a business renamed and one rejected customer."""
    folder = tmp_path_factory.mktemp("publish") / "exports"
    write_worked_examples(folder)
    _rename_business(folder)
    _add_rejected_customer(folder)
    return folder


@pytest.fixture(scope="module")
def published(demo_build: Build) -> Build:
    """A published warehouse: the session's demo build. Tests that build again copy it and
    build the worked examples over it, so any mix of old and new would show."""
    return demo_build


def copy_warehouse(source: Build, work_dir: Path) -> Path:
    """The published file and the build database of `source`, copied into `work_dir`."""
    work_dir.mkdir(parents=True, exist_ok=True)
    target = work_dir / "atelier.duckdb"
    shutil.copy2(source.duckdb_path, target)
    shutil.copytree(source.build_path.parent, build_database_path(target).parent)
    return target


def fingerprint(path: Path) -> tuple[str, int, int, int]:
    """sha256, size, mtime (ns) and inode: equal means untouched, byte for byte."""
    status = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, status.st_size, status.st_mtime_ns, status.st_ino


def dbt_log(work_dir: Path) -> str:
    return (work_dir / "logs" / "dbt.log").read_text(encoding="utf-8", errors="replace")


def scorecard_state(path: Path) -> tuple:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(STATE_SQL).fetchone()


# What a reader sees: every business name and the scorecard's size, in one query.
STATE_SQL = (
    "select (select string_agg(business_name, '|' order by business_id) from marts.dim_businesses),"
    " (select count(*) from marts.kpi_scorecard),"
    " (select count(distinct business_name) from marts.kpi_scorecard)"
)


# --- DuckDB: readers ---------------------------------------------------------------------

READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import duckdb

    path, stop, sql = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    con = duckdb.connect(path, read_only=True)
    seen, reads = {}, 0
    print(json.dumps(con.execute(sql).fetchone()), flush=True)
    while not stop.exists():
        key = json.dumps(con.execute(sql).fetchone())
        seen[key] = seen.get(key, 0) + 1
        reads += 1
        time.sleep(0.05)
    after = con.execute(sql).fetchone()
    print(json.dumps({"seen": sorted(seen), "reads": reads, "after": after}), flush=True)
    con.close()
    """
)


@dataclass
class BuildWhileReading:
    """A `dbt build` of the second exports over a published warehouse, while a reader in
    another process held the published file open and queried it in a loop."""

    build: Build
    old: tuple  # what the published file showed before the build
    report: dict  # the reader's: states it saw, number of reads, state read after the build


@pytest.fixture(scope="module")
def built_while_reading(
    published: Build, new_exports: Path, tmp_path_factory: pytest.TempPathFactory
) -> BuildWhileReading:
    work_dir = tmp_path_factory.mktemp("built_while_reading")
    target = copy_warehouse(published, work_dir)
    old = scorecard_state(target)
    stop = work_dir / "stop-reading"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(target), str(stop), STATE_SQL],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = reader.stdout.readline()  # the reader holds the file open from here on
        assert first, reader.stderr.read()
        assert tuple(json.loads(first)) == old

        result = build(new_exports, work_dir)
        assert result.success, result.messages()

        stop.touch()
        out, err = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, err
    return BuildWhileReading(build=result, old=old, report=json.loads(out))


def test_a_reader_never_blocks_the_build_and_never_sees_a_mix(
    built_while_reading: BuildWhileReading,
) -> None:
    old, report = built_while_reading.old, built_while_reading.report
    assert report["reads"] > 10, report  # it kept reading during the whole build
    assert report["seen"] == [json.dumps(list(old))], "the reader saw something else"
    assert tuple(report["after"]) == old  # its connection still reads the old file

    target = built_while_reading.build.duckdb_path
    new = scorecard_state(target)  # a new connection opens the new file
    assert RENAMED in new[0] and RENAMED not in old[0]
    log = dbt_log(target.parent)
    assert f"published {_relations(target)} relations to {target}" in log
    assert not Publisher(target).next_path.exists()


def _relations(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select count(*) from duckdb_tables()").fetchone()[0]


# --- DuckDB: builds that must not publish ------------------------------------------------


def _unregistered_folder(exports: Path, tmp_path: Path) -> tuple[Path, dict]:
    broken = shutil.copytree(exports, tmp_path / "broken")
    write_csv(broken / "stray_shop" / "orders.csv", ["order_id"], [["O1"]])
    return broken, {}


def _failing_data_test(exports: Path, tmp_path: Path) -> tuple[Path, dict]:
    # assert_rejected_share_within_limit (severity error) fails for any file with a rejected
    # record when the share allowed is 0: the new exports have one rejected customer.
    return exports, {"max_rejected_share": 0}


def _failing_model(exports: Path, tmp_path: Path) -> tuple[Path, dict]:
    # fct_survey_responses multiplies scale_max by this var. This one raises at run time on
    # the real businesses only, so the model's unit test (business `gem`) passes and the
    # model itself fails.
    share = (
        "(case when business_id = 'gem' then 0.8 else error('no share for ' || business_id) end)"
    )
    return exports, {"satisfied_score_share": share}


@pytest.mark.parametrize(
    ("make_input", "why"),
    [
        # found by the first on-run-start hook: dbt stops there, before any node or publish
        (_unregistered_folder, None),
        (_failing_data_test, "assert_rejected_share_within_limit (fail)"),
        (_failing_model, "fct_survey_responses (error)"),
    ],
    ids=["structural_fault", "failing_test", "failing_model"],
)
def test_a_failed_build_leaves_the_published_file_untouched(
    published: Build, new_exports: Path, tmp_path: Path, make_input: Any, why: str | None
) -> None:
    target = copy_warehouse(published, tmp_path / "work")
    before = fingerprint(target)
    exports, extra_vars = make_input(new_exports, tmp_path)

    result = build(exports, tmp_path / "work", extra_vars=extra_vars)

    assert not result.success
    assert fingerprint(target) == before
    log = dbt_log(tmp_path / "work")
    assert " relations to " not in log
    if why is None:
        assert "folder 'stray_shop'" in result.messages()
    else:
        assert "not published: the build did not pass (" in log
        assert why in log
        assert f"; {target} unchanged" in log
    assert not Publisher(target).next_path.exists()


def test_only_dbt_build_publishes(published: Build, new_exports: Path, tmp_path: Path) -> None:
    target = copy_warehouse(published, tmp_path / "work")
    before = fingerprint(target)
    result = run_dbt(["seed"], exports_path=new_exports, work_dir=tmp_path / "work")
    assert result.success, result.messages()
    assert fingerprint(target) == before
    assert (
        f"not published: `dbt seed` does not publish, only `dbt build` does; {target} unchanged"
        in (dbt_log(tmp_path / "work"))
    )


def _dbt_build_process(exports: Path, target: Path, work_dir: Path) -> subprocess.Popen:
    """`dbt build` from the project root, as `make build` runs it, in its own process group."""
    dbt = Path(sys.executable).with_name("dbt")
    command = [
        str(dbt),
        "build",
        "--vars",
        json.dumps({"exports_path": str(exports)}),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    return subprocess.Popen(
        command,
        cwd=PROJECT_DIR,
        env={**os.environ, "ATELIER_DUCKDB_PATH": str(target)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _kill_when(process: subprocess.Popen, ready: Any, timeout: float = 300) -> bool:
    """SIGKILL the build's process group once `ready()` holds; False if it ended first."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.005)
    return False


def test_a_killed_build_leaves_the_published_file_untouched(
    published: Build, new_exports: Path, tmp_path: Path
) -> None:
    work_dir = tmp_path / "work"
    target = copy_warehouse(published, work_dir)
    before = fingerprint(target)
    next_path = Publisher(target).next_path

    started = time.monotonic()
    kill_points = {
        "while dbt starts": lambda: time.monotonic() - started > 3,
        "while models build": lambda: time.monotonic() - started > 15,
        "while the new file is written": next_path.exists,
    }
    for point, ready in kill_points.items():
        started = time.monotonic()
        process = _dbt_build_process(new_exports, target, work_dir)
        assert _kill_when(process, ready), f"the build ended before being killed {point}"
        assert fingerprint(target) == before, f"killed {point}"

    assert next_path.exists()  # the last kill did land while the new file was written


# --- DuckDB: what the published file holds ---------------------------------------------


def test_the_published_file_holds_marts_and_audit_without_personal_data(
    built_while_reading: BuildWhileReading,
) -> None:
    rebuilt = built_while_reading.build
    # the build database does hold the rejected customer's personal fields (in raw)...
    assert rebuilt.query_build(
        f"select full_name from raw.customers where email = '{LEAKED_EMAIL}'"
    ) == [(LEAKED_NAME,)]
    ((build_raw,),) = rebuilt.query_build(
        "select raw_record from audit.rejected_rows where export_name = 'customers'"
    )
    assert FREE_TEXT_EMAIL in build_raw

    # ...the published file holds marts and audit only, and nothing personal
    schemas = {row[0] for row in rebuilt.query("select schema_name from duckdb_tables()")}
    assert schemas == {"marts", "audit"}
    assert rebuilt.query("select count(*) from duckdb_views() where not internal") == [(0,)]
    marts_sql = "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
    build_marts = rebuilt.query_build(marts_sql)
    assert rebuilt.query(marts_sql) == build_marts
    audit_sql = "select table_name from duckdb_tables() where schema_name = 'audit' order by 1"
    assert rebuilt.query(audit_sql) == [("export_row_counts",), ("rejected_rows",)]
    columns = rebuilt.query(
        "select schema_name, table_name, column_name, data_type from duckdb_columns() "
        "where not internal"
    )
    assert {schema for schema, *_ in columns} == {"marts", "audit"}
    contract_personal = {
        column.name
        for export in load_contract().values()
        for column in export.columns
        if column.personal
    }
    personal = [
        f"{schema}.{table}.{column}"
        for schema, table, column, _ in columns
        if column in contract_personal
        or (PERSONAL_COLUMN.search(column) and column not in NOT_PERSONAL)
    ]
    assert personal == []
    leaks = []
    with duckdb.connect(str(rebuilt.duckdb_path), read_only=True) as con:
        for schema, table, column, data_type in columns:
            if data_type != "VARCHAR":
                continue
            (count,) = con.execute(
                f'select count(*) from {schema}."{table}" where "{column}" like ? '
                f'or "{column}" like ? or "{column}" like ?',
                ["%@%", f"%{LEAKED_NAME}%", "%Client %"],
            ).fetchone()
            if count:
                leaks.append(f"{schema}.{table}.{column}")
    assert leaks == []

    # the rejected customer is still audited: its line, reason and raw fields, less the
    # personal ones, with the address typed in a free-text field masked
    ((code, raw),) = rebuilt.query(
        "select rejection_code, raw_record from audit.rejected_rows "
        f"where business_id = '{JEWELRY}' and export_name = 'customers'"
    )
    assert code == "unparseable"
    fields = json.loads(raw)
    assert fields["customer_id"] == "C-LEAK" and fields["created_at"] == "not a date"
    assert fields["acquisition_channel"] == "referred by <e-mail>"
    assert not contract_personal & set(fields)
    # every marts relation is the build's, row for row
    for (table,) in build_marts:
        sql = f"select * from marts.{table} order by all"
        assert rebuilt.query(sql) == rebuilt.query_build(sql), table


def _duckdb_cli() -> Path | None:
    beside = Path(sys.executable).with_name("duckdb")
    if beside.is_file():
        return beside
    found = shutil.which("duckdb")
    return Path(found) if found else None


def test_the_duckdb_cli_opens_the_published_file(published: Build) -> None:
    cli = _duckdb_cli()
    if cli is None:
        message = "the DuckDB CLI is not installed (pip install duckdb-cli==1.5.6, dev extras)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    version = subprocess.run([str(cli), "-version"], capture_output=True, text=True, check=True)
    sql = (
        "select count(*), count(distinct business_id), sum(numerator) from marts.kpi_scorecard "
        "where period_grain = 'year'"
    )
    shown = subprocess.run(
        [str(cli), "-readonly", "-csv", "-noheader", str(published.duckdb_path), sql],
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode == 0, (version.stdout, shown.stderr)
    expected = published.query(sql)[0]
    assert shown.stdout.strip() == ",".join(str(value) for value in expected)


# --- the publish step on its own ---------------------------------------------------------


def test_publisher_replaces_the_file_whole_and_cleans_up_after_a_killed_publish(
    tmp_path: Path,
) -> None:
    published_path = tmp_path / "atelier.duckdb"
    published_path.write_bytes(b"old")
    published_path.chmod(0o640)
    publisher = Publisher(published_path)

    # a killed publish left a half-written file and its WAL: the next one starts afresh
    publisher.next_path.write_bytes(b"half")
    publisher.next_path.with_name(publisher.next_path.name + ".wal").write_bytes(b"wal")
    assert publisher.prepare() == str(publisher.next_path)
    assert not publisher.next_path.exists()
    assert list(tmp_path.iterdir()) == [published_path]

    with pytest.raises(RuntimeError, match="nothing to publish"):
        publisher.commit(1)
    assert published_path.read_bytes() == b"old"

    publisher.next_path.write_bytes(b"new")
    stale_wal = published_path.with_name(published_path.name + ".wal")  # from an older layout
    stale_wal.write_bytes(b"would be replayed into the new file")
    assert publisher.commit(3) == f"published 3 relations to {published_path}"
    assert published_path.read_bytes() == b"new"
    assert published_path.stat().st_mode & 0o777 == 0o640
    assert list(tmp_path.iterdir()) == [published_path]


# --- PostgreSQL: the swap ----------------------------------------------------------------

PUBLISH_DATABASE = "atelier_publish_test"
LOCK_TIMEOUT_SECONDS = 3
PG_PUBLISHED = re.compile(
    rf"published \d+ relations to schema marts of database {PUBLISH_DATABASE}"
)


def _pg_build(server: PostgresServer, exports: Path, work_dir: Path) -> tuple[Build, float]:
    started = time.monotonic()
    with pg_environment(server, PUBLISH_DATABASE):
        result = run_dbt(
            ["build"],
            exports_path=exports,
            work_dir=work_dir,
            target="postgres",
            extra_vars={"publish_lock_timeout": f"{LOCK_TIMEOUT_SECONDS}s"},
        )
    return result, time.monotonic() - started


def _pg_relations(connection: Any) -> dict[str, tuple[int, str]]:
    """{relation: (oid, kind)} of every relation of the schemas marts and marts__next."""
    with connection.cursor() as cursor:
        cursor.execute(
            "select n.nspname || '.' || c.relname, c.oid, c.relkind from pg_class c "
            "join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname in ('marts', 'marts__next') and c.relkind in ('r', 'p', 'v', 'm')"
        )
        return {name: (oid, kind) for name, oid, kind in cursor.fetchall()}


def _select_every_mart_as_reader(server: PostgresServer, names: list[str]) -> None:
    with contextlib.closing(server.connect(as_reader=True, database=PUBLISH_DATABASE)) as reader:
        reader.autocommit = True
        with reader.cursor() as cursor:
            for name in names:
                cursor.execute(f'select count(*) from marts."{name}"')
                cursor.fetchall()


@pytest.mark.postgres
def test_postgres_swaps_the_marts_whole_and_a_reader_lock_fails_the_build_clearly(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    from pytests.test_postgres import load_exports, write_small_exports

    postgres_server.create_database(PUBLISH_DATABASE)
    exports = write_small_exports(tmp_path / "exports")
    assert load_exports(postgres_server, exports, PUBLISH_DATABASE) == 0

    first, _ = _pg_build(postgres_server, exports, tmp_path / "first")
    assert first.success, first.messages()
    with contextlib.closing(postgres_server.connect(database=PUBLISH_DATABASE)) as owner:
        owner.autocommit = True
        published = _pg_relations(owner)
        assert published and all(name.startswith("marts.") for name in published)
        assert {kind for _, kind in published.values()} == {"r"}  # tables only: no view to rebind
    names = sorted(name.split(".", 1)[1] for name in published)
    assert "kpi_scorecard" in names
    _select_every_mart_as_reader(postgres_server, names)
    assert PG_PUBLISHED.search(dbt_log(tmp_path / "first"))

    # A reader in an open transaction that has read the scorecard holds a lock on it.
    reader = postgres_server.connect(as_reader=True, database=PUBLISH_DATABASE)
    try:
        with reader.cursor() as cursor:
            cursor.execute("select count(*) from marts.kpi_scorecard")
            (rows_before,) = cursor.fetchone()

        blocked, _ = _pg_build(postgres_server, exports, tmp_path / "blocked")
        assert not blocked.success
        messages = blocked.messages()
        assert "a reader holds a lock on marts.kpi_scorecard; published marts unchanged" in messages
        (hook,) = [  # the publishing hook, the one that failed
            r for r in blocked.result.result.results if str(r.status) == "error"
        ]
        assert hook.node.resource_type == "operation" and "a reader holds a lock" in hook.message
        assert LOCK_TIMEOUT_SECONDS <= hook.execution_time < LOCK_TIMEOUT_SECONDS + 10

        with contextlib.closing(postgres_server.connect(database=PUBLISH_DATABASE)) as owner:
            owner.autocommit = True
            after_block = _pg_relations(owner)
        assert {k: v for k, v in after_block.items() if k.startswith("marts.")} == published
        with reader.cursor() as cursor:  # the reader's transaction goes on undisturbed
            cursor.execute("select count(*) from marts.kpi_scorecard")
            assert cursor.fetchone() == (rows_before,)
    finally:
        reader.close()

    # Once the reader is gone, the next build swaps, and the reader role can still select.
    last, _ = _pg_build(postgres_server, exports, tmp_path / "last")
    assert last.success, last.messages()
    with contextlib.closing(postgres_server.connect(database=PUBLISH_DATABASE)) as owner:
        owner.autocommit = True
        swapped = _pg_relations(owner)
    assert sorted(swapped) == sorted(published)  # no marts__next left, the same relations
    assert all(swapped[name][0] != published[name][0] for name in published)  # new tables
    _select_every_mart_as_reader(postgres_server, names)
    assert PG_PUBLISHED.search(dbt_log(tmp_path / "last"))
