"""The project's macros and generic tests, run for real on DuckDB through `dbt show --inline`.

Each test renders many cases into one query (dbt start-up dominates), then checks every row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pytests.dbt_helpers import PROJECT_DIR, run_dbt

DEMO = PROJECT_DIR / "data" / "demo"


def show(sql: str, work_dir: Path) -> list[tuple]:
    shown = run_dbt(
        ["show", "--inline", sql, "--limit", "-1"], exports_path=DEMO, work_dir=work_dir
    )
    assert shown.success, shown.messages()
    return [tuple(row) for row in shown.result.result.results[0].agate_table.rows]


def cases_query(
    expression_macro: str, cases: list[tuple[str, str]], extra_columns: str = ""
) -> str:
    """One row per case: the case's text and the macro applied to it."""
    values = " union all ".join(
        f"select {i} as case_id, cast({text} as varchar) as input_text{extra}"
        for i, (text, extra) in enumerate(cases)
    )
    return f"with cases as ({values}) select case_id, {expression_macro} as result from cases order by case_id"


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("macros")


TIMESTAMPS = [
    ("2024-02-29", dt.datetime(2024, 2, 29)),
    ("2024-03-01 09:05", dt.datetime(2024, 3, 1, 9, 5)),
    ("2024-03-01 09:05:07", dt.datetime(2024, 3, 1, 9, 5, 7)),
    ("2024-03-01T09:05", dt.datetime(2024, 3, 1, 9, 5)),
    ("2024-03-01T23:59:59", dt.datetime(2024, 3, 1, 23, 59, 59)),
    ("2000-02-29", dt.datetime(2000, 2, 29)),
    ("1900-02-29", None),
    ("2025-02-29", None),
    ("2024-04-31", None),
    ("2024-13-01", None),
    ("2024-00-10", None),
    ("2024-03-01 24:00", None),
    ("2024-03-01 10:60", None),
    ("2024-3-1", None),
    ("01/03/2024", None),
    ("2024-03-01 09:05:07.5", None),
    ("yesterday", None),
]


def test_parse_timestamp(work_dir: Path) -> None:
    cases = [(f"'{text}'", "") for text, _ in TIMESTAMPS]
    rows = show(cases_query("{{ atelier.parse_timestamp('input_text') }}", cases), work_dir)
    assert [r[1] for r in rows] == [expected for _, expected in TIMESTAMPS]


BOOLEANS = [
    ("true", True),
    ("TRUE", True),
    ("t", True),
    ("Yes", True),
    ("y", True),
    ("1", True),
    ("false", False),
    ("F", False),
    ("no", False),
    ("N", False),
    ("0", False),
    ("maybe", None),
    ("2", None),
    ("oui", None),
]


def test_parse_boolean(work_dir: Path) -> None:
    cases = [(f"'{text}'", "") for text, _ in BOOLEANS]
    rows = show(cases_query("{{ atelier.parse_boolean('input_text') }}", cases), work_dir)
    assert [r[1] for r in rows] == [expected for _, expected in BOOLEANS]


DECIMALS = [  # (text, file separator, expected)
    ("12.50", ",", Decimal("12.5")),
    ("12,50", ";", Decimal("12.5")),
    ("12,50", ",", None),
    ("-0.5", ",", Decimal("-0.5")),
    ("+3", ",", Decimal("3")),
    (".5", ",", Decimal("0.5")),
    ("7.", ",", Decimal("7")),
    ("1e3", ",", None),
    ("1 234,5", ";", None),
    ("1.234,5", ";", None),
    ("abc", ",", None),
    ("1234567890123456", ",", None),
    ("0.1234567", ",", Decimal("0.1234567")),
    ("123456789012345.123456789012345", ",", Decimal("123456789012345.123456789012345")),
]


def test_parse_decimal_reads_a_decimal_comma_only_in_semicolon_files(work_dir: Path) -> None:
    cases = [(f"'{text}'", f", '{sep}' as field_separator") for text, sep, _ in DECIMALS]
    rows = show(cases_query("{{ atelier.parse_decimal('input_text') }}", cases), work_dir)
    assert [r[1] for r in rows] == [expected for _, _, expected in DECIMALS]


