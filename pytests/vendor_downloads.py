"""Vendor downloads (docs/sources.md) for two businesses, and the same facts as docs/exports.md files.

`write_downloads(root)` writes a folder as two ateliers really have it:

- `atelier_lumen` (luxury_custom_jewelry, USD, no timezone): two Shopify orders exports
  (the current 79-column header and the 75-column vintage), a Calendly events export, two
  Google Forms satisfaction files (one downloaded from the linked Sheet, one from Forms),
  a hand-kept `customers.csv` keyed by email and a hand-kept `inquiries.csv`, and a
  `sources.yml`;
- `print_loop` (custom_3d_accessories, EUR, Europe/Paris): two Etsy order-items files (one
  `MM/DD/YY`, one re-saved by Excel with `M/D/YYYY`), an Etsy orders file, a Typeform file,
  an OctoPrint history, and a `sources.yml` with `materials.eco_friendly`.

`write_equivalent_exports(root)` writes the same facts as the hand-kept exports of
docs/exports.md. Every value there was computed by hand from docs/sources.md's mapping rules (the
comments say how); only the customer keys are computed by `customer_key`, which is the
rule itself (`c_` + first 16 hex digits of md5 of the trimmed lower-cased key).
`write_mixed(root)` mixes both: some exports hand-kept, some downloaded, and the jewelry
orders fed by a Shopify export *and* a hand-kept orders.csv at once.

Skipped source rows (cancelled booking, no-show, unlisted event type, no score, partial
response, no material) are dated outside the range of the accepted rows, so a skipped row
that leaked into the period spine or the as-of date would change the scorecard.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
from pathlib import Path

from pytests.csv_files import contract_header, write_csv

JEWELRY = "atelier_lumen"
PRINT3D = "print_loop"

BUSINESSES_HEADER = ["business_id", "business_name", "vertical", "currency", "timezone"]
BUSINESSES = [
    [JEWELRY, "Atelier Lumen", "luxury_custom_jewelry", "USD", ""],
    [PRINT3D, "Print Loop", "custom_3d_accessories", "EUR", "Europe/Paris"],
]


def customer_key(text: str) -> str:
    """docs/sources.md: `c_` + the first 16 hex digits of md5 of the key lower-cased and trimmed."""
    return "c_" + hashlib.md5(text.strip().lower().encode("utf-8")).hexdigest()[:16]


# --- exact vendor header lines (the tools' header lines, verbatim) --------------------------------

SHOPIFY_HEADER_LINE = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
    "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,"
    "Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,"
    "Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,"
    "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,"
    "Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,"
    "Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,"
    "Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,"
    "Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
)
SHOPIFY_COLUMNS = SHOPIFY_HEADER_LINE.split(",")
assert len(SHOPIFY_COLUMNS) == 79
SHOPIFY_VINTAGE_HEADER_LINE = ",".join(SHOPIFY_COLUMNS[:75])  # ends at Shipping Province Name
assert SHOPIFY_COLUMNS[74] == "Shipping Province Name"

ETSY_ITEMS_HEADER_LINE = (
    '"Sale Date","Item Name",Buyer,Quantity,Price,"Coupon Code","Coupon Details",'
    '"Discount Amount","Shipping Discount","Order Shipping","Order Sales Tax","Item Total",'
    'Currency,"Transaction ID","Listing ID","Date Paid","Date Shipped","Ship Name",'
    '"Ship Address1","Ship Address2","Ship City","Ship State","Ship Zipcode","Ship Country",'
    '"Order ID",Variations,"Order Type","Listings Type","Payment Type","InPerson Discount",'
    '"InPerson Location","VAT Paid by Buyer",SKU'
)
ETSY_ORDERS_HEADER_LINE = (
    '"Sale Date","Order ID","Buyer User ID","Full Name","First Name","Last Name",'
    '"Number of Items","Payment Method","Date Shipped","Street 1","Street 2","Ship City",'
    '"Ship State","Ship Zipcode","Ship Country",Currency,"Order Value","Coupon Code",'
    '"Coupon Details","Discount Amount","Shipping Discount",Shipping,"Sales Tax",'
    '"Order Total",Status,"Card Processing Fees","Order Net","Adjusted Order Total",'
    '"Adjusted Card Processing Fees","Adjusted Net Order Amount",Buyer,"Order Type",'
    '"Payment Type","InPerson Discount","InPerson Location",SKU'
)
CALENDLY_HEADER_LINE = (
    "User Name,Team,Invitee Name,Invitee First Name,Invitee Last Name,Invitee Email,"
    "Invitee Time Zone,Invitee accepted marketing emails,Text Reminder Number,Event Type Name,"
    "Start Date & Time,End Date & Time,Location,Event Created Date & Time,Canceled,Canceled By,"
    "Cancellation reason,Question 1,Response 1,UTM Campaign,UTM Source,UTM Medium,UTM Term,"
    "UTM Content,Salesforce UUID,Event Price,Payment Currency,Guest Email(s),"
    "Invitee Reconfirmed,Marked as No-Show,Meeting Notes,Group,User Email,Event UUID,"
    "Invitee UUID,Invitee scheduled by,Scheduling method"
)
OCTOPRINT_HEADER_LINE = (
    '"User","Print result [success canceled failed]","Start Datetime [dd.mm.yyyy hh:mm]",'
    '"End Datetime [dd.mm.yyyy hh:mm]","Duration","File Name","File Path",'
    '"File Size [bytes]","Layers [current / total]","Height [current / total]","Note",'
    '"Temperatures [bed:temp toolX:temp]","Spool Vendor","Spool Name","Material",'
    '"Diameter [mm]","Density [g/cm3]","Used Length [mm]","Calculated Length [mm]",'
    '"Used Weight [g]","Used Filament Cost","Estimated Filament Cost",'
    '"Estimated Electricity Cost","Estimated Printer Cost","Other Cost [label:value]"'
)


def header_names(header_line: str) -> list[str]:
    return next(csv.reader(io.StringIO(header_line)))


assert len(header_names(ETSY_ITEMS_HEADER_LINE)) == 33
assert len(header_names(ETSY_ORDERS_HEADER_LINE)) == 36
assert len(header_names(CALENDLY_HEADER_LINE)) == 37
assert len(header_names(OCTOPRINT_HEADER_LINE)) == 25


def write_vendor_csv(
    path: Path,
    header_line: str,
    rows: list[dict[str, str]],
    *,
    quote_all: bool = False,
    crlf: bool = False,
) -> None:
    """A vendor file: the exact header line, then one record per dict (missing keys empty).
    Every key of every row must be a column of the header (a typo would go unnoticed)."""
    names = header_names(header_line)
    newline = "\r\n" if crlf else "\n"
    out = io.StringIO()
    out.write(header_line + newline)
    writer = csv.writer(
        out,
        lineterminator=newline,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    for row in rows:
        unknown = set(row) - set(names)
        assert not unknown, (path.name, unknown)
        writer.writerow([row.get(name, "") for name in names])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue().encode("utf-8"))


# --- atelier_lumen: Shopify ------------------------------------------------------------------

SHOPIFY_FILE = "orders_export_1.csv"  # 79 columns
SHOPIFY_VINTAGE_FILE = "orders_export_2.csv"  # 75 columns
SHOPIFY_COPY_FILE = "orders_export_1 (1).csv"  # the same download saved twice
SHOPIFY_BAD_FILE = "orders_export_3.csv"

ALICE = "Alice.Martin@Example.com"  # as Shopify has it; customers.csv has it lower-cased
BOB = "bob@example.org"
CAROL = "carol@example.net"
ERIN = "erin@example.com"
FRANK = "frank@example.com"
GRACE = "grace@example.com"
DAVE = "dave@example.com"  # Calendly and a survey only
HUGO_NAME = "Hugo Ferrand"  # walk-in (POS) order: no email, no phone: key from Billing Name
DANA_PHONE = "'+1 617 555 0199"  # draft order: no email; Phone wins over Billing Phone
DANA_BILLING_PHONE = "'+1 617 555 0100"
IVY = "ivy@example.com"  # only in the bad Shopify file

# One order: order-level fields (first row only) and its lines
# (quantity, name, price, lineitem discount).
SHOPIFY_ORDERS: list[dict] = [
    {
        "Name": "#1001",
        "Email": ALICE,
        "Financial Status": "paid",
        "Paid at": "2024-01-10 14:31:02 -0500",
        "Fulfillment Status": "fulfilled",
        "Fulfilled at": "2024-01-20 10:00:00 -0500",
        "Accepts Marketing": "yes",
        "Currency": "USD",
        "Subtotal": "3800.00",
        "Shipping": "0.00",
        "Taxes": "0.00",
        "Total": "3780.00",
        "Discount Code": "WELCOME200",
        "Discount Amount": "200.00",
        "Shipping Method": "Insured courier",
        "Created at": "2024-01-10 14:30:00 -0500",
        "Billing Name": "Alice Martin",
        "Billing Street": "12 Beacon Street",
        "Billing Address1": "12 Beacon Street",
        "Billing City": "Boston",
        "Billing Zip": "'02134",
        "Billing Province": "MA",
        "Billing Country": "US",
        "Shipping Name": "Alice Martin",
        "Shipping Street": "12 Beacon Street",
        "Shipping Address1": "12 Beacon Street",
        "Shipping City": "Boston",
        "Shipping Zip": "'02134",
        "Shipping Province": "MA",
        "Shipping Country": "US",
        "Notes": "Please gift wrap.\nCall before delivery, thanks",
        "Payment Method": "Shopify Payments",
        "Id": "5550001001",
        "Tags": "anniversary",
        "Risk Level": "Low",
        "Source": "web",
        "Billing Province Name": "Massachusetts",
        "Shipping Province Name": "Massachusetts",
        "lines": [
            ("1", "Bespoke engagement ring", "3000.00", "0.00"),
            ("2", "Silver chain", "500.00", "20.00"),
        ],
    },
    {
        "Name": "#1002",
        "Email": BOB,
        "Financial Status": "partially_refunded",
        "Fulfillment Status": "fulfilled",
        "Currency": "USD",
        "Discount Amount": "0.00",
        "Created at": "2024-02-05 09:15:00 -0500",
        "Billing Name": "Bob Keller",
        "Billing Zip": "'07030",
        "Shipping Name": "Bob Keller",
        "Refunded Amount": "150.00",
        "Id": "5550001002",
        "Tags": "Inquiry:INQ-2, gift",
        "Source": "web",
        "lines": [("1", "Engraved pendant", "1200.00", "0.00")],
    },
    {
        "Name": "#1003",
        "Email": CAROL,
        "Financial Status": "voided",
        "Fulfillment Status": "",
        "Currency": "USD",
        "Discount Amount": "0.00",
        "Created at": "2024-02-20 11:00:00 -0500",
        "Cancelled at": "2024-02-21 10:00:00 -0500",
        "Billing Name": "Carol Nguyen",
        "Id": "5550001003",
        "Tags": "inquiry:INQ-3",
        "Source": "web",
        "lines": [("1", "Bespoke bracelet", "5000.00", "0.00")],
    },
    {
        "Name": "#1004",
        "Email": ALICE,
        "Financial Status": "refunded",
        "Fulfillment Status": "fulfilled",
        "Currency": "USD",
        "Discount Amount": "0.00",
        "Created at": "2024-02-25 15:00:00 -0500",
        "Billing Name": "Alice Martin",
        "Refunded Amount": "2000.00",
        "Id": "5550001004",
        "Source": "web",
        "lines": [("1", "Bespoke earrings", "2000.00", "0.00")],
    },
    {
        "Name": "#1005",
        "Email": "",
        "Financial Status": "paid",
        "Fulfillment Status": "",
        "Currency": "USD",
        "Discount Amount": "500.00",
        "Created at": "2024-03-12 16:45:00 -0400",
        "Billing Name": "Dana Whitfield",
        "Billing Phone": DANA_BILLING_PHONE,
        "Billing Zip": "'02108",
        "Notes": "Deposit received by phone.\r\nBalance on pickup.",
        "Id": "5550001005",
        "Tags": "vip, inquiry:INQ-4",
        "Source": "shopify_draft_order",
        "Phone": DANA_PHONE,
        "lines": [
            ("1", "Signet ring", "4000.00", "0.00"),
            ("1", "Gold band", "1000.00", "0.00"),
        ],
    },
    {
        "Name": "#1006",
        "Email": ERIN,
        "Financial Status": "refunded",
        "Fulfillment Status": "",
        "Currency": "USD",
        "Discount Amount": "0.00",
        "Created at": "2024-03-15 10:00:00 -0400",
        "Cancelled at": "2024-03-16 09:00:00 -0400",
        "Billing Name": "Erin Walsh",
        "Id": "5550001006",
        "Source": "web",
        "lines": [("1", "Bespoke tiara", "9000.00", "0.00")],
    },
    {
        "Name": "#1007",
        "Email": GRACE,
        "Financial Status": "paid",
        "Fulfillment Status": "partial",
        "Currency": "USD",
        "Discount Amount": "0.00",
        "Created at": "2024-03-20 13:00:00 -0400",
        "Billing Name": "Grace Okafor",
        "Id": "5550001007",
        "Tags": "Made-To-Order, spring",
        "Source": "web",
        "lines": [
            ("2", "Pearl necklace", "750.00", "0.00"),
            ("1", "Gift box", "0.00", "0.00"),
        ],
    },
    {
        "Name": "#1008",
        "Email": FRANK,
        "Financial Status": "paid",
        "Fulfillment Status": "fulfilled",
        "Currency": "USD",
        "Discount Amount": "0.00",
        "Created at": "2024-01-25 11:20:00 -0500",
        "Billing Name": "Frank Osei",
        "Id": "5550001008",
        "Tags": "made-to-order-later",
        "Source": "web",
        "lines": [("1", "Stud earrings", "300.00", "0.00")],
    },
    {
        "Name": "#1009",
        "Email": GRACE,
        "Financial Status": "pending",
        "Fulfillment Status": "unfulfilled",
        "Currency": "USD",
        "Discount Amount": "0.00",
        "Created at": "2024-06-02 10:00:00 -0400",
        "Billing Name": "Grace Okafor",
        "Id": "5550001009",
        "Source": "web",
        "lines": [("1", "Bespoke brooch", "1800.00", "0.00")],
    },
]

SHOPIFY_VINTAGE_ORDERS: list[dict] = [
    {
        "Name": "#0990",
        "Email": ALICE,
        "Financial Status": "paid",
        "Fulfillment Status": "fulfilled",
        "Currency": "USD",
        "Discount Amount": "130.00",
        "Created at": "2023-12-15 10:00:00 -0500",
        "Billing Name": "Alice Martin",
        "Id": "5550000990",
        "Source": "web",
        "lines": [
            ("1", "Bespoke cufflinks", "2500.00", "0.00"),
            ("1", "Cufflink box", "100.00", "0.00"),
        ],
    },
    {
        "Name": "#0991",
        "Email": "",
        "Financial Status": "paid",
        "Fulfillment Status": "fulfilled",
        "Currency": "USD",
        "Discount Amount": "0.00",
        "Created at": "2023-12-22 17:10:00 -0500",
        "Billing Name": HUGO_NAME,
        "Id": "5550000991",
        "Source": "pos",
        "lines": [("1", "Silver hoops", "180.00", "0.00")],
    },
]

# Columns a continuation row of an order carries (the tool's header).
SHOPIFY_REPEATED = ("Name", "Created at", "Email", "Vendor")


def shopify_rows(orders: list[dict]) -> list[dict[str, str]]:
    rows = []
    for order in orders:
        order_fields = {k: v for k, v in order.items() if k != "lines"}
        for position, (quantity, name, price, discount) in enumerate(order["lines"], start=1):
            row = (
                dict(order_fields)
                if position == 1
                else {k: order_fields.get(k, "") for k in SHOPIFY_REPEATED}
            )
            row |= {
                "Vendor": "Atelier Lumen",
                "Lineitem quantity": quantity,
                "Lineitem name": name,
                "Lineitem price": price,
                "Lineitem compare at price": "",
                "Lineitem sku": f"SKU-{name.upper().replace(' ', '-')}",
                "Lineitem requires shipping": "true",
                "Lineitem taxable": "true",
                "Lineitem fulfillment status": "pending",
                "Lineitem discount": discount,
            }
            rows.append(row)
    return rows


def write_shopify(folder: Path) -> None:
    write_vendor_csv(folder / SHOPIFY_FILE, SHOPIFY_HEADER_LINE, shopify_rows(SHOPIFY_ORDERS))
    write_vendor_csv(
        folder / SHOPIFY_VINTAGE_FILE,
        SHOPIFY_VINTAGE_HEADER_LINE,
        shopify_rows(SHOPIFY_VINTAGE_ORDERS),
    )


# --- atelier_lumen: Calendly -----------------------------------------------------------------

CALENDLY_FILE = "events-export.csv"


def calendly_event(
    designer: str,
    invitee: str,
    email: str,
    event_type: str,
    start: str,
    end: str,
    event_uuid: str,
    invitee_uuid: str,
    *,
    canceled: str = "false",
    no_show: str = "No",
) -> dict[str, str]:
    first, last = invitee.split(" ", 1)
    return {
        "User Name": designer,
        "Team": "",
        "Invitee Name": invitee,
        "Invitee First Name": first,
        "Invitee Last Name": last,
        "Invitee Email": email,
        "Invitee Time Zone": "America/New_York",
        "Invitee accepted marketing emails": "false",
        "Text Reminder Number": "",
        "Event Type Name": event_type,
        "Start Date & Time": start,
        "End Date & Time": end,
        "Location": "Atelier, 4 Newbury St",
        "Event Created Date & Time": "2023-12-01 09:00 am",
        "Canceled": canceled,
        "Canceled By": invitee if canceled == "true" else "",
        "Cancellation reason": "Schedule conflict, sorry" if canceled == "true" else "",
        "Question 1": "What would you like to create?",
        "Response 1": "A ring, maybe two",
        "Event Price": "",
        "Payment Currency": "",
        "Invitee Reconfirmed": "",
        "Marked as No-Show": no_show,
        "Meeting Notes": "",
        "User Email": STAFF_EMAIL,
        "Event UUID": event_uuid,
        "Invitee UUID": invitee_uuid,
        "Invitee scheduled by": "",
        "Scheduling method": "",
    }


STAFF_EMAIL = "ines.duval@atelier-lumen.example"
INES = "Ines Duval"  # designers (User Name): mapped to `designer`, not customer data
MARC = "Marc Leroy"

CALENDLY_EVENTS = [
    # 90 min, alice
    calendly_event(
        INES,
        "Alice Martin",
        "alice.martin@example.com",
        "Design consultation",
        "2024-01-08 10:00 am",
        "2024-01-08 11:30 am",
        "EV-0001",
        "INV-0001",
    ),
    # 75 min, upper-case PM, email in another case than customers.csv
    calendly_event(
        MARC,
        "Bob Keller",
        "Bob@Example.org",
        "Design consultation",
        "2024-02-01 02:00 PM",
        "2024-02-01 03:15 PM",
        "EV-0002",
        "INV-0002",
    ),
    # skipped: cancelled_booking (dated after every accepted row)
    calendly_event(
        INES,
        "Carol Nguyen",
        CAROL,
        "Design consultation",
        "2024-07-02 11:00 am",
        "2024-07-02 12:00 pm",
        "EV-0003",
        "INV-0003",
        canceled="true",
    ),
    # skipped: no_show
    calendly_event(
        MARC,
        "Frank Osei",
        FRANK,
        "Design consultation",
        "2023-10-03 09:00 am",
        "2023-10-03 09:45 am",
        "EV-0004",
        "INV-0004",
        no_show="Yes",
    ),
    # skipped: event_type_not_listed
    calendly_event(
        INES,
        "Erin Walsh",
        ERIN,
        "Quick call",
        "2024-07-15 04:00 pm",
        "2024-07-15 04:15 pm",
        "EV-0005",
        "INV-0005",
    ),
    # 60 min from noon, second listed type
    calendly_event(
        INES,
        "Grace Okafor",
        GRACE,
        "Ring sizing",
        "2024-03-05 12:00 pm",
        "2024-03-05 01:00 pm",
        "EV-0006",
        "INV-0006",
    ),
    # 45 min across midnight (12:15 am is 00:15); no Invitee UUID
    calendly_event(
        MARC,
        "Dave Brennan",
        DAVE,
        "Design consultation",
        "2024-03-06 11:30 PM",
        "2024-03-07 12:15 AM",
        "EV-0007",
        "",
    ),
    # 90 min
    calendly_event(
        INES,
        "Alice Martin",
        "alice.martin@example.com",
        "Design consultation",
        "2024-06-10 09:00 AM",
        "2024-06-10 10:30 AM",
        "EV-0008",
        "INV-0008",
    ),
]


# --- atelier_lumen: Google Forms -------------------------------------------------------------

SHEET_SURVEY_FILE = "Satisfaction - Form Responses 1.csv"  # downloaded from the linked Sheet
FORMS_SURVEY_FILE = "Satisfaction.csv"  # downloaded from Forms: every field quoted
SATISFACTION_QUESTION = "How satisfied are you with your finished piece?"

SHEET_SURVEY_HEADER = [
    "Timestamp",
    "Email address",
    SATISFACTION_QUESTION,
    "Order number",
    "Anything else?",
]
SHEET_SURVEY_ROWS = [
    ["1/15/2024 9:05:36", "alice.martin@example.com", "5", "#1001", "Love it, thank you!"],
    ["2/10/2024 22:05:36", BOB, "3", "#1002", ""],
    ["9/25/2023 8:00:00", GRACE, "", "#1007", "Not finished yet"],  # skipped: no_score
    ["6/15/2024 18:30:00", GRACE, "4", "#1009", "Beautiful,\nworth the wait"],
]
FORMS_SURVEY_HEADER = ["Timestamp", "Email Address", SATISFACTION_QUESTION]
FORMS_SURVEY_ROWS = [
    ["2024/04/02 6:31:58 PM EST", DAVE, "4"],
    ["2024/04/20 11:05:00 AM GMT+1", "hugo.ferrand@example.fr", "2"],
    ["2024/05/03 12:15:00 PM EST", FRANK, "5"],
    ["2024/05/31 12:05:00 AM EST", BOB, "5"],
]

JEWELRY_SOURCES_YML = f"""\
# Atelier Lumen: what our downloads mean
custom_design:
  draft_orders: true
  keywords: [bespoke, engraved, "sur mesure"]
  tags: [made-to-order]
