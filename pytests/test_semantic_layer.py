"""The semantic layer (MetricFlow, models/marts/semantic/): `mf query` gives the scorecard.

The worked examples and the demo are built as the other tests build them; `.venv/bin/mf` then
runs as a user runs it (from the project root, ATELIER_DUCKDB_PATH naming the warehouse) and
every KPI metric, queried by `metric_time__<grain>` and `business`, must equal
`marts.kpi_scorecard` wherever the scorecard has a value (1e-9 relative), by month with its
numerator and denominator; and where the scorecard's value is null (inside each business's
spine), MetricFlow gives none either. The worked examples' monthly query is the README's
command, through the project's `profiles.yml` (the build database); the others run through
`semantic_layer/profiles.yml` (the published file, read-only), the saved queries included.

`mf` reads the semantic manifest from `<project>/target/`, which a test build writes into its
own folder: each query runs with DBT_PROJECT_DIR naming a folder holding the project's
`dbt_project.yml` and that build's `target/semantic_manifest.json`. The queries of a build
run side by side (each `mf` spends seconds starting up).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pytests.dbt_helpers import PROJECT_DIR, Build, build
from pytests.worked_examples import write_worked_examples

RELATIVE_TOLERANCE = 1e-9
MF = Path(sys.executable).with_name("mf")
PUBLISHED_PROFILES_DIR = PROJECT_DIR / "semantic_layer"  # mf on the published file, read-only
BUILD_PROFILES_DIR = PROJECT_DIR  # the project's profile: the build database

KPIS = [
    "avg_transaction_value",
    "bespoke_retention_rate",
    "consultation_hours_per_client",
    "referral_rate",
    "custom_design_conversion_rate",
    "avg_design_iterations",
    "finished_piece_satisfaction",
    "customization_rate",
    "eco_material_ratio",
    "customization_satisfaction",
    "avg_production_lead_time",
    "repeat_customer_rate",
    "design_collaboration_conversion_rate",
    "social_engagement_growth",
]
# The metric holding each KPI at a grain other than the month, where it differs.
GRAIN_METRICS = {
    "quarter": {
        "repeat_customer_rate": "repeat_customer_rate_quarterly",
        "social_engagement_growth": "social_engagement_growth_quarterly",
    },
    "year": {
        "repeat_customer_rate": "repeat_customer_rate_yearly",
        "social_engagement_growth": "social_engagement_growth_yearly",
    },
}
SAVED_QUERIES = {
    "luxury_custom_jewelry_monthly": "luxury_custom_jewelry",
    "custom_3d_accessories_monthly": "custom_3d_accessories",
}

Key = tuple[str, dt.date]  # (business_id, period_start)


@dataclass(frozen=True)
class Query:
    """One `mf query`: metrics by metric_time__<grain> and business, or a saved query."""

    metrics: tuple[str, ...] = ()
    grain: str = "month"
    saved_query: str | None = None
    profiles_dir: Path = PUBLISHED_PROFILES_DIR

    def arguments(self) -> list[str]:
        if self.saved_query:
            return ["--saved-query", self.saved_query]
        return [
            "--metrics",
            ",".join(self.metrics),
            "--group-by",
            f"metric_time__{self.grain},business",
        ]


def month_metrics(kpis: Iterable[str]) -> tuple[str, ...]:
    """Each KPI's metric with its numerator and denominator metrics."""
    return tuple(f"{kpi}{part}" for kpi in kpis for part in ("", "_numerator", "_denominator"))


def grain_metrics(grain: str) -> tuple[str, ...]:
    return tuple(GRAIN_METRICS[grain].get(kpi, kpi) for kpi in KPIS)


def run_mf(build_result: Build, queries: list[Query], work_dir: Path) -> dict[Query, list[dict]]:
    """Run the queries (side by side) with `.venv/bin/mf` from the project root against the
    warehouse of `build_result`; the rows of each, as dicts of the CSV's text. At most one
    query may read the build database (DuckDB lets one process open it read-write)."""
    assert sum(query.profiles_dir == BUILD_PROFILES_DIR for query in queries) <= 1
    project = work_dir / "mf_project"
    (project / "target").mkdir(parents=True)
    (project / "dbt_project.yml").symlink_to(PROJECT_DIR / "dbt_project.yml")
    manifest = build_result.duckdb_path.parent / "target" / "semantic_manifest.json"
    (project / "target" / "semantic_manifest.json").write_bytes(manifest.read_bytes())

    running = []
    for number, query in enumerate(queries):
        out = work_dir / f"query_{number}.csv"
        env = {
            **os.environ,
            "ATELIER_DUCKDB_PATH": str(build_result.duckdb_path),
            "DBT_PROJECT_DIR": str(project),
            "DBT_PROFILES_DIR": str(query.profiles_dir),
        }
        command = [str(MF), "query", *query.arguments(), "--csv", str(out), "--quiet"]
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        running.append((query, command, process, out))

    rows = {}
    for query, command, process, out in running:
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0 and out.exists(), f"{' '.join(command)}\n{output}"
        with out.open(newline="") as handle:
            rows[query] = list(csv.DictReader(handle))
    return rows


