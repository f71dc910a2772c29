"""Vendor downloads (docs/sources.md) through the whole pipeline, checked against the spec.

The fixtures (`pytests/vendor_downloads.py`) hold two businesses' real downloads and the same
facts written by hand as docs/exports.md files. Builds, shared per module:

- `downloads_build`: the downloads folder;
- `exports_build`: the equivalent hand-kept exports;
- `mixed_build`: hand-kept exports and downloads side by side (the same facts again);
- `duplicate_run`: the downloads folder plus the Shopify export downloaded twice, a bad
  Shopify file, a bad Etsy file and a stray CSV, built by `.venv/bin/dbt build` in a
  subprocess so the printed output can be searched;
- one small failing build per bad `sources.yml`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pytests.csv_files import write_csv
from pytests.dbt_helpers import PROJECT_DIR, Build, build
from pytests.vendor_downloads import (
    ALICE,
    BOB,
    CAROL,
    DAVE,
    ERIN,
    EXPECTED_FILE_COUNTS,
    GRACE,
    HIDDEN_FILE,
    JEWELRY,
    JEWELRY_CUSTOMERS,
    JEWELRY_INQUIRIES,
    K_DANA,
    K_FRANK,
    K_HUGO,
    K_LESLIE,
    K_NOAH,
    K_SAM,
    PERSONAL_VALUES,
    PLANTED_REJECTIONS,
    PRINT3D,
    PRINT3D_MATERIALS_YML,
    SHOPIFY_COPY_FILE,
    SHOPIFY_FILE,
    STRAY_FILE,
    TYPEFORM_FILE,
    TYPEFORM_HEADER,
    TYPEFORM_ROWS,
    add_duplicate_and_bad_files,
    customer_key,
    write_downloads,
    write_equivalent_exports,
    write_etsy,
    write_mixed,
    write_octoprint,
)

REL_TOL = 1e-9

SCORECARD_SQL = """
    select business_id, kpi_id, period_grain, period_start, period_end,
           numerator, denominator, value, benchmark_tier, is_complete
    from marts.kpi_scorecard
    order by business_id, kpi_id, period_grain, period_start
"""


# --- helpers -----------------------------------------------------------------------------


@dataclass
class Warehouse:
    """A finished build's published DuckDB file (and its private build database)."""

    duckdb_path: Path

    def query(self, sql: str, *, private: bool = False) -> list[tuple]:
        path = private_database(self.duckdb_path) if private else self.duckdb_path
        with duckdb.connect(str(path), read_only=True) as con:
            return con.sql(sql).fetchall()

    def query_dicts(self, sql: str, *, private: bool = False) -> list[dict]:
        path = private_database(self.duckdb_path) if private else self.duckdb_path
        with duckdb.connect(str(path), read_only=True) as con:
            relation = con.sql(sql)
            names = relation.columns
            return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def private_database(published: Path) -> Path:
    """The build database (staging and intermediate too): `<ATELIER_DUCKDB_PATH>.build/`."""
    return Path(str(published) + ".build") / "atelier.duckdb"


def warehouse(result: Build) -> Warehouse:
    return Warehouse(result.duckdb_path)


def count_records(path: Path) -> int:
    """Records of a CSV file read with the csv module: rows after the header holding at
    least one non-empty field (blank lines are no records)."""
    text = path.read_text(encoding="utf-8-sig")
    header_line = text.splitlines()[0]
    separator = ";" if header_line.count(";") > header_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    return sum(1 for row in rows[1:] if any(field != "" for field in row))


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=0.0)


def assert_same_scorecard(actual: list[tuple], expected: list[tuple]) -> None:
    """Row by row: exact on ids, grain and periods, 1e-9 relative on the figures, same tier
    and completeness."""
    actual_keys = [row[:5] for row in actual]
    expected_keys = [row[:5] for row in expected]
    assert actual_keys == expected_keys, sorted(set(actual_keys) ^ set(expected_keys))[:20]
    differences = []
    for got, want in zip(actual, expected, strict=True):
        figures_equal = all(close(g, w) for g, w in zip(got[5:8], want[5:8], strict=True))
        if not figures_equal or got[8:] != want[8:]:
            differences.append({"got": got, "want": want})
    assert not differences, json.dumps(differences[:20], default=str, indent=1)


