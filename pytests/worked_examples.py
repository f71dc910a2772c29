"""An exports folder that reproduces the fourteen worked examples of docs/kpis.md end to end.

`write_worked_examples(folder)` writes `businesses.csv` and two business folders:

- `gem_luxe` (luxury_custom_jewelry, USD): the seven jewelry examples;
- `innovate_accents` (custom_3d_accessories, USD): the seven 3D-accessories examples.

Each example sits alone in its own period of the grain the article names (month where
docs/kpis.md says "—" or "a given period"), surrounded by distractors the definition must
exclude: cancelled and refunded orders with custom lines and big amounts, catalogue lines,
other survey types, 10-point and 5-point scales mixed, abandoned and in-progress projects
with iterations, `other` social content, incomplete jobs, inquiries converted only by a
cancelled order, referrals by unknown ids or by oneself, retention orders one day after the
window or at the very same timestamp, and rows at the first second of the next period.
Rows at the last second of a period (23:59:59 on its last day) belong to that period and
are part of the figures.

Every KPI is computed for every period of a business's spine, and the order-based KPIs of
a business share its orders, so the order-based examples are kept apart in time:

    gem_luxe          2023-01 retention cohort (second orders 2023-02..2023-08, 2024-01)
                      2023-04 design iterations     2023-05 consultations
                      2023-Q3 referral              2023-11 average transaction value
                      2024-02 inquiry conversion    2024-Q2 finished-piece satisfaction
    innovate_accents  2023 (year) repeat customers  2024-02 eco materials
                      2024-03 customization rate    2024-04 production lead time
                      2024-05 collaborations        2024-06 customization satisfaction
                      2024-07 / 2024-08 social engagement (p-1 / p)

Ids follow the same scheme in both businesses (`C0001`, `O0001`, ...), so they collide
across businesses on purpose (ids are unique within a business only). A few rows the
tests look at directly get descriptive ids (`C-WINDOW-END`, `Q-CANCELLED-ONLY-1`, ...).
Every row follows docs/exports.md: nothing is rejected.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pytests.csv_files import contract_header, write_csv

JEWELRY = "gem_luxe"
ACCESSORIES = "innovate_accents"

BUSINESSES = [
    {
        "business_id": JEWELRY,
        "business_name": "Gem Luxe Creations",
        "vertical": "luxury_custom_jewelry",
        "currency": "USD",
    },
    {
        "business_id": ACCESSORIES,
        "business_name": "Innovate Accents",
        "vertical": "custom_3d_accessories",
        "currency": "USD",
    },
]


@dataclass(frozen=True)
class WorkedExample:
    """One row of docs/kpis.md's table "The articles' worked examples", where the fixture puts it."""

    kpi_id: str
    business_id: str
    period_grain: str
    period_start: date
    numerator: float
    denominator: float
    value: float
    tier: str


WORKED_EXAMPLES = [
    WorkedExample(
        "avg_transaction_value", JEWELRY, "month", date(2023, 11, 1), 150_000, 50, 3000, "typical"
    ),
    WorkedExample(
        "bespoke_retention_rate",
        JEWELRY,
        "month",
        date(2023, 1, 1),
        20,
        50,
        40,
        "needs_improvement",
    ),
    WorkedExample(
        "consultation_hours_per_client", JEWELRY, "month", date(2023, 5, 1), 100, 20, 5, "typical"
    ),
    WorkedExample(
        "referral_rate", JEWELRY, "quarter", date(2023, 7, 1), 10, 30, 100 / 3, "typical"
    ),
    WorkedExample(
        "custom_design_conversion_rate", JEWELRY, "month", date(2024, 2, 1), 15, 50, 30, "typical"
    ),
    WorkedExample(
        "avg_design_iterations", JEWELRY, "month", date(2023, 4, 1), 200, 50, 4, "above_average"
    ),
    WorkedExample(
        "finished_piece_satisfaction", JEWELRY, "quarter", date(2024, 4, 1), 45, 50, 90, "typical"
    ),
    WorkedExample(
        "customization_rate", ACCESSORIES, "month", date(2024, 3, 1), 150, 500, 30, "typical"
    ),
    WorkedExample(
        "eco_material_ratio", ACCESSORIES, "month", date(2024, 2, 1), 500, 1000, 50, "typical"
    ),
    WorkedExample(
        "customization_satisfaction",
        ACCESSORIES,
        "month",
        date(2024, 6, 1),
        400,
        500,
        80,
        "typical",
    ),
    WorkedExample(
        "avg_production_lead_time",
        ACCESSORIES,
        "month",
        date(2024, 4, 1),
        200,
        100,
        2,
        "exceptional",
    ),
    WorkedExample(
        "repeat_customer_rate", ACCESSORIES, "year", date(2023, 1, 1), 200, 500, 40, "above_average"
    ),
    WorkedExample(
        "design_collaboration_conversion_rate",
        ACCESSORIES,
        "month",
        date(2024, 5, 1),
        50,
        200,
        25,
        "typical",
    ),
    WorkedExample(
        "social_engagement_growth",
        ACCESSORIES,
        "month",
        date(2024, 8, 1),
        200,
        950,
        20_000 / 950,
        "typical",
    ),
]

