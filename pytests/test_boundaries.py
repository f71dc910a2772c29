"""Cases found in review, through the whole pipeline: exact values that sit on a benchmark
bound, decimals finer than a cent, and parents whose earlier duplicate broke another rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytests.csv_files import contract_header, write_csv
from pytests.dbt_helpers import Build, build


def write_folder(root: Path) -> None:
    write_csv(
        root / "businesses.csv",
        contract_header("businesses"),
        [
            ["j1", "Jewels", "luxury_custom_jewelry", "usd"],  # lower-case USD is USD
            ["a1", "Prints", "custom_3d_accessories", "USD"],
        ],
    )
    jewels = root / "j1"
    # o1 twice: the earlier row breaks a rule of its own, the later one wins and is valid
    write_csv(
        jewels / "orders.csv",
        ["order_id", "customer_id", "ordered_at", "status"],
        [["o1", "", "2025-01-05", "placed"], ["o1", "c1", "2025-01-05", "completed"]],
    )
    write_csv(
        jewels / "order_items.csv",
        ["order_item_id", "order_id", "is_custom_design", "quantity", "net_amount"],
        [["i1", "o1", "true", "1", "3000"]],
    )
    write_csv(
        jewels / "design_projects.csv",
        ["project_id", "started_at", "status", "finalized_at"],
        [["p1", "2025-01-01", "bogus", ""], ["p1", "2025-01-01", "finalized", "2025-01-10"]],
    )
    write_csv(
        jewels / "design_iterations.csv",
        ["iteration_id", "project_id", "iteration_number", "created_at"],
        [["it1", "p1", "1", "2025-01-02"], ["it2", "p1", "2", "2025-01-03"]],
    )
    prints = root / "a1"
    write_csv(
        prints / "material_usage.csv",
        ["usage_id", "used_at", "material", "is_eco_friendly", "quantity_kg"],
        [
            ["m1", "2025-01-10", "recycled PLA", "true", "1.16"],  # 1.16 / 2.9 = exactly 40 %
            ["m2", "2025-01-11", "ABS", "false", "1.74"],
            ["m3", "2025-02-10", "recycled PLA", "true", "0.42"],  # 0.42 / 0.7 = exactly 60 %
            ["m4", "2025-02-11", "ABS", "false", "0.28"],
            ["m5", "2025-04-10", "recycled PLA", "true", "0.1234567"],  # finer than 6 decimals
            ["m6", "2025-04-11", "ABS", "false", "0.2"],
        ],
    )
    write_csv(
        prints / "production_jobs.csv",
        ["job_id", "design_started_at", "completed_at", "quantity"],
        [  # 72 h 12 min + 71 h 54 min + 71 h 54 min = 216 h over 3 items: exactly 72 h
            ["j1", "2025-03-01 00:00", "2025-03-04 00:12", "1"],
            ["j2", "2025-03-01 00:00", "2025-03-03 23:54", "1"],
            ["j3", "2025-03-02 00:00", "2025-03-04 23:54", "1"],
        ],
    )


@pytest.fixture(scope="module")
def boundaries(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("boundaries_exports")
    write_folder(root)
    result = build(root, tmp_path_factory.mktemp("boundaries_build"))
    assert result.success, result.messages()
    return result


def scorecard_row(result: Build, business_id: str, kpi_id: str, period_start: str) -> dict:
    (row,) = result.query_dicts(
        f"""
        select numerator, denominator, value, benchmark_tier, benchmark_note
        from marts.kpi_scorecard
        where business_id = '{business_id}' and kpi_id = '{kpi_id}'
            and period_grain = 'month' and period_start = date '{period_start}'
        """
    )
    return row


def test_children_of_a_parent_whose_earlier_duplicate_broke_a_rule_count_once(
    boundaries: Build,
) -> None:
    counts = {
        export: (read, accepted, rejected)
        for export, read, accepted, rejected in boundaries.query(
            "select export_name, rows_read, rows_accepted, rows_rejected"
            " from audit.export_row_counts where business_id = 'j1'"
        )
    }
    assert counts["orders"] == (2, 1, 1)
    assert counts["order_items"] == (1, 1, 0)
    assert counts["design_projects"] == (2, 1, 1)
    assert counts["design_iterations"] == (2, 2, 0)
    assert sorted(
        boundaries.query("select export_name, line_number, rejection_code from audit.rejected_rows")
    ) == [
        ("design_projects", 2, "unknown_value"),
        ("orders", 2, "missing_value"),
    ]


@pytest.mark.parametrize(
    ("business_id", "kpi_id", "period_start", "numerator", "denominator", "value", "tier"),
    [
        ("a1", "eco_material_ratio", "2025-01-01", 1.16, 2.9, 40.0, "typical"),  # ">= 40"
        ("a1", "eco_material_ratio", "2025-02-01", 0.42, 0.7, 60.0, "typical"),  # not "> 60"
        ("a1", "avg_production_lead_time", "2025-03-01", 216.0, 3.0, 72.0, "typical"),  # "<= 72"
        (
            "a1",
            "eco_material_ratio",
            "2025-04-01",
            0.1234567,
            0.3234567,
            100 * 0.1234567 / 0.3234567,
            "needs_improvement",
        ),
        (
            "j1",
            "avg_transaction_value",
            "2025-01-01",
            3000.0,
            1.0,
            3000.0,
            "typical",
        ),  # "usd" is USD
    ],
)
def test_exact_values_on_the_bounds(
    boundaries: Build,
    business_id: str,
    kpi_id: str,
    period_start: str,
    numerator: float,
    denominator: float,
    value: float,
    tier: str,
) -> None:
    row = scorecard_row(boundaries, business_id, kpi_id, period_start)
    assert row["numerator"] == pytest.approx(numerator, rel=1e-12)
    assert row["denominator"] == pytest.approx(denominator, rel=1e-12)
    assert row["value"] == pytest.approx(value, rel=1e-12)
    assert row["benchmark_tier"] == tier
    assert row["benchmark_note"] is None
