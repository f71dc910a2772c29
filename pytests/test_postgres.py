"""The PostgreSQL warehouse: `atelier load`, DuckDB/PostgreSQL parity of the marts, grants.

One throwaway server per session (`pytests.postgres.postgres_server`), one DuckDB build and
one PostgreSQL build of the same exports (session fixtures). The exports are the demo
folder when it exists, else a small folder written here that still exercises the reader's
rules (BOM, CRLF, semicolons and decimal commas, quoted line breaks, ragged records) and
the staging rejections (bad dates, duplicates, unknown values, orphans, currencies).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from atelier import load as atelier_load
from atelier.contract import load_contract
from atelier.sources import raw_table_names, stream_table
from pytests.csv_files import contract_header, write_csv
from pytests.dbt_helpers import PROJECT_DIR, Build, run_dbt
from pytests.parity import relation_columns, row_differences
from pytests.postgres import PostgresServer, pg_environment

pytestmark = pytest.mark.postgres

DEMO_EXPORTS = PROJECT_DIR / "data" / "demo"
LAYERS_HIDDEN_FROM_READERS = ("raw", "staging", "intermediate", "audit")
AUDIT_RELATIONS = ("rejected_rows", "export_row_counts")
# Names that are not a person's: the business's, the KPI's, and the catalogue product's.
NOT_PERSONAL = {"business_name", "kpi_name_en", "kpi_name_fr"}
PERSONAL_PATTERN = re.compile(
    r"e_?mail|name|phone|mobile|address|street|postcode|zip_?code|birth", re.IGNORECASE
)


# --- a small exports folder ------------------------------------------------------------


def _stamp(moment: dt.datetime, rng: random.Random) -> str:
    """The timestamp shapes the contract allows, in turn."""
    shape = rng.choice(["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"])
    return moment.strftime(shape)


def _business(folder: Path, business_id: str, jewelry: bool, rng: random.Random) -> None:
    """Two years of a small business's exports, with a few rows that break the contract."""
    sep = "," if jewelry else ";"
    decimal_text = (lambda v: f"{v:.2f}") if jewelry else (lambda v: f"{v:.2f}".replace(".", ","))
    start = dt.datetime(2024, 1, 3, 9, 0)

    def moment(day: int) -> dt.datetime:
        return start + dt.timedelta(days=day, hours=rng.randint(0, 9), minutes=rng.randint(0, 59))

    customers = []
    for i in range(1, 41):
        referred = f"C{rng.randint(1, i - 1):03d}" if i > 3 and rng.random() < 0.35 else None
        customers.append(
            [
                f" C{i:03d} ",
                _stamp(moment(i * 15), rng),
                rng.choice(["referral", "instagram", ""]),
                referred,
                f"client{i}@example.com",
                f"Client Nº{i}",
                "FR",
                "extra",
            ]
        )
    customers.append(["C005", "2024-13-01", "website", None, None, None, None, ""])  # bad date
    header = [
        " Customer_ID ",
        "created_at",
        "Acquisition_Channel",
        "referred_by_customer_id",
        "email",
        "full_name",
        "country",
        "unknown_extra",
    ]
    write_csv(folder / "customers.csv", header, customers, separator=sep, bom=True, crlf=True)

    inquiries, orders, items = [], [], []
    statuses = [
        "placed",
        "in_production",
        "shipped",
        "completed",
        "completed",
        "cancelled",
        "refunded",
    ]
    for i in range(1, 61):
        day = i * 11
        inquiries.append(
            [
                f"I{i:03d}",
                _stamp(moment(day), rng),
                f"C{rng.randint(1, 40):03d}",
                rng.choice(["website", "instagram", None]),
            ]
        )
    inquiries.append(["I061", "2025-02-29", None, "email"])  # no such day
    inquiries.append(["I062", "2025-03-01", None, "email", "one field too many"])
    for i in range(1, 121):
        day = rng.randint(5, 700)
        inquiry = f"I{rng.randint(1, 60):03d}" if rng.random() < 0.4 else None
        currency = rng.choice([None, "USD" if jewelry else "EUR"])
        orders.append(
            [
                f"O{i:03d}",
                f"C{rng.randint(1, 45):03d}",
                _stamp(moment(day), rng),
                rng.choice(statuses),
                inquiry,
                currency,
            ]
        )
        for line in range(rng.randint(1, 3)):
            amount = rng.uniform(50, 9000) if jewelry else rng.uniform(5, 120)
            name = 'Ring "Aurora",\nsecond line' if i == 7 and line == 0 else f"Piece {line}"
            items.append(
                [
                    f"L{i:03d}-{line}",
                    f"O{i:03d}",
                    name,
                    rng.choice(["true", "FALSE", "yes", "n", "1", "t"]),
                    rng.randint(1, 4),
                    decimal_text(amount),
                ]
            )
    orders.append(["O050", "C001", "2025-06-01 10:00", "shipped", None, None])  # duplicate id
    orders.append(["O121", "C002", "2025-06-02", "lost", None, None])  # unknown status
    orders.append(["O122", "C002", "2025-06-03", "placed", None, "GBP"])  # wrong currency
    items.append(["L999-0", "O999", "orphan", "true", 1, "10"])  # order does not exist
    items.append(["L998-0", "O001", "half", "true", "2.5", "10"])  # not a whole number
    items.append(["L997-0", "O001", "negative", "false", 1, "-3"])  # below 0
    write_csv(
        folder / "orders.csv",
        contract_header("orders"),
        orders,
        separator=sep,
    )
    write_csv(
        folder / "order_items.csv",
        contract_header("order_items"),
        items,
        separator=sep,
        crlf=True,
    )
    write_csv(
        folder / "inquiries.csv",
        contract_header("inquiries"),
        inquiries,
        separator=sep,
    )

    projects, iterations, consultations, surveys = [], [], [], []
    for i in range(1, 31):
        started = moment(i * 20)
        status = rng.choice(["in_progress", "finalized", "finalized", "abandoned"])
        finalized = _stamp(started + dt.timedelta(days=rng.randint(3, 60)), rng)
        projects.append(
            [
                f"P{i:03d}",
                f"C{rng.randint(1, 40):03d}",
                None,
                _stamp(started, rng),
                status,
                finalized if status == "finalized" else None,
            ]
        )
        for n in range(1, rng.randint(0, 6) + 1):
            iterations.append(
                [f"P{i:03d}-{n}", f"P{i:03d}", n, _stamp(started + dt.timedelta(days=n), rng)]
            )
    projects.append(["P031", None, None, "2024-05-05", "finalized", None])  # finalized_at missing
    iterations.append(["X-1", "P404", 1, "2024-05-05"])  # project does not exist
    for i in range(1, 51):
        consultations.append(
            [
                f"K{i:03d}",
                f"C{rng.randint(1, 40):03d}",
                _stamp(moment(i * 14), rng),
                decimal_text(rng.uniform(15, 240)),
                rng.choice(["Ana", "Léa", None]),
            ]
        )
    consultations.append(["K051", "C001", "2024-07-01", "0", None])  # must be above 0
    for i in range(1, 61):
        scale = rng.choice([5, 10])
        surveys.append(
            [
                f"S{i:03d}",
                "finished_piece" if jewelry else "customization",
                rng.randint(0, scale) if i % 7 else decimal_text(scale * 0.8),
                scale,
                _stamp(moment(i * 12), rng),
                None,
                None,
            ]
        )
    surveys.append(["S061", "customization", 11, 10, "2024-08-01", None, None])  # above scale
    write_csv(
        folder / "design_projects.csv",
        contract_header("design_projects"),
        projects,
        separator=sep,
    )
    write_csv(
        folder / "design_iterations.csv",
        contract_header("design_iterations"),
        iterations,
        separator=sep,
    )
    write_csv(
        folder / "consultations.csv",
        contract_header("consultations"),
        consultations,
        separator=sep,
    )
    write_csv(
        folder / "surveys.csv",
        contract_header("surveys"),
        surveys,
        separator=sep,
    )

    if jewelry:
        return
    jobs, usage, engagement = [], [], []
    for i in range(1, 81):
        begun = moment(i * 8)
        done = begun + dt.timedelta(hours=rng.randint(2, 90), minutes=rng.randint(0, 59))
        jobs.append(
            [
                f"J{i:03d}",
                None,
                _stamp(begun, rng),
                done.strftime("%Y-%m-%d %H:%M:%S") if i % 9 else None,
                rng.randint(1, 5),
            ]
        )
        usage.append(
            [
                f"U{i:03d}",
                _stamp(begun, rng),
                rng.choice(["PLA", "recycled PETG"]),
                rng.choice(["yes", "no"]),
                decimal_text(rng.uniform(0.05, 3)),
                f"J{i:03d}",
            ]
        )
    jobs.append(["J081", None, "2024-09-09 10:00", "2024-09-08 10:00", 1])  # done before start
    for week in range(100):
        for content in ("custom_design", "other"):
            engagement.append(
                [
                    (start + dt.timedelta(weeks=week)).strftime("%Y-%m-%d"),
                    "instagram",
                    content,
                    rng.randint(0, 500),
                    rng.randint(0, 80),
                    rng.randint(0, 60),
                    rng.randint(0, 40),
                ]
            )
    write_csv(
        folder / "production_jobs.csv",
        contract_header("production_jobs"),
        jobs,
        separator=sep,
    )
    write_csv(
        folder / "material_usage.csv",
        contract_header("material_usage"),
        usage,
        separator=sep,
    )
    write_csv(
        folder / "social_engagement.csv",
        contract_header("social_engagement"),
        engagement,
        separator=sep,
    )