SALE_STATUSES = ["placed", "in_production", "shipped", "completed"]

# Spellings the contract accepts, used in rotation so the fixture exercises them all.
TRUE_SPELLINGS = ["true", "TRUE", "t", "yes", "Y", "1"]
FALSE_SPELLINGS = ["false", "False", "f", "no", "N", "0"]


def ts(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0):
    return datetime(year, month, day, hour, minute, second)


def last_second(year: int, month: int) -> datetime:
    """23:59:59 on the last day of the month."""
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    last_day = first_of_next - timedelta(days=1)
    return datetime(last_day.year, last_day.month, last_day.day, 23, 59, 59)


def first_second_after(year: int, month: int) -> datetime:
    """00:00:00 on the first day of the next month."""
    return last_second(year, month) + timedelta(seconds=1)


def custom(quantity: int, amount: str | int) -> tuple[bool, int, Decimal]:
    return (True, quantity, Decimal(str(amount)))


def catalogue(quantity: int, amount: str | int) -> tuple[bool, int, Decimal]:
    return (False, quantity, Decimal(str(amount)))


class Exports:
    """The rows of one business's exports, with per-business id counters."""

    def __init__(self, business_id: str) -> None:
        self.business_id = business_id
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.counters: dict[str, int] = defaultdict(int)
        self.sale_rotation = 0

    def next_id(self, prefix: str) -> str:
        self.counters[prefix] += 1
        return f"{prefix}{self.counters[prefix]:04d}"

    # customers, orders, lines
    def customer(
        self,
        created_at: datetime,
        *,
        customer_id: str | None = None,
        referred_by: str | None = None,
        channel: str | None = None,
        listed: bool = True,
    ) -> str:
        """A customer; `listed=False` leaves it out of customers.csv (inferred from orders)."""
        customer_id = customer_id or self.next_id("C")
        if listed:
            number = len(self.rows["customers"]) + 1
            self.rows["customers"].append(
                {
                    "customer_id": customer_id,
                    "created_at": created_at,
                    "acquisition_channel": channel
                    or (
                        "referral"
                        if referred_by
                        else ["instagram", "website", "walk_in"][number % 3]
                    ),
                    "referred_by_customer_id": referred_by,
                    "email": f"client{number}@example.com",
                    "full_name": f"Client {number}",
                    "country": ["US", "CA", "FR"][number % 3],
                }
            )
        return customer_id

    def order(
        self,
        customer_id: str,
        ordered_at: datetime,
        lines: list[tuple[bool, int, Decimal]],
        *,
        status: str | None = None,
        inquiry_id: str | None = None,
        order_id: str | None = None,
    ) -> str:
        """An order with its lines; without `status`, a sale status in rotation."""
        if status is None:
            status = SALE_STATUSES[self.sale_rotation % len(SALE_STATUSES)]
            self.sale_rotation += 1
        order_id = order_id or self.next_id("O")
        self.rows["orders"].append(
            {
                "order_id": order_id,
                "customer_id": customer_id,
                "ordered_at": ordered_at,
                "status": status,
                "inquiry_id": inquiry_id,
                "currency": "USD" if len(self.rows["orders"]) % 2 else None,
            }
        )
        for is_custom, quantity, amount in lines:
            self.rows["order_items"].append(
                {
                    "order_item_id": self.next_id("L"),
                    "order_id": order_id,
                    "product_name": "Bespoke piece" if is_custom else "Catalogue piece",
                    "is_custom_design": is_custom,
                    "quantity": quantity,
                    "net_amount": amount,
                }
            )
        return order_id

    def inquiry(
        self,
        received_at: datetime,
        *,
        customer_id: str | None = None,
        inquiry_id: str | None = None,
    ) -> str:
        inquiry_id = inquiry_id or self.next_id("I")
        self.rows["inquiries"].append(
            {
                "inquiry_id": inquiry_id,
                "received_at": received_at,
                "customer_id": customer_id,
                "channel": ["website", "instagram", "email"][len(self.rows["inquiries"]) % 3],
            }
        )
        return inquiry_id

    # design work
    def project(
        self,
        started_at: datetime,
        status: str,
        n_iterations: int,
        *,
        finalized_at: datetime | None = None,
        project_id: str | None = None,
    ) -> str:
        project_id = project_id or self.next_id("P")
        self.rows["design_projects"].append(
            {
                "project_id": project_id,
                "customer_id": None,
                "inquiry_id": None,
                "started_at": started_at,
                "status": status,
                "finalized_at": finalized_at,
            }
        )
        for number in range(1, n_iterations + 1):
            self.rows["design_iterations"].append(
                {
                    "iteration_id": self.next_id("IT"),
                    "project_id": project_id,
                    "iteration_number": number,
                    "created_at": started_at + timedelta(hours=number),
                }
            )
        return project_id

    def consultation(self, customer_id: str, started_at: datetime, minutes: str | int) -> None:
        self.rows["consultations"].append(
            {
                "consultation_id": self.next_id("CS"),
                "customer_id": customer_id,
                "started_at": started_at,
                "duration_minutes": Decimal(str(minutes)),
                "designer": ["Ines", "Marc"][len(self.rows["consultations"]) % 2],
            }
        )

    def survey(
        self, survey_type: str, score: str | int, scale_max: int, responded_at: datetime
    ) -> None:
        self.rows["surveys"].append(
            {
                "response_id": self.next_id("S"),
                "survey_type": survey_type,
                "score": Decimal(str(score)),
                "scale_max": scale_max,
                "responded_at": responded_at,
                "customer_id": None,
                "order_id": None,
            }
        )

    # 3D production
    def job(
        self,
        design_started_at: datetime,
        completed_at: datetime | None,
        quantity: int,
        *,
        job_id: str | None = None,
    ) -> str:
        job_id = job_id or self.next_id("J")
        self.rows["production_jobs"].append(
            {
                "job_id": job_id,
                "order_item_id": None,
                "design_started_at": design_started_at,
                "completed_at": completed_at,
                "quantity": quantity,
            }
        )
        return job_id

    def material(self, used_at: datetime, material: str, eco: bool, kg: str | int) -> None:
        self.rows["material_usage"].append(
            {
                "usage_id": self.next_id("M"),
                "used_at": used_at,
                "material": material,
                "is_eco_friendly": eco,
                "quantity_kg": Decimal(str(kg)),
                "job_id": None,
            }
        )

    def social(
        self,
        engagement_date: datetime,
        platform: str,
        content_type: str,
        likes: int,
        comments: int,
        shares: int,
        new_followers: int,
    ) -> None:
        self.rows["social_engagement"].append(
            {
                "engagement_date": engagement_date,
                "platform": platform,
                "content_type": content_type,
                "likes": likes,
                "comments": comments,
                "shares": shares,
                "new_followers": new_followers,
            }
        )

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for export, rows in self.rows.items():
            header = contract_header(export)
            cells = [
                [_text(row[column], index) for column in header] for index, row in enumerate(rows)
            ]
            write_csv(folder / f"{export}.csv", header, cells)