consultations:
  event_types: ["Design consultation", "Ring sizing"]
surveys:
  - file: "{SHEET_SURVEY_FILE}"
    survey_type: finished_piece
    score_column: "{SATISFACTION_QUESTION}"
    scale_max: 5
    customer_column: "Email address"
    order_column: "Order number"
  - file: "{FORMS_SURVEY_FILE}"
    survey_type: finished_piece
    score_column: "{SATISFACTION_QUESTION}"
    scale_max: 5
    customer_column: "Email Address"
"""

# --- atelier_lumen: hand-kept exports (in every variant of the folder) -----------------------

CUSTOMERS_HEADER = [
    "customer_id",
    "created_at",
    "acquisition_channel",
    "referred_by_customer_id",
    "email",
    "full_name",
    "country",
]
JEWELRY_CUSTOMERS = [
    ["alice.martin@example.com", "2023-11-20", "instagram", "", "alice.martin@example.com",
     "Alice Martin", "US"],
    ["Bob@Example.org", "2024-01-18 10:00", "referral", "alice.martin@example.com", BOB,
     "Bob Keller", "US"],
    [" carol@example.net", "2024-02-01", "referral", "ALICE.MARTIN@example.com ", CAROL,
     "Carol Nguyen", "US"],
    # referred by frank, who is in no customers.csv: an inferred (Shopify) customer
    ["grace@example.com", "2024-03-01", "referral", FRANK, GRACE, "Grace Okafor", "US"],
]  # fmt: skip
INQUIRIES_HEADER = ["inquiry_id", "received_at", "customer_id", "channel"]
JEWELRY_INQUIRIES = [
    ["INQ-1", "2024-01-03 10:00", "", "website"],
    ["INQ-2", "2024-01-20 15:30", BOB, "instagram"],
    ["INQ-3", "2024-02-10 09:00", CAROL, "email"],  # only a voided order references it
    ["INQ-4", "2024-03-01 11:00", "", "phone"],  # the draft order's tag
]


# --- print_loop: Etsy ------------------------------------------------------------------------

ETSY_ITEMS_FILE = "EtsySoldOrderItems2024-3.csv"  # MM/DD/YY
ETSY_ITEMS_EXCEL_FILE = "EtsySoldOrderItems2024-4.csv"  # re-saved by Excel: M/D/YYYY
ETSY_ORDERS_FILE = "EtsySoldOrders2024.csv"

LESLIE = "Leslie Hunter (lesliehunter)"
NOAH = "Noah Baker (noahb3d)"
SAM = "Sam Guest"  # guest checkout: no username


def etsy_item(
    sale_date: str,
    item: str,
    buyer: str,
    quantity: str,
    price: str,
    transaction_id: str,
    order_id: str,
    variations: str,
    *,
    discount: str = "0",
    date_paid: str = "",
    date_shipped: str = "",
) -> dict[str, str]:
    ship_name = buyer.split(" (")[0]
    return {
        "Sale Date": sale_date,
        "Item Name": item,
        "Buyer": buyer,
        "Quantity": quantity,
        "Price": price,
        "Coupon Code": "SPRING5" if discount != "0" else "",
        "Coupon Details": "Order discount" if discount != "0" else "",
        "Discount Amount": discount,
        "Shipping Discount": "0",
        "Order Shipping": "4.5",
        "Order Sales Tax": "0",
        "Item Total": "",
        "Currency": "EUR",
        "Transaction ID": transaction_id,
        "Listing ID": "1" + transaction_id,
        "Date Paid": date_paid or sale_date,
        "Date Shipped": date_shipped,
        "Ship Name": ship_name,
        "Ship Address1": "8 Rue Mercière",
        "Ship Address2": "",
        "Ship City": "Lyon",
        "Ship State": "",
        "Ship Zipcode": "69002",
        "Ship Country": "France",
        "Order ID": order_id,
        "Variations": variations,
        "Order Type": "online",
        "Listings Type": "listing",
        "Payment Type": "online_cc",
        "InPerson Discount": "",
        "InPerson Location": "",
        "VAT Paid by Buyer": "0",
        "SKU": "",
    }


ETSY_ITEMS = [
    # order 3001001: G = 2 x 12.5 + 1 x 15 = 40, D = 5 on the first row
    etsy_item("03/02/24", "Custom name keychain", LESLIE, "2", "12.5", "4001", "3001001",
              "Color:Black", discount="5", date_paid="03/02/2024", date_shipped="03/05/2024"),
    etsy_item("03/02/24", "Phone stand", LESLIE, "1", "15", "4002", "3001001",
              "Color:White,Personalization:Not requested on this item.",
              date_paid="03/02/2024", date_shipped="03/05/2024"),
    # guest; personalization holding commas and a line break
    etsy_item("03/15/24", "Name tag", SAM, "3", "4.2", "4003", "3001002",
              "Color:Red,Personalization:Sam, Alex & Jo\nFamily set", date_paid="03/15/2024"),
    etsy_item("03/28/24", "Phone stand", LESLIE, "1", "15", "4008", "3001006", "Color:Grey",
              date_paid="03/28/2024", date_shipped="03/30/2024"),
]  # fmt: skip
ETSY_ITEMS_EXCEL = [
    # refunded in the orders file (shipped first)
    etsy_item("4/2/2024", "Custom phone case", LESLIE, "1", "30", "4004", "3001003",
              "Model:Pixel 8", date_paid="4/2/2024", date_shipped="4/4/2024"),
    # only in the items file; G = 4 x 2.5 + 22 = 32, D = 2 on the first row
    etsy_item("4/20/2024", "Cable clip", NOAH, "4", "2.5", "4005", "3001004",
              "Personalization:Not requested on this item.", discount="2",
              date_paid="4/20/2024"),
    etsy_item("4/20/2024", "Desk organizer", NOAH, "1", "22", "4006", "3001004", "Color:Black",
              date_paid="4/20/2024"),
    # partially refunded: adjusted net stays positive
    etsy_item("5/10/2024", "Custom lithophane", LESLIE, "1", "40", "4007", "3001005",
              "Size:Small", date_paid="5/10/2024", date_shipped="5/12/2024"),
]  # fmt: skip


def etsy_order(
    sale_date: str,
    order_id: str,
    buyer_user_id: str,
    full_name: str,
    buyer: str,
    n_items: str,
    *,
    date_shipped: str = "",
    adjusted_net: str = "0.00",
) -> dict[str, str]:
    first, last = full_name.split(" ", 1)
    return {
        "Sale Date": sale_date,
        "Order ID": order_id,
        "Buyer User ID": buyer_user_id,
        "Full Name": full_name,
        "First Name": first,
        "Last Name": last,
        "Number of Items": n_items,
        "Payment Method": "Credit Card",
        "Date Shipped": date_shipped,
        "Street 1": "8 Rue Mercière",
        "Street 2": "",
        "Ship City": "Lyon",
        "Ship State": "",
        "Ship Zipcode": "69002",
        "Ship Country": "France",
        "Currency": "EUR",
        "Order Value": "40.00",
        "Discount Amount": "0.00",
        "Shipping Discount": "0.00",
        "Shipping": "4.50",
        "Sales Tax": "0.00",
        "Order Total": "44.50",
        "Status": "",
        "Card Processing Fees": "1.56",
        "Order Net": "42.94",
        "Adjusted Order Total": "0.00" if adjusted_net == "0.00" else "1.50",
        "Adjusted Card Processing Fees": "0.00",
        "Adjusted Net Order Amount": adjusted_net,
        "Buyer": buyer,
        "Order Type": "online",
        "Payment Type": "online_cc",
        "InPerson Discount": "",
        "InPerson Location": "",
        "SKU": "",
    }


ETSY_ORDERS = [
    etsy_order("03/02/24", "3001001", "lesliehunter", "Leslie Hunter", LESLIE, "3",
               date_shipped="03/05/2024"),
    etsy_order("03/15/24", "3001002", "", "Sam Guest", SAM, "3"),  # guest: key from Full Name
    etsy_order("04/02/24", "3001003", "lesliehunter", "Leslie Hunter", LESLIE, "1",
               date_shipped="04/04/2024", adjusted_net="-28.50"),
    etsy_order("05/10/24", "3001005", "lesliehunter", "Leslie Hunter", LESLIE, "1",
               date_shipped="05/12/2024", adjusted_net="10.00"),
    etsy_order("03/28/24", "3001006", "lesliehunter", "Leslie Hunter", LESLIE, "1",
               date_shipped="03/30/2024"),
]  # fmt: skip

# --- print_loop: Typeform --------------------------------------------------------------------

TYPEFORM_FILE = "Personalisation feedback.csv"
PERSONALISATION_QUESTION = "How happy are you with the personalisation?"
TYPEFORM_HEADER = [
    "#",
    PERSONALISATION_QUESTION,
    "What is your Etsy order number?",
    "Your email",
    "Your phone",
    "Response Type",
    "Start Date (UTC)",
    "Stage Date (UTC)",
    "Submit Date (UTC)",
    "Network ID",
    "Tags",
]
LESLIE_EMAIL = "leslie.hunter@example.com"
TYPEFORM_PHONE = "'+33 6 12 34 56 78"


def typeform_row(
    number: str, score: str, order: str, email: str, response_type: str, submit: str
) -> list[str]:
    return [number, score, order, email, TYPEFORM_PHONE, response_type, submit, submit,
            submit, "a1b2c3", ""]  # fmt: skip


TYPEFORM_ROWS = [
    # 22:30 UTC = 23:30 in Paris (CET, +1): still March
    typeform_row("k9x1", "9", "3001001", LESLIE_EMAIL, "completed", "2024-03-30 22:30:00"),
    # 22:30 UTC the day the clocks changed = 00:30 on April 1st in Paris (CEST, +2)
    typeform_row("k9x2", "7", "3001003", LESLIE_EMAIL, "completed", "2024-03-31 22:30:00"),
    # skipped: partial_response (dated after every accepted row)
    typeform_row("k9x3", "10", "", "", "partial", "2024-06-30 23:30:00"),
    typeform_row("k9x4", "8", "3001004", "noah.baker@example.com", "completed",
                 "2024-05-10 08:00:00"),
    # skipped: no_score (dated before every accepted row)
    typeform_row("k9x5", "", "3001002", "sam.guest@example.com", "completed",
                 "2024-01-10 12:00:00"),
    # 22:15 UTC on April 30 = 00:15 on May 1st in Paris
    typeform_row("k9x6", "6", "3001005", LESLIE_EMAIL, "completed", "2024-04-30 22:15:00"),
]  # fmt: skip

# --- print_loop: OctoPrint -------------------------------------------------------------------

OCTOPRINT_FILE = "2024-07-01-print-job-history.csv"
OCTOPRINT_USER = "jules_makes"


def print_job(result: str, start: str, file_name: str, material: str, weight: str) -> dict:
    return {
        "User": OCTOPRINT_USER,
        "Print result [success canceled failed]": result,
        "Start Datetime [dd.mm.yyyy hh:mm]": start,
        "End Datetime [dd.mm.yyyy hh:mm]": "-",
        "Duration": "1h2m3s",
        "File Name": file_name,
        "File Path": "prints/" + file_name,
        "File Size [bytes]": "123456",
        "Layers [current / total]": "120 / 120",
        "Height [current / total]": "24.0 / 24.0",
        "Note": "-",
        "Temperatures [bed:temp toolX:temp]": "bed:60 tool0:210",
        "Spool Vendor": "Prusament",
        "Spool Name": "Galaxy",
        "Material": material,
        "Diameter [mm]": "1.75",
        "Density [g/cm3]": "1.24",
        "Used Length [mm]": "-",
        "Calculated Length [mm]": "-",
        "Used Weight [g]": weight,
        "Used Filament Cost": "-",
        "Estimated Filament Cost": "-",
        "Estimated Electricity Cost": "-",
        "Estimated Printer Cost": "-",
        "Other Cost [label:value]": "-",
    }


OCTOPRINT_JOBS = [
    print_job("success", "05.03.2024 10:07", "keychain_v2.gcode", "PLA", "12.5"),
    print_job("failed", "12.03.2024 14:30", "phonestand.gcode", "PETG", "40"),  # counts
    print_job("canceled", "20.06.2024 09:00", "nametag.gcode", "recycled PETG", "-"),  # skip
    print_job("success", "02.04.2024 16:45", "lithophane.gcode", " Recycled PETG ", "37.5"),
    print_job("success", "10.02.2024 08:00", "test_cube.gcode", "PLA", "0"),  # skipped
    print_job("success", "15.05.2024 08:00", "organizer.gcode", "ABS", "100"),
    print_job("success", "25.06.2024 09:00", "bracket.gcode", "PLA", ""),  # skipped
]

PRINT3D_MATERIALS_YML = """\
materials:
  eco_friendly: [PLA, "recycled PETG"]
