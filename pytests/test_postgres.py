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
import csv
import datetime as dt
import decimal
import math
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from atelier import load as atelier_load
from atelier.contract import load_contract
from pytests.dbt_helpers import PROJECT_DIR, Build, run_dbt
from pytests.postgres import PostgresServer, pg_environment

pytestmark = pytest.mark.postgres

DEMO_EXPORTS = PROJECT_DIR / "data" / "demo"
LAYERS_HIDDEN_FROM_READERS = ("raw", "staging", "intermediate", "audit")
AUDIT_RELATIONS = ("rejected_rows", "export_row_counts")
NOT_PERSONAL = {"business_name", "kpi_name_en", "kpi_name_fr"}
PERSONAL_PATTERN = re.compile(
    r"e_?mail|name|phone|mobile|address|street|postcode|zip_?code|birth", re.IGNORECASE
)
REL_TOL = 1e-9


# --- a small exports folder ------------------------------------------------------------


def _write_csv(
    path: Path,
    header: list[str],
    rows: list[list[Any]],
    *,
    separator: str = ",",
    bom: bool = False,
    crlf: bool = False,
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=separator, lineterminator="\r\n" if crlf else "\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in row] for row in rows])


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
        customers.append([
            f" C{i:03d} ", _stamp(moment(i * 15), rng), rng.choice(["referral", "instagram", ""]),
            referred, f"client{i}@example.com", f"Client Nº{i}", "FR", "extra",
        ])
    customers.append(["C005", "2024-13-01", "website", None, None, None, None, ""])  # bad date
    header = [" Customer_ID ", "created_at", "Acquisition_Channel", "referred_by_customer_id",
              "email", "full_name", "country", "unknown_extra"]
    _write_csv(folder / "customers.csv", header, customers, separator=sep, bom=True, crlf=True)

    inquiries, orders, items = [], [], []
    statuses = ["placed", "in_production", "shipped", "completed", "completed", "cancelled",
                "refunded"]
    for i in range(1, 61):
        day = i * 11
        inquiries.append([f"I{i:03d}", _stamp(moment(day), rng), f"C{rng.randint(1, 40):03d}",
                          rng.choice(["website", "instagram", None])])
    inquiries.append(["I061", "2025-02-29", None, "email"])  # no such day
    inquiries.append(["I062", "2025-03-01", None, "email", "one field too many"])
    for i in range(1, 121):
        day = rng.randint(5, 700)
        inquiry = f"I{rng.randint(1, 60):03d}" if rng.random() < 0.4 else None
        currency = rng.choice([None, "USD" if jewelry else "EUR"])
        orders.append([f"O{i:03d}", f"C{rng.randint(1, 45):03d}", _stamp(moment(day), rng),
                       rng.choice(statuses), inquiry, currency])
        for line in range(rng.randint(1, 3)):
            amount = rng.uniform(50, 9000) if jewelry else rng.uniform(5, 120)
            name = 'Ring "Aurora",\nsecond line' if i == 7 and line == 0 else f"Piece {line}"
            items.append([f"L{i:03d}-{line}", f"O{i:03d}", name,
                          rng.choice(["true", "FALSE", "yes", "n", "1", "t"]),
                          rng.randint(1, 4), decimal_text(amount)])
    orders.append(["O050", "C001", "2025-06-01 10:00", "shipped", None, None])  # duplicate id
    orders.append(["O121", "C002", "2025-06-02", "lost", None, None])  # unknown status
    orders.append(["O122", "C002", "2025-06-03", "placed", None, "GBP"])  # wrong currency
    items.append(["L999-0", "O999", "orphan", "true", 1, "10"])  # order does not exist
    items.append(["L998-0", "O001", "half", "true", "2.5", "10"])  # not a whole number
    items.append(["L997-0", "O001", "negative", "false", 1, "-3"])  # below 0
    _write_csv(folder / "orders.csv", ["order_id", "customer_id", "ordered_at", "status",
                                       "inquiry_id", "currency"], orders, separator=sep)
    _write_csv(folder / "order_items.csv", ["order_item_id", "order_id", "product_name",
               "is_custom_design", "quantity", "net_amount"], items, separator=sep, crlf=True)
    _write_csv(folder / "inquiries.csv", ["inquiry_id", "received_at", "customer_id", "channel"],
               inquiries, separator=sep)

    projects, iterations, consultations, surveys = [], [], [], []
    for i in range(1, 31):
        started = moment(i * 20)
        status = rng.choice(["in_progress", "finalized", "finalized", "abandoned"])
        finalized = _stamp(started + dt.timedelta(days=rng.randint(3, 60)), rng)
        projects.append([f"P{i:03d}", f"C{rng.randint(1, 40):03d}", None, _stamp(started, rng),
                         status, finalized if status == "finalized" else None])
        for n in range(1, rng.randint(0, 6) + 1):
            iterations.append([f"P{i:03d}-{n}", f"P{i:03d}", n,
                               _stamp(started + dt.timedelta(days=n), rng)])
    projects.append(["P031", None, None, "2024-05-05", "finalized", None])  # finalized_at missing
    iterations.append(["X-1", "P404", 1, "2024-05-05"])  # project does not exist
    for i in range(1, 51):
        consultations.append([f"K{i:03d}", f"C{rng.randint(1, 40):03d}",
                              _stamp(moment(i * 14), rng), decimal_text(rng.uniform(15, 240)),
                              rng.choice(["Ana", "Léa", None])])
    consultations.append(["K051", "C001", "2024-07-01", "0", None])  # must be above 0
    for i in range(1, 61):
        scale = rng.choice([5, 10])
        surveys.append([f"S{i:03d}", "finished_piece" if jewelry else "customization",
                        rng.randint(0, scale) if i % 7 else decimal_text(scale * 0.8), scale,
                        _stamp(moment(i * 12), rng), None, None])
    surveys.append(["S061", "customization", 11, 10, "2024-08-01", None, None])  # above scale
    _write_csv(folder / "design_projects.csv", ["project_id", "customer_id", "inquiry_id",
               "started_at", "status", "finalized_at"], projects, separator=sep)
    _write_csv(folder / "design_iterations.csv", ["iteration_id", "project_id",
               "iteration_number", "created_at"], iterations, separator=sep)
    _write_csv(folder / "consultations.csv", ["consultation_id", "customer_id", "started_at",
               "duration_minutes", "designer"], consultations, separator=sep)
    _write_csv(folder / "surveys.csv", ["response_id", "survey_type", "score", "scale_max",
               "responded_at", "customer_id", "order_id"], surveys, separator=sep)

    if jewelry:
        return
    jobs, usage, engagement = [], [], []
    for i in range(1, 81):
        begun = moment(i * 8)
        done = begun + dt.timedelta(hours=rng.randint(2, 90), minutes=rng.randint(0, 59))
        jobs.append([f"J{i:03d}", None, _stamp(begun, rng),
                     done.strftime("%Y-%m-%d %H:%M:%S") if i % 9 else None, rng.randint(1, 5)])
        usage.append([f"U{i:03d}", _stamp(begun, rng), rng.choice(["PLA", "recycled PETG"]),
                      rng.choice(["yes", "no"]), decimal_text(rng.uniform(0.05, 3)), f"J{i:03d}"])
    jobs.append(["J081", None, "2024-09-09 10:00", "2024-09-08 10:00", 1])  # done before start
    for week in range(100):
        for content in ("custom_design", "other"):
            engagement.append([(start + dt.timedelta(weeks=week)).strftime("%Y-%m-%d"),
                               "instagram", content, rng.randint(0, 500), rng.randint(0, 80),
                               rng.randint(0, 60), rng.randint(0, 40)])
    _write_csv(folder / "production_jobs.csv", ["job_id", "order_item_id", "design_started_at",
               "completed_at", "quantity"], jobs, separator=sep)
    _write_csv(folder / "material_usage.csv", ["usage_id", "used_at", "material",
               "is_eco_friendly", "quantity_kg", "job_id"], usage, separator=sep)
    _write_csv(folder / "social_engagement.csv", ["engagement_date", "platform", "content_type",
               "likes", "comments", "shares", "new_followers"], engagement, separator=sep)


def write_small_exports(folder: Path) -> Path:
    """A deterministic exports folder of two businesses, one per vertical."""
    rng = random.Random(20261105)
    _write_csv(
        folder / "businesses.csv",
        ["business_id", "business_name", "vertical", "currency"],
        [["gem_luxe", "Gem Luxe Créations, Paris", "luxury_custom_jewelry", "USD"],
         ["innovate", 'Innovate "3D" Accents', "custom_3d_accessories", "EUR"]],
        bom=True,
    )
    _business(folder / "gem_luxe", "gem_luxe", jewelry=True, rng=rng)
    _business(folder / "innovate", "innovate", jewelry=False, rng=rng)
    return folder