def _text(value: object, index: int) -> str:
    """A cell as the contract spells it, rotating among the accepted spellings."""
    if value is None:
        return ""
    if isinstance(value, bool):
        spellings = TRUE_SPELLINGS if value else FALSE_SPELLINGS
        return spellings[index % len(spellings)]
    if isinstance(value, datetime):
        style = index % 4
        if style == 1:
            return value.strftime("%Y-%m-%dT%H:%M:%S")
        if style == 2 and value.second == 0:
            return value.strftime("%Y-%m-%d %H:%M")
        if style == 3 and value.time() == datetime.min.time():
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


# ---------------------------------------------------------------- luxury custom jewelry


def _bespoke_retention(ex: Exports) -> None:
    """Cohort 2023-01: 50 customers' first bespoke order, 20 with another within 365 days.

    Second orders fall in 2023-02..2023-08 and 2024-01 (never 2023-11, the ATV month).
    """
    jan = 2023, 1
    # Retained (20)
    window_end = ex.customer(ts(2022, 11, 2), customer_id="C-WINDOW-END")
    ex.order(window_end, ts(2023, 1, 15, 10), [custom(1, 4200)])
    ex.order(window_end, ts(2024, 1, 15, 10), [custom(1, 3900)])  # exactly 365 days later

    last_sec = ex.customer(ts(2022, 11, 3), customer_id="C-COHORT-LAST-SECOND")
    ex.order(last_sec, last_second(*jan), [custom(1, 5100)])
    ex.order(last_sec, ts(2023, 3, 1, 12), [custom(2, 7300)])

    prior_cancelled = ex.customer(ts(2022, 11, 4), customer_id="C-PRIOR-CANCELLED")
    ex.order(prior_cancelled, ts(2022, 12, 5, 9), [custom(3, 60000)], status="cancelled")
    ex.order(prior_cancelled, ts(2023, 1, 12, 9), [custom(1, 3300)])
    ex.order(prior_cancelled, ts(2023, 6, 12, 9), [custom(1, 2800)])

    prior_catalogue = ex.customer(ts(2022, 11, 5), customer_id="C-PRIOR-CATALOGUE")
    ex.order(prior_catalogue, ts(2022, 12, 20, 16), [catalogue(2, 1800)])
    ex.order(prior_catalogue, ts(2023, 1, 20, 16), [custom(1, 6100), catalogue(1, 900)])
    ex.order(prior_catalogue, ts(2023, 8, 20, 16), [custom(1, 4400)])

    same_day = ex.customer(ts(2022, 11, 6))
    ex.order(same_day, ts(2023, 1, 5, 9), [catalogue(1, 700)])
    ex.order(same_day, ts(2023, 1, 5, 11), [custom(1, 3500)])
    ex.order(same_day, ts(2023, 2, 5, 11), [custom(1, 2900)])

    for i in range(15):
        # C-RETAINED-01, -06 and -11 are inferred (absent from customers.csv)
        customer = ex.customer(
            ts(2022, 11, 10 + i), customer_id=f"C-RETAINED-{i + 1:02d}", listed=i % 5 != 0
        )
        day = 2 + i
        ex.order(customer, ts(2023, 1, day, 10, 30), [custom(1, 3000 + 100 * i)])
        second_month = 6 if i % 2 else 8
        ex.order(customer, ts(2023, second_month, day, 14), [custom(1, 2500), catalogue(1, 400)])

    # Not retained (30)
    plus_one_day = ex.customer(ts(2022, 11, 7), customer_id="C-WINDOW-PLUS-1D")
    ex.order(plus_one_day, ts(2023, 1, 16, 11), [custom(1, 4700)])
    ex.order(plus_one_day, ts(2024, 1, 17, 11), [custom(1, 4100)])  # 366 days later

    same_timestamp = ex.customer(ts(2022, 11, 8), customer_id="C-SAME-TIMESTAMP")
    ex.order(same_timestamp, ts(2023, 1, 18, 14, 30), [custom(1, 3600)])
    ex.order(same_timestamp, ts(2023, 1, 18, 14, 30), [custom(1, 3700)])

    second_catalogue = ex.customer(ts(2022, 11, 9), customer_id="C-SECOND-CATALOGUE")
    ex.order(second_catalogue, ts(2023, 1, 8, 10), [custom(1, 3100)])
    ex.order(second_catalogue, ts(2023, 3, 10, 10), [catalogue(3, 2100)])

    second_cancelled = ex.customer(ts(2022, 11, 9), customer_id="C-SECOND-CANCELLED")
    ex.order(second_cancelled, ts(2023, 1, 9, 10), [custom(1, 3200)])
    ex.order(second_cancelled, ts(2023, 4, 10, 10), [custom(2, 20000)], status="cancelled")

    second_refunded = ex.customer(ts(2022, 11, 9), customer_id="C-SECOND-REFUNDED")
    ex.order(second_refunded, ts(2023, 1, 10, 10), [custom(1, 3400)])
    ex.order(second_refunded, ts(2023, 5, 10, 10), [custom(1, 15000)], status="refunded")

    for i in range(25):
        customer = ex.customer(ts(2022, 10, 1 + i), customer_id=f"C-ONE-BESPOKE-{i + 1:02d}")
        lines = [custom(1, 2600 + 50 * i)] + ([catalogue(1, 500)] if i % 3 == 0 else [])
        ex.order(customer, ts(2023, 1, 3 + i % 26, 15), lines)

    # Not in the January cohort
    december = ex.customer(ts(2022, 11, 20))  # first bespoke order in December 2022
    ex.order(december, ts(2022, 12, 10, 10), [custom(1, 5000)])
    ex.order(december, ts(2023, 1, 10, 10), [custom(1, 5200)])

    only_cancelled = ex.customer(ts(2022, 12, 1))
    ex.order(only_cancelled, ts(2023, 1, 11, 10), [custom(4, 80000)], status="cancelled")
    only_refunded = ex.customer(ts(2022, 12, 1))
    ex.order(only_refunded, ts(2023, 1, 12, 10), [custom(2, 45000)], status="refunded")

    catalogue_first = ex.customer(ts(2022, 12, 2))  # catalogue in January, bespoke in February
    ex.order(catalogue_first, ts(2023, 1, 14, 10), [catalogue(2, 1500)])
    ex.order(catalogue_first, first_second_after(*jan), [custom(1, 3800)])

    february = ex.customer(ts(2022, 12, 3))
    ex.order(february, first_second_after(*jan), [custom(1, 4800)])

    catalogue_only = ex.customer(ts(2022, 12, 4))  # first *order* in January, never bespoke
    ex.order(catalogue_only, ts(2023, 1, 19, 10), [catalogue(1, 650)])
    ex.order(catalogue_only, ts(2023, 2, 19, 10), [catalogue(1, 650)])