"""
PRINT3D_SOURCES_YML = f"""\
surveys:
  - file: "{TYPEFORM_FILE}"
    survey_type: customization
    score_column: "{PERSONALISATION_QUESTION}"
    scale_max: 10
    customer_column: "Your email"
    order_column: "What is your Etsy order number?"
materials:
  eco_friendly: [PLA, "recycled PETG"]
"""


# --- the folders ------------------------------------------------------------------------------


def write_registry(root: Path) -> None:
    write_csv(root / "businesses.csv", BUSINESSES_HEADER, BUSINESSES)


def write_jewelry_hand_kept(folder: Path) -> None:
    write_csv(folder / "customers.csv", CUSTOMERS_HEADER, JEWELRY_CUSTOMERS)
    write_csv(folder / "inquiries.csv", INQUIRIES_HEADER, JEWELRY_INQUIRIES)


def write_google_forms(folder: Path) -> None:
    write_csv(folder / SHEET_SURVEY_FILE, SHEET_SURVEY_HEADER, SHEET_SURVEY_ROWS)
    write_csv(folder / FORMS_SURVEY_FILE, FORMS_SURVEY_HEADER, FORMS_SURVEY_ROWS, quote_all=True)


def write_etsy(folder: Path) -> None:
    write_vendor_csv(folder / ETSY_ITEMS_FILE, ETSY_ITEMS_HEADER_LINE, ETSY_ITEMS)
    write_vendor_csv(
        folder / ETSY_ITEMS_EXCEL_FILE, ETSY_ITEMS_HEADER_LINE, ETSY_ITEMS_EXCEL, crlf=True
    )
    write_vendor_csv(folder / ETSY_ORDERS_FILE, ETSY_ORDERS_HEADER_LINE, ETSY_ORDERS)


def write_octoprint(folder: Path) -> None:
    write_vendor_csv(folder / OCTOPRINT_FILE, OCTOPRINT_HEADER_LINE, OCTOPRINT_JOBS, quote_all=True)


def write_downloads(root: Path) -> None:
    """The downloads folder: every fact of both businesses from the vendors' files."""
    write_registry(root)
    jewelry = root / JEWELRY
    write_shopify(jewelry)
    write_vendor_csv(jewelry / CALENDLY_FILE, CALENDLY_HEADER_LINE, CALENDLY_EVENTS)
    write_google_forms(jewelry)
    write_jewelry_hand_kept(jewelry)
    (jewelry / "sources.yml").write_text(JEWELRY_SOURCES_YML, encoding="utf-8")

    shop = root / PRINT3D
    write_etsy(shop)
    write_csv(shop / TYPEFORM_FILE, TYPEFORM_HEADER, TYPEFORM_ROWS)
    write_octoprint(shop)
    (shop / "sources.yml").write_text(PRINT3D_SOURCES_YML, encoding="utf-8")


