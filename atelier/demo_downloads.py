"""The demo business that runs on downloads: its tools' files, written from its simulation.

Maison Filament (`maison_filament`), a custom 3D-printed accessories shop in Paris, keeps
none of the eleven hand-kept exports. Its folder holds what its tools let it download, named
as the tools name them and written in each vendor's own format (docs/sources.md; the header
lines are the tools' own, verbatim; see docs/sources.md):

- Etsy `EtsySoldOrderItems<year>.csv` and `EtsySoldOrders<year>.csv`, one of each per year
  of the history: `MM/DD/YY` sale dates, fields quoted only when they hold a space (as the
  header names), order discount and shipping on an order's first item row, `Personalization:`
  variations on personalised items and `Personalization:Not requested on this item.` on
  catalogue ones, a negative adjusted net on refunded orders; cancelled orders are absent,
  as Etsy writes none;
- Calendly `events-export.csv`: the consultations (12-hour `am`/`pm` times), with a few
  cancelled bookings, no-shows and studio pick-up slots (an event type that `sources.yml`
  does not list);
- Typeform `Customization survey responses.csv`: the customization surveys on a 0-10 scale,
  submit dates in UTC (converted from the business's zone), with a few partial responses;
- OctoPrint `printjob-history.csv` (PrintJobHistory plugin): the material usage as print
  jobs, every field quoted, `-` for a missing value, with failed and cancelled prints and a
  few cancelled calibration prints that recorded no weight;
- `sources.yml`: the settings those files need.

The business's simulation is the accessories one of `atelier.demo` with a profile of its own.
`DownloadsWriter` receives the simulation's rows as the export files would and turns them
into vendor rows; the details no export holds (names, vendor ids, coupons, print results,
cancelled bookings) come from a generator of its own, so the simulation's draws are those
of `atelier.demo`. The business is small: its vendor rows are kept in memory and the files
written, each in time order, when the simulation ends.
"""

from __future__ import annotations

import csv
import random
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Literal
from zoneinfo import ZoneInfo

from atelier.demo import (
    ACCESSORIES_PROFILE,
    FIELDS,
    FIRST_NAMES,
    LAST_NAMES,
    AccessoriesSimulation,
    Business,
    Calendar,
    Material,
    ScheduledRows,
)

# ------------------------------------------------------------------ the vendors' header lines

ETSY_ITEMS_HEADER = (
    '"Sale Date","Item Name",Buyer,Quantity,Price,"Coupon Code","Coupon Details",'
    '"Discount Amount","Shipping Discount","Order Shipping","Order Sales Tax","Item Total",'
    'Currency,"Transaction ID","Listing ID","Date Paid","Date Shipped","Ship Name",'
    '"Ship Address1","Ship Address2","Ship City","Ship State","Ship Zipcode","Ship Country",'
    '"Order ID",Variations,"Order Type","Listings Type","Payment Type","InPerson Discount",'
    '"InPerson Location","VAT Paid by Buyer",SKU'
)
ETSY_ORDERS_HEADER = (
    '"Sale Date","Order ID","Buyer User ID","Full Name","First Name","Last Name",'
    '"Number of Items","Payment Method","Date Shipped","Street 1","Street 2","Ship City",'
    '"Ship State","Ship Zipcode","Ship Country",Currency,"Order Value","Coupon Code",'
    '"Coupon Details","Discount Amount","Shipping Discount",Shipping,"Sales Tax","Order Total",'
    'Status,"Card Processing Fees","Order Net","Adjusted Order Total",'
    '"Adjusted Card Processing Fees","Adjusted Net Order Amount",Buyer,"Order Type",'
    '"Payment Type","InPerson Discount","InPerson Location",SKU'
)
CALENDLY_HEADER = (
    "User Name,Team,Invitee Name,Invitee First Name,Invitee Last Name,Invitee Email,"
    "Invitee Time Zone,Invitee accepted marketing emails,Text Reminder Number,Event Type Name,"
    "Start Date & Time,End Date & Time,Location,Event Created Date & Time,Canceled,"
    "Canceled By,Cancellation reason,Question 1,Response 1,UTM Campaign,UTM Source,"
    "UTM Medium,UTM Term,UTM Content,Salesforce UUID,Event Price,Payment Currency,"
    "Guest Email(s),Invitee Reconfirmed,Marked as No-Show,Meeting Notes,Group,User Email,"
    "Event UUID,Invitee UUID,Invitee scheduled by,Scheduling method"
)
OCTOPRINT_HEADER = (
    '"User","Print result [success canceled failed]","Start Datetime [dd.mm.yyyy hh:mm]",'
    '"End Datetime [dd.mm.yyyy hh:mm]","Duration","File Name","File Path","File Size [bytes]",'
    '"Layers [current / total]","Height [current / total]","Note",'
    '"Temperatures [bed:temp toolX:temp]","Spool Vendor","Spool Name","Material",'
    '"Diameter [mm]","Density [g/cm3]","Used Length [mm]","Calculated Length [mm]",'
    '"Used Weight [g]","Used Filament Cost","Estimated Filament Cost",'
    '"Estimated Electricity Cost","Estimated Printer Cost","Other Cost [label:value]"'
)
SCORE_QUESTION = "How happy are you with your personalised piece?"
COMMENT_QUESTION = "Anything we could do better?"
ORDER_FIELD = "order_id"  # a Typeform hidden field: the Etsy order the survey link was sent for
TYPEFORM_COLUMNS = [
    "#", SCORE_QUESTION, COMMENT_QUESTION, ORDER_FIELD, "Response Type",
    "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags",
]  # fmt: skip