def _referral(ex: Exports) -> None:
    """2023-Q3: 30 new customers (first sale order in the quarter), 10 referred by a known one."""
    referrers = [f"C-ONE-BESPOKE-{i:02d}" for i in range(1, 11)]  # January cohort, listed
    inferred_referrer = "C-RETAINED-01"  # January cohort, absent from customers.csv
    never_ordered = ex.customer(ts(2023, 2, 1), customer_id="C-NEVER-ORDERED")

    def new_customer(first_order_at: datetime, **kwargs) -> str:
        customer = ex.customer(ts(2023, 6, 1), **kwargs)
        ex.order(customer, first_order_at, [catalogue(1, 1200), custom(1, 2000)])
        return customer

    # Referred by a known customer (10)
    for i in range(7):
        new_customer(ts(2023, 7 + i % 3, 4 + i, 13), referred_by=referrers[i])
    new_customer(ts(2023, 8, 20, 10), referred_by=inferred_referrer)
    new_customer(ts(2023, 9, 12, 10), referred_by=f"  {never_ordered} ")  # trimmed
    new_customer(last_second(2023, 9), referred_by=referrers[7], customer_id="C-REF-LAST-SECOND")

    # Not referred by a known customer (20)
    for i in range(5):
        new_customer(ts(2023, 7, 10 + i, 11))
    new_customer(ts(2023, 7, 20, 11), channel="referral")  # says referral, names nobody
    for i in range(4):
        new_customer(
            ts(2023, 8, 1 + i, 11),
            referred_by=f"C-GHOST-{i + 1}",
            customer_id=f"C-REF-UNKNOWN-{i + 1}",
        )
    for i in range(3):
        own_id = f"C-REF-SELF-{i + 1}"
        new_customer(ts(2023, 8, 10 + i, 11), customer_id=own_id, referred_by=own_id)
    # a customer id of the other business only
    new_customer(ts(2023, 9, 1, 11), referred_by="IA-ONLY-REF", customer_id="C-REF-OTHER-BIZ")
    for i in range(2):
        ex.order(
            ex.customer(ts(2023, 7, 1), listed=False), ts(2023, 9, 5 + i, 9), [custom(1, 2400)]
        )
    for i in range(4):
        customer = ex.customer(ts(2023, 5, 1))
        if i == 0:  # cancelled in Q2: the first *sale* order is in Q3
            ex.order(customer, ts(2023, 6, 15, 10), [custom(1, 9000)], status="cancelled")
        ex.order(customer, ts(2023, 7, 25 + i, 10), [catalogue(1, 800)])
        ex.order(customer, ts(2023, 9, 20 + i, 10), [catalogue(1, 800)])

    # Referred, but not new in Q3
    q4 = ex.customer(ts(2023, 7, 5), referred_by=referrers[8], customer_id="C-FIRST-SALE-Q4")
    ex.order(q4, ts(2023, 7, 20, 10), [custom(2, 30000)], status="cancelled")
    ex.order(q4, first_second_after(2023, 9), [catalogue(1, 900)])
    q2 = ex.customer(ts(2023, 6, 1), referred_by=referrers[9], customer_id="C-FIRST-SALE-Q2")
    ex.order(q2, last_second(2023, 6), [catalogue(1, 900)])
    ex.order(q2, ts(2023, 7, 15, 10), [catalogue(1, 900)])
    ex.customer(ts(2023, 7, 10), referred_by=referrers[0], customer_id="C-NO-ORDER")
    refunded = ex.customer(ts(2023, 7, 11), referred_by=referrers[1], customer_id="C-ONLY-REFUNDED")
    ex.order(refunded, ts(2023, 8, 5, 10), [custom(1, 12000)], status="refunded")