# --- the same facts as docs/exports.md files (computed by hand) ------------------------------------

K_HUGO = customer_key(HUGO_NAME)  # no email, no phone, no billing phone: Billing Name
K_DANA = customer_key(DANA_PHONE)  # no email: Phone (as written, apostrophe included)
K_FRANK = customer_key(FRANK)
K_LESLIE = customer_key("lesliehunter")  # Buyer User ID / the username in Buyer
K_NOAH = customer_key("noahb3d")  # items file only: the username in Buyer
K_SAM = customer_key("Sam Guest")  # guest: no Buyer User ID, Full Name

# order_id, customer_id, ordered_at, status, inquiry_id, currency
JEWELRY_ORDERS = [
    ["#0990", "alice.martin@example.com", "2023-12-15 10:00:00", "completed", "", "USD"],
    ["#0991", K_HUGO, "2023-12-22 17:10:00", "completed", "", "USD"],
    ["#1001", ALICE, "2024-01-10 14:30:00", "completed", "", "USD"],
    ["#1002", BOB, "2024-02-05 09:15:00", "completed", "INQ-2", "USD"],  # partially_refunded
    ["#1003", CAROL, "2024-02-20 11:00:00", "cancelled", "INQ-3", "USD"],  # voided
    ["#1004", ALICE, "2024-02-25 15:00:00", "refunded", "", "USD"],
    ["#1005", K_DANA, "2024-03-12 16:45:00", "placed", "INQ-4", "USD"],  # draft
    ["#1006", ERIN, "2024-03-15 10:00:00", "cancelled", "", "USD"],  # refunded + Cancelled at
    ["#1007", GRACE, "2024-03-20 13:00:00", "in_production", "", "USD"],  # partial
    ["#1008", K_FRANK, "2024-01-25 11:20:00", "completed", "", "USD"],
    ["#1009", GRACE, "2024-06-02 10:00:00", "placed", "", "USD"],  # pending, unfulfilled
]
# order_item_id, order_id, product_name, is_custom_design, quantity, net_amount
JEWELRY_ORDER_ITEMS = [
    # G = 2600, D = 130: 2500 - 130 x 2500 / 2600 = 2375; 100 - 5 = 95
    ["#0990-1", "#0990", "Bespoke cufflinks", "true", "1", "2375"],
    ["#0990-2", "#0990", "Cufflink box", "false", "1", "95"],
    ["#0991-1", "#0991", "Silver hoops", "false", "1", "180"],
    # G = 4000, D = 200: 3000 - 0 - 150 = 2850; 1000 - 20 - 50 = 930
    ["#1001-1", "#1001", "Bespoke engagement ring", "true", "1", "2850"],
    ["#1001-2", "#1001", "Silver chain", "false", "2", "930"],
    ["#1002-1", "#1002", "Engraved pendant", "true", "1", "1200"],
    ["#1003-1", "#1003", "Bespoke bracelet", "true", "1", "5000"],
    ["#1004-1", "#1004", "Bespoke earrings", "true", "1", "2000"],
    # draft order: every line custom; G = 5000, D = 500
    ["#1005-1", "#1005", "Signet ring", "true", "1", "3600"],
    ["#1005-2", "#1005", "Gold band", "true", "1", "900"],
    ["#1006-1", "#1006", "Bespoke tiara", "true", "1", "9000"],
    # tag Made-To-Order: every line custom
    ["#1007-1", "#1007", "Pearl necklace", "true", "2", "1500"],
    ["#1007-2", "#1007", "Gift box", "true", "1", "0"],
    # tag made-to-order-later is not the whole tag
    ["#1008-1", "#1008", "Stud earrings", "false", "1", "300"],
    ["#1009-1", "#1009", "Bespoke brooch", "true", "1", "1800"],
]
CONSULTATIONS_HEADER = [
    "consultation_id", "customer_id", "started_at", "duration_minutes", "designer",
]  # fmt: skip
JEWELRY_CONSULTATIONS = [
    ["INV-0001", "alice.martin@example.com", "2024-01-08 10:00", "90", INES],
    ["INV-0002", BOB, "2024-02-01 14:00", "75", MARC],
    ["INV-0006", GRACE, "2024-03-05 12:00", "60", INES],
    ["EV-0007-dave", DAVE, "2024-03-06 23:30", "45", MARC],
    ["INV-0008", "alice.martin@example.com", "2024-06-10 09:00", "90", INES],
]
SURVEYS_HEADER = [
    "response_id", "survey_type", "score", "scale_max", "responded_at", "customer_id",
    "order_id",
]  # fmt: skip
JEWELRY_SURVEYS = [
    ["S1", "finished_piece", "5", "5", "2024-01-15 09:05:36", "alice.martin@example.com", "#1001"],
    ["S2", "finished_piece", "3", "5", "2024-02-10 22:05:36", BOB, "#1002"],
    ["S3", "finished_piece", "4", "5", "2024-06-15 18:30:00", GRACE, "#1009"],
    ["S4", "finished_piece", "4", "5", "2024-04-02 18:31:58", DAVE, ""],
    ["S5", "finished_piece", "2", "5", "2024-04-20 11:05:00", "hugo.ferrand@example.fr", ""],
    ["S6", "finished_piece", "5", "5", "2024-05-03 12:15:00", FRANK, ""],
    ["S7", "finished_piece", "5", "5", "2024-05-31 00:05:00", BOB, ""],
]

