"""`atelier benchmark` end to end on four small generated businesses: the full build, the
incremental build after one appended order, and the JSON that reports them."""

from __future__ import annotations

import json
from pathlib import Path

from atelier.cli import main

BUILD_KEYS = {"seconds", "peak_rss_mib", "success", "dbt_elapsed_seconds", "plan"}


def test_benchmark_full_then_incremental(tmp_path: Path) -> None:
    work_dir = tmp_path / "work"
    report = tmp_path / "benchmark.json"
    code = main(
        [
            "benchmark",
            "--businesses", "4",
            "--months", "3",
            "--no-progress",
            "--out", str(tmp_path / "exports"),
            "--keep-work", str(work_dir),
            "--json", str(report),
        ]
    )  # fmt: skip
    figures = json.loads(report.read_text())
    assert code == 0, figures

    assert {
        "machine",
        "parameters",
        "exports",
        "arrow_parse_floor",
        "full_build",
        "incremental_build",
        "postgres",
        "success",
    } <= figures.keys()
    assert figures["success"] is True
    machine = figures["machine"]
    assert machine["cpu_count"] >= 1 and machine["memory_total_mib"] > 0
    assert machine["duckdb"] and machine["dbt_core"] and machine["python"]

    exports = figures["exports"]
    assert exports["businesses"] == 4
    assert exports["rows"] > 0 and exports["generation_seconds"] > 0
    assert exports["files"] == len(list((tmp_path / "exports").rglob("*.csv")))
    assert figures["arrow_parse_floor"]["seconds"] > 0
    assert figures["arrow_parse_floor"]["files"] == exports["files"]

    full, incremental = figures["full_build"], figures["incremental_build"]
    assert BUILD_KEYS | {"ratio_to_arrow_floor"} <= full.keys()
    assert full["success"] is True
    assert full["seconds"] > 0 and full["peak_rss_mib"] > 0 and full["ratio_to_arrow_floor"] > 0
    assert full["plan"].startswith("rebuilding all 4 businesses")

    assert BUILD_KEYS | {"percent_of_full_build", "new_order_in_fct_orders"} <= incremental.keys()
    assert incremental["success"] is True
    assert incremental["seconds"] > 0 and incremental["peak_rss_mib"] > 0
    assert incremental["percent_of_full_build"] > 0
    assert incremental["new_order_in_fct_orders"] is True
    assert incremental["order_id"].endswith("_bench")
    assert incremental["rebuilt_only_the_changed_business"] is True

    # The incremental dbt build's own output: it rebuilt the business whose orders changed.
    output = (work_dir / "incremental_build.out").read_text()
    plan_lines = [line for line in output.splitlines() if "rebuilding " in line]
    assert len(plan_lines) == 1 and "rebuilding 1 changed business" in plan_lines[0], plan_lines
    assert f"({incremental['business_id']})" in plan_lines[0]
    orders = (tmp_path / "exports" / incremental["business_id"] / "orders.csv").read_text()
    assert orders.endswith("\n") and orders.count(incremental["order_id"]) == 1

    assert "skipped" in figures["postgres"]