def write_small_exports(folder: Path) -> Path:
    """A deterministic exports folder of two businesses, one per vertical."""
    rng = random.Random(20261105)
    write_csv(
        folder / "businesses.csv",
        contract_header("businesses"),
        [
            ["gem_luxe", "Gem Luxe Créations, Paris", "luxury_custom_jewelry", "USD"],
            ["innovate", 'Innovate "3D" Accents', "custom_3d_accessories", "EUR"],
        ],
        bom=True,
    )
    _business(folder / "gem_luxe", "gem_luxe", jewelry=True, rng=rng)
    _business(folder / "innovate", "innovate", jewelry=False, rng=rng)
    return folder


# --- reading both warehouses ------------------------------------------------------------

COLUMNS_SQL = """
    select table_name, column_name, data_type
    from information_schema.columns
    where table_schema = '{schema}'
    order by table_name, ordinal_position
"""


def duckdb_columns(build: Build, schema: str) -> dict[str, list[tuple[str, str]]]:
    """Columns on DuckDB's build database, as dbt built them (the published audit is masked)."""
    return relation_columns(build.query_build(COLUMNS_SQL.format(schema=schema)))


def pg_query(connection: Any, sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def pg_columns(connection: Any, schema: str) -> dict[str, list[tuple[str, str]]]:
    return relation_columns(pg_query(connection, COLUMNS_SQL.format(schema=schema)))


# --- session builds ---------------------------------------------------------------------


def load_exports(server: PostgresServer, exports: Path, database: str | None = None) -> int:
    """`atelier load --target postgres --exports <exports>` against the test server."""
    with pg_environment(server, database):
        return atelier_load.run(argparse.Namespace(target="postgres", exports=exports))


@pytest.fixture(scope="session")
def parity_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo folder when it exists (the README's promise), else the small folder."""
    if DEMO_EXPORTS.is_dir():
        return DEMO_EXPORTS
    return write_small_exports(tmp_path_factory.mktemp("parity") / "exports")


@pytest.fixture(scope="session")
def duckdb_build(
    request: pytest.FixtureRequest, parity_exports: Path, tmp_path_factory: pytest.TempPathFactory
) -> Build:
    if parity_exports == DEMO_EXPORTS:
        return request.getfixturevalue("demo_build")  # the session's one DuckDB demo build
    result = run_dbt(
        ["build"], exports_path=parity_exports, work_dir=tmp_path_factory.mktemp("duck")
    )
    assert result.success, result.messages()
    return result


@pytest.fixture(scope="session")
def postgres_build(
    postgres_server: PostgresServer, parity_exports: Path, tmp_path_factory: pytest.TempPathFactory
) -> Build:
    """`atelier load` then `dbt build --target postgres` of the parity exports."""
    assert load_exports(postgres_server, parity_exports) == 0
    with pg_environment(postgres_server):
        result = run_dbt(
            ["build"],
            exports_path=parity_exports,
            work_dir=tmp_path_factory.mktemp("pg"),
            target="postgres",
        )
    assert result.success, result.messages()
    return result


@pytest.fixture
def pg(postgres_server: PostgresServer, postgres_build: Build) -> Iterator[Any]:
    """A connection, as the loader, to the built PostgreSQL warehouse."""
    with contextlib.closing(postgres_server.connect()) as connection:
        yield connection


@pytest.fixture
def reader(postgres_server: PostgresServer, postgres_build: Build) -> Iterator[Any]:
    """A connection as `reader_probe`, a login member of `atelier_reader` (autocommit)."""
    with contextlib.closing(postgres_server.connect(as_reader=True)) as connection:
        connection.autocommit = True
        yield connection


# --- (a) atelier load -------------------------------------------------------------------


def raw_snapshot(connection: Any) -> dict[str, tuple[list[tuple], list[tuple]]]:
    """{table: ([(column, type)], rows ordered by business and line)} of schema raw."""
    snapshot = {}
    for table, columns in raw_columns(connection).items():
        names = [name for name, _ in columns]
        rows = pg_query(connection, f'select * from raw."{table}"')
        snapshot[table] = (columns, sorted(rows, key=_business_line_key(names)))
    return snapshot


def raw_columns(connection: Any) -> dict[str, list[tuple[str, str]]]:
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, name, data_type in pg_query(connection, COLUMNS_SQL.format(schema="raw")):
        columns.setdefault(table, []).append((name, data_type))
    return columns


def _business_line_key(names: list[str]) -> Any:
    """Rows by business, file and line (the settings table: by every column)."""
    if "line_number" not in names:
        return lambda row: tuple("" if v is None else str(v) for v in row)
    keys = [names.index(n) for n in ("business_id", "file_name", "line_number") if n in names]
    return lambda row: tuple(("" if row[k] is None else row[k]) for k in keys)


@pytest.fixture
def load_database(postgres_server: PostgresServer) -> str:
    """A database of its own, so that loads here do not touch the parity build's raw."""
    postgres_server.create_database("atelier_load_test")
    return "atelier_load_test"


@pytest.fixture
def small_exports(tmp_path: Path) -> Path:
    return write_small_exports(tmp_path / "exports")


def test_load_copies_what_the_reader_reads_and_is_idempotent(
    postgres_server: PostgresServer, load_database: str, small_exports: Path
) -> None:
    assert load_exports(postgres_server, small_exports, load_database) == 0
    with contextlib.closing(postgres_server.connect(database=load_database)) as connection:
        first = raw_snapshot(connection)
    # every export (the registry included), every vendor source, the business settings
    assert sorted(first) == sorted(raw_table_names())
    for name, (columns, rows) in first.items():
        table = stream_table(small_exports, name).read_all()
        assert columns == [
            (field.name, "bigint" if pa.types.is_integer(field.type) else "text")
            for field in table.schema
        ], name
        expected = sorted(
            (tuple(record.values()) for record in table.to_pylist()),
            key=_business_line_key(table.schema.names),
        )
        assert rows == expected, f"raw.{name} differs from what the reader reads"
    assert any(None in row for _, rows in first.values() for row in rows)  # nulls stay null
    assert any("" in row for _, rows in first.values() for row in rows)  # '' stays ''

    assert load_exports(postgres_server, small_exports, load_database) == 0
    with contextlib.closing(postgres_server.connect(database=load_database)) as connection:
        assert raw_snapshot(connection) == first
        assert pg_query(
            connection, "select nspname from pg_namespace where nspname like 'raw%'"
        ) == [("raw",)]


@pytest.mark.parametrize("fault", ["unregistered_folder", "missing_required_column"])
def test_a_failed_load_leaves_the_previous_raw_in_place(
    postgres_server: PostgresServer,
    load_database: str,
    small_exports: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fault: str,
) -> None:
    assert load_exports(postgres_server, small_exports, load_database) == 0
    with contextlib.closing(postgres_server.connect(database=load_database)) as connection:
        before = raw_snapshot(connection)

    broken = shutil.copytree(small_exports, tmp_path / "broken")
    if fault == "unregistered_folder":
        (broken / "stray_shop").mkdir()
        (broken / "stray_shop" / "orders.csv").write_text("order_id\nO1\n", encoding="utf-8")
        expected = "folder 'stray_shop'"
    else:  # found only after most exports were copied: the transaction must roll back
        path = broken / "innovate" / "social_engagement.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text(
            "\n".join(line.rsplit(";", 1)[0] for line in lines) + "\n", encoding="utf-8"
        )
        expected = "required column 'new_followers' is missing"
    capsys.readouterr()

    assert load_exports(postgres_server, broken, load_database) == 1
    assert expected in capsys.readouterr().err
    with contextlib.closing(postgres_server.connect(database=load_database)) as connection:
        assert raw_snapshot(connection) == before
        assert pg_query(
            connection, "select nspname from pg_namespace where nspname like 'raw%'"
        ) == [("raw",)]


def test_load_reports_a_connection_failure(
    postgres_server: PostgresServer, small_exports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = PostgresServer(**{**postgres_server.__dict__, "password": "not-the-password"})
    assert load_exports(wrong, small_exports) == 1
    assert "cannot connect to PostgreSQL" in capsys.readouterr().err


# --- (b) the same marts on both warehouses ----------------------------------------------


def compare_schema(duckdb_build: Build, pg: Any, schema: str, names: list[str]) -> list[str]:
    """Differences between the named relations of `schema` on both warehouses."""
    duck_columns, pg_columns_ = duckdb_columns(duckdb_build, schema), pg_columns(pg, schema)
    differences = []
    for name in names:
        if duck_columns[name] != pg_columns_.get(name):
            differences.append(
                f"{schema}.{name} columns: {duck_columns[name]} (DuckDB) != "
                f"{pg_columns_.get(name)} (PostgreSQL)"
            )
            continue
        columns = [column for column, _ in duck_columns[name]]
        select = f"select {', '.join(columns)} from {schema}.{name}"
        differences += row_differences(
            f"{schema}.{name}", duckdb_build.query_build(select), pg_query(pg, select), columns
        )
    return differences


def test_marts_are_identical_on_duckdb_and_postgres(duckdb_build: Build, pg: Any) -> None:
    duck_marts = sorted(duckdb_columns(duckdb_build, "marts"))
    assert "kpi_scorecard" in duck_marts
    assert sorted(pg_columns(pg, "marts")) == duck_marts
    assert pg_query(pg, "select count(*) from marts.kpi_scorecard")[0][0] > 0
    differences = compare_schema(duckdb_build, pg, "marts", duck_marts)
    assert not differences, "\n".join(differences)


def test_audit_is_identical_on_duckdb_and_postgres(duckdb_build: Build, pg: Any) -> None:
    present = [name for name in AUDIT_RELATIONS if name in duckdb_columns(duckdb_build, "audit")]
    if not present:
        pytest.skip("no audit relations built yet")
    differences = compare_schema(duckdb_build, pg, "audit", present)
    assert not differences, "\n".join(differences)


# --- (c) what a reader sees -------------------------------------------------------------


def relations_by_schema(pg: Any) -> dict[str, list[str]]:
    """Every table and view of the project's schemas, as the owner sees them."""
    rows = pg_query(
        pg,
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in ('raw', 'staging', 'intermediate', 'marts', 'audit') "
        "order by 1, 2",
    )
    relations: dict[str, list[str]] = {}
    for schema, name in rows:
        relations.setdefault(schema, []).append(name)
    return relations


def test_reader_role_can_select_every_mart(pg: Any, reader: Any) -> None:
    marts = relations_by_schema(pg)["marts"]
    for name in marts:
        with reader.cursor() as cursor:
            cursor.execute(f"select * from marts.{name} limit 1")
            cursor.fetchall()
    privileges = pg_query(
        pg,
        "select relname from pg_class where relnamespace = 'marts'::regnamespace "
        "and has_table_privilege('atelier_reader', oid, "
        "'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')",
    )
    assert privileges == [], "atelier_reader may change marts relations"


def test_reader_role_sees_nothing_outside_marts(pg: Any, reader: Any) -> None:
    import psycopg2

    relations = relations_by_schema(pg)
    assert relations.get("raw") and relations.get("staging")
    readable = []
    for schema in LAYERS_HIDDEN_FROM_READERS:
        for name in relations.get(schema, []):
            with reader.cursor() as cursor:
                try:
                    cursor.execute(f'select * from {schema}."{name}" limit 1')
                except psycopg2.errors.InsufficientPrivilege as error:
                    assert "permission denied" in str(error)
                else:
                    readable.append(f"{schema}.{name}")
    assert readable == [], f"atelier_reader can read {readable}"


def test_no_mart_column_holds_personal_data(pg: Any) -> None:
    contract_personal = {
        column.name
        for export in load_contract().values()
        for column in export.columns
        if column.personal
    }
    columns = pg_query(
        pg,
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts' order by 1, 2",
    )
    assert columns
    personal = [
        f"marts.{table}.{column}"
        for table, column in columns
        if column in contract_personal
        or (PERSONAL_PATTERN.search(column) and column not in NOT_PERSONAL)
    ]
    assert personal == [], f"personal columns in marts: {personal}"


def test_every_relation_name_fits_a_postgres_identifier() -> None:
    """PostgreSQL names are at most 63 bytes (dbt-postgres refuses longer ones, and a unit
    test builds a relation named after itself): checked here without a server."""
    import yaml

    names = [path.stem for path in (PROJECT_DIR / "models").rglob("*.sql")]
    names += [path.stem for path in (PROJECT_DIR / "seeds").rglob("*.csv")]
    for path in (PROJECT_DIR / "models").rglob("*.yml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names += [test["name"] for test in document.get("unit_tests") or []]
    too_long = sorted(name for name in names if len(name.encode("utf-8")) > 63)
    assert too_long == [], f"names longer than PostgreSQL's 63 bytes: {too_long}"


# --- atelier report ------------------------------------------------------------------------


def test_report_shows_the_same_cards_from_postgres_as_from_duckdb(
    postgres_server: PostgresServer,
    postgres_build: Build,
    duckdb_build: Build,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`atelier report --target postgres` reads the published marts (and, as the loading
    role, the audit) and shows what the DuckDB file shows: cards and data-quality panel."""
    from atelier import report as atelier_report

    with pg_environment(postgres_server):
        from_pg = atelier_report.read_warehouse("postgres")
    monkeypatch.setenv("ATELIER_DUCKDB_PATH", str(duckdb_build.duckdb_path))
    from_duckdb = atelier_report.read_warehouse("dev")
    assert from_pg.row_counts is not None, from_pg.audit_error
    pages = {}
    for name, warehouse in (("pg", from_pg), ("duckdb", from_duckdb)):
        folder = tmp_path / name
        atelier_report.write_report(warehouse, folder, "fr")
        pages[name] = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
    assert sorted(pages["pg"]) == sorted(pages["duckdb"])
    for page_name, duck_page in pages["duckdb"].items():
        if page_name == "index.html":
            continue
        for section in ('<section class="summary">', '<section class="quality">'):
            pg_part = pages["pg"][page_name].split(section)[1].split("</section>")[0]
            assert pg_part == duck_page.split(section)[1].split("</section>")[0], (
                page_name,
                section,
            )