PRINT3D_ORDERS = [
    ["3001001", K_LESLIE, "2024-03-02", "shipped", "", "EUR"],
    ["3001002", K_SAM, "2024-03-15", "placed", "", "EUR"],
    ["3001003", K_LESLIE, "2024-04-02", "refunded", "", "EUR"],  # adjusted net -28.50
    ["3001004", K_NOAH, "2024-04-20", "placed", "", "EUR"],  # items file only
    ["3001005", K_LESLIE, "2024-05-10", "shipped", "", "EUR"],  # adjusted net +10.00
    ["3001006", K_LESLIE, "2024-03-28", "shipped", "", "EUR"],
]
PRINT3D_ORDER_ITEMS = [
    # G = 40, D = 5: 25 - 5 x 25 / 40 = 21.875; 15 - 1.875 = 13.125
    ["4001", "3001001", "Custom name keychain", "true", "2", "21.875"],
    ["4002", "3001001", "Phone stand", "false", "1", "13.125"],
    ["4003", "3001002", "Name tag", "true", "3", "12.6"],  # personalization
    ["4004", "3001003", "Custom phone case", "true", "1", "30"],
    # G = 32, D = 2: 10 - 0.625 = 9.375; 22 - 1.375 = 20.625
    ["4005", "3001004", "Cable clip", "false", "4", "9.375"],
    ["4006", "3001004", "Desk organizer", "false", "1", "20.625"],
    ["4007", "3001005", "Custom lithophane", "true", "1", "40"],
    ["4008", "3001006", "Phone stand", "false", "1", "15"],
]
PRINT3D_SURVEYS = [
    ["k9x1", "customization", "9", "10", "2024-03-30 23:30:00", LESLIE_EMAIL, "3001001"],
    ["k9x2", "customization", "7", "10", "2024-04-01 00:30:00", LESLIE_EMAIL, "3001003"],
    ["k9x4", "customization", "8", "10", "2024-05-10 10:00:00", "noah.baker@example.com",
     "3001004"],
    ["k9x6", "customization", "6", "10", "2024-05-01 00:15:00", LESLIE_EMAIL, "3001005"],
]  # fmt: skip
MATERIAL_USAGE_HEADER = [
    "usage_id", "used_at", "material", "is_eco_friendly", "quantity_kg", "job_id",
]  # fmt: skip
PRINT3D_MATERIAL_USAGE = [
    ["05.03.2024 10:07 keychain_v2.gcode", "2024-03-05 10:07", "PLA", "true", "0.0125", ""],
    ["12.03.2024 14:30 phonestand.gcode", "2024-03-12 14:30", "PETG", "false", "0.04", ""],
    ["02.04.2024 16:45 lithophane.gcode", "2024-04-02 16:45", "Recycled PETG", "true", "0.0375",
     ""],
    ["15.05.2024 08:00 organizer.gcode", "2024-05-15 08:00", "ABS", "false", "0.1", ""],
]  # fmt: skip