def _avg_transaction_value(ex: Exports) -> None:
    """2023-11: custom lines of sale orders, $150,000 over 50 pieces."""
    custom_lines = (
        [custom(1, "2500.25")] * 10 + [custom(2, "5000.75")] * 10 + [custom(4, 14998)] * 5
    )  # 25 lines: 10 + 20 + 20 = 50 pieces, 25,002.50 + 50,007.50 + 74,990 = 150,000
    for i in range(15):
        # C-RETAINED-02 (January cohort, already retained) buys again; the others are new
        customer = ex.customer(ts(2023, 10, 10 + i)) if i else "C-RETAINED-02"
        lines = custom_lines[i::15] + [catalogue(1 + i % 3, 800 + 2000 * i)]
        ordered_at = last_second(2023, 11) if i == 14 else ts(2023, 11, 1 + i, 9 + i % 8)
        order_id = "O-ATV-LAST-SECOND" if i == 14 else None
        ex.order(customer, ordered_at, lines, order_id=order_id)

    buyer = ex.customer(ts(2023, 10, 1))
    ex.order(buyer, ts(2023, 11, 5, 12), [catalogue(2, 25000)])  # catalogue-only sale
    ex.order(buyer, ts(2023, 11, 6, 12), [custom(5, 90000)], status="cancelled")
    ex.order(buyer, ts(2023, 11, 7, 12), [custom(3, 45000), catalogue(1, 5000)], status="refunded")
    ex.order(buyer, last_second(2023, 10), [custom(1, 9999)])  # October
    ex.order(buyer, first_second_after(2023, 11), [custom(1, 9999)])  # December