def by_business_and_period(rows: list[dict], grain: str) -> dict[Key, dict]:
    """The rows of an mf CSV by (business, period start); metric columns as float or None."""
    keyed: dict[Key, dict] = {}
    for row in rows:
        row = dict(row)
        period = row.pop(f"metric_time__{grain}")
        business = row.pop("business")
        if not period:
            continue  # rows whose time dimension is null (e.g. customers without an order)
        key = (business, dt.datetime.fromisoformat(period).date())
        assert key not in keyed, key
        keyed[key] = {name: float(text) if text else None for name, text in row.items()}
    return keyed


def scorecard(build_result: Build, grain: str) -> list[dict]:
    return build_result.query_dicts(
        f"""
        select business_id, vertical, kpi_id, period_start, numerator, denominator, value
        from marts.kpi_scorecard
        where period_grain = '{grain}'
        order by business_id, kpi_id, period_start
        """
    )


def assert_matches_scorecard(
    build_result: Build,
    mf_rows: list[dict],
    grain: str,
    metric_of: dict[str, str],
    *,
    with_parts: bool,
    vertical: str | None = None,
) -> int:
    """Every scorecard value of the grain (and its numerator and denominator when
    `with_parts`) equals MetricFlow's; inside the spine, MetricFlow has no other value.
    `metric_of` maps kpi_id to the metric holding it. Returns the values compared."""
    values = by_business_and_period(mf_rows, grain)
    expected = [
        row
        for row in scorecard(build_result, grain)
        if row["kpi_id"] in metric_of and vertical in (None, row["vertical"])
    ]
    mismatches = []
    compared = 0
    for row in expected:
        key = (row["business_id"], row["period_start"])
        metric = metric_of[row["kpi_id"]]
        got = values.get(key, {})
        if row["value"] is None:
            # no value in the scorecard: none from MetricFlow either
            if got.get(metric) is not None:
                mismatches.append((key, metric, "scorecard null", got.get(metric)))
            continue
        compared += 1
        pairs = [(metric, row["value"])]
        if with_parts:
            pairs += [
                (f"{metric}_numerator", row["numerator"]),
                (f"{metric}_denominator", row["denominator"]),
            ]
        for name, want in pairs:
            have = got.get(name)
            if have is None or have != pytest.approx(want, rel=RELATIVE_TOLERANCE, abs=0):
                mismatches.append((key, name, want, have))
    assert mismatches == [], mismatches[:20]
    return compared


# --- builds --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def worked_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("semantic_worked_examples") / "exports"
    write_worked_examples(folder)
    result = build(folder, tmp_path_factory.mktemp("semantic_worked_examples_build"))
    assert result.success, result.messages()
    return result


WORKED_QUERIES = [
    # the README's command, through the project's own profile (the build database)
    Query(metrics=month_metrics(KPIS), profiles_dir=BUILD_PROFILES_DIR),
    # the others through the read-only profile (the published file)
    Query(metrics=grain_metrics("quarter"), grain="quarter"),
    Query(metrics=grain_metrics("year"), grain="year"),
    *(Query(saved_query=name) for name in SAVED_QUERIES),
]