def write_exports_csv(path: Path, export_name: str, header: list[str], rows: list[list]) -> None:
    """An export file in the contract's column order (header given in its own order)."""
    columns = contract_header(export_name)
    assert set(header) <= set(columns), (export_name, set(header) - set(columns))
    ordered = [[dict(zip(header, row, strict=True)).get(c, "") for c in columns] for row in rows]
    write_csv(path, columns, ordered)


ORDERS_HEADER = ["order_id", "customer_id", "ordered_at", "status", "inquiry_id", "currency"]
ORDER_ITEMS_HEADER = [
    "order_item_id", "order_id", "product_name", "is_custom_design", "quantity", "net_amount",
]  # fmt: skip


def write_equivalent_exports(root: Path) -> None:
    """The facts of `write_downloads`, as the hand-kept exports of docs/exports.md."""
    write_registry(root)
    jewelry = root / JEWELRY
    write_jewelry_hand_kept(jewelry)
    write_exports_csv(jewelry / "orders.csv", "orders", ORDERS_HEADER, JEWELRY_ORDERS)
    write_exports_csv(
        jewelry / "order_items.csv", "order_items", ORDER_ITEMS_HEADER, JEWELRY_ORDER_ITEMS
    )
    write_exports_csv(
        jewelry / "consultations.csv", "consultations", CONSULTATIONS_HEADER, JEWELRY_CONSULTATIONS
    )
    write_exports_csv(jewelry / "surveys.csv", "surveys", SURVEYS_HEADER, JEWELRY_SURVEYS)

    shop = root / PRINT3D
    write_exports_csv(shop / "orders.csv", "orders", ORDERS_HEADER, PRINT3D_ORDERS)
    write_exports_csv(
        shop / "order_items.csv", "order_items", ORDER_ITEMS_HEADER, PRINT3D_ORDER_ITEMS
    )
    write_exports_csv(shop / "surveys.csv", "surveys", SURVEYS_HEADER, PRINT3D_SURVEYS)
    write_exports_csv(
        shop / "material_usage.csv",
        "material_usage",
        MATERIAL_USAGE_HEADER,
        PRINT3D_MATERIAL_USAGE,
    )


