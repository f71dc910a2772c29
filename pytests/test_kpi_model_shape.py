"""The generic test `kpi_model_shape` (tests/generic/kpi_model_shape.sql), run for real on
DuckDB through `dbt show --inline` on planted rows: it finds each breach, names it, and
passes the good rows."""

from __future__ import annotations

import pytest

from pytests.dbt_helpers import PROJECT_DIR, run_dbt

DEMO = PROJECT_DIR / "data" / "demo"

# One good row, then one breach per row (a duplicated key is two rows).
ROWS = """
    select 'gem' as business_id, 'referral_rate' as kpi_id, 'month' as period_grain,
        date '2024-01-01' as period_start, date '2024-01-31' as period_end,
        1.0 as numerator, 2.0 as denominator, true as is_complete
    union all select 'gem', 'referral_rate', 'month', date '2024-02-01', date '2024-02-29', 1.0, 2.0, true
    union all select 'gem', 'referral_rate', 'month', date '2024-02-01', date '2024-02-29', 0.0, 2.0, true
    union all select 'gem', 'customization_rate', 'month', date '2024-03-01', date '2024-03-31', 1.0, 2.0, true
    union all select 'gem', 'referral_rate', 'week', date '2024-04-01', date '2024-04-07', 1.0, 2.0, true
    union all select 'gem', 'referral_rate', 'month', date '2024-05-01', null, 1.0, 2.0, true
    union all select null, 'referral_rate', 'month', date '2024-06-01', date '2024-06-30', 1.0, 2.0, true
    union all select 'gem', 'referral_rate', 'month', date '2024-07-01', date '2024-07-31', 3.0, 2.0, true
    union all select 'gem', 'referral_rate', 'month', date '2024-08-01', date '2024-08-31', -1.0, 2.0, false
"""

PART_OF_WHOLE = "a part of a whole outside 0 <= numerator <= denominator"
BREACHES = [
    ("2024-02-01", "key (business_id, period_grain, period_start) on 2 rows"),
    ("2024-03-01", "kpi_id is not referral_rate"),
    ("2024-04-01", "period_grain is not month, quarter or year"),
    ("2024-05-01", "period_end is null"),
    ("2024-06-01", "business_id is null"),
    ("2024-07-01", PART_OF_WHOLE),
    ("2024-08-01", PART_OF_WHOLE),
]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, list[tuple[str, str]]]:
    """(period_start, problem) of every row the test returns on ROWS, sorted, with
    part_of_whole true and false (one dbt invocation: its start-up dominates)."""
    calls = " union all ".join(
        f"""select {flag} as part_of_whole, cast(period_start as varchar) as period_start, problem
        from ({{{{ atelier.test_kpi_model_shape(model='kpi_rows_planted', kpi_id='referral_rate',
            part_of_whole={flag}) }}}}) as found_{flag}"""
        for flag in ("true", "false")
    )
    sql = f"with kpi_rows_planted as ({ROWS}) {calls} order by 1, 2, 3"
    work_dir = tmp_path_factory.mktemp("kpi_model_shape")
    shown = run_dbt(
        ["show", "--inline", sql, "--limit", "-1"], exports_path=DEMO, work_dir=work_dir
    )
    assert shown.success, shown.messages()
    rows = shown.result.result.results[0].agate_table.rows
    return {flag: [(row[1], row[2]) for row in rows if row[0] == flag] for flag in (True, False)}


def test_every_breach_is_found_and_named(found: dict[bool, list[tuple[str, str]]]) -> None:
    assert found[True] == BREACHES


def test_numerator_may_exceed_denominator_when_not_a_part_of_a_whole(
    found: dict[bool, list[tuple[str, str]]],
) -> None:
    assert found[False] == [breach for breach in BREACHES if breach[1] != PART_OF_WHOLE]