def header_names(line: str) -> list[str]:
    return next(csv.reader([line]))


# ------------------------------------------------------------------ the files

ETSY_ITEMS_FILE = "EtsySoldOrderItems{year}.csv"
ETSY_ORDERS_FILE = "EtsySoldOrders{year}.csv"
CALENDLY_FILE = "events-export.csv"
TYPEFORM_FILE = "Customization survey responses.csv"
OCTOPRINT_FILE = "printjob-history.csv"
SETTINGS_FILE = "sources.yml"

CONSULTATION = "Design consultation"
REVIEW = "Design review"
PICK_UP = "Studio pick-up"  # not a consultation: sources.yml lists the two types above
ECO_FRIENDLY = ("PLA", "recycled PLA", "recycled PETG")

SETTINGS = f"""\
# Maison Filament's downloads (docs/sources.md): Etsy orders, Calendly, Typeform, OctoPrint.
custom_design:
  personalization: true
  keywords: [custom, personalised, personalized, engraved]
consultations:
  event_types: ["{CONSULTATION}", "{REVIEW}"]
surveys:
  - file: "{TYPEFORM_FILE}"
    survey_type: customization
    score_column: "{SCORE_QUESTION}"
    scale_max: 10
    order_column: "{ORDER_FIELD}"
materials:
  eco_friendly: [{", ".join(ECO_FRIENDLY)}]
"""

# ------------------------------------------------------------------ the business

DOWNLOADS_PROFILE = replace(
    ACCESSORIES_PROFILE,
    ten_point_share=1.0,  # Typeform's 0-10 opinion scale
    customization_survey_share=1.0,  # the survey follows every order with a personalised piece
    materials=(
        Material("PLA", True),
        Material("recycled PLA", True),
        Material("recycled PETG", True),
        Material("PETG", False),
        Material("ABS", False),
        Material("TPU", False),
    ),
    designers=("Léa Moreau", "Hugo Lefèvre"),
    countries=(
        ("FR", 0.62), ("DE", 0.1), ("BE", 0.08), ("ES", 0.06), ("IT", 0.06), ("GB", 0.04),
        ("US", 0.04),
    ),
)  # fmt: skip


class DownloadsSimulation(AccessoriesSimulation):
    """The accessories simulation, with the Paris shop's profile (FDM filaments, 0-10 survey)."""

    profile = DOWNLOADS_PROFILE


@dataclass(frozen=True)
class Place:
    country: str  # shown by Etsy
    time_zone: str  # shown by Calendly
    cities: tuple[tuple[str, str], ...]  # city, zip code prefix
    streets: tuple[str, ...]
    state: str = ""