def write_mixed(root: Path) -> None:
    """Hand-kept exports and downloads side by side, the same facts again.

    atelier_lumen: the current Shopify export + a hand-kept orders.csv / order_items.csv
    holding the vintage export's orders (both feed `orders`), hand-kept consultations.csv
    instead of Calendly, both Google Forms files. print_loop: the Etsy files, hand-kept
    surveys.csv instead of Typeform, the OctoPrint history.
    """
    write_registry(root)
    jewelry = root / JEWELRY
    write_vendor_csv(jewelry / SHOPIFY_FILE, SHOPIFY_HEADER_LINE, shopify_rows(SHOPIFY_ORDERS))
    vintage = {"#0990", "#0991"}
    write_exports_csv(
        jewelry / "orders.csv",
        "orders",
        ORDERS_HEADER,
        [row for row in JEWELRY_ORDERS if row[0] in vintage],
    )
    write_exports_csv(
        jewelry / "order_items.csv",
        "order_items",
        ORDER_ITEMS_HEADER,
        [row for row in JEWELRY_ORDER_ITEMS if row[1] in vintage],
    )
    write_exports_csv(
        jewelry / "consultations.csv", "consultations", CONSULTATIONS_HEADER, JEWELRY_CONSULTATIONS
    )
    write_google_forms(jewelry)
    write_jewelry_hand_kept(jewelry)
    (jewelry / "sources.yml").write_text(JEWELRY_SOURCES_YML, encoding="utf-8")

    shop = root / PRINT3D
    write_etsy(shop)
    write_exports_csv(shop / "surveys.csv", "surveys", SURVEYS_HEADER, PRINT3D_SURVEYS)
    write_octoprint(shop)
    (shop / "sources.yml").write_text(PRINT3D_MATERIALS_YML, encoding="utf-8")


