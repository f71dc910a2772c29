"""`atelier demo-data`: write a deterministic, believable exports folder.

Each business is a small discrete-event simulation run day by day over the history: design
inquiries (some turning into consultations, design projects with iterations and a bespoke
order), catalogue or web-shop orders from new, returning, referred and unlisted (inferred)
customers, production jobs with their material usage, satisfaction surveys and daily social
engagement. A simulated event decides its whole future at once (a project that will be
finalized, the order that follows, its job), so every row is known when its event happens;
rows wait in the list of their day and are written when the simulation clock passes the
day, sorted by timestamp. Files are therefore in timestamp order, ids are numbered in that
order, and memory holds only the rows still in the future: it stays flat however many
businesses are written.

Everything is drawn from one random generator per business, seeded from the seed and the
business's index, with no wall clock: the same arguments give byte-identical files, and
businesses do not depend on each other, so worker processes (one per CPU) write their
folders side by side; the parent writes `businesses.csv` and shows the progress.
Every row satisfies the contract (`models/staging/exports/_exports__sources.yml`, read
through `atelier.contract`), whose column lists give each file's header and column order.

The demo's third business, Maison Filament, keeps no hand-kept export: its simulation's rows
become the vendor downloads its tools give it (Etsy, Calendly, Typeform, OctoPrint), written
by `atelier.demo_downloads`.

Speed (a benchmark writes hundreds of businesses, ~40,000 rows each): the per-row work is
kept small without changing a single draw, so the committed demo keeps its bytes. A row is a
plain list in a fixed field order (`FIELDS`), and is its own reference (`ScheduledRows`); a
timestamp is two table lookups (`Calendar.clock`); ids are joined, not formatted
(`id_texts`); a day's rows are numbered and joined into CSV lines export by export
(`BusinessWriter`); the frequent draws skip the standard methods' argument checks but draw
exactly as they do (`DemoRandom`, `Weighted`).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import functools
import itertools
import math
import operator
import os
import random
import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TextIO, TypeVar

from atelier.contract import REGISTRY, business_exports, load_contract

JEWELRY = "luxury_custom_jewelry"
ACCESSORIES = "custom_3d_accessories"
END_DATE = date(2026, 10, 31)  # the demo's last day: its as-of date
DEFAULT_MONTHS = 34  # 2024-01 .. 2026-10
DEFAULT_OUT = Path("data/demo")
DEFAULT_SEED = 42
MINUTE = 60
HOUR = 3600
DAY = 86400

ID_PREFIXES = {
    "customers": "cus",
    "orders": "ord",
    "order_items": "itm",
    "inquiries": "inq",
    "design_projects": "prj",
    "design_iterations": "itr",
    "consultations": "con",
    "surveys": "rsp",
    "production_jobs": "job",
    "material_usage": "mat",
}


@dataclass(frozen=True)
class Business:
    business_id: str
    business_name: str
    vertical: str
    currency: str
    index: int  # seeds the business's random generator
    scale: float = 1.0  # multiplies the volumes of the vertical's profile
    timezone: str = ""  # the registry's optional IANA zone (Typeform's UTC times need it)
    downloads: bool = False  # its folder holds vendor downloads, not the hand-kept exports


DEMO_BUSINESSES = (
    Business("gem_luxe", "Gem Luxe Creations", JEWELRY, "USD", 0),
    Business("innovate_accents", "Innovate Accents", ACCESSORIES, "USD", 1),
    Business(
        "maison_filament",
        "Maison Filament",
        ACCESSORIES,
        "EUR",
        2,
        scale=0.2,
        timezone="Europe/Paris",
        downloads=True,
    ),
)


def generated_businesses(count: int, seed: int) -> list[Business]:
    """`count` benchmark businesses `biz_00001`.., alternating verticals, of varied sizes."""
    businesses = []
    for number in range(1, count + 1):
        rng = random.Random(f"atelier-demo:{seed}:size:{number}")
        jewelry = number % 2 == 1
        businesses.append(
            Business(
                business_id=f"biz_{number:05d}",
                business_name=f"{'Jewelry Atelier' if jewelry else '3D Print Studio'} {number:05d}",
                vertical=JEWELRY if jewelry else ACCESSORIES,
                currency="USD",
                index=number,
                scale=round(rng.uniform(0.4, 1.6), 2),
            )
        )
    return businesses


# --------------------------------------------------------------------------- calendar


def start_date(months: int) -> date:
    """The first day of the history of `months` months ending with END_DATE's month."""
    first = END_DATE.year * 12 + END_DATE.month - 1 - (months - 1)
    return date(first // 12, first % 12 + 1, 1)


class Calendar:
    """Simulation time: integer seconds since the first day's midnight, local wall clock."""

    def __init__(self, months: int) -> None:
        self.start = start_date(months)
        self.n_days = (END_DATE - self.start).days + 1
        self.end = self.n_days * DAY - 1  # END_DATE 23:59:59
        days = [self.start + timedelta(days=d) for d in range(self.n_days)]
        self.day_text = [d.isoformat() for d in days]
        self.month = [d.month for d in days]
        self.weekday = [d.weekday() for d in days]
        # " HH:MM:SS" of every second of a day: a timestamp is two lookups, not a format
        sixty = [f"{n:02d}" for n in range(60)]
        self.clock = [
            f" {hours}:{minutes}:{seconds}"
            for hours in sixty[:24]
            for minutes in sixty
            for seconds in sixty
        ]

    def timestamp(self, t: int) -> str:
        return self.day_text[t // DAY] + self.clock[t % DAY]

    def progress(self, t: int) -> float:
        """0 at the start of the history, 1 at its end."""
        return t / self.end


# --------------------------------------------------------------------------- writing

# A row is a list of values in the order of its export's `FIELDS`: the export's contract
# columns (in the contract's order, which a writer checks), then facts that only a vendor
# download shows (a shipping date, an event type), which export files leave out.
#
# A row is also the reference to itself. The first value of a scheduled row, its id, is a
# placeholder until the row is numbered; a row that refers to another (an order item to its
# order) holds that row in its reference field, replaced by that row's id when the referring
# row is written, which is never before the referred one. `NO_REF` is the empty reference.
# A row of its id alone is numbered but not written: an inferred customer.
Row = list[Any]
NO_REF: Row = [""]

# in an order where an export refers only to itself and to exports before it
FIELDS: dict[str, tuple[str, ...]] = {
    "customers": (
        "customer_id", "created_at", "acquisition_channel", "referred_by_customer_id", "email",
        "full_name", "country",
    ),
    "inquiries": ("inquiry_id", "received_at", "customer_id", "channel"),
    "design_projects": (
        "project_id", "customer_id", "inquiry_id", "started_at", "status", "finalized_at",
    ),
    "design_iterations": ("iteration_id", "project_id", "iteration_number", "created_at"),
    "consultations": (
        "consultation_id", "customer_id", "started_at", "duration_minutes", "designer", "review",
    ),
    "orders": (
        "order_id", "customer_id", "ordered_at", "status", "inquiry_id", "currency",
        "shipped_at",
    ),
    "order_items": (
        "order_item_id", "order_id", "product_name", "is_custom_design", "quantity",
        "net_amount",
    ),
    "production_jobs": (
        "job_id", "order_item_id", "design_started_at", "completed_at", "quantity",
    ),
    "material_usage": (
        "usage_id", "used_at", "material", "is_eco_friendly", "quantity_kg", "job_id",
        "product_name",
    ),
    "surveys": (
        "response_id", "survey_type", "score", "scale_max", "responded_at", "customer_id",
        "order_id",
    ),
    "social_engagement": (
        "engagement_date", "platform", "content_type", "likes", "comments", "shares",
        "new_followers",
    ),
}  # fmt: skip
REFERENCE_FIELDS = {  # export: {field: the export it refers to}
    "customers": {"referred_by_customer_id": "customers"},
    "inquiries": {"customer_id": "customers"},
    "design_projects": {"customer_id": "customers", "inquiry_id": "inquiries"},
    "design_iterations": {"project_id": "design_projects"},
    "consultations": {"customer_id": "customers"},
    "orders": {"customer_id": "customers", "inquiry_id": "inquiries"},
    "order_items": {"order_id": "orders"},
    "production_jobs": {"order_item_id": "order_items"},
    "material_usage": {"job_id": "production_jobs"},
    "surveys": {"customer_id": "customers", "order_id": "orders"},
}
REFERENCES = {  # export: the positions of its reference fields
    export: tuple(FIELDS[export].index(name) for name in fields)
    for export, fields in REFERENCE_FIELDS.items()
}
assert all(
    list(FIELDS).index(target) <= list(FIELDS).index(export)
    for export, fields in REFERENCE_FIELDS.items()
    for target in fields.values()
), "FIELDS must list an export after the exports it refers to"
THREE_DIGITS = [f"{n:03d}" for n in range(1000)]


def id_texts(prefix: str) -> Iterator[str]:
    """`prefix_000001`, `prefix_000002`, .. (`f"{prefix}_{n:06d}"` for n from 1), made a
    thousand at a time by joining the thousands to the last three digits, rather than by
    formatting each number."""
    heads = map(f"{prefix}_{{:03d}}".format, itertools.count())
    texts = itertools.chain.from_iterable([head + last for last in THREE_DIGITS] for head in heads)
    next(texts)  # n = 0
    return texts


class ScheduledRows:
    """Rows kept by day until the clock passes them, then numbered and emitted in time order.

    A simulation schedules export rows (`schedule`) and writes undated ones at once
    (`write_now`); a subclass decides what becomes of them: the export files
    (`BusinessWriter`) or vendor downloads (`atelier.demo_downloads.DownloadsWriter`). A
    scheduled row waits in the list of its day. When the clock passes the day (`flush`) the
    list is sorted by timestamp, stably, so rows of one moment keep the order they were
    scheduled in; rows are numbered per export in that order (`number`), so ids follow
    time. A subclass takes a day's rows at once (`emit_day`), or one by one (`emit`)."""

    def __init__(self) -> None:
        self._days: defaultdict[int, list[tuple[int, str, Row]]] = defaultdict(list)
        self._day = 0  # the first day not flushed yet
        self._ids = {export: id_texts(prefix) for export, prefix in ID_PREFIXES.items()}
        self.counts: dict[str, int] = {}

    def schedule(self, t: int, export: str, row: Row) -> None:
        """Emit this row when the clock passes `t`: the end of its day, or later."""
        self._days[t // DAY].append((t, export, row))

    def flush(self, until: int) -> None:
        """Emit every scheduled row whose timestamp is before `until`, a midnight."""
        if until % DAY:
            raise RuntimeError("rows are flushed a whole day at a time")
        days = self._days
        while self._day < until // DAY:
            rows = days.pop(self._day, None)
            self._day += 1
            if rows:
                rows.sort(key=_timestamp)
                self.emit_day(rows)
        if days and min(days) < self._day:
            raise RuntimeError("a row was scheduled in a day already written")

    def number(self, export: str, rows: list[Row]) -> list[Row]:
        """Give these rows of `export`, in time order, their ids; resolve the references of
        those to be written, and return them."""
        for row, row_id in zip(rows, self._ids[export], strict=False):  # the ids never end
            row[0] = row_id
        if min(map(len, rows)) == 1:
            rows = [row for row in rows if len(row) > 1]
        for position in REFERENCES.get(export, ()):
            for row in rows:
                row[position] = row[position][0]
        return rows

    def emit_day(self, rows: list[tuple[int, str, Row]]) -> None:
        """A day's rows, in time order: numbered and emitted one by one."""
        for _, export, row in rows:
            if self.number(export, [row]):
                if None in row:
                    raise RuntimeError(f"a row of {export} refers to a row not written yet")
                self.emit(export, row)
            else:
                self.numbered(export, row)

    def emit(self, export: str, row: list[str]) -> None:
        """A row to write, its references resolved."""
        raise NotImplementedError

    def numbered(self, export: str, row: list[str]) -> None:
        """A row numbered but not written (`[id]`: an inferred customer)."""

    def write_now(self, export: str, rows: list[list[str]]) -> None:
        """Undated rows (a day's social engagement), written at once, in their order."""
        raise NotImplementedError


_timestamp = operator.itemgetter(0)
BUFFERED_ROWS = 2048  # rows of one export gathered before they are written


class BusinessWriter(ScheduledRows):
    """The export files of one business folder.

    It keeps a day's rows by export (a row's first value holds its timestamp until it is
    numbered), and takes them export by export in the order of `FIELDS`, so that a row
    referred to has its id: the ids are those of a day's rows taken in time order, as
    `ScheduledRows` does. Lines are gathered per export and written a chunk at a time. A
    line is the values joined by commas: the simulation's values hold no comma, quote or
    line break, so that is the line `csv.writer` would write; each chunk is checked for it."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder
        self._stack = ExitStack()
        self._agenda: dict[str, defaultdict[int, list[Row]]] = {}
        self._handles: dict[str, TextIO] = {}
        self._pick: dict[str, Callable[[Row], Sequence[str]] | None] = {}
        self._widths: dict[str, int] = {}
        self._lines: dict[str, list[str]] = {}

    def __enter__(self) -> BusinessWriter:
        self._folder.mkdir(parents=True, exist_ok=True)
        exports = {export.name: export for export in business_exports()}
        if unknown := exports.keys() - FIELDS.keys():
            raise RuntimeError(f"the demo writes no {sorted(unknown)}")
        for name in FIELDS:  # the order in which a day's rows are numbered
            if name not in exports:
                continue
            fields, columns = FIELDS[name], exports[name].column_names
            missing = [column for column in columns if column not in fields]
            if missing:
                raise RuntimeError(f"the demo gives no value for {name}.{missing}")
            if list(fields) == columns:
                self._pick[name] = None  # the row as it is
            elif list(fields[: len(columns)]) == columns:
                self._pick[name] = operator.itemgetter(slice(len(columns)))
            else:
                self._pick[name] = operator.itemgetter(*map(fields.index, columns))
            handle: TextIO = self._stack.enter_context(
                (self._folder / exports[name].file).open("w", encoding="utf-8", newline="")
            )
            csv.writer(handle, lineterminator="\n").writerow(columns)
            self._handles[name] = handle
            self._agenda[name] = defaultdict(list)
            self._widths[name] = len(columns)
            self._lines[name] = []
            self.counts[name] = 0
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                if any(day < self._day for days in self._agenda.values() for day in days):
                    raise RuntimeError("a row was scheduled in a day already written")
                for export in self._lines:
                    self._write(export)
        finally:
            self._stack.close()

    def schedule(self, t: int, export: str, row: Row) -> None:
        row[0] = t  # the placeholder of its id: its timestamp, the day's sort key
        self._agenda[export][t // DAY].append(row)

    def flush(self, until: int) -> None:
        if until % DAY:
            raise RuntimeError("rows are flushed a whole day at a time")
        while self._day < until // DAY:
            day = self._day
            self._day += 1
            for export, days in self._agenda.items():
                rows = days.pop(day, None)
                if rows:
                    rows.sort(key=_timestamp)
                    lines = self._lines[export]
                    written, pick = self.number(export, rows), self._pick[export]
                    try:
                        lines.extend(map(",".join, written if pick is None else map(pick, written)))
                    except TypeError as error:  # a placeholder: the id of a row not numbered
                        raise RuntimeError(f"a row of {export} refers to a later row") from error
                    if len(lines) >= BUFFERED_ROWS:
                        self._write(export)

    def emit(self, export: str, row: list[str]) -> None:
        self.write_now(export, [row])

    def write_now(self, export: str, rows: list[list[str]]) -> None:
        lines, pick = self._lines[export], self._pick[export]
        lines.extend(map(",".join, rows if pick is None else map(pick, rows)))
        if len(lines) >= BUFFERED_ROWS:
            self._write(export)

    def _write(self, export: str) -> None:
        lines = self._lines[export]
        if not lines:
            return
        text = "\n".join(lines) + "\n"
        commas = len(lines) * (self._widths[export] - 1)
        plain = text.count(",") == commas and text.count("\n") == len(lines)
        if not plain or '"' in text or "\r" in text:
            raise RuntimeError(f"a value of {export} holds a comma, a quote or a line break")
        self._handles[export].write(text)
        self.counts[export] += len(lines)
        lines.clear()


# --------------------------------------------------------------------------- profiles


@dataclass(frozen=True)
class Material:
    name: str
    is_eco_friendly: bool


@dataclass(frozen=True)
class Platform:
    name: str
    custom_design_likes: float  # typical daily likes at the start of the history
    other_likes: float


@dataclass(frozen=True)
class Profile:
    """What a vertical's simulation draws from (volumes per day at scale 1)."""

    inquiries_per_day: float
    orders_per_day: float  # catalogue / web-shop orders, without an inquiry
    season: tuple[float, ...]  # by month, January first
    inquiry_lead_months: int  # inquiries follow the season of the orders they lead to
    weekday: tuple[float, ...]  # Monday first
    growth_per_year: float
    open_hours: tuple[int, int]
    round_the_clock_production: bool  # printers run at night; a jeweller's bench does not
    new_buyer_share: float
    repeat_recency: float  # mean position back in the recent-buyer memory of a repeat buyer
    buyer_memory: int
    inferred_share: float  # new buyers absent from customers.csv (guest checkout, walk-in)
    referral_share: float
    convert_new: float
    convert_returning: float
    abandoned_project_share: float  # of unconverted inquiries, those that got a project
    anonymous_share: float  # of the other unconverted ones, those without a customer
    iteration_weights: tuple[float, ...]  # 1..8 iterations of a finalized project
    iteration_gap_days: tuple[int, int]
    review_share: float  # chance of a review consultation after an iteration
    consultation_minutes: tuple[float, float, float]  # first consultation: low, high, mode
    review_minutes: tuple[float, float, float]
    return_share: tuple[float, float]  # after a first / a later inquiry order
    return_after_days: tuple[int, int]
    cancel_rate: float
    refund_rate: float
    job_start_hours: tuple[int, int]
    job_hours_custom: tuple[float, float, float]
    job_hours_catalogue: tuple[float, float, float]
    ship_days: tuple[int, int]
    delivery_days: tuple[int, int]
    survey_share: float
    customization_survey_share: float  # of surveys of an order with a custom line
    satisfied_share: dict[str, float]  # by survey_type
    ten_point_share: float
    materials: tuple[Material, ...]
    eco_share: tuple[float, float]  # start, end of the history
    kg_per_piece: tuple[float, float, float]
    platforms: tuple[Platform, ...]
    social_growth_per_month: float
    customer_channels: tuple[str, ...]
    inquiry_channels: tuple[str, ...]
    designers: tuple[str, ...]
    countries: tuple[tuple[str, float], ...]


JEWELRY_PROFILE = Profile(
    inquiries_per_day=1.0,
    orders_per_day=0.3,
    season=(0.8, 1.45, 0.85, 0.95, 1.2, 1.3, 1.2, 1.15, 1.2, 0.9, 1.1, 1.8),
    inquiry_lead_months=1,
    weekday=(0.8, 0.9, 0.95, 1.0, 1.1, 1.4, 0.85),
    growth_per_year=0.12,
    open_hours=(10, 19),
    round_the_clock_production=False,
    new_buyer_share=0.75,
    repeat_recency=60,
    buyer_memory=400,
    inferred_share=0.06,
    referral_share=0.34,
    convert_new=0.27,
    convert_returning=0.8,
    abandoned_project_share=0.45,
    anonymous_share=0.25,
    iteration_weights=(0.05, 0.15, 0.25, 0.22, 0.15, 0.1, 0.05, 0.03),
    iteration_gap_days=(3, 10),
    review_share=0.7,
    consultation_minutes=(90, 240, 180),
    review_minutes=(60, 150, 90),
    return_share=(0.7, 0.35),
    return_after_days=(45, 240),
    cancel_rate=0.03,
    refund_rate=0.02,
    job_start_hours=(12, 96),
    job_hours_custom=(24, 96, 60),
    job_hours_catalogue=(6, 24, 12),
    ship_days=(1, 2),
    delivery_days=(1, 3),
    survey_share=0.45,
    customization_survey_share=0.3,
    satisfied_share={"finished_piece": 0.91, "customization": 0.88},
    ten_point_share=0.5,
    materials=(
        Material("recycled 18k gold", True),
        Material("recycled platinum", True),
        Material("Fairmined gold", True),
        Material("recycled sterling silver", True),
        Material("18k gold", False),
        Material("platinum", False),
        Material("sterling silver", False),
    ),
    eco_share=(0.35, 0.6),
    kg_per_piece=(0.003, 0.025, 0.008),
    platforms=(Platform("instagram", 140, 60), Platform("pinterest", 50, 25)),
    social_growth_per_month=0.018,
    customer_channels=("website", "instagram", "walk_in", "wedding_fair", "google", "pinterest"),
    inquiry_channels=("website", "instagram", "walk_in", "phone", "email"),
    designers=("Amelia Hart", "Julien Moreau", "Priya Nair"),
    countries=(("US", 0.86), ("CA", 0.07), ("GB", 0.04), ("FR", 0.03)),
)

ACCESSORIES_PROFILE = Profile(
    inquiries_per_day=0.45,
    orders_per_day=6.0,
    season=(0.8, 0.8, 0.85, 0.9, 0.9, 0.85, 0.85, 0.9, 0.95, 1.1, 1.5, 1.75),
    inquiry_lead_months=0,
    weekday=(1.1, 1.0, 0.95, 0.95, 0.95, 0.9, 1.15),
    growth_per_year=0.22,
    open_hours=(8, 22),
    round_the_clock_production=True,
    new_buyer_share=0.6,
    repeat_recency=250,
    buyer_memory=3000,
    inferred_share=0.07,
    referral_share=0.18,
    convert_new=0.3,
    convert_returning=0.6,
    abandoned_project_share=0.5,
    anonymous_share=0.3,
    iteration_weights=(0.15, 0.25, 0.22, 0.15, 0.1, 0.07, 0.04, 0.02),
    iteration_gap_days=(1, 4),
    review_share=0.3,
    consultation_minutes=(30, 120, 60),
    review_minutes=(30, 60, 40),
    return_share=(0.3, 0.2),
    return_after_days=(30, 200),
    cancel_rate=0.025,
    refund_rate=0.02,
    job_start_hours=(1, 18),
    job_hours_custom=(18, 96, 48),
    job_hours_catalogue=(6, 60, 24),
    ship_days=(0, 2),
    delivery_days=(2, 6),
    survey_share=0.22,
    customization_survey_share=0.8,
    satisfied_share={"finished_piece": 0.86, "customization": 0.8},
    ten_point_share=0.6,
    materials=(
        Material("recycled PETG", True),
        Material("recycled PLA", True),
        Material("bio-resin", True),
        Material("PETG", False),
        Material("ABS", False),
        Material("resin", False),
    ),
    eco_share=(0.42, 0.64),
    kg_per_piece=(0.02, 0.3, 0.08),
    platforms=(
        Platform("instagram", 220, 140),
        Platform("tiktok", 380, 260),
        Platform("pinterest", 90, 60),
    ),
    social_growth_per_month=0.026,
    customer_channels=("website", "instagram", "tiktok", "etsy", "google", "pinterest"),
    inquiry_channels=("website", "email", "instagram", "tiktok"),
    designers=("Sam Lee", "Rosa Diaz"),
    countries=(("US", 0.7), ("CA", 0.1), ("GB", 0.08), ("DE", 0.07), ("AU", 0.05)),
)

FIRST_NAMES = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
    "Mia", "Mateo", "Amelia", "Ethan", "Harper", "Leo", "Chloe", "Aiden", "Zoe", "Camille",
    "Hugo", "Nora", "Omar", "Priya", "Kenji", "Lena", "Diego", "Grace", "Yara", "Theo",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Lopez",
    "Wilson", "Anderson", "Thomas", "Moore", "Martin", "Lee", "Clark", "Lewis", "Walker",
    "Young", "King", "Nguyen", "Patel", "Kim", "Dubois", "Rossi", "Schmidt", "Okafor", "Cohen",
)  # fmt: skip


@dataclass(slots=True)
class Line:
    product_name: str
    is_custom_design: bool
    quantity: int
    net_amount: float
    produced: bool  # made to order by a production job


@dataclass(slots=True)
class Customer:
    row: Row  # its row in customers.csv, its reference
    inquiry_orders: int = 0  # sale orders from its design inquiries so far


# --------------------------------------------------------------------------- simulation


T = TypeVar("T")
NV_MAGICCONST = 4 * math.exp(-0.5) / math.sqrt(2.0)  # as in `random`


class DemoRandom(random.Random):
    """`random.Random` with shortcuts for the simulation's most frequent draws.

    Each gives exactly the draw of the standard method it stands for, from the same generator
    state (the committed demo's bytes depend on it): it repeats what that method does (the
    draw below a width of `Random._randbelow`: whole words of `getrandbits`, drawn again
    while too large), without its argument checks and calls, which cost more than the draw."""

    def between(self, low: int, high: int) -> int:
        """`randrange(low, high)`: `low` and the draw below the width (`_randbelow`)."""
        width = high - low
        bits = width.bit_length()
        drawn = self.getrandbits(bits)
        while drawn >= width:
            drawn = self.getrandbits(bits)
        return low + drawn

    def pick(self, values: Sequence[T]) -> T:
        """`choice(values)`: the value at the draw below their number (`_randbelow`)."""
        count = len(values)
        bits = count.bit_length()
        drawn = self.getrandbits(bits)
        while drawn >= count:
            drawn = self.getrandbits(bits)
        return values[drawn]

    def lognormal(self, mu: float, sigma: float) -> float:
        """`lognormvariate(mu, sigma)`: `exp` of `normalvariate`'s Kinderman-Monahan draw."""
        random = self.random
        while True:
            u1 = random()
            u2 = 1.0 - random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            if z * z / 4.0 <= -math.log(u2):
                return math.exp(mu + z * sigma)


class Weighted(Generic[T]):
    """A weighted choice among fixed values: the draw of `rng.choices(values, weights)[0]`,
    with the cumulative weights summed once instead of at every call."""

    __slots__ = ("values", "cum_weights", "total", "last")

    def __init__(self, values: Sequence[T], weights: Sequence[float]) -> None:
        self.values = values
        self.cum_weights = list(itertools.accumulate(weights))
        self.total = self.cum_weights[-1] + 0.0
        self.last = len(values) - 1

    def pick(self, rng: random.Random) -> T:
        # what `choices` does with cumulative weights
        return self.values[bisect.bisect(self.cum_weights, rng.random() * self.total, 0, self.last)]


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; normal approximation for large means)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit = math.exp(-mean)
    count, product = 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


SCORES_5 = (Weighted((4, 5), (0.35, 0.65)), Weighted((1, 2, 3), (0.15, 0.3, 0.55)))
SCORES_10 = (
    Weighted((8, 9, 10), (0.3, 0.35, 0.35)),
    Weighted(range(8), (0.02, 0.03, 0.05, 0.08, 0.1, 0.17, 0.25, 0.3)),
)


class Simulation:
    """One business's history, written through a BusinessWriter.

    The methods draw from `self.rng` in a fixed order: the same draws give the same rows, and
    a change of that order changes every file. Rows are lists in the order of `FIELDS`, their
    first value None until they are written (see `ScheduledRows`)."""

    profile: Profile

    def __init__(self, business: Business, seed: int, calendar: Calendar, out: ScheduledRows):
        profile = self.profile
        self.business = business
        self.rng = DemoRandom(f"atelier-demo:{seed}:{business.index}")
        self.calendar = calendar
        self.timestamp = calendar.timestamp
        self.end = calendar.end
        self.out = out
        self.buyers: deque[Customer] = deque(maxlen=profile.buyer_memory)
        self.new_buyers: list[Customer] = []
        self.returns: dict[int, list[Customer]] = {}
        self.customer_serial = 0
        # what the profile's draws need, worked out once
        self.opening = (profile.open_hours[0] * HOUR, profile.open_hours[1] * HOUR)
        self.job_start = (profile.job_start_hours[0] * HOUR, profile.job_start_hours[1] * HOUR)
        self.shipping = (profile.ship_days[0] * DAY, (profile.ship_days[1] + 1) * DAY)
        self.delivery = (profile.delivery_days[0] * DAY, (profile.delivery_days[1] + 1) * DAY)
        self.countries = Weighted(*zip(*profile.countries, strict=True))
        self.iterations = Weighted(range(1, 9), profile.iteration_weights)
        self.materials = {
            eco: [m for m in profile.materials if m.is_eco_friendly == eco] for eco in (True, False)
        }
        self.job_hours = {True: profile.job_hours_custom, False: profile.job_hours_catalogue}
        self.posts = [  # platform, content type, typical likes
            (platform.name, content_type, base)
            for platform in profile.platforms
            for content_type, base in (
                ("custom_design", platform.custom_design_likes),
                ("other", platform.other_likes),
            )
        ]

    # ---- the clock

    def run(self) -> None:
        calendar = self.calendar
        for day in range(calendar.n_days):
            self.simulate_day(day)
            self.social_engagement(day)
            self.out.flush(until=(day + 1) * DAY)
            self.buyers.extend(self.new_buyers)
            self.new_buyers.clear()
        self.out.flush(until=calendar.end + 1)

    def volume(self, day: int, per_day: float, lead_months: int = 0) -> float:
        profile, calendar = self.profile, self.calendar
        month = (calendar.month[day] - 1 + lead_months) % 12
        years = day / 365.25
        return (
            per_day
            * self.business.scale
            * profile.season[month]
            * profile.weekday[calendar.weekday[day]]
            * (1 + profile.growth_per_year) ** years
        )

    def simulate_day(self, day: int) -> None:
        profile = self.profile
        inquiries = self.volume(day, profile.inquiries_per_day, profile.inquiry_lead_months)
        for _ in range(poisson(self.rng, inquiries)):
            self.inquiry(day, None)
        for customer in self.returns.pop(day, []):
            self.inquiry(day, customer)
        for _ in range(poisson(self.rng, self.volume(day, profile.orders_per_day))):
            t = self.during_hours(day)
            self.order(t, self.buyer(t), self.direct_lines(t))

    def during_hours(self, day: int) -> int:
        return day * DAY + self.rng.between(*self.opening)

    def working_time(self, t: int) -> int:
        """`t`, or the next moment the atelier is open when it is closed at `t`."""
        opens, closes = self.opening
        day, seconds = divmod(t, DAY)
        if seconds < opens:
            return day * DAY + self.rng.between(opens, closes)
        if seconds >= closes:
            return self.during_hours(day + 1)
        return t

    def working_time_before(self, t: int, earliest: int) -> int:
        """`t`, or the last open moment before it (not before `earliest`) when closed at `t`."""
        opens, closes = self.opening
        day, seconds = divmod(t, DAY)
        if seconds < opens:
            day -= 1
        elif seconds < closes:
            return t
        return max(earliest, day * DAY + self.rng.between(opens, closes))

    # ---- customers

    def recent_buyer(self) -> Customer:
        back = int(self.rng.expovariate(1 / self.profile.repeat_recency))
        return self.buyers[-1 - min(back, len(self.buyers) - 1)]

    def buyer(self, t: int) -> Customer:
        """The customer of a catalogue / web-shop order: a returning or a new one."""
        if self.buyers and self.rng.random() >= self.profile.new_buyer_share:
            return self.recent_buyer()
        created = t - self.rng.between(0, 30 * MINUTE)
        if created < t - t % DAY:  # not before midnight
            created = t - t % DAY
        return self.new_customer(created, listed=self.rng.random() >= self.profile.inferred_share)

    def new_customer(self, t: int, *, listed: bool = True) -> Customer:
        rng, profile = self.rng, self.profile
        if not listed:  # inferred from its orders: numbered, never written to customers.csv
            row: Row = [None]
            self.out.schedule(t, "customers", row)
            return Customer(row)
        referrer = (
            self.recent_buyer() if self.buyers and rng.random() < profile.referral_share else None
        )
        self.customer_serial += 1
        first, last = rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)
        row = [
            None,  # customer_id
            self.timestamp(t),  # created_at
            "referral" if referrer else rng.pick(profile.customer_channels),
            referrer.row if referrer else NO_REF,  # referred_by_customer_id
            f"{first}.{last}.{self.customer_serial}@example.com".lower(),  # email
            f"{first} {last}",  # full_name
            self.countries.pick(rng),  # country
        ]
        self.out.schedule(t, "customers", row)
        return Customer(row)

    # ---- design inquiries, consultations, projects

    def consultation(self, t: int, customer: Customer, *, review: bool) -> None:
        """A first design consultation, or a shorter review (`review`)."""
        if t > self.end:
            return
        minutes = self.profile.review_minutes if review else self.profile.consultation_minutes
        duration = round(self.rng.triangular(*minutes) / 5) * 5
        row: Row = [
            None,  # consultation_id
            customer.row,  # customer_id
            self.timestamp(t),  # started_at
            str(duration),  # duration_minutes
            self.rng.pick(self.profile.designers),  # designer
            "true" if review else "false",  # review: shown by a download only
        ]
        self.out.schedule(t, "consultations", row)

    def inquiry(self, day: int, customer: Customer | None) -> None:
        rng, profile, out, end = self.rng, self.profile, self.out, self.end
        timestamp = self.timestamp
        received = self.during_hours(day)
        converts = rng.random() < (
            profile.convert_new if customer is None else profile.convert_returning
        )
        has_project = converts or rng.random() < profile.abandoned_project_share
        if customer is None and (has_project or rng.random() >= profile.anonymous_share):
            customer = self.new_customer(received - rng.between(0, 10 * MINUTE), listed=True)
        inquiry: Row = [
            None,  # inquiry_id
            timestamp(received),  # received_at
            customer.row if customer else NO_REF,  # customer_id
            rng.pick(profile.inquiry_channels),  # channel
        ]
        out.schedule(received, "inquiries", inquiry)
        if customer is None:
            return
        if not has_project:
            if rng.random() < 0.5:
                self.consultation(
                    self.during_hours(day + rng.between(1, 11)), customer, review=True
                )
            return
        first_meeting = self.during_hours(day + rng.between(1, 8))
        self.consultation(first_meeting, customer, review=False)
        started = self.working_time(first_meeting + rng.between(HOUR, 3 * DAY))
        if converts:
            n_iterations = self.iterations.pick(rng)
        else:
            n_iterations = rng.between(1, 4)
        iterations: list[int] = []
        t = started
        low, high = profile.iteration_gap_days
        for _ in range(n_iterations):
            t = self.working_time(t + rng.between(low * DAY, high * DAY))
            iterations.append(t)
            if len(iterations) < n_iterations and rng.random() < profile.review_share:
                self.consultation(self.during_hours(t // DAY + 1), customer, review=True)
        finalized = self.working_time(t + rng.between(DAY, 5 * DAY))
        if converts:
            status = "in_progress" if finalized > end else "finalized"
        else:  # given up a month after the last iteration
            status = "in_progress" if t + 30 * DAY > end else "abandoned"
        if started > end:
            return
        project: Row = [
            None,  # project_id
            customer.row,  # customer_id
            inquiry,  # inquiry_id
            timestamp(started),  # started_at
            status,  # status
            timestamp(finalized) if status == "finalized" else "",  # finalized_at
        ]
        out.schedule(started, "design_projects", project)
        for number, created in enumerate(iterations, start=1):
            if created > end:
                break
            # iteration_id, project_id, iteration_number, created_at
            out.schedule(
                created, "design_iterations", [None, project, str(number), timestamp(created)]
            )
        if status == "finalized":
            ordered = self.working_time(finalized + rng.between(HOUR, 3 * DAY))
            if ordered <= end:
                self.order(ordered, customer, self.inquiry_lines(ordered), inquiry)

    # ---- orders and what follows them

    def order(
        self, t: int, customer: Customer, lines: list[Line], inquiry: Row | None = None
    ) -> None:
        rng, profile, out, end = self.rng, self.profile, self.out, self.end
        between = rng.between
        cancelled = rng.random() < profile.cancel_rate
        refunded = not cancelled and rng.random() < profile.refund_rate
        speedup = 1 - 0.25 * self.calendar.progress(t)  # the workshop gets faster over years
        jobs: list[tuple[int, int, int]] = []  # (line index, design started, completed)
        ready = t
        first_start = end + 1  # of the jobs
        if not cancelled:
            start_low, start_high = self.job_start
            by_the_clock = profile.round_the_clock_production
            for index, line in enumerate(lines):
                if line.produced:
                    start = t + between(start_low, start_high)
                    if not by_the_clock:
                        start = self.working_time(start)
                    low, high, mode = self.job_hours[line.is_custom_design]
                    hours = rng.triangular(low, high, mode) * speedup
                    seconds, shortest = round(hours * HOUR), round(low * HOUR)
                    completed = start + (seconds if seconds > shortest else shortest)
                    if not by_the_clock:
                        completed = self.working_time_before(completed, start + 6 * HOUR)
                    jobs.append((index, start, completed))
                    if completed > ready:
                        ready = completed
                    if start < first_start:
                        first_start = start
        shipped = ready + between(self.shipping[0], self.shipping[1])
        delivered = shipped + between(self.delivery[0], self.delivery[1])
        if cancelled:
            status = "cancelled"
        elif (jobs and first_start > end) or (not jobs and shipped > end):
            status = "placed"
        elif shipped > end:
            status = "in_production"
        elif delivered > end:
            status = "shipped"
        else:
            status = "refunded" if refunded else "completed"

        timestamp = self.timestamp
        order: Row = [
            None,  # order_id
            customer.row,  # customer_id
            timestamp(t),  # ordered_at
            status,  # status
            inquiry or NO_REF,  # inquiry_id
            self.business.currency,  # currency
            "" if shipped > end else timestamp(shipped),  # shipped_at: shown by a download only
        ]
        out.schedule(t, "orders", order)
        items: list[Row] = []
        for line in lines:
            item: Row = [
                None,  # order_item_id
                order,  # order_id
                line.product_name,  # product_name
                "true" if line.is_custom_design else "false",  # is_custom_design
                str(line.quantity),  # quantity
                f"{line.net_amount:.2f}",  # net_amount
            ]
            out.schedule(t, "order_items", item)
            items.append(item)
        for index, start, completed in jobs:
            self.production_job(items[index], lines[index], start, completed)

        if status == "cancelled":
            return
        self.new_buyers.append(customer)
        if status == "completed" and rng.random() < profile.survey_share:
            responded = delivered + between(DAY, 21 * DAY)
            if responded <= end:
                has_custom = any(line.is_custom_design for line in lines)
                self.survey(responded, customer, order, has_custom)
        if inquiry is not None and status != "refunded":
            customer.inquiry_orders += 1
            share = profile.return_share[0 if customer.inquiry_orders == 1 else 1]
            if rng.random() < share:
                day = t // DAY + rng.randint(*profile.return_after_days)
                if day < self.calendar.n_days:
                    self.returns.setdefault(day, []).append(customer)

    def production_job(self, item: Row, line: Line, start: int, completed: int) -> None:
        rng, profile, out, end = self.rng, self.profile, self.out, self.end
        timestamp = self.timestamp
        if start > end:
            return
        job: Row = [
            None,  # job_id
            item,  # order_item_id
            timestamp(start),  # design_started_at
            timestamp(completed) if completed <= end else "",  # completed_at
            item[4],  # quantity: the order item's
        ]
        out.schedule(start, "production_jobs", job)
        eco_start, eco_end = profile.eco_share
        eco_share = eco_start + (eco_end - eco_start) * self.calendar.progress(start)
        random = rng.random
        for usage in range(1 if random() < 0.75 else 2):
            used = start + round((completed - start) * (0.2 + (0.9 - 0.2) * random()))  # uniform
            if used > end:
                continue
            material = rng.pick(self.materials[random() < eco_share])
            kg = rng.triangular(*profile.kg_per_piece) * line.quantity * (1 if usage == 0 else 0.3)
            row: Row = [
                None,  # usage_id
                timestamp(used),  # used_at
                material.name,  # material
                "true" if material.is_eco_friendly else "false",  # is_eco_friendly
                f"{kg if kg >= 0.001 else 0.001:.3f}",  # quantity_kg
                job,  # job_id
                line.product_name,  # product_name: shown by a download only
            ]
            out.schedule(used, "material_usage", row)

    def survey(self, t: int, customer: Customer, order: Row, has_custom: bool) -> None:
        rng, profile = self.rng, self.profile
        customization = has_custom and rng.random() < profile.customization_survey_share
        survey_type = "customization" if customization else "finished_piece"
        scale_max = 10 if rng.random() < profile.ten_point_share else 5
        satisfied = rng.random() < profile.satisfied_share[survey_type]
        high, low = SCORES_10 if scale_max == 10 else SCORES_5
        score = (high if satisfied else low).pick(rng)
        row: Row = [
            None,  # response_id
            survey_type,  # survey_type
            str(score),  # score
            str(scale_max),  # scale_max
            self.timestamp(t),  # responded_at
            customer.row,  # customer_id
            order,  # order_id
        ]
        self.out.schedule(t, "surveys", row)

    # ---- social media

    def social_engagement(self, day: int) -> None:
        rng, profile, calendar = self.rng, self.profile, self.calendar
        random = rng.random
        trend = (1 + profile.social_growth_per_month) ** (day / 30.44)
        season = 1 + 0.35 * (profile.season[calendar.month[day] - 1] - 1)  # milder than sales
        level = self.business.scale * trend * season * profile.weekday[calendar.weekday[day]]
        date = calendar.day_text[day]
        rows = []
        for platform, content_type, base in self.posts:
            posted = random() < 0.85  # on a day without a post, older posts still earn
            likes = round(base * level * rng.lognormal(0, 0.3) * (1 if posted else 0.35))
            row = [
                date,  # engagement_date
                platform,  # platform
                content_type,  # content_type
                str(likes),  # likes
                str(round(likes * (0.03 + (0.09 - 0.03) * random()))),  # comments: uniform
                str(round(likes * (0.01 + (0.05 - 0.01) * random()))),  # shares: uniform
                str(round(likes * (0.01 + (0.03 - 0.01) * random()))),  # new_followers: uniform
            ]
            rows.append(row)
        self.out.write_now("social_engagement", rows)

    # ---- what is sold (per vertical)

    def direct_lines(self, t: int) -> list[Line]:
        raise NotImplementedError

    def inquiry_lines(self, t: int) -> list[Line]:
        raise NotImplementedError


CUSTOM_JEWELRY = (
    "Custom engagement ring", "Bespoke pendant", "Custom anniversary ring", "Bespoke earrings",
    "Heirloom redesign", "Custom signet ring", "Bespoke bracelet",
)  # fmt: skip
CATALOGUE_JEWELRY = (
    "Diamond stud earrings", "Gold chain necklace", "Pearl drop earrings", "Tennis bracelet",
    "Birthstone pendant", "Stacking ring", "Hoop earrings",
)  # fmt: skip


class JewelrySimulation(Simulation):
    """A luxury custom jewelry atelier: bespoke pieces from design inquiries, some catalogue."""

    profile = JEWELRY_PROFILE

    def catalogue_line(self) -> Line:
        price = min(2500.0, max(150.0, self.rng.lognormal(math.log(700), 0.6)))
        return Line(self.rng.pick(CATALOGUE_JEWELRY), False, 1, round(price / 5) * 5, False)

    def direct_lines(self, t: int) -> list[Line]:
        return [self.catalogue_line() for _ in range(1 if self.rng.random() < 0.8 else 2)]

    def inquiry_lines(self, t: int) -> list[Line]:
        rng = self.rng
        if rng.random() < 0.1:  # a pair of wedding bands
            price = rng.uniform(2000, 4000)
            custom = Line("Bespoke wedding bands (pair)", True, 2, 2 * round(price / 50) * 50, True)
        else:
            price = min(12000.0, max(2000.0, rng.lognormal(math.log(4800), 0.45)))
            custom = Line(rng.pick(CUSTOM_JEWELRY), True, 1, round(price / 50) * 50, True)
        return [custom, self.catalogue_line()] if rng.random() < 0.15 else [custom]


CUSTOM_3D = (
    "Custom name keychain", "Personalised phone stand", "Custom lithophane lamp",
    "Engraved cable organiser", "Custom cookie cutter", "Personalised planter",
    "Custom pet tag", "Monogram desk tidy",
)  # fmt: skip
CATALOGUE_3D = (
    "Honeycomb wall shelf", "Cable clip set", "Geometric planter", "Headphone stand",
    "Dice tower", "Articulated dragon", "Controller stand", "Bookend pair",
)  # fmt: skip
COLLABORATION_3D = (
    "Co-designed cosplay prop", "Co-designed figurine", "Co-designed product prototype",
    "Co-designed trophy", "Co-designed wall art",
)  # fmt: skip
QUANTITIES_3D = Weighted((1, 2, 3), (0.72, 0.2, 0.08))  # of a web-shop line
LINES_3D = Weighted((1, 2, 3), (0.62, 0.27, 0.11))  # of a web-shop order


class AccessoriesSimulation(Simulation):
    """A custom 3D-printed accessories shop: a web shop with a configurator, and co-designs."""

    profile = ACCESSORIES_PROFILE

    def line(self, name: str, custom: bool, median_price: float) -> Line:
        rng = self.rng
        quantity = QUANTITIES_3D.pick(rng)
        cap = 120 / quantity
        price = rng.lognormal(math.log(median_price), 0.35)
        price = cap if price > cap else 15.0 if price < 15.0 else price
        price = round(price * 2) / 2  # whole or half dollars, still within 15 .. cap
        return Line(name, custom, quantity, price * quantity, True)

    def direct_lines(self, t: int) -> list[Line]:
        rng = self.rng
        month = self.calendar.month[t // DAY]
        custom_share = 0.28 + 0.22 * self.calendar.progress(t) + (0.06 if month >= 10 else 0)
        lines = []
        for _ in range(LINES_3D.pick(rng)):
            if rng.random() < custom_share:
                lines.append(self.line(rng.pick(CUSTOM_3D), True, 34))
            else:
                lines.append(self.line(rng.pick(CATALOGUE_3D), False, 24))
        return lines

    def inquiry_lines(self, t: int) -> list[Line]:
        count = 1 if self.rng.random() < 0.7 else 2
        return [self.line(self.rng.pick(COLLABORATION_3D), True, 55) for _ in range(count)]


SIMULATIONS: dict[str, type[Simulation]] = {
    JEWELRY: JewelrySimulation,
    ACCESSORIES: AccessoriesSimulation,
}


# --------------------------------------------------------------------------- the folder


@functools.cache
def calendar_of(months: int) -> Calendar:
    """One Calendar per history length and process (it holds a table of clock times)."""
    return Calendar(months)


def write_business(out: Path, business: Business, seed: int, months: int) -> dict[str, int]:
    """Write one business's folder; return its rows per export (or per vendor source).

    Runs in a worker process: a business depends only on its arguments."""
    # imported here: the downloads module builds on this one
    from atelier.demo_downloads import DownloadsSimulation, DownloadsWriter

    calendar = calendar_of(months)
    folder: BusinessWriter | DownloadsWriter
    if business.downloads:
        with DownloadsWriter(out / business.business_id, business, seed, calendar) as folder:
            DownloadsSimulation(business, seed, calendar, folder).run()
    else:
        with BusinessWriter(out / business.business_id) as folder:
            SIMULATIONS[business.vertical](business, seed, calendar, folder).run()
    return folder.counts


def write_exports(
    out: Path,
    *,
    seed: int = DEFAULT_SEED,
    businesses: int | None = None,
    months: int = DEFAULT_MONTHS,
    progress: bool = False,
    jobs: int | None = None,
) -> dict[str, int]:
    """Write the exports folder; return the number of rows written per export (and per
    vendor source, for a business that runs on downloads).

    `businesses=None` writes the three demo businesses, 1 to 3 the first ones of them, more
    that many generated benchmark businesses. Business folders are written by `jobs` worker
    processes (default: one per CPU; 1 writes them in this process): each business has its
    own random generator, so the files do not depend on the number of workers."""
    if months < 1:
        raise ValueError("months must be at least 1")
    if businesses is not None and businesses < 1:
        raise ValueError("businesses must be at least 1")
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    if businesses is None or businesses <= len(DEMO_BUSINESSES):
        chosen = list(DEMO_BUSINESSES[: businesses or len(DEMO_BUSINESSES)])
    else:
        chosen = generated_businesses(businesses, seed)
    out.mkdir(parents=True, exist_ok=True)

    registry = load_contract()[REGISTRY]
    with (out / registry.file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(registry.column_names)
        for business in chosen:
            writer.writerow([getattr(business, name, "") for name in registry.column_names])
    counts = {REGISTRY: len(chosen)} | {e.name: 0 for e in business_exports()}

    from tqdm import tqdm

    calendar_of(months)  # made before the workers start: forked, they share it
    write_one = functools.partial(write_business, out, seed=seed, months=months)
    workers = min(jobs or os.cpu_count() or 1, len(chosen))
    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    try:
        # in the businesses' order; each worker takes the next business when it is free
        written = pool.map(write_one, chosen) if pool else map(write_one, chosen)
        for business_counts in tqdm(
            written, total=len(chosen), desc="businesses", unit="business", disable=not progress
        ):
            for export, rows in business_counts.items():
                counts[export] = counts.get(export, 0) + rows
    finally:
        if pool:  # after a failure, the businesses not started yet are not written
            pool.shutdown(cancel_futures=True)

    registered = {b.business_id for b in chosen}
    strays = sorted(p.name for p in out.iterdir() if p.is_dir() and p.name not in registered)
    if strays:
        print(
            f"atelier: warning: {out} also holds folders not in businesses.csv: "
            f"{', '.join(strays[:5])}{' ...' if len(strays) > 5 else ''}; "
            "remove them before dbt build, which stops on unregistered folders",
            file=sys.stderr,
        )
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="exports folder to write (default: %(default)s)",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)"
    )
    parser.add_argument(
        "--businesses",
        type=int,
        default=None,
        metavar="N",
        help="default: the three demo businesses (N <= 3: the first N of them); N > 3 writes N "
        "generated businesses biz_00001.. (alternating verticals, for benchmarks)",
    )
    parser.add_argument(
        "--months",
        type=int,
        default=DEFAULT_MONTHS,
        metavar="M",
        help=f"months of history ending {END_DATE:%Y-%m} (default: %(default)s, from 2024-01)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="J",
        help="worker processes writing business folders (default: one per CPU); the files are "
        "the same whatever the number",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="show a progress bar over businesses (default: on)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        counts = write_exports(
            args.out,
            seed=args.seed,
            businesses=args.businesses,
            months=args.months,
            progress=args.progress,
            jobs=args.jobs,
        )
    except ValueError as error:
        print(f"atelier demo-data: {error}", file=sys.stderr)
        return 2
    total = sum(rows for export, rows in counts.items() if export != REGISTRY)
    print(f"Wrote {counts[REGISTRY]} businesses, {total} rows, to {args.out}")
    for export, rows in counts.items():
        print(f"  {export:<20} {rows:>10}")
    return 0
