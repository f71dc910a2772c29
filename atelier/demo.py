"""`atelier demo-data`: write a deterministic, believable exports folder.

Each business is a small discrete-event simulation run day by day over the history: design
inquiries (some turning into consultations, design projects with iterations and a bespoke
order), catalogue or web-shop orders from new, returning, referred and unlisted (inferred)
customers, production jobs with their material usage, satisfaction surveys and daily social
engagement. A simulated event decides its whole future at once (a project that will be
finalized, the order that follows, its job), so every row is known when its event happens;
rows wait in a heap ordered by timestamp and are written when the simulation clock passes
them. Files are therefore in timestamp order, ids are numbered in that order, and memory
holds only the rows still in the future: it stays flat however many businesses are written.

Everything is drawn from one `random.Random` per business, seeded from the seed and the
business's index, with no wall clock: the same arguments give byte-identical files.
Every row satisfies the contract (`models/staging/exports/_exports__sources.yml`, read
through `atelier.contract`), whose column lists give each file's header and column order.

The demo's third business, Maison Filament, keeps no hand-kept export: its simulation's rows
become the vendor downloads its tools give it (Etsy, Calendly, Typeform, OctoPrint), written
by `atelier.demo_downloads`.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import itertools
import math
import random
import sys
from collections import deque
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import TextIO

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

    def timestamp(self, t: int) -> str:
        day, seconds = divmod(t, DAY)
        hours, seconds = divmod(seconds, HOUR)
        minutes, seconds = divmod(seconds, MINUTE)
        return f"{self.day_text[day]} {hours:02d}:{minutes:02d}:{seconds:02d}"

    def progress(self, t: int) -> float:
        """0 at the start of the history, 1 at its end."""
        return t / self.end


# --------------------------------------------------------------------------- writing


class Ref:
    """The id of a row not written yet: set when the row is written, read by later rows."""

    __slots__ = ("id",)

    def __init__(self) -> None:
        self.id: str | None = None


Value = str | Ref


def resolve(value: Value) -> str:
    if isinstance(value, Ref):
        if value.id is None:
            raise RuntimeError("a row references a row that is not written yet")
        return value.id
    return value


class ScheduledRows:
    """Rows fed in timestamp order through a heap, numbered when the clock passes them.

    A simulation schedules export rows (`schedule`) and writes undated ones at once
    (`write_now`); a subclass decides what becomes of each row (`emit`): the export files
    (`BusinessWriter`) or vendor downloads (`atelier.demo_downloads.DownloadsWriter`). A row's
    values may hold keys that are not columns of its export: facts that only a download
    shows (a shipping date, an event type), which export files ignore."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, str, dict[str, Value], Ref | None, bool]] = []
        self._sequence = itertools.count()
        self._next_id = dict.fromkeys(ID_PREFIXES, 0)
        self.counts: dict[str, int] = {}

    def schedule(
        self,
        t: int,
        export: str,
        values: dict[str, Value],
        own: Ref | None = None,
        *,
        listed: bool = True,
    ) -> None:
        """Emit this row when the clock passes `t`; `own` receives the row's new id then.

        `listed=False` numbers the row (an inferred customer's id) without writing it."""
        heapq.heappush(self._heap, (t, next(self._sequence), export, values, own, listed))

    def flush(self, until: int) -> None:
        """Emit every scheduled row whose timestamp is before `until`."""
        heap = self._heap
        while heap and heap[0][0] < until:
            _, _, export, values, own, listed = heapq.heappop(heap)
            if own is not None:
                self._next_id[export] += 1
                own.id = f"{ID_PREFIXES[export]}_{self._next_id[export]:06d}"
            self.emit(export, values, listed=listed)

    def emit(self, export: str, values: dict[str, Value], *, listed: bool) -> None:
        raise NotImplementedError

    def write_now(self, export: str, values: dict[str, str]) -> None:
        raise NotImplementedError


