"""`atelier demo-data`: deterministic, contract-clean, believable demo exports.

The committed demo (`data/demo`) is checked row by row against the contract read from the
sources file, and against the references and edge cases the KPIs need; regenerating it with
the command's defaults must give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from atelier import demo
from atelier.contract import PROJECT_DIR, REGISTRY, Export, business_exports, load_contract

DEMO = PROJECT_DIR / "data" / "demo"
FIRST_DAY = datetime(2024, 1, 1)
LAST_MOMENT = datetime(2026, 10, 31, 23, 59, 59)
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_EXPORTS = {"social_engagement"}  # exports whose timestamps are plain dates

Rows = list[dict[str, str]]


def run_demo_data(*argv: str) -> int:
    """`atelier demo-data ARGV` through the module's own parser (the CLI's interface)."""
    parser = argparse.ArgumentParser()
    demo.add_arguments(parser)
    return demo.run(parser.parse_args([*argv, "--no-progress"]))


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read_rows(path: Path) -> Rows:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def demo_rows(business_id: str, export: str) -> Rows:
    return read_rows(DEMO / business_id / load_contract()[export].file)


def demo_businesses() -> list[str]:
    return [row["business_id"] for row in read_rows(DEMO / load_contract()[REGISTRY].file)]


def parse_time(text: str, export: str) -> datetime:
    shape = DATE if export in DATE_EXPORTS else TIMESTAMP
    assert shape.fullmatch(text), f"{export}: {text!r} is not in the demo's timestamp format"
    return datetime.fromisoformat(text)


BUSINESS_EXPORTS = [e.name for e in business_exports()]
DEMO_IDS = [b.business_id for b in demo.DEMO_BUSINESSES]


# ----------------------------------------------------------------------- reproducibility


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        assert run_demo_data("--out", str(tmp_path / name), "--seed", seed, "--months", "3") == 0
    first, again, other = (files_of(tmp_path / name) for name in "abc")
    assert first == again
    assert first.keys() == other.keys()
    assert first != other


def test_committed_demo_is_what_demo_data_writes_by_default(tmp_path: Path) -> None:
    assert run_demo_data("--out", str(tmp_path)) == 0
    regenerated, committed = files_of(tmp_path), files_of(DEMO)
    assert sorted(regenerated) == sorted(committed)
    changed = [name for name in committed if committed[name] != regenerated[name]]
    assert not changed, f"data/demo differs from `atelier demo-data` output: {changed}"


def test_generated_businesses_are_registered_folders(tmp_path: Path) -> None:
    assert run_demo_data("--out", str(tmp_path), "--businesses", "5", "--months", "2") == 0
    registry = read_rows(tmp_path / "businesses.csv")
    assert [r["business_id"] for r in registry] == [f"biz_{n:05d}" for n in range(1, 6)]
    assert [r["vertical"] for r in registry] == [demo.JEWELRY, demo.ACCESSORIES] * 2 + [
        demo.JEWELRY
    ]
    folders = sorted(p.name for p in tmp_path.iterdir() if p.is_dir())
    assert folders == [r["business_id"] for r in registry]
    for folder in folders:
        for export in business_exports():
            assert (tmp_path / folder / export.file).is_file()
        assert read_rows(tmp_path / folder / "orders.csv"), f"{folder} has no orders"


def test_invalid_sizes_are_usage_errors(tmp_path: Path) -> None:
    assert run_demo_data("--out", str(tmp_path), "--months", "0") == 2
    assert run_demo_data("--out", str(tmp_path), "--businesses", "0") == 2


# ----------------------------------------------------------------------- the contract


def test_headers_are_the_contract_columns() -> None:
    contract = load_contract()
    with (DEMO / contract[REGISTRY].file).open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == contract[REGISTRY].column_names
    assert demo_businesses() == DEMO_IDS
    for business_id in DEMO_IDS:
        files = sorted(p.name for p in (DEMO / business_id).iterdir())
        assert files == sorted(e.file for e in business_exports())
        for export in business_exports():
            with (DEMO / business_id / export.file).open(encoding="utf-8") as handle:
                assert next(csv.reader(handle)) == export.column_names, export.file
            raw = (DEMO / business_id / export.file).read_bytes()
            assert b"\r" not in raw and raw.endswith(b"\n")


def check_value(export: Export, row: dict[str, str], name: str) -> None:
    """The contract rule of one column (its `meta` in the sources file) on one demo row."""
    column = next(c for c in export.columns if c.name == name)
    value = row[name]
    where = f"{export.name}.{name}={value!r}"
    if column.present_when is not None:
        expected = row[column.present_when["column"]] == column.present_when["equals"]
        assert bool(value) == expected, where
    if value == "":
        assert not column.required, f"{where}: required"
        return
    assert value == value.strip(), where
    if column.type == "timestamp":
        moment = parse_time(value, export.name)
        assert FIRST_DAY <= moment <= LAST_MOMENT, where
        if column.not_before and row[column.not_before]:
            assert moment >= parse_time(row[column.not_before], export.name), where
    elif column.type == "boolean":
        assert value in ("true", "false"), where
    elif column.type == "enum":
        assert value in column.values, where
    elif column.type in ("integer", "decimal"):
        number = float(value)
        assert column.type == "decimal" or re.fullmatch(r"\d+", value), where
        assert column.min is None or number >= column.min, where
        assert column.min_exclusive is None or number > column.min_exclusive, where
        assert column.max_column is None or number <= float(row[column.max_column]), where


@pytest.mark.parametrize("export_name", BUSINESS_EXPORTS)
@pytest.mark.parametrize("business_id", DEMO_IDS)
def test_every_row_keeps_the_contract(business_id: str, export_name: str) -> None:
    export = load_contract()[export_name]
    rows = demo_rows(business_id, export_name)
    assert rows, f"{business_id} has no {export_name}"
    for row in rows:
        assert None not in row and len(row) == len(export.columns)
        for name in export.column_names:
            check_value(export, row, name)
    if export.primary_key:
        duplicates = [k for k, n in Counter(r[export.primary_key] for r in rows).items() if n > 1]
        assert not duplicates, f"{business_id} {export_name}: duplicate ids {duplicates[:5]}"


# Reference column -> (export, its id column): the contract's required references and the
# optional ones the demo fills in.
REFERENCES = {
    ("order_items", "order_id"): ("orders", "order_id"),
    ("design_iterations", "project_id"): ("design_projects", "project_id"),
    ("orders", "inquiry_id"): ("inquiries", "inquiry_id"),
    ("design_projects", "inquiry_id"): ("inquiries", "inquiry_id"),
    ("design_projects", "customer_id"): ("customers", "customer_id"),
    ("inquiries", "customer_id"): ("customers", "customer_id"),
    ("consultations", "customer_id"): ("customers", "customer_id"),
    ("production_jobs", "order_item_id"): ("order_items", "order_item_id"),
    ("material_usage", "job_id"): ("production_jobs", "job_id"),
    ("surveys", "order_id"): ("orders", "order_id"),
}


@pytest.mark.parametrize("business_id", DEMO_IDS)
def test_references_exist(business_id: str) -> None:
    contract = load_contract()
    for export in contract.values():
        for reference in export.references:
            key = (export.name, reference["column"])
            assert key in REFERENCES, f"contract reference {key} is not checked here"
    for (export, column), (target, target_column) in REFERENCES.items():
        ids = {row[target_column] for row in demo_rows(business_id, target)}
        missing = {r[column] for r in demo_rows(business_id, export) if r[column]} - ids
        assert not missing, f"{business_id} {export}.{column}: {sorted(missing)[:5]}"


@pytest.mark.parametrize("business_id", DEMO_IDS)
def test_customers_and_referrals_are_coherent(business_id: str) -> None:
    created = {
        r["customer_id"]: parse_time(r["created_at"], "customers")
        for r in demo_rows(business_id, "customers")
    }
    ordering = {r["customer_id"] for r in demo_rows(business_id, "orders")}
    known = created.keys() | ordering
    for row in demo_rows(business_id, "customers"):
        referrer = row["referred_by_customer_id"]
        if referrer:
            assert referrer in known and referrer != row["customer_id"]
            if referrer in created:
                assert created[referrer] < created[row["customer_id"]]
    for row in demo_rows(business_id, "orders"):
        if row["customer_id"] in created:
            assert created[row["customer_id"]] <= parse_time(row["ordered_at"], "orders")


# ----------------------------------------------------------------------- believable data


def test_edge_cases_are_present() -> None:
    def rows(export: str) -> Rows:
        return [row for business_id in DEMO_IDS for row in demo_rows(business_id, export)]

    statuses = Counter(r["status"] for r in rows("orders"))
    assert statuses["cancelled"] and statuses["refunded"]
    for business_id in DEMO_IDS:
        listed = {r["customer_id"] for r in demo_rows(business_id, "customers")}
        inferred = {r["customer_id"] for r in demo_rows(business_id, "orders")} - listed
        assert inferred, f"{business_id} has no customer inferred from its orders"
        referred = [r for r in demo_rows(business_id, "customers") if r["referred_by_customer_id"]]
        assert referred, f"{business_id} has no referral"
        repeat = Counter(r["customer_id"] for r in demo_rows(business_id, "orders"))
        assert max(repeat.values()) >= 2, f"{business_id} has no repeat customer"
    projects = Counter(r["status"] for r in rows("design_projects"))
    assert projects["abandoned"] and projects["in_progress"] and projects["finalized"]
    assert any(not r["completed_at"] for r in rows("production_jobs"))
    surveys = {(r["survey_type"], r["scale_max"]) for r in rows("surveys")}
    assert surveys >= {(t, s) for t in ("finished_piece", "customization") for s in ("5", "10")}
    assert {r["is_eco_friendly"] for r in rows("material_usage")} == {"true", "false"}
    assert {r["content_type"] for r in rows("social_engagement")} == {"custom_design", "other"}


def sale_orders(business_id: str) -> set[str]:
    return {
        r["order_id"]
        for r in demo_rows(business_id, "orders")
        if r["status"] not in ("cancelled", "refunded")
    }


@pytest.mark.parametrize("business_id", DEMO_IDS)
def test_volumes_and_ranges_are_believable(business_id: str) -> None:
    jewelry = business_id == "gem_luxe"
    orders_per_year = len(demo_rows(business_id, "orders")) / (34 / 12)
    assert (200 <= orders_per_year <= 600) if jewelry else (2000 <= orders_per_year <= 6000)

    items = demo_rows(business_id, "order_items")
    custom = [r for r in items if r["is_custom_design"] == "true"]
    if jewelry:
        per_piece = [float(r["net_amount"]) / int(r["quantity"]) for r in custom]
        assert 2000 <= min(per_piece) and max(per_piece) <= 12000
    else:
        assert all(15 <= float(r["net_amount"]) <= 120 for r in items)
        assert 0.2 <= len(custom) / len(items) <= 0.6

    sales = sale_orders(business_id)
    converted = {
        r["inquiry_id"]
        for r in demo_rows(business_id, "orders")
        if r["inquiry_id"] and r["order_id"] in sales
    }
    assert 0.25 <= len(converted) / len(demo_rows(business_id, "inquiries")) <= 0.45

    iterations = Counter(r["project_id"] for r in demo_rows(business_id, "design_iterations"))
    assert set(iterations.values()) <= set(range(1, 9))
    minutes = [float(r["duration_minutes"]) for r in demo_rows(business_id, "consultations")]
    assert 30 <= min(minutes) and max(minutes) <= 240
    for job in demo_rows(business_id, "production_jobs"):
        if job["completed_at"]:
            started = parse_time(job["design_started_at"], "production_jobs")
            hours = (parse_time(job["completed_at"], "production_jobs") - started).total_seconds()
            assert 6 <= hours / 3600 <= 96, job

    platforms = {r["platform"] for r in demo_rows(business_id, "social_engagement")}
    assert 2 <= len(platforms) <= 3
    days = Counter(r["engagement_date"] for r in demo_rows(business_id, "social_engagement"))
    assert set(days.values()) == {2 * len(platforms)}  # one row per day, platform, content type