def _custom_design_conversion(ex: Exports) -> None:
    """2024-02: 50 inquiries received, 15 converted by a sale order."""

    def buyer() -> str:
        return ex.customer(ts(2024, 1, 5))

    converted = [ex.inquiry(ts(2024, 2, 1 + i, 10)) for i in range(12)]
    for i, inquiry in enumerate(converted):
        ordered_at = ts(2024, 2 + i % 2, 10 + i, 15)
        if i == 0:  # a cancelled order too: still converted
            ex.order(
                buyer(),
                ts(2024, 2, 3, 9),
                [custom(1, 8000)],
                status="cancelled",
                inquiry_id=inquiry,
            )
        ex.order(buyer(), ordered_at, [custom(1, 4500)], inquiry_id=inquiry)
    twice = ex.inquiry(ts(2024, 2, 14, 10), inquiry_id="I-TWO-SALES")
    customer = buyer()
    ex.order(customer, ts(2024, 2, 16, 10), [custom(1, 3000)], inquiry_id=twice)
    ex.order(customer, ts(2024, 2, 20, 10), [catalogue(1, 600)], inquiry_id=twice)
    last = ex.inquiry(last_second(2024, 2), inquiry_id="I-LAST-SECOND")
    ex.order(buyer(), ts(2024, 3, 2, 10), [custom(1, 5000)], inquiry_id=last)
    late = ex.inquiry(ts(2024, 2, 25, 10))
    ex.order(buyer(), ts(2024, 5, 2, 10), [custom(1, 5000)], inquiry_id=late)  # converted later

    for i in range(3):
        inquiry = ex.inquiry(ts(2024, 2, 5 + i, 12), inquiry_id=f"I-CANCELLED-ONLY-{i + 1}")
        ex.order(
            buyer(),
            ts(2024, 2, 8 + i, 12),
            [custom(2, 30000)],
            status="cancelled",
            inquiry_id=inquiry,
        )
    for i in range(2):
        inquiry = ex.inquiry(ts(2024, 2, 9 + i, 12), inquiry_id=f"I-REFUNDED-ONLY-{i + 1}")
        ex.order(
            buyer(),
            ts(2024, 2, 12 + i, 12),
            [custom(1, 20000)],
            status="refunded",
            inquiry_id=inquiry,
        )
    for i in range(30):
        ex.inquiry(ts(2024, 2, 1 + i % 28, 8 + i % 10), customer_id=buyer() if i % 4 == 0 else None)

    before = ex.inquiry(last_second(2024, 1))  # January, converted
    ex.order(buyer(), ts(2024, 2, 2, 10), [custom(1, 4000)], inquiry_id=before)
    after = ex.inquiry(first_second_after(2024, 2))  # March, converted
    ex.order(buyer(), ts(2024, 3, 3, 10), [custom(1, 4000)], inquiry_id=after)


def _design_iterations(ex: Exports) -> None:
    """2023-04: 50 projects finalized, 200 iterations (10 of them finalized with none)."""
    plan = [4] * 20 + [6] * 19 + [0] * 10
    for i, n_iterations in enumerate(plan):
        ex.project(
            ts(2023, 2, 1 + i % 28, 9),
            "finalized",
            n_iterations,
            finalized_at=ts(2023, 4, 1 + i % 29, 17),
            project_id=f"P-APR-{i + 1:02d}" if n_iterations == 0 else None,
        )
    ex.project(ts(2023, 3, 10, 9), "finalized", 6, finalized_at=last_second(2023, 4))

    for i in range(3):
        ex.project(ts(2023, 4, 3 + i, 9), "abandoned", 7)
        ex.project(ts(2023, 4, 10 + i, 9), "in_progress", 9)
    ex.project(ts(2023, 3, 1, 9), "finalized", 12, finalized_at=first_second_after(2023, 4))
    ex.project(ts(2023, 2, 1, 9), "finalized", 12, finalized_at=last_second(2023, 3))


def _consultations(ex: Exports) -> None:
    """2023-05: 6,000 minutes (100 h) for 20 distinct clients."""
    clients = [ex.customer(ts(2023, 4, 1 + i)) for i in range(20)]
    for i, client in enumerate(clients[:10]):  # two consultations each: 360 min
        ex.consultation(client, ts(2023, 5, 2 + i, 10), "90.5")
        ex.consultation(client, ts(2023, 5, 15 + i, 14), "269.5")
    for i, client in enumerate(clients[10:]):  # one each: 240 min
        started_at = last_second(2023, 5) if i == 9 else ts(2023, 5, 3 + i, 11)
        ex.consultation(client, started_at, 240)

    ex.consultation(ex.customer(ts(2023, 4, 1)), last_second(2023, 4), 600)
    ex.consultation(ex.customer(ts(2023, 4, 1)), first_second_after(2023, 5), 600)
    ex.consultation(clients[0], first_second_after(2023, 5), 45)


def _finished_piece_satisfaction(ex: Exports) -> None:
    """2024-Q2: 50 finished_piece responses, 45 satisfied, on 5- and 10-point scales."""
    five_point = ["4", "5", "4.5"] * 9 + ["3", "3.99", "2"]  # 27 satisfied, 3 not
    ten_point = ["8", "9", "10", "8.5", "10", "9"] * 3 + ["7.99", "5"]  # 18 satisfied, 2 not
    responses = [(score, 5) for score in five_point] + [(score, 10) for score in ten_point]
    for i, (score, scale_max) in enumerate(responses):
        responded_at = last_second(2024, 6) if i == 0 else ts(2024, 4 + i % 3, 1 + i % 28, 12)
        ex.survey("finished_piece", score, scale_max, responded_at)

    for i in range(10):  # another survey type: excluded
        ex.survey("customization", "1", 5, ts(2024, 4 + i % 3, 2 + i, 15))
    ex.survey("finished_piece", "1", 5, last_second(2024, 3))
    ex.survey("finished_piece", "1", 10, first_second_after(2024, 6))


def _jewelry() -> Exports:
    ex = Exports(JEWELRY)
    _bespoke_retention(ex)
    _referral(ex)
    _avg_transaction_value(ex)
    _custom_design_conversion(ex)
    _design_iterations(ex)
    _consultations(ex)
    _finished_piece_satisfaction(ex)
    return ex