@pytest.fixture(scope="module")
def worked_mf(worked_build: Build, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_mf(worked_build, WORKED_QUERIES, tmp_path_factory.mktemp("semantic_worked_mf"))


DEMO_QUERIES = [
    Query(metrics=month_metrics(KPIS)),
    Query(metrics=grain_metrics("quarter"), grain="quarter"),
    Query(metrics=grain_metrics("year"), grain="year"),
]


@pytest.fixture(scope="module")
def demo_mf(demo_build: Build, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_mf(demo_build, DEMO_QUERIES, tmp_path_factory.mktemp("semantic_demo_mf"))


# --- tests ---------------------------------------------------------------------------------


def test_every_kpi_has_its_metric(worked_build: Build) -> None:
    manifest = worked_build.duckdb_path.parent / "target" / "semantic_manifest.json"
    metrics = {metric["name"]: metric for metric in json.loads(manifest.read_text())["metrics"]}
    catalog = {
        kpi_id: name
        for kpi_id, name in worked_build.query(
            "select kpi_id, kpi_name_en from marts.kpi_scorecard"
        )
    }
    assert sorted(catalog) == sorted(KPIS)
    for kpi_id, name in catalog.items():
        assert metrics[kpi_id]["label"] == name, kpi_id
        assert metrics[kpi_id]["description"].strip(), kpi_id
        for part in ("_numerator", "_denominator"):
            assert f"{kpi_id}{part}" in metrics, f"{kpi_id}{part}"


def test_worked_examples_monthly_by_business(worked_build: Build, worked_mf: dict) -> None:
    metric_of = {kpi: kpi for kpi in KPIS}
    compared = assert_matches_scorecard(
        worked_build, worked_mf[WORKED_QUERIES[0]], "month", metric_of, with_parts=True
    )
    assert compared > 100


@pytest.mark.parametrize("grain", ["quarter", "year"])
def test_worked_examples_by_quarter_and_year(
    worked_build: Build, worked_mf: dict, grain: str
) -> None:
    query = next(q for q in WORKED_QUERIES if q.grain == grain)
    metric_of = {kpi: GRAIN_METRICS[grain].get(kpi, kpi) for kpi in KPIS}
    compared = assert_matches_scorecard(
        worked_build, worked_mf[query], grain, metric_of, with_parts=False
    )
    assert compared > 20


def test_the_articles_examples_through_the_semantic_layer(worked_mf: dict) -> None:
    """Three worked examples read straight from MetricFlow's output."""
    month = by_business_and_period(worked_mf[WORKED_QUERIES[0]], "month")
    year = by_business_and_period(worked_mf[WORKED_QUERIES[2]], "year")
    quarter = by_business_and_period(worked_mf[WORKED_QUERIES[1]], "quarter")
    assert month[("innovate_accents", dt.date(2024, 3, 1))]["customization_rate"] == 30
    growth = month[("innovate_accents", dt.date(2024, 8, 1))]
    assert growth["social_engagement_growth_numerator"] == 200
    assert growth["social_engagement_growth_denominator"] == 950
    assert growth["social_engagement_growth"] == pytest.approx(200 * 100 / 950, rel=1e-12)
    assert year[("innovate_accents", dt.date(2023, 1, 1))]["repeat_customer_rate_yearly"] == 40
    assert quarter[("gem_luxe", dt.date(2023, 7, 1))]["referral_rate"] == pytest.approx(
        100 / 3, rel=1e-12
    )
    assert month[("gem_luxe", dt.date(2023, 1, 1))]["bespoke_retention_rate"] == 40


@pytest.mark.parametrize("saved_query", SAVED_QUERIES)
def test_saved_queries_give_each_vertical_its_monthly_scorecard(
    worked_build: Build, worked_mf: dict, saved_query: str
) -> None:
    vertical = SAVED_QUERIES[saved_query]
    rows = worked_mf[Query(saved_query=saved_query)]
    businesses = {
        business_id
        for (business_id,) in worked_build.query(
            f"select business_id from marts.dim_businesses where vertical = '{vertical}'"
        )
    }
    assert {row["business"] for row in rows} == businesses
    kpis = {
        kpi_id
        for (kpi_id,) in worked_build.query(
            f"select kpi_id from marts.kpi_scorecard where vertical = '{vertical}'"
        )
    }
    assert set(rows[0]) - {"metric_time__month", "business"} == kpis
    compared = assert_matches_scorecard(
        worked_build, rows, "month", {kpi: kpi for kpi in kpis}, with_parts=False, vertical=vertical
    )
    assert compared > 20


@pytest.mark.parametrize("query", DEMO_QUERIES, ids=lambda query: query.grain)
def test_demo_by_business(demo_build: Build, demo_mf: dict, query: Query) -> None:
    metric_of = {kpi: GRAIN_METRICS.get(query.grain, {}).get(kpi, kpi) for kpi in KPIS}
    compared = assert_matches_scorecard(
        demo_build, demo_mf[query], query.grain, metric_of, with_parts=query.grain == "month"
    )
    assert compared > {"month": 500, "quarter": 150, "year": 40}[query.grain]
