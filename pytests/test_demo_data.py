"""`atelier demo-data`: deterministic, contract-clean, believable demo exports.

The committed demo (`data/demo`) is checked row by row against the contract read from the
sources file, and against the references and edge cases the KPIs need; regenerating it with
the command's defaults must give the same bytes. Its third business runs on vendor downloads
only: those files are checked against each vendor's format and against the rows its
simulation gives as exports.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import random
import re
from collections import Counter
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from atelier import demo
from atelier.contract import PROJECT_DIR, REGISTRY, Export, business_exports, load_contract
from atelier.demo_downloads import DownloadsSimulation
from atelier.sources import inventory

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
EXPORT_IDS = [b.business_id for b in demo.DEMO_BUSINESSES if not b.downloads]  # hand-kept exports
DOWNLOADS_ID = "maison_filament"  # the business that runs on its tools' downloads only


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
    assert run_demo_data("--out", str(tmp_path), "--jobs", "0") == 2


def test_worker_processes_do_not_change_the_files(tmp_path: Path) -> None:
    """Business folders written by worker processes are the bytes one process writes."""
    runs = {"one": "1", "three": "3", "three_again": "3"}
    for name, jobs in runs.items():
        sizes = ("--businesses", "4", "--months", "3", "--jobs", jobs)
        assert run_demo_data("--out", str(tmp_path / name), *sizes) == 0
    one, three, again = (files_of(tmp_path / name) for name in runs)
    assert one == three == again
    # the demo in one process (by default, one worker per CPU writes it: the test above)
    assert run_demo_data("--out", str(tmp_path / "demo"), "--jobs", "1") == 0
    assert files_of(tmp_path / "demo") == files_of(DEMO)


def test_a_value_that_would_need_quoting_stops_the_writer(tmp_path: Path) -> None:
    """Lines are values joined by commas: one holding a comma would shift its columns."""
    row = ["2024-01-01", "instagram, reels", "other", "1", "0", "0", "0"]
    with pytest.raises(RuntimeError, match="comma"), demo.BusinessWriter(tmp_path) as out:
        out.write_now("social_engagement", [row])


def test_ids_are_numbered_past_a_million() -> None:
    ids = demo.id_texts("ord")
    assert next(ids) == "ord_000001"
    assert list(itertools.islice(ids, 999_997, 1_000_001)) == [
        f"ord_{n:06d}" for n in range(999_999, 1_000_003)
    ]


def test_demo_random_shortcuts_draw_as_the_standard_methods() -> None:
    """The committed demo depends on it: same values, same generator state after."""
    fast, standard = demo.DemoRandom("x"), random.Random("x")
    for width in (1, 2, 3, 7, 8, 1000, 50_400, 2**20 + 1):
        for _ in range(50):
            assert fast.between(5, 5 + width) == standard.randrange(5, 5 + width)
            assert fast.pick(range(width)) == standard.choice(range(width))
    for _ in range(200):
        assert fast.lognormal(3.5, 0.35) == standard.lognormvariate(3.5, 0.35)
    weights = (0.02, 0.03, 0.05, 0.08, 0.1, 0.17, 0.25, 0.3)
    weighted = demo.Weighted(range(8), weights)
    for _ in range(200):
        assert weighted.pick(fast) == standard.choices(range(8), weights)[0]
    assert fast.getstate() == standard.getstate()


# ----------------------------------------------------------------------- the contract


def test_headers_are_the_contract_columns() -> None:
    contract = load_contract()
    with (DEMO / contract[REGISTRY].file).open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == contract[REGISTRY].column_names
    assert demo_businesses() == DEMO_IDS
    assert [b.business_id for b in demo.DEMO_BUSINESSES if b.downloads] == [DOWNLOADS_ID]
    for business_id in EXPORT_IDS:
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


def test_registry_gives_the_downloads_business_its_time_zone() -> None:
    registry = read_rows(DEMO / load_contract()[REGISTRY].file)
    assert {r["business_id"]: r["timezone"] for r in registry} == {
        "gem_luxe": "",
        "innovate_accents": "",
        DOWNLOADS_ID: "Europe/Paris",
    }
    assert {r["business_id"]: r["currency"] for r in registry}[DOWNLOADS_ID] == "EUR"


@pytest.mark.parametrize("export_name", BUSINESS_EXPORTS)
@pytest.mark.parametrize("business_id", EXPORT_IDS)
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


@pytest.mark.parametrize("business_id", EXPORT_IDS)
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


def test_generated_businesses_keep_the_contract_and_differ(tmp_path: Path) -> None:
    """Benchmark businesses (written by workers) are valid, and each one its own history."""
    assert run_demo_data("--out", str(tmp_path), "--businesses", "4", "--months", "4") == 0
    people: dict[str, list[str]] = {}
    for business in [f"biz_{n:05d}" for n in range(1, 5)]:
        rows = {e.name: read_rows(tmp_path / business / e.file) for e in business_exports()}
        for export in business_exports():
            assert rows[export.name], f"{business} has no {export.name}"
            for row in rows[export.name]:
                for name in export.column_names:
                    check_value(export, row, name)
            if export.primary_key:
                keys = [r[export.primary_key] for r in rows[export.name]]
                assert len(set(keys)) == len(keys), f"{business} {export.name}: duplicate ids"
        for (export_name, column), (target, target_column) in REFERENCES.items():
            ids = {row[target_column] for row in rows[target]}
            missing = {r[column] for r in rows[export_name] if r[column]} - ids
            assert not missing, f"{business} {export_name}.{column}: {sorted(missing)[:5]}"
        people[business] = [r["full_name"] + r["created_at"] for r in rows["customers"]]
    # same vertical, not the same customers at the same moments
    assert people["biz_00001"] != people["biz_00003"]
    assert people["biz_00002"] != people["biz_00004"]


@pytest.mark.parametrize("business_id", EXPORT_IDS)
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
        return [row for business_id in EXPORT_IDS for row in demo_rows(business_id, export)]

    statuses = Counter(r["status"] for r in rows("orders"))
    assert statuses["cancelled"] and statuses["refunded"]
    for business_id in EXPORT_IDS:
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


@pytest.mark.parametrize("business_id", EXPORT_IDS)
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


# ----------------------------------------------------------------------- the downloads business

DOWNLOADS = DEMO / DOWNLOADS_ID
YEARS = (2024, 2025, 2026)  # one Etsy file of each kind per year of the history
ETSY_ITEMS = [f"EtsySoldOrderItems{year}.csv" for year in YEARS]
ETSY_ORDERS = [f"EtsySoldOrders{year}.csv" for year in YEARS]
CALENDLY = "events-export.csv"
TYPEFORM = "Customization survey responses.csv"
OCTOPRINT = "printjob-history.csv"
VENDOR_FILES = {
    **dict.fromkeys(ETSY_ITEMS, "etsy_order_items"),
    **dict.fromkeys(ETSY_ORDERS, "etsy_orders"),
    CALENDLY: "calendly_events",
    TYPEFORM: "survey_responses",
    OCTOPRINT: "octoprint_jobs",
}
HEADER_SIZES = {
    "etsy_order_items": 33,
    "etsy_orders": 36,
    "calendly_events": 37,
    "octoprint_jobs": 25,
}
SCORE = "How happy are you with your personalised piece?"
CONSULTATION_TYPES = {"Design consultation", "Design review"}
ECO_FRIENDLY = {"PLA", "recycled PLA", "recycled PETG"}
NOT_REQUESTED = "Not requested on this item."
US_SHORT_DATE = re.compile(r"\d{2}/\d{2}/\d{2}")
US_DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
CALENDLY_TIME = re.compile(r"\d{4}-\d{2}-\d{2} (0[1-9]|1[0-2]):[0-5]\d [ap]m")
OCTOPRINT_TIME = re.compile(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}")


@cache
def vendor_rows(*file_names: str) -> Rows:
    return [row for name in file_names for row in read_rows(DOWNLOADS / name)]


def money_sum(values: list[str]) -> float:
    return round(sum(float(v) for v in values), 2)


def personalization(variations: str) -> str:
    assert variations.startswith("Color:") and ",Personalization:" in variations, variations
    return variations.split(",Personalization:", 1)[1]


def test_downloads_business_holds_only_vendor_files_each_recognised() -> None:
    files = sorted(p.name for p in DOWNLOADS.iterdir())
    assert files == sorted([*VENDOR_FILES, "sources.yml"])
    found = inventory(DOWNLOADS)
    assert found.ignored == []
    assert {f.path.name: f.source for f in found.source_files} == VENDOR_FILES
    assert set(found.settings.eco_friendly or ()) == ECO_FRIENDLY
    assert set(found.settings.event_types or ()) == CONSULTATION_TYPES
    (survey,) = found.settings.surveys
    assert (survey.file, survey.survey_type, survey.score_column, survey.scale_max) == (
        TYPEFORM,
        "customization",
        SCORE,
        10,
    )
    for name in VENDOR_FILES:
        assert vendor_rows(name), f"{name} has no rows"


def etsy_quoted(value: str) -> str:
    """Etsy quotes a field (header names included) only when it holds a space or must be."""
    return f'"{value.replace(chr(34), chr(34) * 2)}"' if re.search(r'[ ,"\n]', value) else value


def test_vendor_files_are_written_as_each_vendor_writes_them() -> None:
    for name, source in VENDOR_FILES.items():
        text = (DOWNLOADS / name).read_text(encoding="utf-8")
        assert not text.startswith("\ufeff") and "\r" not in text and text.endswith("\n")
        records = list(csv.reader(io.StringIO(text)))
        if source in HEADER_SIZES:
            assert len(records[0]) == HEADER_SIZES[source], name
        assert {len(r) for r in records} == {len(records[0])}, name
        if source.startswith("etsy"):
            rebuilt = "".join(",".join(etsy_quoted(v) for v in r) + "\n" for r in records)
            assert rebuilt == text, f"{name}: not quoted as Etsy quotes"
        if source == "octoprint_jobs":
            quoted = (",".join(f'"{v}"' for v in r) + "\n" for r in records)
            assert "".join(quoted) == text, f"{name}: every field is quoted"
            assert all(v != "" for r in records for v in r), f"{name}: `-` marks a missing value"
    typeform = vendor_rows(TYPEFORM)
    assert list(typeform[0])[0] == "#" and "Submit Date (UTC)" in typeform[0]


def test_etsy_files_hold_dated_orders_with_their_items() -> None:
    for year, items_file, orders_file in zip(YEARS, ETSY_ITEMS, ETSY_ORDERS, strict=True):
        for row in vendor_rows(items_file) + vendor_rows(orders_file):
            assert US_SHORT_DATE.fullmatch(row["Sale Date"]) and row["Sale Date"].endswith(
                f"/{year % 100:02d}"
            ), row["Sale Date"]
            assert row["Date Shipped"] == "" or US_DATE.fullmatch(row["Date Shipped"])
            assert row["Currency"] == "EUR"
        ordered = {r["Order ID"]: r for r in vendor_rows(orders_file)}
        assert len(ordered) == len(vendor_rows(orders_file))
        quantities = Counter()
        for row in vendor_rows(items_file):
            quantities[row["Order ID"]] += int(row["Quantity"])
        assert quantities.keys() == ordered.keys(), f"{items_file} and {orders_file} differ"
        for order_id, order in ordered.items():
            assert int(order["Number of Items"]) == quantities[order_id]

    items = vendor_rows(*ETSY_ITEMS)
    orders = vendor_rows(*ETSY_ORDERS)
    assert 300 <= len(orders) / (34 / 12) <= 1200  # a small shop: the demo build stays fast
    assert len({r["Transaction ID"] for r in items}) == len(items)
    custom_products = {*demo.CUSTOM_3D, *demo.COLLABORATION_3D}
    seen: set[str] = set()
    for row in items:  # the order discount on an order's first item row, 0 on the others
        if row["Order ID"] in seen:
            assert row["Discount Amount"] == "0"
        seen.add(row["Order ID"])
        text = personalization(row["Variations"])
        if row["Item Name"] in custom_products:
            assert text and text != NOT_REQUESTED, row
        else:
            assert text == NOT_REQUESTED, row
    assert any(float(r["Discount Amount"]) > 0 for r in items)
    assert any("\n" in personalization(r["Variations"]) for r in items)
    refunded = [r for r in orders if float(r["Adjusted Net Order Amount"]) < 0]
    assert refunded and all(r["Date Shipped"] for r in refunded)
    assert any(float(r["Adjusted Net Order Amount"]) > 0 for r in orders)  # partial refunds
    guests = [r for r in orders if not r["Buyer User ID"]]
    assert guests and all(r["Full Name"] for r in guests)
    assert any(not r["Date Shipped"] for r in orders)  # not shipped yet at the as-of date


def test_calendly_export_holds_bookings_in_12_hour_time() -> None:
    rows = vendor_rows(CALENDLY)
    for row in rows:
        assert CALENDLY_TIME.fullmatch(row["Start Date & Time"]), row["Start Date & Time"]
        assert CALENDLY_TIME.fullmatch(row["End Date & Time"]), row["End Date & Time"]
        start, end = (
            datetime.strptime(row[c], "%Y-%m-%d %I:%M %p")
            for c in ("Start Date & Time", "End Date & Time")
        )
        assert FIRST_DAY <= start < end <= LAST_MOMENT
        assert row["Canceled"] in ("true", "false") and row["Marked as No-Show"] in ("Yes", "No")
        assert "@" in row["Invitee Email"]
    assert len({r["Invitee UUID"] for r in rows}) == len(rows)
    cancelled = [r for r in rows if r["Canceled"] == "true"]
    no_shows = [r for r in rows if r["Marked as No-Show"] == "Yes"]
    assert 1 <= len(cancelled) <= len(rows) / 10 and no_shows
    other_types = {r["Event Type Name"] for r in rows} - CONSULTATION_TYPES
    assert other_types == {"Studio pick-up"}  # skipped: sources.yml lists the consultations


def test_typeform_results_are_in_utc_with_partial_responses() -> None:
    rows = vendor_rows(TYPEFORM)
    assert len({r["#"] for r in rows}) == len(rows)
    etsy_orders = {r["Order ID"] for r in vendor_rows(*ETSY_ORDERS)}
    for row in rows:
        assert row["Response Type"] in ("completed", "partial")
        assert TIMESTAMP.fullmatch(row["Start Date (UTC)"])
        if row["Response Type"] == "completed":
            assert TIMESTAMP.fullmatch(row["Submit Date (UTC)"])
            assert row["Submit Date (UTC)"] > row["Start Date (UTC)"]
        else:
            assert row["Submit Date (UTC)"] == ""
        assert row[SCORE] == "" or 0 <= int(row[SCORE]) <= 10
        assert row["order_id"] in etsy_orders
    partial = [r for r in rows if r["Response Type"] == "partial"]
    assert partial and len(partial) <= len(rows) / 5


def test_octoprint_history_holds_every_print_even_failed_ones() -> None:
    rows = vendor_rows(OCTOPRINT)
    ids = {(r["Start Datetime [dd.mm.yyyy hh:mm]"], r["File Name"]) for r in rows}
    assert len(ids) == len(rows)  # start and file name: the usage id
    for row in rows:
        assert OCTOPRINT_TIME.fullmatch(row["Start Datetime [dd.mm.yyyy hh:mm]"])
        assert OCTOPRINT_TIME.fullmatch(row["End Datetime [dd.mm.yyyy hh:mm]"])
        assert row["Used Weight [g]"] == "-" or float(row["Used Weight [g]"]) > 0
    results = Counter(r["Print result [success canceled failed]"] for r in rows)
    assert results.keys() == {"success", "failed", "canceled"}
    assert results["failed"] + results["canceled"] < results["success"] / 10
    assert any(r["Used Weight [g]"] == "-" for r in rows)
    assert ECO_FRIENDLY < {r["Material"] for r in rows}


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rows]:
    """The downloads business's simulation written as exports: what its downloads must show."""
    folder = tmp_path_factory.mktemp("simulated") / DOWNLOADS_ID
    business = next(b for b in demo.DEMO_BUSINESSES if b.downloads)
    calendar = demo.Calendar(demo.DEFAULT_MONTHS)
    with demo.BusinessWriter(folder) as out:
        DownloadsSimulation(business, demo.DEFAULT_SEED, calendar, out).run()
    return {e.name: read_rows(folder / e.file) for e in business_exports()}