# ---------------------------------------------------------------- custom 3D accessories


def _repeat_customers(ex: Exports) -> None:
    """Year 2023: 500 customers with a sale order in the year, 200 of them with two or more."""
    ex.customer(ts(2023, 1, 1), customer_id="IA-ONLY-REF")  # never orders

    def day(k: int) -> datetime:  # a moment of 2023 (Jan 1 .. Dec 30)
        return ts(2023, 1, 1, 9 + k % 9) + timedelta(days=(k * 37) % 364)

    def line(k: int) -> list[tuple[bool, int, Decimal]]:
        return [custom(1 + k % 3, 45)] if k % 3 == 0 else [catalogue(1 + k % 2, 20)]

    def customer(k: int) -> str:  # every 25th is inferred (absent from customers.csv)
        return ex.customer(ts(2022, 11, 1) + timedelta(days=k % 30), listed=k % 25 != 0)

    k = 0
    for n_orders in [2] * 150 + [3] * 49:  # 199 repeat customers
        c = customer(k)
        for j in range(n_orders):
            ex.order(c, day(k + 101 * j), line(k + j))
        if k % 15 == 0:
            ex.order(c, day(k + 7), line(k), status="cancelled")
        k += 1
    c = ex.customer(ts(2023, 1, 2), customer_id="C-REPEAT-LAST-SECOND")  # the 200th
    ex.order(c, ts(2023, 6, 10, 10), line(k))
    ex.order(c, last_second(2023, 12), line(k))

    for i in range(300):  # one sale order in 2023
        c = customer(k)
        if 30 <= i < 35:  # and one at the first second of 2024
            ex.order(c, last_second(2023, 12), line(k))
            ex.order(c, first_second_after(2023, 12), line(k))
        else:
            ex.order(c, day(k), line(k))
        if i < 20:
            ex.order(c, day(k + 50), [custom(5, 500)], status="cancelled")
        elif i < 30:
            ex.order(c, day(k + 50), [custom(5, 500)], status="refunded")
        elif 35 <= i < 40:  # and one at the last second of 2022
            ex.order(c, last_second(2022, 12), line(k))
        k += 1

    for i in range(10):  # only cancelled or refunded orders in 2023
        status = "cancelled" if i % 2 else "refunded"
        ex.order(customer(k), day(k), [custom(2, 300)], status=status)
        k += 1
    for _ in range(3):  # ordered in 2022 only
        ex.order(customer(k), ts(2022, 12, 15, 10), line(k))
        k += 1


def _customization_rate(ex: Exports) -> None:
    """2024-03: 150 custom pieces among the 500 pieces of sale orders."""
    for i in range(50):
        c = ex.customer(ts(2024, 2, 1 + i % 28))
        lines = [custom(4, 180), catalogue(6, 60)] if i % 2 else [custom(2, 90), catalogue(8, 80)]
        ordered_at = last_second(2024, 3) if i == 49 else ts(2024, 3, 1 + i % 30, 10 + i % 9)
        ex.order(c, ordered_at, lines)

    c = ex.customer(ts(2024, 2, 1))
    ex.order(c, ts(2024, 3, 5, 12), [custom(40, 4000)], status="cancelled")
    ex.order(c, ts(2024, 3, 6, 12), [custom(25, 2500), catalogue(10, 200)], status="refunded")
    ex.order(c, last_second(2024, 2), [custom(10, 900)])  # February
    ex.order(c, first_second_after(2024, 3), [custom(10, 900)])  # April


def _collaboration_conversion(ex: Exports) -> None:
    """2024-05: 200 collaborations initiated, 50 converted by a sale order."""

    def buyer() -> str:
        return ex.customer(ts(2024, 4, 1))

    def sale(inquiry: str, ordered_at: datetime, status: str | None = None) -> None:
        ex.order(buyer(), ordered_at, [custom(1, 60)], status=status, inquiry_id=inquiry)

    for i in range(46):
        inquiry = ex.inquiry(ts(2024, 5, 1 + i % 30, 9 + i % 8))
        sale(inquiry, ts(2024, 5 + i % 2, 1 + i % 30, 18))
    for i in range(2):  # two sale orders, counted once
        inquiry = ex.inquiry(ts(2024, 5, 10 + i, 9), inquiry_id=f"I-TWO-SALES-{i + 1}")
        sale(inquiry, ts(2024, 5, 12 + i, 9))
        sale(inquiry, ts(2024, 6, 12 + i, 9))
    inquiry = ex.inquiry(ts(2024, 5, 15, 9), inquiry_id="I-CANCELLED-THEN-SOLD")
    sale(inquiry, ts(2024, 5, 16, 9), status="cancelled")
    sale(inquiry, ts(2024, 5, 20, 9))
    sale(ex.inquiry(last_second(2024, 5), inquiry_id="I-LAST-SECOND"), ts(2024, 6, 3, 9))

    for i in range(5):
        inquiry = ex.inquiry(ts(2024, 5, 2 + i, 14), inquiry_id=f"I-CANCELLED-ONLY-{i + 1}")
        sale(inquiry, ts(2024, 5, 20 + i, 14), status="cancelled")
    for i in range(3):
        inquiry = ex.inquiry(ts(2024, 5, 8 + i, 14), inquiry_id=f"I-REFUNDED-ONLY-{i + 1}")
        sale(inquiry, ts(2024, 5, 25 + i, 14), status="refunded")
    for i in range(142):
        ex.inquiry(ts(2024, 5, 1 + i % 31, 8 + i % 10))

    sale(ex.inquiry(last_second(2024, 4)), ts(2024, 5, 2, 10))  # April, converted
    sale(ex.inquiry(first_second_after(2024, 5)), ts(2024, 6, 2, 10))  # June, converted