PLACES = {
    "FR": Place("France", "Europe/Paris",
                (("Paris", "750"), ("Lyon", "6900"), ("Marseille", "130"), ("Bordeaux", "330"),
                 ("Lille", "590"), ("Nantes", "440"), ("Montreuil", "931")),
                ("rue de la Roquette", "avenue Jean Jaurès", "rue Oberkampf",
                 "boulevard Voltaire", "rue des Lilas", "place de l'Église")),
    "DE": Place("Germany", "Europe/Berlin",
                (("Berlin", "101"), ("Hamburg", "203"), ("Köln", "506"), ("München", "803")),
                ("Hauptstraße", "Bahnhofstraße", "Gartenweg")),
    "BE": Place("Belgium", "Europe/Brussels", (("Bruxelles", "10"), ("Liège", "40")),
                ("rue Royale", "chaussée de Wavre")),
    "ES": Place("Spain", "Europe/Madrid", (("Madrid", "280"), ("Barcelona", "080")),
                ("Calle Mayor", "Carrer de Sants")),
    "IT": Place("Italy", "Europe/Rome", (("Milano", "201"), ("Torino", "101")),
                ("Via Roma", "Corso Garibaldi")),
    "GB": Place("United Kingdom", "Europe/London", (("London", "E1"), ("Leeds", "LS1")),
                ("High Street", "Church Road")),
    "US": Place("United States", "America/New_York", (("Brooklyn", "112"), ("Boston", "021")),
                ("Main St", "Oak Avenue"), state="NY"),
}  # fmt: skip

COLORS = ("Black", "White", "Galaxy Black", "Silk Gold", "Forest Green", "Ocean Blue",
          "Terracotta", "Pastel Pink")  # fmt: skip
PERSONALIZATIONS = {
    "Custom name keychain": lambda p: p.first,
    "Personalised phone stand": lambda p: f"Bureau de {p.first}",
    "Custom lithophane lamp": lambda p: "Photo sent by message",
    "Engraved cable organiser": lambda p: f"{p.first[0]}.{p.last[0]}.",
    "Custom cookie cutter": lambda p: "Our dog Biscuit, 8 cm wide",
    "Personalised planter": lambda p: f"Line 1: {p.first}\nLine 2: 2025",
    "Custom pet tag": lambda p: "Oscar, phone number on the back",
    "Monogram desk tidy": lambda p: f"{p.first[0]}{p.last[0]}",
}
COLLABORATION_NOTE = "As agreed in our design consultation"
COUPONS = (("BIENVENUE10", "10% off", 0.10), ("NOEL15", "15% off", 0.15))
CONSULTATION_TOPICS = (
    "A name keychain for a wedding, about 40 pieces",
    "Cosplay prop: a helmet visor",
    "A trophy for our climbing club",
    "Replacement part for a vintage lamp",
    "Figurine of our cat, from photos",
    "Prototype of a phone grip, 3 versions",
)
CANCELLATION_REASONS = ("Need to reschedule", "Double booked, sorry!", "", "Sick, will rebook")
SURVEY_COMMENTS = (
    "Perfect, thank you!",
    "Colour a bit lighter than the photo, but lovely",
    "Shipping took a while",
    "Great! Line 1 was perfect.\nLine 2 slightly small.",
    "Would love more colours",
    'The "silk gold" is gorgeous',
)


@dataclass(frozen=True)
class Filament:
    vendor: str
    spool: str
    density: float  # g/cm3
    eur_per_kg: float
    temperatures: str


FILAMENTS = {
    "PLA": Filament("Prusament", "Galaxy Black", 1.24, 24.99, "bed:60 tool0:215"),
    "recycled PLA": Filament(
        "Recyclingfabrik", "Recycled Anthracite", 1.24, 27.9, "bed:60 tool0:210"
    ),
    "recycled PETG": Filament("Reflow", "rPETG Ocean Blue", 1.27, 29.9, "bed:80 tool0:240"),
    "PETG": Filament("Prusament", "Jet Black", 1.27, 24.99, "bed:85 tool0:245"),
    "ABS": Filament("Fillamentum", "Traffic White", 1.04, 27.5, "bed:105 tool0:255"),
    "TPU": Filament("Extrudr", "Flex Medium Black", 1.21, 39.9, "bed:50 tool0:230"),
}
FILAMENT_SECTION_MM2 = 2.405  # 1.75 mm filament