def test_safe_ratio_multiplies_first_and_is_null_on_zero(work_dir: Path) -> None:
    rows = show(
        """
        select
            {{ atelier.safe_ratio('45', '50', 100) }},
            {{ atelier.safe_ratio('200', '500', 100) }},
            {{ atelier.safe_ratio('10', '30', 100) }},
            {{ atelier.safe_ratio('3', '0', 100) }},
            {{ atelier.safe_ratio('0', '0') }},
            {{ atelier.safe_ratio('150000', '50') }}
        """,
        work_dir,
    )
    (row,) = rows
    # agate hands doubles back as Decimal: compare as floats; 90 and 40 must be exact.
    assert row[3] is None and row[4] is None
    values = [float(v) for v in (row[0], row[1], row[2], row[5])]
    assert values == pytest.approx([90.0, 40.0, 100 / 3, 3000.0], rel=1e-12)
    assert values[0] == 90.0 and values[1] == 40.0


def test_benchmark_condition_keeps_strict_and_inclusive_bounds(work_dir: Path) -> None:
    rows = show(
        """
        select
            {{ atelier.benchmark_condition('90', "'>'", '90') }},
            {{ atelier.benchmark_condition('90', "'>='", '90') }},
            {{ atelier.benchmark_condition('2', "'<'", '24') }},
            {{ atelier.benchmark_condition('24', "'<'", '24') }},
            {{ atelier.benchmark_condition('4', "'<='", '4') }},
            {{ atelier.benchmark_condition('39.99999999999999', "'>='", '40') }},
            {{ atelier.benchmark_condition('60.00000000000001', "'>'", '60') }},
            {{ atelier.benchmark_condition('72.00000000000001', "'<='", '72') }},
            {{ atelier.benchmark_condition('23.999999999999996', "'<'", '24') }},
            {{ atelier.benchmark_condition('39.9999', "'>='", '40') }},
            {{ atelier.benchmark_condition('60.0001', "'>'", '60') }}
        """,
        work_dir,
    )
    # a value one unit in the last place from the bound is on the bound; 1e-4 away is not
    assert rows == [(False, True, True, False, True, True, False, True, False, False, True)]


def test_period_start_of_every_grain(work_dir: Path) -> None:
    rows = show(
        """
        with grains as ({{ atelier.period_grains() }})
        select period_grain, {{ atelier.period_start_of("cast('2025-08-31 23:59:59' as timestamp)") }}
        from grains order by period_grain
        """,
        work_dir,
    )
    assert rows == [
        ("month", dt.date(2025, 8, 1)),
        ("quarter", dt.date(2025, 7, 1)),
        ("year", dt.date(2025, 1, 1)),
    ]


def test_generic_tests_find_exactly_the_failing_rows(work_dir: Path) -> None:
    rows = show(
        """
        with t as (
            select 1 as k, 'a' as s, 5 as v
            union all select 1, 'b', 0
            union all select 2, 'a', null
            union all select 2, 'a', 11
        )
        select
            (select count(*) from ({{ atelier.test_unique_combination_of_columns(model='t', combination_of_columns=['k', 's']) }}) as f),
            (select count(*) from ({{ atelier.test_unique_combination_of_columns(model='t', combination_of_columns=['k']) }}) as f),
            (select count(*) from ({{ atelier.test_expression_is_true(model='t', expression='v > 0') }}) as f),
            (select count(*) from ({{ atelier.test_accepted_range(model='t', column_name='v', min_value=1, max_value=10) }}) as f),
            (select count(*) from ({{ atelier.test_accepted_range(model='t', column_name='v', min_value=0) }}) as f)
        """,
        work_dir,
    )
    # (k, s) duplicated once: (2, a); k duplicated twice; v > 0 fails for 0 and null;
    # 1..10 rejects 0 and 11 (null passes); >= 0 rejects nothing.
    assert rows == [(1, 2, 2, 2, 0)]
