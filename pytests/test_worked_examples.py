"""The fourteen worked examples of docs/kpis.md, through the whole pipeline (exports -> scorecard).

One `dbt build` of the folder written by `pytests.worked_examples`; each example is then
read from `marts.kpi_scorecard` and from its per-KPI mart.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pytests.catalog import catalog_kpis, kpis_per_vertical
from pytests.dbt_helpers import Build, build
from pytests.worked_examples import (
    ACCESSORIES,
    BUSINESSES,
    JEWELRY,
    WORKED_EXAMPLES,
    WorkedExample,
    write_worked_examples,
)

RELATIVE_TOLERANCE = 1e-9


@pytest.fixture(scope="session")
def exports_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("worked_examples") / "exports"
    write_worked_examples(folder)
    return folder


@pytest.fixture(scope="session")
def worked_build(exports_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(exports_folder, tmp_path_factory.mktemp("worked_examples_build"))
    assert result.success, result.messages()
    return result


def _one_row(worked_build: Build, relation: str, example: WorkedExample, extra: str = "") -> dict:
    rows = worked_build.query_dicts(
        f"""
        select *
        from {relation}
        where business_id = '{example.business_id}'
          and period_grain = '{example.period_grain}'
          and period_start = date '{example.period_start.isoformat()}'
          {extra}
        """
    )
    assert len(rows) == 1, f"{relation}: {len(rows)} rows for {example}"
    return rows[0]


def _scalar(worked_build: Build, sql: str):
    rows = worked_build.query(sql)
    assert len(rows) == 1 and len(rows[0]) == 1, rows
    return rows[0][0]


@pytest.mark.parametrize("example", WORKED_EXAMPLES, ids=lambda example: example.kpi_id)
def test_worked_example(worked_build: Build, example: WorkedExample) -> None:
    row = _one_row(worked_build, "marts.kpi_scorecard", example, f"and kpi_id = '{example.kpi_id}'")
    assert row["numerator"] == example.numerator
    assert row["denominator"] == example.denominator
    assert row["value"] == pytest.approx(example.value, rel=RELATIVE_TOLERANCE, abs=0)
    assert row["benchmark_tier"] == example.tier
    assert row["benchmark_note"] is None

    mart = _one_row(worked_build, f"marts.kpi_{example.kpi_id}", example)
    assert mart["numerator"] == row["numerator"]
    assert mart["denominator"] == row["denominator"]
    assert mart["value"] == row["value"]


def test_every_worked_example_is_covered() -> None:
    assert sorted(example.kpi_id for example in WORKED_EXAMPLES) == sorted(
        {example.kpi_id for example in WORKED_EXAMPLES}
    )
    # one worked example per catalog KPI, no more, no fewer
    assert sorted(example.kpi_id for example in WORKED_EXAMPLES) == sorted(catalog_kpis())


def test_no_row_is_rejected(worked_build: Build, exports_folder: Path) -> None:
    assert worked_build.query("select * from audit.rejected_rows") == []

    written = {}
    for business in BUSINESSES:
        for path in sorted((exports_folder / business["business_id"]).glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as handle:
                written[(business["business_id"], path.stem)] = (
                    sum(1 for _ in csv.reader(handle)) - 1
                )
    counted = {
        (business_id, export_name): (rows_read, rows_accepted, rows_rejected)
        for business_id, export_name, rows_read, rows_accepted, rows_rejected in worked_build.query(
            """
            select business_id, export_name, rows_read, rows_accepted, rows_rejected
            from audit.export_row_counts
            where business_id is not null and rows_read > 0
            """
        )
        if export_name != "businesses"
    }
    assert counted == {key: (rows, rows, 0) for key, rows in written.items()}


def test_scorecard_shows_each_business_its_own_seven_kpis(worked_build: Build) -> None:
    rows = worked_build.query(
        """
        select business_id, vertical, count(distinct kpi_id)
        from marts.kpi_scorecard
        group by business_id, vertical
        order by business_id
        """
    )
    per_vertical = kpis_per_vertical()
    assert rows == [
        (JEWELRY, "luxury_custom_jewelry", per_vertical["luxury_custom_jewelry"]),
        (ACCESSORIES, "custom_3d_accessories", per_vertical["custom_3d_accessories"]),
    ]


# Distractor-sensitive facts, read from the facts and dimensions.


def test_retention_cohort_and_window_boundaries(worked_build: Build) -> None:
    customers = {
        row["customer_id"]: row
        for row in worked_build.query_dicts(
            f"""
            select
                customer_id,
                first_bespoke_order_at,
                second_bespoke_order_at,
                second_bespoke_order_at is not null
                    and second_bespoke_order_at <= first_bespoke_order_at + interval 365 day
                    as is_retained
            from marts.dim_customers
            where business_id = '{JEWELRY}'
              and first_bespoke_order_at >= timestamp '2023-01-01'
              and first_bespoke_order_at < timestamp '2023-02-01'
            """
        )
    }
    assert len(customers) == 50
    assert sum(row["is_retained"] for row in customers.values()) == 20
    for customer_id in [
        "C-WINDOW-END",
        "C-WINDOW-PLUS-1D",
        "C-SAME-TIMESTAMP",
        "C-COHORT-LAST-SECOND",
        "C-PRIOR-CANCELLED",
        "C-PRIOR-CATALOGUE",
        "C-RETAINED-01",
    ]:
        assert customer_id in customers
    assert customers["C-WINDOW-END"]["is_retained"]
    assert customers["C-COHORT-LAST-SECOND"]["is_retained"]
    assert customers["C-RETAINED-01"]["is_retained"]  # inferred from its orders
    assert not customers["C-WINDOW-PLUS-1D"]["is_retained"]
    assert not customers["C-SAME-TIMESTAMP"]["is_retained"]
    assert customers["C-SAME-TIMESTAMP"]["second_bespoke_order_at"] is None
    for customer_id in ["C-SECOND-CATALOGUE", "C-SECOND-CANCELLED", "C-SECOND-REFUNDED"]:
        assert not customers[customer_id]["is_retained"]


def test_referral_quarter_new_customers(worked_build: Build) -> None:
    rows = worked_build.query_dicts(
        f"""
        select customer_id, is_referred_by_known_customer
        from marts.dim_customers
        where business_id = '{JEWELRY}'
          and first_order_at >= timestamp '2023-07-01'
          and first_order_at < timestamp '2023-10-01'
        """
    )
    referred = {row["customer_id"]: row["is_referred_by_known_customer"] for row in rows}
    assert len(referred) == 30
    assert sum(referred.values()) == 10
    assert referred["C-REF-LAST-SECOND"]
    for customer_id in [
        *(f"C-REF-UNKNOWN-{i}" for i in range(1, 5)),
        *(f"C-REF-SELF-{i}" for i in range(1, 4)),
        "C-REF-OTHER-BIZ",
    ]:
        assert referred[customer_id] is False
    for customer_id in ["C-FIRST-SALE-Q4", "C-FIRST-SALE-Q2", "C-NO-ORDER", "C-ONLY-REFUNDED"]:
        assert customer_id not in referred


def test_inquiries_converted_only_by_cancelled_or_refunded_orders_are_not(
    worked_build: Build,
) -> None:
    rows = worked_build.query(
        """
        select business_id, inquiry_id, is_converted
        from marts.fct_inquiries
        where inquiry_id like 'I-CANCELLED-ONLY-%' or inquiry_id like 'I-REFUNDED-ONLY-%'
        """
    )
    assert len(rows) == 3 + 2 + 5 + 3
    assert not any(is_converted for _, _, is_converted in rows)
    assert (
        _scalar(
            worked_build,
            f"""
        select count(*) from marts.fct_inquiries
        where business_id = '{ACCESSORIES}'
          and inquiry_id in ('I-CANCELLED-THEN-SOLD', 'I-LAST-SECOND', 'I-TWO-SALES-1')
          and is_converted
        """,
        )
        == 3
    )


def test_finalized_projects_without_iterations_count_zero(worked_build: Build) -> None:
    rows = worked_build.query(
        f"""
        select project_id, n_iterations
        from marts.fct_design_projects
        where business_id = '{JEWELRY}'
          and is_finalized
          and finalized_at >= timestamp '2023-04-01' and finalized_at < timestamp '2023-05-01'
          and n_iterations = 0
        """
    )
    assert len(rows) == 10
    assert all(project_id.startswith("P-APR-") for project_id, _ in rows)
    # abandoned and in-progress projects of the month have iterations but are not counted
    assert (
        _scalar(
            worked_build,
            f"""
        select count(*) from marts.fct_design_projects
        where business_id = '{JEWELRY}' and not is_finalized and n_iterations > 0
        """,
        )
        == 6
    )


def test_incomplete_jobs_are_excluded_from_lead_time(worked_build: Build) -> None:
    rows = worked_build.query(
        f"""
        select job_id, is_completed
        from marts.fct_production_jobs
        where business_id = '{ACCESSORIES}' and job_id like 'J-INCOMPLETE-%'
        """
    )
    assert sorted(rows) == [(f"J-INCOMPLETE-{i}", False) for i in range(1, 4)]


def test_social_engagement_previous_month_holds_950_interactions(worked_build: Build) -> None:
    previous = worked_build.query(
        f"""
        select numerator + denominator
        from marts.kpi_social_engagement_growth
        where business_id = '{ACCESSORIES}'
          and period_grain = 'month' and period_start = date '2024-07-01'
        """
    )
    assert previous == [(950,)]


def test_last_second_rows_belong_to_their_period(worked_build: Build) -> None:
    ordered_at = _scalar(
        worked_build,
        f"""
        select cast(ordered_at as varchar) from marts.fct_orders
        where business_id = '{JEWELRY}' and order_id = 'O-ATV-LAST-SECOND'
        """,
    )
    assert ordered_at == "2023-11-30 23:59:59"