class BusinessWriter(ScheduledRows):
    """The export files of one business folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder
        self._stack = ExitStack()
        self._rows: dict[str, Callable[[Sequence[str]], object]] = {}
        self._columns: dict[str, list[str]] = {}

    def __enter__(self) -> BusinessWriter:
        self._folder.mkdir(parents=True, exist_ok=True)
        for export in business_exports():
            handle: TextIO = self._stack.enter_context(
                (self._folder / export.file).open("w", encoding="utf-8", newline="")
            )
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(export.column_names)
            self._rows[export.name] = writer.writerow
            self._columns[export.name] = export.column_names
            self.counts[export.name] = 0
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.close()

    def emit(self, export: str, values: dict[str, Value], *, listed: bool) -> None:
        if listed:
            self._rows[export]([resolve(values.get(n, "")) for n in self._columns[export]])
            self.counts[export] += 1

    def write_now(self, export: str, values: dict[str, str]) -> None:
        self._rows[export]([values.get(name, "") for name in self._columns[export]])
        self.counts[export] += 1


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


@dataclass(frozen=True)
class Line:
    product_name: str
    is_custom_design: bool
    quantity: int
    net_amount: float
    produced: bool  # made to order by a production job


@dataclass
class Customer:
    ref: Ref
    inquiry_orders: int = 0  # sale orders from its design inquiries so far


# --------------------------------------------------------------------------- simulation


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


def money(amount: float) -> str:
    return f"{amount:.2f}"


class Simulation:
    """One business's history, written through a BusinessWriter."""

    profile: Profile

    def __init__(self, business: Business, seed: int, calendar: Calendar, out: ScheduledRows):
        self.business = business
        self.rng = random.Random(f"atelier-demo:{seed}:{business.index}")
        self.calendar = calendar
        self.out = out
        self.buyers: deque[Customer] = deque(maxlen=self.profile.buyer_memory)
        self.new_buyers: list[Customer] = []
        self.returns: dict[int, list[Customer]] = {}
        self.customer_serial = 0

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
        opens, closes = self.profile.open_hours
        return day * DAY + self.rng.randrange(opens * HOUR, closes * HOUR)

    def working_time(self, t: int) -> int:
        """`t`, or the next moment the atelier is open when it is closed at `t`."""
        opens, closes = self.profile.open_hours
        day, seconds = divmod(t, DAY)
        if seconds < opens * HOUR:
            return day * DAY + self.rng.randrange(opens * HOUR, closes * HOUR)
        if seconds >= closes * HOUR:
            return self.during_hours(day + 1)
        return t

    def working_time_before(self, t: int, earliest: int) -> int:
        """`t`, or the last open moment before it (not before `earliest`) when closed at `t`."""
        opens, closes = self.profile.open_hours
        day, seconds = divmod(t, DAY)
        if seconds < opens * HOUR:
            day -= 1
        elif seconds < closes * HOUR:
            return t
        return max(earliest, day * DAY + self.rng.randrange(opens * HOUR, closes * HOUR))

    def is_past_end(self, t: int) -> bool:
        return t > self.calendar.end

    def triangular_seconds(self, hours: tuple[float, float, float], factor: float = 1.0) -> int:
        low, high, mode = hours
        return max(round(low * HOUR), round(self.rng.triangular(low, high, mode) * factor * HOUR))

    # ---- customers

    def recent_buyer(self) -> Customer:
        back = int(self.rng.expovariate(1 / self.profile.repeat_recency))
        return self.buyers[-1 - min(back, len(self.buyers) - 1)]

    def buyer(self, t: int) -> Customer:
        """The customer of a catalogue / web-shop order: a returning or a new one."""
        if self.buyers and self.rng.random() >= self.profile.new_buyer_share:
            return self.recent_buyer()
        created = max(t - self.rng.randrange(0, 30 * MINUTE), t - t % DAY)
        return self.new_customer(created, listed=self.rng.random() >= self.profile.inferred_share)

    def new_customer(self, t: int, *, listed: bool = True) -> Customer:
        rng, profile = self.rng, self.profile
        customer = Customer(Ref())
        if not listed:  # inferred from its orders: numbered, never written to customers.csv
            self.out.schedule(
                t, "customers", {"customer_id": customer.ref}, customer.ref, listed=False
            )
            return customer
        referrer = (
            self.recent_buyer() if self.buyers and rng.random() < profile.referral_share else None
        )
        self.customer_serial += 1
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        countries, weights = zip(*profile.countries, strict=True)
        values: dict[str, Value] = {
            "customer_id": customer.ref,
            "created_at": self.calendar.timestamp(t),
            "acquisition_channel": "referral"
            if referrer
            else rng.choice(profile.customer_channels),
            "referred_by_customer_id": referrer.ref if referrer else "",
            "email": f"{first}.{last}.{self.customer_serial}@example.com".lower(),
            "full_name": f"{first} {last}",
            "country": rng.choices(countries, weights)[0],
        }
        self.out.schedule(t, "customers", values, customer.ref)
        return customer

    # ---- design inquiries, consultations, projects

    def consultation(self, t: int, customer: Customer, *, review: bool) -> None:
        """A first design consultation, or a shorter review (`review`)."""
        if self.is_past_end(t):
            return
        minutes = self.profile.review_minutes if review else self.profile.consultation_minutes
        duration = round(self.rng.triangular(*minutes) / 5) * 5
        consultation = Ref()
        values: dict[str, Value] = {
            "consultation_id": consultation,
            "customer_id": customer.ref,
            "started_at": self.calendar.timestamp(t),
            "duration_minutes": str(duration),
            "designer": self.rng.choice(self.profile.designers),
            "review": "true" if review else "false",  # shown by a download only
        }
        self.out.schedule(t, "consultations", values, consultation)

    def inquiry(self, day: int, customer: Customer | None) -> None:
        rng, profile, calendar, out = self.rng, self.profile, self.calendar, self.out
        received = self.during_hours(day)
        converts = rng.random() < (
            profile.convert_new if customer is None else profile.convert_returning
        )
        has_project = converts or rng.random() < profile.abandoned_project_share
        if customer is None and (has_project or rng.random() >= profile.anonymous_share):
            customer = self.new_customer(received - rng.randrange(0, 10 * MINUTE), listed=True)
        inquiry = Ref()
        out.schedule(
            received,
            "inquiries",
            {
                "inquiry_id": inquiry,
                "received_at": calendar.timestamp(received),
                "customer_id": customer.ref if customer else "",
                "channel": rng.choice(profile.inquiry_channels),
            },
            inquiry,
        )
        if customer is None:
            return
        if not has_project:
            if rng.random() < 0.5:
                self.consultation(
                    self.during_hours(day + rng.randint(1, 10)), customer, review=True
                )
            return
        first_meeting = self.during_hours(day + rng.randint(1, 7))
        self.consultation(first_meeting, customer, review=False)
        started = self.working_time(first_meeting + rng.randrange(HOUR, 3 * DAY))
        if converts:
            n_iterations = rng.choices(range(1, 9), profile.iteration_weights)[0]
        else:
            n_iterations = rng.randint(1, 3)
        iterations: list[int] = []
        t = started
        for _ in range(n_iterations):
            low, high = profile.iteration_gap_days
            t = self.working_time(t + rng.randrange(low * DAY, high * DAY))
            iterations.append(t)
            if len(iterations) < n_iterations and rng.random() < profile.review_share:
                self.consultation(self.during_hours(t // DAY + 1), customer, review=True)
        finalized = self.working_time(t + rng.randrange(DAY, 5 * DAY))
        if converts:
            status = "in_progress" if self.is_past_end(finalized) else "finalized"
        else:  # given up a month after the last iteration
            status = "in_progress" if self.is_past_end(t + 30 * DAY) else "abandoned"
        if self.is_past_end(started):
            return
        project = Ref()
        out.schedule(
            started,
            "design_projects",
            {
                "project_id": project,
                "customer_id": customer.ref,
                "inquiry_id": inquiry,
                "started_at": calendar.timestamp(started),
                "status": status,
                "finalized_at": calendar.timestamp(finalized) if status == "finalized" else "",
            },
            project,
        )
        for number, created in enumerate(iterations, start=1):
            if self.is_past_end(created):
                break
            iteration = Ref()
            out.schedule(
                created,
                "design_iterations",
                {
                    "iteration_id": iteration,
                    "project_id": project,
                    "iteration_number": str(number),
                    "created_at": calendar.timestamp(created),
                },
                iteration,
            )
        if status == "finalized":
            ordered = self.working_time(finalized + rng.randrange(HOUR, 3 * DAY))
            if not self.is_past_end(ordered):
                self.order(ordered, customer, self.inquiry_lines(ordered), inquiry)

    # ---- orders and what follows them

    def order(
        self, t: int, customer: Customer, lines: list[Line], inquiry: Ref | None = None
    ) -> None:
        rng, profile, calendar, out = self.rng, self.profile, self.calendar, self.out
        cancelled = rng.random() < profile.cancel_rate
        refunded = not cancelled and rng.random() < profile.refund_rate
        speedup = 1 - 0.25 * calendar.progress(t)  # the workshop gets faster over the years
        jobs: list[tuple[int, int, int]] = []  # (line index, design started, completed)
        ready = t
        if not cancelled:
            for index, line in enumerate(lines):
                if line.produced:
                    start = t + rng.randrange(
                        profile.job_start_hours[0] * HOUR, profile.job_start_hours[1] * HOUR
                    )
                    hours = (
                        profile.job_hours_custom
                        if line.is_custom_design
                        else profile.job_hours_catalogue
                    )
                    if not profile.round_the_clock_production:
                        start = self.working_time(start)
                    completed = start + self.triangular_seconds(hours, speedup)
                    if not profile.round_the_clock_production:
                        completed = self.working_time_before(completed, start + 6 * HOUR)
                    jobs.append((index, start, completed))
                    ready = max(ready, completed)
        shipped = ready + rng.randrange(
            profile.ship_days[0] * DAY, (profile.ship_days[1] + 1) * DAY
        )
        delivered = shipped + rng.randrange(
            profile.delivery_days[0] * DAY, (profile.delivery_days[1] + 1) * DAY
        )
        if cancelled:
            status = "cancelled"
        elif (jobs and self.is_past_end(min(j[1] for j in jobs))) or (
            not jobs and self.is_past_end(shipped)
        ):
            status = "placed"
        elif self.is_past_end(shipped):
            status = "in_production"
        elif self.is_past_end(delivered):
            status = "shipped"
        else:
            status = "refunded" if refunded else "completed"

        order = Ref()
        out.schedule(
            t,
            "orders",
            {
                "order_id": order,
                "customer_id": customer.ref,
                "ordered_at": calendar.timestamp(t),
                "status": status,
                "inquiry_id": inquiry or "",
                "currency": self.business.currency,
                # shown by a download only
                "shipped_at": "" if self.is_past_end(shipped) else calendar.timestamp(shipped),
            },
            order,
        )
        items = [Ref() for _ in lines]
        for item, line in zip(items, lines, strict=True):
            out.schedule(
                t,
                "order_items",
                {
                    "order_item_id": item,
                    "order_id": order,
                    "product_name": line.product_name,
                    "is_custom_design": "true" if line.is_custom_design else "false",
                    "quantity": str(line.quantity),
                    "net_amount": money(line.net_amount),
                },
                item,
            )
        for index, start, completed in jobs:
            self.production_job(items[index], lines[index], start, completed)

        if status == "cancelled":
            return
        self.new_buyers.append(customer)
        has_custom = any(line.is_custom_design for line in lines)
        if status == "completed" and rng.random() < profile.survey_share:
            responded = delivered + rng.randrange(DAY, 21 * DAY)
            if not self.is_past_end(responded):
                self.survey(responded, customer, order, has_custom)
        if inquiry is not None and status != "refunded":
            customer.inquiry_orders += 1
            share = profile.return_share[0 if customer.inquiry_orders == 1 else 1]
            if rng.random() < share:
                day = t // DAY + rng.randint(*profile.return_after_days)
                if day < calendar.n_days:
                    self.returns.setdefault(day, []).append(customer)

    def production_job(self, item: Ref, line: Line, start: int, completed: int) -> None:
        rng, profile, calendar, out = self.rng, self.profile, self.calendar, self.out
        if self.is_past_end(start):
            return
        done = not self.is_past_end(completed)
        job = Ref()
        out.schedule(
            start,
            "production_jobs",
            {
                "job_id": job,
                "order_item_id": item,
                "design_started_at": calendar.timestamp(start),
                "completed_at": calendar.timestamp(completed) if done else "",
                "quantity": str(line.quantity),
            },
            job,
        )
        eco_start, eco_end = profile.eco_share
        eco_share = eco_start + (eco_end - eco_start) * calendar.progress(start)
        for usage in range(1 if rng.random() < 0.75 else 2):
            used = start + round((completed - start) * rng.uniform(0.2, 0.9))
            if self.is_past_end(used):
                continue
            eco = rng.random() < eco_share
            material = rng.choice([m for m in profile.materials if m.is_eco_friendly == eco])
            kg = rng.triangular(*profile.kg_per_piece) * line.quantity * (1 if usage == 0 else 0.3)
            usage_id = Ref()
            out.schedule(
                used,
                "material_usage",
                {
                    "usage_id": usage_id,
                    "used_at": calendar.timestamp(used),
                    "material": material.name,
                    "is_eco_friendly": "true" if material.is_eco_friendly else "false",
                    "quantity_kg": f"{max(kg, 0.001):.3f}",
                    "job_id": job,
                    "product_name": line.product_name,  # shown by a download only
                },
                usage_id,
            )

    def survey(self, t: int, customer: Customer, order: Ref, has_custom: bool) -> None:
        rng, profile = self.rng, self.profile
        customization = has_custom and rng.random() < profile.customization_survey_share
        survey_type = "customization" if customization else "finished_piece"
        scale_max = 10 if rng.random() < profile.ten_point_share else 5
        satisfied = rng.random() < profile.satisfied_share[survey_type]
        if scale_max == 5:
            score = (
                rng.choices((4, 5), (0.35, 0.65))[0]
                if satisfied
                else rng.choices((1, 2, 3), (0.15, 0.3, 0.55))[0]
            )
        elif satisfied:
            score = rng.choices((8, 9, 10), (0.3, 0.35, 0.35))[0]
        else:
            score = rng.choices(range(8), (0.02, 0.03, 0.05, 0.08, 0.1, 0.17, 0.25, 0.3))[0]
        response = Ref()
        self.out.schedule(
            t,
            "surveys",
            {
                "response_id": response,
                "survey_type": survey_type,
                "score": str(score),
                "scale_max": str(scale_max),
                "responded_at": self.calendar.timestamp(t),
                "customer_id": customer.ref,
                "order_id": order,
            },
            response,
        )

    # ---- social media

    def social_engagement(self, day: int) -> None:
        rng, profile, calendar = self.rng, self.profile, self.calendar
        trend = (1 + profile.social_growth_per_month) ** (day / 30.44)
        season = 1 + 0.35 * (profile.season[calendar.month[day] - 1] - 1)  # milder than sales
        level = self.business.scale * trend * season * profile.weekday[calendar.weekday[day]]
        for platform in profile.platforms:
            for content_type, base in (
                ("custom_design", platform.custom_design_likes),
                ("other", platform.other_likes),
            ):
                posted = rng.random() < 0.85  # on a day without a post, older posts still earn
                likes = round(base * level * rng.lognormvariate(0, 0.3) * (1 if posted else 0.35))
                self.out.write_now(
                    "social_engagement",
                    {
                        "engagement_date": calendar.day_text[day],
                        "platform": platform.name,
                        "content_type": content_type,
                        "likes": str(likes),
                        "comments": str(round(likes * rng.uniform(0.03, 0.09))),
                        "shares": str(round(likes * rng.uniform(0.01, 0.05))),
                        "new_followers": str(round(likes * rng.uniform(0.01, 0.03))),
                    },
                )

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
        price = min(2500.0, max(150.0, self.rng.lognormvariate(math.log(700), 0.6)))
        return Line(self.rng.choice(CATALOGUE_JEWELRY), False, 1, round(price / 5) * 5, False)

    def direct_lines(self, t: int) -> list[Line]:
        return [self.catalogue_line() for _ in range(1 if self.rng.random() < 0.8 else 2)]

    def inquiry_lines(self, t: int) -> list[Line]:
        rng = self.rng
        if rng.random() < 0.1:  # a pair of wedding bands
            price = rng.uniform(2000, 4000)
            custom = Line("Bespoke wedding bands (pair)", True, 2, 2 * round(price / 50) * 50, True)
        else:
            price = min(12000.0, max(2000.0, rng.lognormvariate(math.log(4800), 0.45)))
            custom = Line(rng.choice(CUSTOM_JEWELRY), True, 1, round(price / 50) * 50, True)
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


class AccessoriesSimulation(Simulation):
    """A custom 3D-printed accessories shop: a web shop with a configurator, and co-designs."""

    profile = ACCESSORIES_PROFILE

    def line(self, name: str, custom: bool, median_price: float) -> Line:
        rng = self.rng
        quantity = rng.choices((1, 2, 3), (0.72, 0.2, 0.08))[0]
        cap = 120 / quantity
        price = min(cap, max(15.0, rng.lognormvariate(math.log(median_price), 0.35)))
        price = round(price * 2) / 2  # whole or half dollars, still within 15 .. cap
        return Line(name, custom, quantity, price * quantity, True)

    def direct_lines(self, t: int) -> list[Line]:
        rng = self.rng
        month = self.calendar.month[t // DAY]
        custom_share = 0.28 + 0.22 * self.calendar.progress(t) + (0.06 if month >= 10 else 0)
        lines = []
        for _ in range(rng.choices((1, 2, 3), (0.62, 0.27, 0.11))[0]):
            if rng.random() < custom_share:
                lines.append(self.line(rng.choice(CUSTOM_3D), True, 34))
            else:
                lines.append(self.line(rng.choice(CATALOGUE_3D), False, 24))
        return lines

    def inquiry_lines(self, t: int) -> list[Line]:
        count = 1 if self.rng.random() < 0.7 else 2
        return [self.line(self.rng.choice(COLLABORATION_3D), True, 55) for _ in range(count)]


SIMULATIONS: dict[str, type[Simulation]] = {
    JEWELRY: JewelrySimulation,
    ACCESSORIES: AccessoriesSimulation,
}


# --------------------------------------------------------------------------- the folder


def write_exports(
    out: Path,
    *,
    seed: int = DEFAULT_SEED,
    businesses: int | None = None,
    months: int = DEFAULT_MONTHS,
    progress: bool = False,
) -> dict[str, int]:
    """Write the exports folder; return the number of rows written per export (and per
    vendor source, for a business that runs on downloads).

    `businesses=None` writes the three demo businesses, 1 to 3 the first ones of them, more
    that many generated benchmark businesses."""
    if months < 1:
        raise ValueError("months must be at least 1")
    if businesses is not None and businesses < 1:
        raise ValueError("businesses must be at least 1")
    if businesses is None or businesses <= len(DEMO_BUSINESSES):
        chosen = list(DEMO_BUSINESSES[: businesses or len(DEMO_BUSINESSES)])
    else:
        chosen = generated_businesses(businesses, seed)
    calendar = Calendar(months)
    out.mkdir(parents=True, exist_ok=True)

    registry = load_contract()[REGISTRY]
    with (out / registry.file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(registry.column_names)
        for business in chosen:
            writer.writerow([getattr(business, name, "") for name in registry.column_names])
    counts = {REGISTRY: len(chosen)} | {e.name: 0 for e in business_exports()}

    from tqdm import tqdm

    # imported here: the downloads module builds on this one
    from atelier.demo_downloads import DownloadsSimulation, DownloadsWriter

    for business in tqdm(chosen, desc="businesses", unit="business", disable=not progress):
        folder: BusinessWriter | DownloadsWriter
        if business.downloads:
            with DownloadsWriter(out / business.business_id, business, seed, calendar) as folder:
                DownloadsSimulation(business, seed, calendar, folder).run()
        else:
            with BusinessWriter(out / business.business_id) as folder:
                SIMULATIONS[business.vertical](business, seed, calendar, folder).run()
        for export, rows in folder.counts.items():
            counts[export] = counts.get(export, 0) + rows

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
        )
    except ValueError as error:
        print(f"atelier demo-data: {error}", file=sys.stderr)
        return 2
    total = sum(rows for export, rows in counts.items() if export != REGISTRY)
    print(f"Wrote {counts[REGISTRY]} businesses, {total} rows, to {args.out}")
    for export, rows in counts.items():
        print(f"  {export:<20} {rows:>10}")
    return 0