# --- additions to the downloads folder: a second copy, bad lines, a stray file ---------------

STRAY_FILE = "Inventory - Sheet1.csv"
HIDDEN_FILE = ".orders_export_9.csv"
BAD_CREATED_AT = "12/07/2024 19:08"
BAD_ETSY_SALE_DATE = "2024-06-03"

# (business, export_name, file_name, line_number, column, value) of every rejected line the
# additions hold, besides the duplicated Shopify export.
PLANTED_REJECTIONS = [
    (JEWELRY, "shopify_orders", SHOPIFY_BAD_FILE, 3, "Created at", BAD_CREATED_AT),
    (PRINT3D, "etsy_order_items", ETSY_ITEMS_EXCEL_FILE, 6, "Sale Date", BAD_ETSY_SALE_DATE),
]


def add_duplicate_and_bad_files(root: Path) -> None:
    """To a downloads folder: the current Shopify export downloaded again (a copy with a
    newer mtime), a Shopify file with an unparseable `Created at`, a line with a date in no
    Etsy form at the end of an Etsy items file, a stray CSV and a hidden Shopify file. None of them changes a KPI:
    the copy holds the same facts, the bad Shopify file's good line is a cancelled order
    dated inside the range, and the bad lines are rejected. (Each file keeps at most half of
    its lines rejected, apart from the older Shopify copy.)"""
    jewelry = root / JEWELRY
    original = jewelry / SHOPIFY_FILE
    copy = jewelry / SHOPIFY_COPY_FILE
    shutil.copyfile(original, copy)
    stamp = original.stat().st_mtime
    os.utime(original, (stamp - 3600, stamp - 3600))
    os.utime(copy, (stamp + 3600, stamp + 3600))

    bad_orders = [
        {
            "Name": "#1011",  # record spanning two text lines (Notes): spreadsheet line 2
            "Email": IVY,
            "Financial Status": "voided",
            "Currency": "USD",
            "Created at": "2024-04-10 10:00:00 -0400",
            "Cancelled at": "2024-04-10 12:00:00 -0400",
            "Billing Name": "Ivy Chen",
            "Notes": "Changed her mind\nrefund issued",
            "lines": [("1", "Bespoke locket", "700.00", "0.00")],
        },
        {
            "Name": "#1010",  # spreadsheet line 3
            "Email": IVY,
            "Financial Status": "paid",
            "Fulfillment Status": "fulfilled",
            "Currency": "USD",
            "Created at": BAD_CREATED_AT,
            "Billing Name": "Ivy Chen",
            "lines": [("1", "Bespoke ring", "900.00", "0.00")],
        },
    ]
    write_vendor_csv(jewelry / SHOPIFY_BAD_FILE, SHOPIFY_HEADER_LINE, shopify_rows(bad_orders))
    write_csv(jewelry / STRAY_FILE, ["SKU", "Stock", "Location"], [["RING-01", "3", "safe"]])
    # a hidden file (an editor's lock or backup copy) holding a big sale: never read
    hidden_order = {
        "Name": "#2000",
        "Email": IVY,
        "Financial Status": "paid",
        "Fulfillment Status": "fulfilled",
        "Currency": "USD",
        "Created at": "2024-05-05 10:00:00 -0400",
        "lines": [("3", "Bespoke crown", "20000.00", "0.00")],
    }
    write_vendor_csv(jewelry / HIDDEN_FILE, SHOPIFY_HEADER_LINE, shopify_rows([hidden_order]))

    bad_item = etsy_item(
        BAD_ETSY_SALE_DATE, "Custom coaster", NOAH, "1", "9", "4009", "3001007", "Color:Blue"
    )
    write_vendor_csv(
        root / PRINT3D / ETSY_ITEMS_EXCEL_FILE,
        ETSY_ITEMS_HEADER_LINE,
        [*ETSY_ITEMS_EXCEL, bad_item],
        crlf=True,
    )


# --- what the tests expect --------------------------------------------------------------------

# (business, file) -> (source, rows read, accepted, rejected, skipped by skip code)
EXPECTED_FILE_COUNTS: dict[tuple[str, str], tuple[str, int, int, int, dict[str, int]]] = {
    (JEWELRY, SHOPIFY_FILE): ("shopify_orders", 12, 12, 0, {}),
    (JEWELRY, SHOPIFY_VINTAGE_FILE): ("shopify_orders", 3, 3, 0, {}),
    (JEWELRY, CALENDLY_FILE): (
        "calendly_events",
        8,
        5,
        0,
        {"cancelled_booking": 1, "no_show": 1, "event_type_not_listed": 1},
    ),
    (JEWELRY, SHEET_SURVEY_FILE): ("survey_responses", 4, 3, 0, {"no_score": 1}),
    (JEWELRY, FORMS_SURVEY_FILE): ("survey_responses", 4, 4, 0, {}),
    (JEWELRY, "customers.csv"): ("customers", 4, 4, 0, {}),
    (JEWELRY, "inquiries.csv"): ("inquiries", 4, 4, 0, {}),
    (PRINT3D, ETSY_ITEMS_FILE): ("etsy_order_items", 4, 4, 0, {}),
    (PRINT3D, ETSY_ITEMS_EXCEL_FILE): ("etsy_order_items", 4, 4, 0, {}),
    (PRINT3D, ETSY_ORDERS_FILE): ("etsy_orders", 5, 5, 0, {}),
    (PRINT3D, TYPEFORM_FILE): (
        "survey_responses",
        6,
        4,
        0,
        {"partial_response": 1, "no_score": 1},
    ),
    (PRINT3D, OCTOPRINT_FILE): ("octoprint_jobs", 7, 4, 0, {"no_material_recorded": 3}),
}

# Every personal value the downloads and hand-kept files hold (customers' emails, names,
# usernames, phones, addresses; the staff email and the printer's user).
PERSONAL_VALUES = sorted(
    {
        ALICE,
        "alice.martin@example.com",
        BOB,
        CAROL,
        ERIN,
        FRANK,
        GRACE,
        DAVE,
        IVY,
        "hugo.ferrand@example.fr",
        STAFF_EMAIL,
        "Alice Martin",
        "Bob Keller",
        "Carol Nguyen",
        "Erin Walsh",
        "Frank Osei",
        "Grace Okafor",
        "Dave Brennan",
        "Dana Whitfield",
        HUGO_NAME,
        "Ivy Chen",
        "Keller",
        "Nguyen",
        "Okafor",
        "Whitfield",
        "Brennan",
        DANA_PHONE,
        DANA_PHONE.lstrip("'"),
        DANA_BILLING_PHONE,
        DANA_BILLING_PHONE.lstrip("'"),
        "617 555",
        "12 Beacon Street",
        LESLIE,
        "Leslie Hunter",
        "Leslie",
        "lesliehunter",
        NOAH,
        "Noah Baker",
        "noahb3d",
        SAM,
        LESLIE_EMAIL,
        "noah.baker@example.com",
        "sam.guest@example.com",
        TYPEFORM_PHONE,
        TYPEFORM_PHONE.lstrip("'"),
        "8 Rue Mercière",
        OCTOPRINT_USER,
        "example.com",
        "example.org",
        "example.net",
        "example.fr",
    }
)