# ------------------------------------------------------------------ formats


def etsy_field(value: str) -> str:
    """Etsy quotes a field when it holds a space (as its header names) or must be quoted."""
    if any(c in value for c in ' ,"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def etsy_number(amount: float) -> str:
    """Etsy's item amounts: `3.25`, `3.3`, `6`."""
    return f"{amount:.2f}".rstrip("0").rstrip(".")


def calendly_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %I:%M ") + ("am" if moment.hour < 12 else "pm")


def octoprint_time(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y %H:%M")


def duration_text(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60}m{rest % 60}s"


def slug(text: str) -> str:
    return "_".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


# ------------------------------------------------------------------ the writer


@dataclass
class Person:
    first: str
    last: str
    email: str
    country: str
    street: str
    city: str
    zip_code: str
    user_id: str  # Etsy's buyer id; empty for a guest checkout
    username: str

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


Row = dict[str, str]


class DownloadsWriter(ScheduledRows):
    """The vendor downloads of one business folder, from its simulation's rows."""

    def __init__(self, folder: Path, business: Business, seed: int, calendar: Calendar) -> None:
        super().__init__()
        self._folder = folder
        self._business = business
        self._calendar = calendar
        self._zone = ZoneInfo(business.timezone)
        self.rng = random.Random(f"atelier-demo:{seed}:{business.index}:downloads")
        self._people: dict[str, Person] = {}
        self._buyer_ids: set[str] = set()
        self._pending_order: tuple[Row, list[Row]] | None = None
        self._etsy_order_id = 3_185_000_000
        self._etsy_transaction_id = 4_020_000_000
        self._listing_ids: dict[str, str] = {}
        self._etsy_ids: dict[str, str] = {}  # the simulation's order id -> Etsy's
        self._print_keys: set[tuple[str, str]] = set()
        last_day = calendar.start + timedelta(days=calendar.n_days - 1)
        years = range(calendar.start.year, last_day.year + 1)  # one Etsy file of each per year
        self._etsy_items: dict[int, list[Row]] = {y: [] for y in years}
        self._etsy_orders: dict[int, list[Row]] = {y: [] for y in years}
        self._calendly: list[tuple[datetime, Row]] = []
        self._typeform: list[tuple[datetime, Row]] = []
        self._octoprint: list[tuple[datetime, Row]] = []

    def __enter__(self) -> DownloadsWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self._finish_order()
            self._write_files()

    # ---- the simulation's rows

    def flush(self, until: int) -> None:
        super().flush(until)
        self._finish_order()  # an order's items are emitted right after it

    def write_now(self, export: str, rows: list[list[str]]) -> None:
        """Social engagement: no download of this business holds it."""

    def numbered(self, export: str, row: list[str]) -> None:
        """An inferred customer: a guest checkout on Etsy."""
        self._people[row[0]] = self._person(None)

    def emit(self, export: str, values: list[str]) -> None:
        row = dict(zip(FIELDS[export], values, strict=True))
        if export == "customers":
            self._people[row["customer_id"]] = self._person(row)
        elif export == "orders":
            self._finish_order()
            self._pending_order = (row, [])
        elif export == "order_items":
            assert self._pending_order and self._pending_order[0]["order_id"] == row["order_id"]
            self._pending_order[1].append(row)
        elif export == "consultations":
            self._consultation(row)
        elif export == "surveys":
            self._survey(row)
        elif export == "material_usage":
            self._print_job(row)
        # inquiries, design projects and iterations, production jobs: in no download

    def _person(self, customer: Row | None) -> Person:
        """A listed customer as its tools know it, or a guest (an inferred customer)."""
        rng = self.rng
        if customer is None:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            countries, weights = zip(*DOWNLOADS_PROFILE.countries, strict=True)
            country = rng.choices(countries, weights)[0]
            email = f"{first}.{last}.g{len(self._people)}@example.com".lower()
        else:
            first, last = customer["full_name"].split(" ", 1)
            country, email = customer["country"], customer["email"]
        place = PLACES[country]
        city, zip_prefix = rng.choice(place.cities)
        if country == "GB":  # E1 6AN
            letters = "".join(rng.choices("ABDEFGHJLNPQRSTUWXYZ", k=2))
            zip_code = f"{zip_prefix} {rng.randint(1, 9)}{letters}"
        else:
            zip_code = zip_prefix + "".join(
                str(rng.randrange(10)) for _ in range(5 - len(zip_prefix) - (country == "BE"))
            )
        if customer is None:
            user_id, username = "", ""
        else:
            user_id = str(rng.randrange(10_000_000, 999_999_999))
            while user_id in self._buyer_ids:
                user_id = str(rng.randrange(10_000_000, 999_999_999))
            self._buyer_ids.add(user_id)
            if rng.random() < 0.6:
                username = f"{first}{last}{rng.randint(1, 999)}".lower()
            else:
                username = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=16))
        return Person(
            first=first,
            last=last,
            email=email,
            country=country,
            street=f"{rng.randint(1, 140)} {rng.choice(place.streets)}",
            city=city,
            zip_code=zip_code,
            user_id=user_id,
            username=username,
        )

    # ---- Etsy

    def _finish_order(self) -> None:
        if self._pending_order is None:
            return
        order, items = self._pending_order
        self._pending_order = None
        if order["status"] != "cancelled":  # Etsy writes no cancelled order
            self._etsy_order(order, items)

    def _etsy_order(self, order: Row, items: list[Row]) -> None:
        rng = self.rng
        person = self._people[order["customer_id"]]
        sale = datetime.fromisoformat(order["ordered_at"])
        self._etsy_order_id += rng.randint(60_000, 400_000)
        order_id = str(self._etsy_order_id)
        self._etsy_ids[order["order_id"]] = order_id
        lines_amount = sum(float(item["net_amount"]) for item in items)
        coupon = ("", "", 0.0)
        if rng.random() < 0.1:
            coupon = COUPONS[1] if sale.month in (11, 12) else COUPONS[0]
        discount = round(lines_amount * coupon[2], 2)
        shipping = 4.9 if person.country == "FR" else 8.9
        total = lines_amount - discount + shipping
        fees = round(total * 0.04 + 0.30, 2)
        adjusted = ("0.00", "0.00", "0.00")
        shipped = ""
        if order["status"] in ("shipped", "completed", "refunded"):
            shipped = f"{datetime.fromisoformat(order['shipped_at']):%m/%d/%Y}"
        if order["status"] == "refunded":  # refunded in full: Etsy keeps its fixed fee
            adjusted = ("0.00", "0.30", "-0.30")
        elif shipped and rng.random() < 0.02:  # shipping refunded after a late delivery
            kept = total - shipping
            kept_fees = round(kept * 0.04 + 0.30, 2)
            adjusted = (f"{kept:.2f}", f"{kept_fees:.2f}", f"{kept - kept_fees:.2f}")
        payment = rng.choices(("online_cc", "online_paypal"), (0.8, 0.2))[0]
        skus = []
        common = {
            "Sale Date": f"{sale:%m/%d/%y}",
            "Currency": self._business.currency,
            "Date Shipped": shipped,
            "Ship City": person.city,
            "Ship State": PLACES[person.country].state,
            "Ship Zipcode": person.zip_code,
            "Ship Country": PLACES[person.country].country,
            "Order ID": order_id,
            "Coupon Code": coupon[0],
            "Coupon Details": coupon[1],
            "Order Type": "online",
            "Payment Type": payment,
        }
        for position, item in enumerate(items):
            product = item["product_name"]
            quantity = int(item["quantity"])
            amount = float(item["net_amount"])
            self._etsy_transaction_id += rng.randint(100_000, 900_000)
            if product not in self._listing_ids:
                self._listing_ids[product] = str(rng.randrange(1_300_000_000, 1_800_000_000))
            personalization = "Not requested on this item."
            if item["is_custom_design"] == "true":
                write = PERSONALIZATIONS.get(product, lambda p: COLLABORATION_NOTE)
                personalization = write(person)
            sku = "MF-" + "".join(word[0] for word in product.upper().split())
            skus.append(sku)
            first = position == 0
            self._etsy_items[sale.year].append(
                common
                | {
                    "Item Name": product,
                    "Buyer": f"{person.full_name} ({person.username})"
                    if person.username
                    else person.full_name,
                    "Quantity": str(quantity),
                    "Price": etsy_number(amount / quantity),
                    "Discount Amount": etsy_number(discount) if first else "0",
                    "Shipping Discount": "0",
                    "Order Shipping": etsy_number(shipping) if first else "0",
                    "Order Sales Tax": "0",
                    "Item Total": etsy_number(amount),
                    "Transaction ID": str(self._etsy_transaction_id),
                    "Listing ID": self._listing_ids[product],
                    "Date Paid": f"{sale:%m/%d/%Y}",
                    "Ship Name": person.full_name,
                    "Ship Address1": person.street,
                    "Variations": f"Color:{rng.choice(COLORS)},Personalization:{personalization}",
                    "Listings Type": "listing",
                    "VAT Paid by Buyer": "0",
                    "SKU": sku,
                }
            )
        self._etsy_orders[sale.year].append(
            common
            | {
                "Buyer User ID": person.user_id,
                "Full Name": person.full_name,
                "First Name": person.first,
                "Last Name": person.last,
                "Number of Items": str(sum(int(item["quantity"]) for item in items)),
                "Payment Method": "Credit Card" if payment == "online_cc" else "PayPal",
                "Street 1": person.street,
                "Order Value": f"{lines_amount:.2f}",
                "Discount Amount": f"{discount:.2f}",
                "Shipping Discount": "0.00",
                "Shipping": f"{shipping:.2f}",
                "Sales Tax": "0.00",
                "Order Total": f"{total:.2f}",
                "Card Processing Fees": f"{fees:.2f}",
                "Order Net": f"{total - fees:.2f}",
                "Adjusted Order Total": adjusted[0],
                "Adjusted Card Processing Fees": adjusted[1],
                "Adjusted Net Order Amount": adjusted[2],
                "Buyer": person.username,
                "SKU": ",".join(skus),
            }
        )
        if shipped and person.city == "Paris" and rng.random() < 0.1:  # collected at the studio
            day = datetime.fromisoformat(order["shipped_at"]).replace(hour=0, minute=0, second=0)
            slot = day + timedelta(hours=rng.randint(10, 18), minutes=rng.choice((0, 30)))
            self._calendly_row(person, PICK_UP, slot, 15, rng.choice(DOWNLOADS_PROFILE.designers))

    # ---- Calendly

    def _consultation(self, consultation: Row) -> None:
        rng = self.rng
        person = self._people[consultation["customer_id"]]
        started = datetime.fromisoformat(consultation["started_at"])
        start = started.replace(minute=started.minute // 15 * 15, second=0)
        minutes = round(float(consultation["duration_minutes"]))
        event_type = REVIEW if consultation["review"] == "true" else CONSULTATION
        designer = consultation["designer"]
        earliest = datetime.combine(self._calendar.start, datetime.min.time())
        before = start - timedelta(days=rng.randint(2, 9))
        if rng.random() < 0.06 and before > earliest:  # booked first, cancelled, rebooked
            reason = rng.choice(CANCELLATION_REASONS)
            self._calendly_row(person, event_type, before, minutes, designer, cancelled=reason)
        elif rng.random() < 0.03 and before > earliest:  # missed a first booking
            self._calendly_row(person, event_type, before, minutes, designer, no_show=True)
        self._calendly_row(person, event_type, start, minutes, designer)

    def _calendly_row(
        self,
        person: Person,
        event_type: str,
        start: datetime,
        minutes: int,
        designer: str,
        *,
        cancelled: str | None = None,
        no_show: bool = False,
    ) -> None:
        rng = self.rng
        booked = start - timedelta(days=rng.randint(1, 12), minutes=rng.randrange(0, 600))
        consultation = event_type != PICK_UP
        row = {
            "User Name": designer,
            "Invitee Name": person.full_name,
            "Invitee First Name": person.first,
            "Invitee Last Name": person.last,
            "Invitee Email": person.email,
            "Invitee Time Zone": PLACES[person.country].time_zone,
            "Invitee accepted marketing emails": "false",
            "Event Type Name": event_type,
            "Start Date & Time": calendly_time(start),
            "End Date & Time": calendly_time(start + timedelta(minutes=minutes)),
            "Location": "Google Meet"
            if consultation and person.country != "FR"
            else "Maison Filament, 42 rue Oberkampf, Paris",
            "Event Created Date & Time": calendly_time(booked),
            "Canceled": "false" if cancelled is None else "true",
            "Canceled By": "" if cancelled is None else person.full_name,
            "Cancellation reason": cancelled or "",
            "Question 1": "What would you like to create?" if consultation else "",
            "Response 1": rng.choice(CONSULTATION_TOPICS) if consultation else "",
            "Marked as No-Show": "Yes" if no_show else "No",
            "User Email": f"{slug(designer.split()[0])}@maisonfilament.example",
            "Event UUID": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "Invitee UUID": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }
        self._calendly.append((start, row))

    # ---- Typeform

    def _survey(self, survey: Row) -> None:
        if survey["survey_type"] != "customization":
            return  # the shop's only survey follows orders with a personalised piece
        assert survey["scale_max"] == "10", survey
        rng = self.rng
        local = datetime.fromisoformat(survey["responded_at"]).replace(tzinfo=self._zone)
        submitted = local.astimezone(UTC).replace(tzinfo=None)
        started = submitted - timedelta(seconds=rng.randint(25, 400))
        order_id = self._etsy_ids[survey["order_id"]]
        if rng.random() < 0.08:  # opened the link earlier and left half-way
            opened = started - timedelta(hours=rng.randint(2, 72))
            answered = rng.random() < 0.5
            self._typeform_row(
                opened,
                opened + timedelta(seconds=rng.randint(5, 60)),
                None,
                survey["score"] if answered else "",
                order_id,
            )
        self._typeform_row(started, None, submitted, survey["score"], order_id)

    def _typeform_row(
        self,
        started: datetime,
        staged: datetime | None,
        submitted: datetime | None,
        score: str,
        order_id: str,
    ) -> None:
        rng = self.rng
        comment = rng.choice(SURVEY_COMMENTS) if submitted and rng.random() < 0.3 else ""
        row = {
            "#": "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=32)),
            SCORE_QUESTION: score,
            COMMENT_QUESTION: comment,
            ORDER_FIELD: order_id,
            "Response Type": "completed" if submitted else "partial",
            "Start Date (UTC)": f"{started:%Y-%m-%d %H:%M:%S}",
            "Stage Date (UTC)": f"{staged:%Y-%m-%d %H:%M:%S}" if staged else "",
            "Submit Date (UTC)": f"{submitted:%Y-%m-%d %H:%M:%S}" if submitted else "",
            "Network ID": f"{rng.getrandbits(40):010x}",
        }
        self._typeform.append((started, row))

    # ---- OctoPrint

    def _print_job(self, usage: Row) -> None:
        rng = self.rng
        start = datetime.fromisoformat(usage["used_at"]).replace(second=0)
        file_name = f"{slug(usage['product_name'])}_{usage['job_id'].split('_')[-1]}.gcode"
        grams = float(usage["quantity_kg"]) * 1000
        result = rng.choices(("success", "failed", "canceled"), (0.94, 0.04, 0.02))[0]
        if rng.random() < 0.012:  # a calibration print cancelled before it extruded anything
            self._print_row(
                start - timedelta(minutes=rng.randint(20, 90)),
                "first_layer_calibration.gcode",
                "canceled",
                usage["material"],
                None,
            )
        self._print_row(start, file_name, result, usage["material"], grams)

    def _print_row(
        self, start: datetime, file_name: str, result: str, material: str, grams: float | None
    ) -> None:
        rng = self.rng
        while (octoprint_time(start), file_name) in self._print_keys:
            start += timedelta(minutes=1)  # one job per file and minute: its id
        self._print_keys.add((octoprint_time(start), file_name))
        filament = FILAMENTS[material]
        done = rng.uniform(0.1, 0.9) if result != "success" else 1.0
        if grams is None:
            done, seconds = 0.0, rng.randint(60, 300)
        else:
            seconds = max(900, round(grams / rng.uniform(9, 15) * 3600))
        height = round(rng.uniform(6, 120), 1)
        layers = round(height / 0.2)
        planned = grams / done if grams is not None else rng.uniform(5, 15)  # the slicer's grams

        def length(g: float) -> str:
            return f"{g / (filament.density / 1000 * FILAMENT_SECTION_MM2):.2f}"

        def cost(g: float) -> str:
            return f"{g * filament.eur_per_kg / 1000:.2f}"

        hours = seconds / 3600
        row = {
            "User": "lea" if rng.random() < 0.7 else "hugo",
            "Print result [success canceled failed]": result,
            "Start Datetime [dd.mm.yyyy hh:mm]": octoprint_time(start),
            "End Datetime [dd.mm.yyyy hh:mm]": octoprint_time(start + timedelta(seconds=seconds)),
            "Duration": duration_text(seconds),
            "File Name": file_name,
            "File Path": file_name,
            "File Size [bytes]": str(round(planned * rng.uniform(25_000, 60_000))),
            "Layers [current / total]": f"{round(layers * done)} / {layers}",
            "Height [current / total]": f"{height * done:.1f} / {height:.1f}",
            "Note": "-",
            "Temperatures [bed:temp toolX:temp]": filament.temperatures,
            "Spool Vendor": filament.vendor,
            "Spool Name": filament.spool,
            "Material": material,
            "Diameter [mm]": "1.75",
            "Density [g/cm3]": f"{filament.density:.2f}",
            "Used Length [mm]": "-" if grams is None else length(grams),
            "Calculated Length [mm]": length(planned),
            "Used Weight [g]": "-" if grams is None else f"{grams:.2f}",
            "Used Filament Cost": "-" if grams is None else cost(grams),
            "Estimated Filament Cost": cost(planned),
            "Estimated Electricity Cost": f"{hours * 0.12 * 0.2516:.2f}",
            "Estimated Printer Cost": f"{hours * 0.35:.2f}",
            "Other Cost [label:value]": "-",
        }
        self._octoprint.append((start, row))

    # ---- the files

    def _write_files(self) -> None:
        folder = self._folder
        folder.mkdir(parents=True, exist_ok=True)
        for year in self._etsy_items:
            self._write_etsy(ETSY_ITEMS_FILE, ETSY_ITEMS_HEADER, year, self._etsy_items[year])
            self._write_etsy(ETSY_ORDERS_FILE, ETSY_ORDERS_HEADER, year, self._etsy_orders[year])
        self.counts["etsy_order_items"] = sum(len(rows) for rows in self._etsy_items.values())
        self.counts["etsy_orders"] = sum(len(rows) for rows in self._etsy_orders.values())
        write_csv(folder / CALENDLY_FILE, header_names(CALENDLY_HEADER), self._calendly)
        write_csv(folder / TYPEFORM_FILE, TYPEFORM_COLUMNS, self._typeform)
        write_csv(
            folder / OCTOPRINT_FILE,
            header_names(OCTOPRINT_HEADER),
            self._octoprint,
            quoting=csv.QUOTE_ALL,
        )
        self.counts["calendly_events"] = len(self._calendly)
        self.counts["survey_responses"] = len(self._typeform)
        self.counts["octoprint_jobs"] = len(self._octoprint)
        (folder / SETTINGS_FILE).write_text(SETTINGS, encoding="utf-8")

    def _write_etsy(self, file: str, header: str, year: int, rows: list[Row]) -> None:
        names = header_names(header)
        with (self._folder / file.format(year=year)).open("w", encoding="utf-8", newline="") as f:
            f.write(header + "\n")
            for row in rows:
                f.write(",".join(etsy_field(row.get(name, "")) for name in names) + "\n")


def write_csv(
    path: Path,
    columns: list[str],
    rows: list[tuple[datetime, Row]],
    *,
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL,
) -> None:
    """A vendor file in time order (stable: rows of one moment keep their order)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n", quoting=quoting)
        writer.writerow(columns)
        for _, row in sorted(rows, key=lambda entry: entry[0]):
            writer.writerow(
                [row.get(name, "-" if quoting == csv.QUOTE_ALL else "") for name in columns]
            )