def fact_rows(result, sql: str) -> list[tuple]:
    rows = result.query(sql)
    return sorted(rows, key=lambda row: tuple("" if v is None else str(v) for v in row))


# --- builds --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def downloads_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("downloads") / "exports"
    write_downloads(folder)
    return folder


@pytest.fixture(scope="module")
def downloads_build(downloads_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(downloads_folder, tmp_path_factory.mktemp("downloads_build"))
    assert result.success, result.messages()
    return result


@pytest.fixture(scope="module")
def exports_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("equivalent") / "exports"
    write_equivalent_exports(folder)
    result = build(folder, tmp_path_factory.mktemp("equivalent_build"))
    assert result.success, result.messages()
    return result


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("mixed") / "exports"
    write_mixed(folder)
    result = build(folder, tmp_path_factory.mktemp("mixed_build"))
    assert result.success, result.messages()
    return result


@dataclass
class CliRun:
    """A `dbt build` subprocess. When the build fails nothing is published: its audit and
    marts are then read from the private build database (the failure itself is asserted by
    `test_duplicate_download_builds_green`), so the other tests still say what they see."""

    folder: Path
    process: subprocess.CompletedProcess
    duckdb_path: Path

    @property
    def warehouse(self) -> Warehouse:
        if self.duckdb_path.exists():
            return Warehouse(self.duckdb_path)
        return Warehouse(private_database(self.duckdb_path))

    @property
    def output(self) -> str:
        return self.process.stdout + self.process.stderr


@pytest.fixture(scope="module")
def duplicate_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """`.venv/bin/dbt build` of the downloads folder plus a second copy of the Shopify
    export, bad lines and a stray CSV, as a user runs it (printed output captured)."""
    folder = tmp_path_factory.mktemp("duplicate") / "exports"
    write_downloads(folder)
    add_duplicate_and_bad_files(folder)
    work = tmp_path_factory.mktemp("duplicate_build")
    duckdb_path = work / "atelier.duckdb"
    process = subprocess.run(
        [
            str(PROJECT_DIR / ".venv" / "bin" / "dbt"),
            "build",
            "--vars",
            json.dumps({"exports_path": str(folder)}),
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, "ATELIER_DUCKDB_PATH": str(duckdb_path)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    return CliRun(folder, process, duckdb_path)


# --- the downloads build as the equivalent exports -----------------------------------------


def test_downloads_scorecard_equals_the_equivalent_exports(
    downloads_build: Build, exports_build: Build
) -> None:
    """The "Done when": the downloads give the scorecard the hand-kept exports give."""
    expected = exports_build.query(SCORECARD_SQL)
    assert expected, "the equivalent exports built an empty scorecard"
    assert {row[0] for row in expected} == {JEWELRY, PRINT3D}
    assert_same_scorecard(downloads_build.query(SCORECARD_SQL), expected)


def test_downloads_scorecard_holds_the_hand_computed_figures(downloads_build: Build) -> None:
    """A few figures computed by hand from docs/sources.md, so that both folders agreeing on a
    wrong reading (the two are read by the same pipeline) is caught too."""
    rows = {
        (kpi, grain, str(start)): (numerator, denominator)
        for kpi, grain, start, numerator, denominator in downloads_build.query(
            "select kpi_id, period_grain, period_start, numerator, denominator "
            "from marts.kpi_scorecard"
        )
    }

    def figures(kpi: str, grain: str, start: str) -> tuple[float, float]:
        return rows[(kpi, grain, start)]

    # jewelry: custom lines of sale orders; March: #1005 draft (3600 + 900, 2 pieces) and
    # #1007 tagged Made-To-Order (1500 + 0, 3 pieces); #1006 cancelled
    assert figures("avg_transaction_value", "month", "2024-03-01") == pytest.approx((6000, 5))
    # Jan: #1001 bespoke ring 3000 - 200 x 3000 / 4000; chain and #1008 not custom
    assert figures("avg_transaction_value", "month", "2024-01-01") == pytest.approx((2850, 1))
    # Dec 2023 (vintage export): 2500 - 130 x 2500 / 2600
    assert figures("avg_transaction_value", "month", "2023-12-01") == pytest.approx((2375, 1))
    # Q1 2024 new customers: frank, bob, dana (phone), grace; referred: bob (by alice,
    # listed by email), grace (by frank, inferred from Shopify)
    assert figures("referral_rate", "quarter", "2024-01-01") == pytest.approx((2, 4))
    # inquiries: INQ-1, INQ-2 (converted by partially refunded #1002) in January; INQ-3 only
    # by a voided order; INQ-4 by the draft order's tag
    assert figures("custom_design_conversion_rate", "month", "2024-01-01") == pytest.approx((1, 2))
    assert figures("custom_design_conversion_rate", "month", "2024-02-01") == pytest.approx((0, 1))
    assert figures("custom_design_conversion_rate", "month", "2024-03-01") == pytest.approx((1, 1))
    # consultations: March grace 60 min (noon) + dave 45 min (11:30 pm to 12:15 am)
    assert figures("consultation_hours_per_client", "month", "2024-03-01") == pytest.approx(
        (1.75, 2)
    )
    # retention: cohort Dec 2023 = alice, back with bespoke #1001 in January
    assert figures("bespoke_retention_rate", "month", "2023-12-01") == pytest.approx((1, 1))
    # finished piece: April (Forms download, PM EST and GMT+1): 4 and 2 of 5
    assert figures("finished_piece_satisfaction", "month", "2024-04-01") == pytest.approx((1, 2))
    # May: 12:15 PM and 12:05 AM
    assert figures("finished_piece_satisfaction", "month", "2024-05-01") == pytest.approx((2, 2))

    # 3D: March custom 2 (keychain) + 3 (personalised name tag) of 7 pieces
    assert figures("customization_rate", "month", "2024-03-01") == pytest.approx((5, 7))
    # April: 3001003 refunded (negative adjusted net); 3001004 from the items file only
    assert figures("customization_rate", "month", "2024-04-01") == pytest.approx((0, 5))
    # May: 3001005 partially refunded stays a sale
    assert figures("customization_rate", "month", "2024-05-01") == pytest.approx((1, 1))
    assert figures("repeat_customer_rate", "month", "2024-03-01") == pytest.approx((1, 2))
    # Typeform UTC -> Europe/Paris: 2024-03-31 22:30 UTC is April 1st 00:30
    assert figures("customization_satisfaction", "month", "2024-03-01") == pytest.approx((1, 1))
    assert figures("customization_satisfaction", "month", "2024-04-01") == pytest.approx((0, 1))
    assert figures("customization_satisfaction", "month", "2024-05-01") == pytest.approx((1, 2))
    # OctoPrint: March PLA 12.5 g of 12.5 + 40 g (failed print counts)
    assert figures("eco_material_ratio", "month", "2024-03-01") == pytest.approx((0.0125, 0.0525))
    # April: " Recycled PETG " is in the list (trimmed, case-insensitive)
    assert figures("eco_material_ratio", "month", "2024-04-01") == pytest.approx((0.0375, 0.0375))

    # skipped rows (dated outside the accepted rows) neither open a period nor move the
    # as-of date
    spans = downloads_build.query(
        "select business_id, min(period_start), max(period_start) from marts.kpi_scorecard "
        "where period_grain = 'month' group by business_id order by business_id"
    )
    assert [(b, str(first), str(last)) for b, first, last in spans] == [
        (JEWELRY, "2023-11-01", "2024-06-01"),
        (PRINT3D, "2024-03-01", "2024-05-01"),
    ]


ORDERS_SQL = """select business_id, order_id, customer_id, ordered_at, status, inquiry_id
                from marts.fct_orders"""
ORDER_ITEMS_SQL = """select business_id, order_item_id, order_id, is_custom_design, quantity,
                            net_amount from marts.fct_order_items"""
CONSULTATIONS_SQL = """select business_id, customer_id, started_at, duration_minutes
                       from marts.fct_consultations"""
SURVEYS_SQL = """select business_id, survey_type, score, scale_max, responded_at, customer_id,
                        order_id from marts.fct_survey_responses"""
MATERIAL_SQL = """select business_id, usage_id, used_at, is_eco_friendly, quantity_kg
                  from marts.fct_material_usage"""
CUSTOMERS_SQL = """select business_id, customer_id, referred_by_customer_id, is_inferred
                   from marts.dim_customers"""
INQUIRIES_SQL = "select business_id, inquiry_id, customer_id, is_converted from marts.fct_inquiries"


@pytest.mark.parametrize(
    "sql",
    [ORDERS_SQL, ORDER_ITEMS_SQL, CONSULTATIONS_SQL, SURVEYS_SQL, MATERIAL_SQL, CUSTOMERS_SQL,
     INQUIRIES_SQL],
    ids=["orders", "order_items", "consultations", "surveys", "material_usage", "customers",
         "inquiries"],
)  # fmt: skip
def test_downloads_facts_equal_the_equivalent_exports(
    downloads_build: Build, exports_build: Build, sql: str
) -> None:
    got = fact_rows(downloads_build, sql)
    want = fact_rows(exports_build, sql)
    assert got, sql
    missing = [row for row in want if row not in got]
    extra = [row for row in got if row not in want]
    assert not missing and not extra, {"missing": missing, "extra": extra}


def test_consultation_ids(downloads_build: Build) -> None:
    ids = {
        row[0]
        for row in downloads_build.query("select consultation_id from marts.fct_consultations")
    }
    # Invitee UUID when present; the event without one has an id of its own (which must not
    # hold the invitee's email, see the personal data test)
    assert {"INV-0001", "INV-0002", "INV-0006", "INV-0008"} <= ids
    assert len(ids) == 5


def test_customer_keys_follow_the_md5_rule(downloads_build: Build) -> None:
    """`c_` + 16 hex of md5(lower(trim(key))), key = email, phone, billing name, Etsy
    username or full name, as docs/sources.md orders them."""
    got = dict(downloads_build.query("select order_id, customer_id from marts.fct_orders"))
    expected = {
        "#0990": customer_key(ALICE),
        "#0991": K_HUGO,
        "#1001": customer_key(ALICE),
        "#1002": customer_key(BOB),
        "#1003": customer_key(CAROL),
        "#1004": customer_key(ALICE),
        "#1005": K_DANA,
        "#1006": customer_key(ERIN),
        "#1007": customer_key(GRACE),
        "#1008": K_FRANK,
        "#1009": customer_key(GRACE),
        "3001001": K_LESLIE,
        "3001002": K_SAM,
        "3001003": K_LESLIE,
        "3001004": K_NOAH,
        "3001005": K_LESLIE,
        "3001006": K_LESLIE,
    }
    assert got == expected
    # customers.csv keyed by email, in any case and with spaces, is the same customer
    listed = {
        row[0]: row[1]
        for row in downloads_build.query(
            f"select customer_id, referred_by_customer_id from marts.dim_customers "
            f"where business_id = '{JEWELRY}' and not is_inferred"
        )
    }
    assert listed == {
        customer_key(row[0]): (customer_key(row[3]) if row[3] else None)
        for row in JEWELRY_CUSTOMERS
    }
    consultation_customers = {
        row[0] for row in downloads_build.query("select customer_id from marts.fct_consultations")
    }
    assert consultation_customers == {customer_key(email) for email in [ALICE, BOB, GRACE, DAVE]}


def test_inquiries_linked_by_order_tag(downloads_build: Build) -> None:
    converted = dict(
        downloads_build.query("select inquiry_id, is_converted from marts.fct_inquiries")
    )
    assert converted == {"INQ-1": False, "INQ-2": True, "INQ-3": False, "INQ-4": True}
    assert len(JEWELRY_INQUIRIES) == 4


# --- mixed folder ---------------------------------------------------------------------------


def test_mixed_folder_builds_with_the_same_scorecard(
    mixed_build: Build, downloads_build: Build
) -> None:
    assert_same_scorecard(mixed_build.query(SCORECARD_SQL), downloads_build.query(SCORECARD_SQL))
    counts = {
        (b, e, f): (read, accepted)
        for b, e, f, read, accepted in mixed_build.query(
            "select business_id, export_name, file_name, rows_read, rows_accepted "
            "from audit.export_row_counts"
        )
    }
    assert counts[(JEWELRY, "orders", "orders.csv")] == (2, 2)
    assert counts[(JEWELRY, "order_items", "order_items.csv")] == (3, 3)
    assert counts[(JEWELRY, "shopify_orders", SHOPIFY_FILE)] == (12, 12)
    assert counts[(PRINT3D, "surveys", "surveys.csv")] == (4, 4)
    assert counts[(PRINT3D, "octoprint_jobs", "2024-07-01-print-job-history.csv")] == (7, 4)
    assert mixed_build.query("select count(*) from audit.rejected_rows") == [(0,)]


# --- every line accounted for ----------------------------------------------------------------


def test_every_source_line_is_counted(downloads_build: Build, downloads_folder: Path) -> None:
    rows = downloads_build.query(
        "select business_id, export_name, file_name, rows_read, rows_accepted, rows_rejected, "
        "rows_skipped from audit.export_row_counts"
    )
    by_file = {}
    for business_id, export_name, file_name, read, accepted, rejected, skipped in rows:
        assert read == accepted + rejected + skipped, (file_name, read, accepted, rejected, skipped)
        by_file[(business_id, file_name)] = (export_name, read, accepted, rejected, skipped)
        path = downloads_folder / business_id / file_name
        if path.is_file():
            assert read == count_records(path), (business_id, file_name)
    for (business_id, file_name), (
        source,
        read,
        accepted,
        rejected,
        skips,
    ) in EXPECTED_FILE_COUNTS.items():
        assert count_records(downloads_folder / business_id / file_name) == read
        assert by_file.get((business_id, file_name)) == (
            source,
            read,
            accepted,
            rejected,
            sum(skips.values()),
        ), (business_id, file_name)
    assert downloads_build.query("select count(*) from audit.rejected_rows") == [(0,)]
    # skipped rows do not raise the rejection warning
    statuses = {
        node_result.node.name: str(node_result.status)
        for node_result in downloads_build.result.result.results
    }
    assert statuses["assert_no_rejected_rows"] == "pass", statuses["assert_no_rejected_rows"]


def test_skipped_lines_per_skip_code(downloads_build: Build) -> None:
    """The skip code of every skipped line (private build database: the per-line audit)."""
    rows = warehouse(downloads_build).query(
        "select business_id, file_name, skip_code, count(*) "
        "from intermediate.int_file_lines_flagged where outcome = 'skipped' "
        "group by all",
        private=True,
    )
    got = {(b, f, code): n for b, f, code, n in rows}
    want = {
        (business_id, file_name, code): n
        for (business_id, file_name), (*_, skips) in EXPECTED_FILE_COUNTS.items()
        for code, n in skips.items()
    }
    assert got == want


# --- a second download of the same export, bad lines, a stray file ---------------------------


def test_duplicate_download_builds_green(duplicate_run: CliRun) -> None:
    """Rejected rows are a warning, never an error (docs/exports.md, docs/outputs.md): a folder with
    the same Shopify export downloaded twice, bad lines and a stray CSV builds and
    publishes."""
    assert duplicate_run.process.returncode == 0, duplicate_run.output[-3000:]
    assert duplicate_run.duckdb_path.exists()


def test_second_download_changes_no_kpi(duplicate_run: CliRun, downloads_build: Build) -> None:
    assert_same_scorecard(
        duplicate_run.warehouse.query(SCORECARD_SQL), downloads_build.query(SCORECARD_SQL)
    )


def test_older_copy_rejected_as_duplicates_naming_the_winner(duplicate_run: CliRun) -> None:
    rejected = duplicate_run.warehouse.query(
        f"select line_number, rejection_code, reason from audit.rejected_rows "
        f"where business_id = '{JEWELRY}' and file_name = '{SHOPIFY_FILE}' order by line_number"
    )
    n_lines = count_records(duplicate_run.folder / JEWELRY / SHOPIFY_FILE)
    assert [line for line, _, _ in rejected] == list(range(2, 2 + n_lines))
    for line, code, reason in rejected:
        assert code == "duplicate_id", (line, reason)
        assert SHOPIFY_COPY_FILE in reason, (line, reason)
        assert re.search(rf"\b{line}\b", reason), (line, reason)  # the winning line
    counts = dict(
        (file_name, (read, accepted, rejected_, skipped))
        for file_name, read, accepted, rejected_, skipped in duplicate_run.warehouse.query(
            f"select file_name, rows_read, rows_accepted, rows_rejected, rows_skipped "
            f"from audit.export_row_counts where business_id = '{JEWELRY}' "
            f"and export_name = 'shopify_orders'"
        )
    )
    assert counts[SHOPIFY_FILE] == (n_lines, 0, n_lines, 0)
    assert counts[SHOPIFY_COPY_FILE] == (n_lines, n_lines, 0, 0)


def test_rejected_vendor_lines_are_audited(duplicate_run: CliRun) -> None:
    for business_id, source, file_name, line, column, value in PLANTED_REJECTIONS:
        rows = duplicate_run.warehouse.query_dicts(
            f"select * from audit.rejected_rows where business_id = '{business_id}' "
            f"and file_name = '{file_name}'"
        )
        assert len(rows) == 1, rows
        row = rows[0]
        assert row["export_name"] == source
        assert row["line_number"] == line
        assert row["rejection_code"] == "unparseable"
        reason = row["reason"]
        assert column.lower() in reason.lower(), reason
        assert value in reason, reason
        # the expected form(s): Shopify `2025-12-07 19:08:25 -0500`; Etsy MM/DD/YY ...
        if source == "shopify_orders":
            assert re.search(r"YYYY-MM-DD|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}", reason), reason
        else:
            assert re.search(r"MM/DD/YY|\d{1,2}/\d{1,2}/\d{2}", reason), reason
        assert value in row["raw_record"]
        counts = duplicate_run.warehouse.query(
            f"select rows_read, rows_accepted, rows_rejected, rows_skipped "
            f"from audit.export_row_counts where business_id = '{business_id}' "
            f"and file_name = '{file_name}'"
        )
        n_lines = count_records(duplicate_run.folder / business_id / file_name)
        assert counts == [(n_lines, n_lines - 1, 1, 0)]


def test_every_line_counted_with_duplicates(duplicate_run: CliRun) -> None:
    for business_id, file_name, read, accepted, rejected, skipped in duplicate_run.warehouse.query(
        "select business_id, file_name, rows_read, rows_accepted, rows_rejected, rows_skipped "
        "from audit.export_row_counts"
    ):
        assert read == accepted + rejected + skipped, file_name
        path = duplicate_run.folder / business_id / file_name
        if path.is_file():
            assert read == count_records(path), (business_id, file_name)
    files = {
        row[0]
        for row in duplicate_run.warehouse.query("select file_name from audit.export_row_counts")
    }
    assert STRAY_FILE not in files
    assert HIDDEN_FILE not in files  # hidden files are not read (nor their big sale)


def test_stray_csv_is_named_as_ignored(duplicate_run: CliRun) -> None:
    lines = [line for line in duplicate_run.output.splitlines() if STRAY_FILE in line]
    assert lines, duplicate_run.output[-3000:]
    assert any("ignor" in line.lower() for line in lines), lines


# --- personal data ----------------------------------------------------------------------------


def assert_no_personal_value_in_marts(result: Warehouse | Build) -> None:
    tables = result.query(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts' and data_type in ('VARCHAR', 'TEXT') "
        "order by table_name, column_name"
    )
    assert tables
    columns_by_table: dict[str, list[str]] = {}
    for table, column in tables:
        columns_by_table.setdefault(table, []).append(column)
    found = []
    needles = [value.lower() for value in PERSONAL_VALUES]
    for table, columns in columns_by_table.items():
        select = ", ".join(f'"{c}"' for c in columns)
        for row in result.query(f'select distinct {select} from marts."{table}"'):
            for column, cell in zip(columns, row, strict=True):
                if cell is None:
                    continue
                text = str(cell).lower()
                found += [(table, column, cell) for needle in needles if needle in text]
    assert not found, found[:20]


def test_no_personal_data_in_marts(downloads_build: Build) -> None:
    assert_no_personal_value_in_marts(downloads_build)


def test_no_personal_data_in_marts_with_duplicates_and_bad_lines(duplicate_run: CliRun) -> None:
    assert_no_personal_value_in_marts(duplicate_run.warehouse)


# --- bad sources.yml ---------------------------------------------------------------------------

TYPEFORM_SURVEY_YML = f"""\
surveys:
  - file: "{TYPEFORM_FILE}"
    survey_type: customization
    score_column: "{TYPEFORM_HEADER[1]}"
    scale_max: 10
"""

BAD_SETTINGS = {
    # name: (sources.yml, the words the message must hold besides business and file)
    "unknown_key": (
        "custom_design:\n  keyword: [custom]\n" + PRINT3D_MATERIALS_YML,
        ["keyword"],
    ),
    "missing_survey_file": (
        TYPEFORM_SURVEY_YML.replace(TYPEFORM_FILE, "Feedback (old).csv") + PRINT3D_MATERIALS_YML,
        ["surveys", "Feedback (old).csv"],
    ),
    "missing_score_column": (
        TYPEFORM_SURVEY_YML.replace(TYPEFORM_HEADER[1], "Rate us") + PRINT3D_MATERIALS_YML,
        ["score_column", "Rate us"],
    ),
    "scale_max_zero": (
        TYPEFORM_SURVEY_YML.replace("scale_max: 10", "scale_max: 0") + PRINT3D_MATERIALS_YML,
        ["scale_max"],
    ),
    "no_eco_friendly_list": (TYPEFORM_SURVEY_YML, ["materials", "eco_friendly"]),
}


@pytest.mark.parametrize("case", list(BAD_SETTINGS))
def test_bad_sources_yml_stops_the_build(case: str, tmp_path: Path) -> None:
    sources_yml, words = BAD_SETTINGS[case]
    folder = tmp_path / "exports"
    write_csv(
        folder / "businesses.csv",
        ["business_id", "business_name", "vertical", "currency", "timezone"],
        [[PRINT3D, "Print Loop", "custom_3d_accessories", "EUR", "Europe/Paris"]],
    )
    shop = folder / PRINT3D
    write_etsy(shop)
    write_csv(shop / TYPEFORM_FILE, TYPEFORM_HEADER, TYPEFORM_ROWS)
    write_octoprint(shop)
    (shop / "sources.yml").write_text(sources_yml, encoding="utf-8")
    result = build(folder, tmp_path / "build")
    assert not result.success
    message = result.messages()
    for word in [PRINT3D, "sources.yml", *words]:
        assert word in message, (word, message[-3000:])