def test_etsy_files_show_the_simulated_orders(simulated: dict[str, Rows]) -> None:
    orders = [r for r in simulated["orders"] if r["status"] != "cancelled"]  # absent on Etsy
    kept = {r["order_id"] for r in orders}
    items = [r for r in simulated["order_items"] if r["order_id"] in kept]
    etsy_orders, etsy_items = vendor_rows(*ETSY_ORDERS), vendor_rows(*ETSY_ITEMS)
    assert Counter(r["Sale Date"] for r in etsy_orders) == Counter(
        f"{datetime.fromisoformat(r['ordered_at']):%m/%d/%y}" for r in orders
    )
    shipped = [r for r in orders if r["status"] in ("shipped", "completed", "refunded")]
    assert sum(1 for r in etsy_orders if r["Date Shipped"]) == len(shipped)
    refunds = sum(1 for r in etsy_orders if float(r["Adjusted Net Order Amount"]) < 0)
    assert refunds == sum(1 for r in orders if r["status"] == "refunded")
    assert Counter(r["Item Name"] for r in etsy_items) == Counter(r["product_name"] for r in items)
    assert money_sum([r["Item Total"] for r in etsy_items]) == money_sum(
        [r["net_amount"] for r in items]
    )
    personalised = [r for r in etsy_items if personalization(r["Variations"]) != NOT_REQUESTED]
    assert len(personalised) == sum(1 for r in items if r["is_custom_design"] == "true")