def _eco_materials(ex: Exports) -> None:
    """2024-02: 500 kg of eco-friendly material among 1,000 kg."""
    for i in range(20):
        used_at = last_second(2024, 2) if i == 0 else ts(2024, 2, 1 + i, 10)
        ex.material(used_at, ["recycled PETG", "PLA"][i % 2], True, "12.5" if i % 2 else "37.5")
        ex.material(ts(2024, 2, 2 + i, 15), ["resin", "ABS"][i % 2], False, 25)
    ex.material(first_second_after(2024, 2), "PLA", True, 300)  # March
    ex.material(last_second(2024, 1), "resin", False, 200)  # January


def _production_lead_time(ex: Exports) -> None:
    """2024-04: jobs completed in April, 200 hours for 100 items."""
    for i in range(10):  # 10 jobs of 4 items in 8 h
        started = ts(2024, 3, 31, 20) if i == 0 else ts(2024, 4, 2 + i, 8)
        ex.job(started, started + timedelta(hours=8), 4)
    for i in range(10):  # 10 jobs of 6 items in 12 h
        started = ts(2024, 4, 30, 11, 59, 59) if i == 9 else ts(2024, 4, 12 + i, 7, 30)
        ex.job(started, started + timedelta(hours=12), 6)

    for i in range(3):  # still in progress
        ex.job(ts(2024, 4, 5 + i, 9), None, 50, job_id=f"J-INCOMPLETE-{i + 1}")
    ex.job(ts(2024, 4, 28), first_second_after(2024, 4), 1)  # May
    ex.job(ts(2024, 3, 30), last_second(2024, 3), 1)  # March


def _customization_satisfaction(ex: Exports) -> None:
    """2024-06: 500 customization responses, 400 satisfied, on 5- and 10-point scales."""
    five_point = ["4", "5", "4.5", "5"] * 60 + ["3", "3.99", "0"] * 20  # 240 satisfied of 300
    ten_point = ["8", "9", "10", "8.5"] * 40 + ["7", "5", "7.99", "6"] * 10  # 160 of 200
    responses = [(score, 5) for score in five_point] + [(score, 10) for score in ten_point]
    for i, (score, scale_max) in enumerate(responses):
        responded_at = last_second(2024, 6) if i == 0 else ts(2024, 6, 1 + i % 30, 8 + i % 12)
        ex.survey("customization", score, scale_max, responded_at)

    for i in range(30):  # another survey type, all satisfied: excluded
        ex.survey("finished_piece", "5", 5, ts(2024, 6, 1 + i, 18))
    ex.survey("customization", "1", 5, last_second(2024, 5))
    ex.survey("customization", "2", 10, first_second_after(2024, 6))


def _social_engagement(ex: Exports) -> None:
    """custom_design interactions: 500+150+200+300 in 2024-08, 400+120+180+250 in 2024-07."""
    platforms = ["instagram", "tiktok"]
    for i in range(10):
        engaged = last_second(2024, 8) if i == 9 else ts(2024, 8, 1 + i // 2 * 3)
        ex.social(engaged, platforms[i % 2], "custom_design", 50, 15, 20, 30)
        ex.social(ts(2024, 7, 2 + i // 2 * 3), platforms[i % 2], "custom_design", 40, 12, 18, 25)
    for i in range(4):  # other content: excluded
        ex.social(ts(2024, 8, 2 + i), platforms[i % 2], "other", 900, 80, 60, 40)
        ex.social(ts(2024, 7, 3 + i), "pinterest", "other", 100, 10, 5, 1)
    ex.social(last_second(2024, 6), "instagram", "custom_design", 300, 20, 20, 10)  # June
    ex.social(first_second_after(2024, 8), "tiktok", "custom_design", 999, 99, 99, 99)  # Sept


def _accessories() -> Exports:
    ex = Exports(ACCESSORIES)
    _repeat_customers(ex)
    _customization_rate(ex)
    _collaboration_conversion(ex)
    _eco_materials(ex)
    _production_lead_time(ex)
    _customization_satisfaction(ex)
    _social_engagement(ex)
    return ex


def write_worked_examples(folder: Path) -> None:
    """Write the exports folder of the fourteen worked examples into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    header = contract_header("businesses")
    write_csv(
        folder / "businesses.csv", header, [[row.get(c, "") for c in header] for row in BUSINESSES]
    )
    _jewelry().write(folder / JEWELRY)
    _accessories().write(folder / ACCESSORIES)