def test_calendly_export_shows_the_simulated_consultations(simulated: dict[str, Rows]) -> None:
    held = [
        r
        for r in vendor_rows(CALENDLY)
        if r["Canceled"] == "false"
        and r["Marked as No-Show"] == "No"
        and r["Event Type Name"] in CONSULTATION_TYPES
    ]
    consultations = simulated["consultations"]
    assert len(held) == len(consultations)
    minutes = sorted(
        (
            datetime.strptime(r["End Date & Time"], "%Y-%m-%d %I:%M %p")
            - datetime.strptime(r["Start Date & Time"], "%Y-%m-%d %I:%M %p")
        ).total_seconds()
        / 60
        for r in held
    )
    assert minutes == sorted(float(r["duration_minutes"]) for r in consultations)
    assert Counter(r["User Name"] for r in held) == Counter(r["designer"] for r in consultations)


def test_typeform_results_show_the_simulated_surveys_in_utc(simulated: dict[str, Rows]) -> None:
    surveys = [r for r in simulated["surveys"] if r["survey_type"] == "customization"]
    assert surveys and {r["scale_max"] for r in surveys} == {"10"}
    paris = ZoneInfo("Europe/Paris")

    def utc(local: str) -> str:
        moment = datetime.fromisoformat(local).replace(tzinfo=paris).astimezone(UTC)
        return f"{moment:%Y-%m-%d %H:%M:%S}"

    completed = [r for r in vendor_rows(TYPEFORM) if r["Response Type"] == "completed"]
    assert sorted((r["Submit Date (UTC)"], r[SCORE]) for r in completed) == sorted(
        (utc(r["responded_at"]), r["score"]) for r in surveys
    )


def test_octoprint_history_shows_the_simulated_material_usage(simulated: dict[str, Rows]) -> None:
    weighed = [r for r in vendor_rows(OCTOPRINT) if r["Used Weight [g]"] != "-"]
    usage = simulated["material_usage"]
    assert len(weighed) == len(usage)
    grams: Counter[str] = Counter()
    for row in weighed:
        grams[row["Material"]] += round(float(row["Used Weight [g]"]) * 100)
    kilograms: Counter[str] = Counter()
    for row in usage:
        kilograms[row["material"]] += round(float(row["quantity_kg"]) * 100_000)
    assert grams == kilograms
    assert {r["material"] for r in usage if r["is_eco_friendly"] == "true"} == ECO_FRIENDLY
