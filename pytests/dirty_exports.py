"""A dirty exports folder with one planted bad row per contract rule, and its clean twin.

`write_dirty_exports(root)` writes the folder and returns the rejections the audit must
hold, as (business_id, export_name, line_number, rejection_code); `clean=True` writes the
same folder with every planted row left out (the "clean twin"), so that KPIs of both
folders must be equal. `planted_rows(root)` does the same and returns `Planted` records,
which also say what the reason must name (the column or the id, and the value).

Two businesses, written in two styles:
- `bijoux` (luxury_custom_jewelry, USD): comma-separated, LF, a blank line and a record
  spanning three physical lines, so line numbers are spreadsheet rows, not file lines.
- `print3d` (custom_3d_accessories, EUR): semicolon-separated, CRLF, UTF-8 BOM, decimal
  commas; no customers, consultations or design files (a business without some exports).

Every row with a `code` is a planted bad row; every row without one is valid and must be
accepted. The planted rows are designed so that leaving them out changes no KPI: a
duplicate's earlier row is planted (the later one is in both folders), the children of a
rejected parent are planted too, and a rejected customer only loses what a customer absent
from customers.csv loses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pytests.csv_files import contract_header, write_csv

BIJOUX = "bijoux"
PRINT3D = "print3d"

REGISTRY = [  # the rows of businesses.csv
    [BIJOUX, "Bijoux Éclat", "luxury_custom_jewelry", "USD"],
    [PRINT3D, "Print 3D Lab", "custom_3d_accessories", "EUR"],
]


@dataclass(frozen=True)
class Row:
    """One record as written (a list of fields, possibly more or fewer than the header).

    `code` is the expected rejection code (None: the row must be accepted); `mentions` are
    the texts the rejection reason must contain (the column or the id, and the value).
    """

    values: list[str]
    code: str | None = None
    mentions: tuple[str, ...] = ()


BLANK = Row(values=[])  # an empty line: no record, but it takes a spreadsheet row


@dataclass(frozen=True)
class ExportFile:
    """One export file, written with the contract's header."""

    business_id: str
    export_name: str
    rows: list[Row]
    separator: str = ","
    crlf: bool = False
    bom: bool = False


@dataclass(frozen=True)
class Planted:
    business_id: str
    export_name: str
    line_number: int
    rejection_code: str
    mentions: tuple[str, ...] = field(default=())

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.business_id, self.export_name, self.line_number, self.rejection_code)


def _r(line: str, code: str | None = None, *mentions: str, sep: str = ",") -> Row:
    """A row from `a,b,c` shorthand (no quoting: use `Row` directly for quoted fields)."""
    return Row(values=line.split(sep), code=code, mentions=mentions)


def _s(line: str, code: str | None = None, *mentions: str) -> Row:
    return _r(line, code, *mentions, sep=";")


def _bijoux_files() -> list[ExportFile]:
    b = BIJOUX
    return [
        ExportFile(
            b,
            "customers",
            [
                _r("C1,2025-01-05,instagram,,ana@example.com,Ana Lopez,FR"),
                _r("C2,2025-01-10,referral,C1,bo@example.com,Bo Chen,US"),
                _r("C3,2025-02-01 10:30,website,,cy@example.com,Cyril Émond,FR"),
                _r("C4,,referral,C1,di@example.com,Di Park,US", "missing_value", "created_at"),
                _r(
                    "C5,2025-02-29,walk_in,,ed@example.com,Ed Moss,US",
                    "unparseable",
                    "created_at",
                    "2025-02-29",
                ),
                _r("C6,2025-03-01T09:15:00,referral,C2,fa@example.com,Fa Ng,US"),
            ],
        ),
        ExportFile(
            b,
            "orders",
            [
                _r("O1,C1,2025-01-06 14:00,completed,Q1,USD"),
                _r("O2,C2,2025-01-12,shipped,,"),
                _r("O3,C1,2025-02-03 09:00:00,completed,Q2,USD"),
                BLANK,
                _r("O4,C3,2025-02-05,placed,,"),
                _r("O5,C2,2025-02-10,placed,,", "duplicate_id", "order_id", "O5"),
                _r("O6,C4,2025-02-15,shiped,,", "unknown_value", "status", "shiped"),
                _r("O7,C3,2025-02-20,completed,,EUR", "currency_mismatch", "currency", "EUR"),
                _r("O8,C2,02/03/2025,completed,,", "unparseable", "ordered_at", "02/03/2025"),
                _r("O9,C4,2025-03-02,completed,Q3,USD"),
                _r("O5,C2,2025-02-11,completed,,"),
                _r("O11,C6,2025-03-05,cancelled,,"),
                _r("O12,,2025-03-06,completed,,", "missing_value", "customer_id"),
                # the last row wins even when it is invalid: both rows are rejected
                _r("O13,C1,2025-03-07,placed,,", "duplicate_id", "order_id", "O13"),
                _r("O13 ,C1,2025-03-08,delivered,,", "unknown_value", "status", "delivered"),
            ],
        ),
        ExportFile(
            b,
            "order_items",
            [
                Row(["I1", "O1", 'Bague "Solitaire", or', "true", "1", "2500.00"]),
                _r("I2,O1,Chaîne,false,2,300"),
                Row(["I3", "O2", "Pendentif\ngravé\nà la main", "TRUE", "1", "1800.5"]),
                _r("I4,O3,Alliance,yes,2.0,1200"),
                _r("I5,O4,Boucles,no,1,450"),
                _r("I6,O5,Bague,true,1,3100"),  # the order's later row wins: accepted
                _r("I7,O9,Broche,Y,1,900"),
                _r("I8,O11,Bague,true,1,700"),
                _r("I20,O1,Bague,maybe,1,100", "unparseable", "is_custom_design", "maybe"),
                _r("I21,O1,Bague,true,0,100", "out_of_range", "quantity", "0"),
                _r("I22,O1,Bague,true,2.5,100", "out_of_range", "quantity", "2.5"),
                _r("I23,O1,Bague,true,two,100", "unparseable", "quantity", "two"),
                _r("I24,O1,Bague,true,1,-5", "out_of_range", "net_amount", "-5"),
                Row(
                    ["I25", "O1", "Bague", "true", "1", "12,50"],
                    "unparseable",
                    ("net_amount", "12,50"),
                ),
                _r("I26,O999,Bague,true,1,100", "missing_reference", "order_id", "O999"),
                _r("I27,O6,Bague,true,1,100", "parent_rejected", "order_id", "O6"),
                _r("I28,O7,Bague,true,1,100", "parent_rejected", "order_id", "O7"),
                _r("I29,O1,Bague,true,1,100,surplus", "malformed_record", "7", "6"),
                # several faults: the first by column order is reported
                _r("I30,O1,Bague,sometimes,0,-1", "unparseable", "is_custom_design", "sometimes"),
                _r("I31,O1,Bague,true,1,", "missing_value", "net_amount"),
                _r("I32,O8,Bague,true,1,100", "parent_rejected", "order_id", "O8"),
                _r("I33,O1,Bague,true,1,150", "duplicate_id", "order_item_id", "I33"),
                _r("I33,O3,Bague,false,1,150"),
                _r("I9, O3 ,Pin,false,1,80"),  # ids are compared after trimming spaces
                _r("I34,O13,Bague,true,1,100", "parent_rejected", "order_id", "O13"),
                # ids are unique within a business: print3d's PO1 is not bijoux's
                _r("I35,PO1,Bague,true,1,100", "missing_reference", "order_id", "PO1"),
            ],
        ),
        ExportFile(
            b,
            "inquiries",
            [
                _r("Q1,2025-01-02,C1,instagram"),
                _r("Q2,2025-01-20,C1,website"),
                _r("Q3,2025-02-25,C4,email"),
                _r("Q4,2025-02-26,,walk_in"),
                _r("Q5,2025-13-01,,web", "unparseable", "received_at", "2025-13-01"),
                _r("Q6,2025-03-01,,web", "duplicate_id", "inquiry_id", "Q6"),
                _r("Q6,2025-03-02,,web"),
                _r("Q7,2025-03-03,,web", "duplicate_id", "inquiry_id", "Q7"),
                _r("Q7,2025-03-32,,web", "unparseable", "received_at", "2025-03-32"),
            ],
        ),
        ExportFile(
            b,
            "design_projects",
            [
                _r("P1,C1,Q1,2025-01-03,finalized,2025-01-25"),
                _r("P2,C2,,2025-01-15,finalized,2025-02-20 11:00"),
                _r("P3,C3,,2025-02-01,in_progress,"),
                _r("P4,C1,Q2,2025-02-02,finalized,", "missing_value", "finalized_at"),
                _r(
                    "P5,C3,,2025-02-03,in_progress,2025-02-28",
                    "unexpected_value",
                    "finalized_at",
                    "2025-02-28",
                ),
                _r("P6,C2,,2025-02-04,on_hold,", "unknown_value", "status", "on_hold"),
            ],
        ),
        ExportFile(
            b,
            "design_iterations",
            [
                _r("IT1,P1,1,2025-01-05"),
                _r("IT2,P1,2,2025-01-12"),
                _r("IT3,P1,3,2025-01-20"),
                _r("IT4,P2,1,2025-01-20"),
                _r("IT5,P2,2,2025-02-10"),
                _r("IT6,P3,1,2025-02-05"),
                _r("IT7,P4,1,2025-02-06", "parent_rejected", "project_id", "P4"),
                _r("IT8,P99,1,2025-02-06", "missing_reference", "project_id", "P99"),
                _r("IT9,P1,0,2025-01-21", "out_of_range", "iteration_number", "0"),
                _r("IT10,P6,1,2025-02-07", "parent_rejected", "project_id", "P6"),
            ],
        ),
        ExportFile(
            b,
            "consultations",
            [
                _r("K1,C1,2025-01-04 10:00,60,Léa"),
                _r("K2,C2,2025-01-16 15:30,45.5,Marc"),
                _r("K3,C1,2025-02-02 11:00,30,Léa"),
                _r("K4,C3,2025-02-03,0,Léa", "out_of_range", "duration_minutes", "0"),
                _r("K5,,2025-02-03,30,Léa", "missing_value", "customer_id"),
                _r("K6,C3,2025-02-04 9h,30,Léa", "unparseable", "started_at", "2025-02-04 9h"),
            ],
        ),
        ExportFile(
            b,
            "surveys",
            [
                _r("S1,finished_piece,5,5,2025-01-30,C1,O1"),
                _r("S2,finished_piece,8,10,2025-02-15,C2,O2"),
                _r("S3,finished_piece,3,5,2025-02-20,C3,O4"),
                _r("S4,finished_piece,6,5,2025-02-21,C1,O3", "out_of_range", "score", "6"),
                _r("S5,finished,5,5,2025-02-21,C1,O3", "unknown_value", "survey_type", "finished"),
            ],
        ),
    ]


def _print3d_files() -> list[ExportFile]:
    p = PRINT3D
    style = {"separator": ";", "crlf": True}
    return [
        ExportFile(
            p,
            "orders",
            [
                _s("PO1;K1;2025-01-08;completed;L1;EUR"),
                _s("PO2;K2;2025-01-20;completed;;"),
                _s("PO3;K1;2025-02-10;shipped;;EUR"),
                _s("PO4;K3;2025-02-12;refunded;;"),
                _s("PO5;K2;2025-02-14;completed;;USD", "currency_mismatch", "currency", "USD"),
                _s("PO6;K2;2025-03-01;placed;L2;", "duplicate_id", "order_id", "PO6"),
                _s("PO7;K4;2025-03-03;placed;;"),
                _s("PO6;K2;2025-03-01 12:00;completed;L2;"),
            ],
            bom=True,
            **style,
        ),
        ExportFile(
            p,
            "order_items",
            [
                Row(["PI1", "PO1", 'Coque "perso"', "true", "2", "24,90"]),
                _s("PI2;PO1;Porte-clés;false;3;9,5"),
                Row(["PI3", "PO2", "Support; casque\r\nnoir", "f", "1", "15"]),
                _s("PI4;PO3;Figurine;t;1;40.00"),
                _s("PI5;PO4;Coque;true;1;20"),
                _s("PI6;PO6;Coque;true;4;99,60"),
                _s("PI7;PO7;Clip;0;10;5"),
                _s("PI20;PO5;Coque;true;1;10", "parent_rejected", "order_id", "PO5"),
                # too few fields: padded, so the first required empty column is reported
                _s("PI21;PO3", "missing_value", "is_custom_design"),
                _s("PI22;PO1;Coque;true;1;1.000,50", "unparseable", "net_amount", "1.000,50"),
                _s("PI23;PO1;Coque;true;1;12,5;surplus", "malformed_record", "7", "6"),
            ],
            bom=True,
            **style,
        ),
        ExportFile(
            p,
            "inquiries",
            [
                _s("L1;2025-01-05;K1;instagram"),
                _s("L2;2025-02-20;K2;tiktok"),
                _s("L3;2025-02-25;;web"),
                _s("L4;yesterday;;web", "unparseable", "received_at", "yesterday"),
            ],
            **style,
        ),
        ExportFile(
            p,
            "production_jobs",
            [
                _s("J1;PI1;2025-01-08 09:00;2025-01-10 17:00;2"),
                _s("J2;PI3;2025-01-21;2025-01-22 12:00;1"),
                _s("J3;PI6;2025-03-01 13:00;;4"),
                _s(
                    "J4;PI4;2025-02-11 10:00;2025-02-10 10:00;1",
                    "out_of_range",
                    "completed_at",
                    "2025-02-10 10:00",
                ),
                _s("J5;PI5;2025-02-12;2025-02-13;0", "out_of_range", "quantity", "0"),
                _s("J6;PI5;2025-02-12 25:00;;1", "unparseable", "design_started_at", "25:00"),
            ],
            **style,
        ),
        ExportFile(
            p,
            "material_usage",
            [
                _s("M1;2025-01-09;PLA;true;1,25;J1"),
                _s("M2;2025-01-21;resin;false;0,4;J2"),
                _s("M3;2025-03-01;recycled PETG;yes;2;J3"),
                _s("M4;2025-02-01;PLA;oui;1;", "unparseable", "is_eco_friendly", "oui"),
                _s("M5;2025-02-02;PLA;true;0;", "out_of_range", "quantity_kg", "0"),
                _s("M6;2025-02-02;;true;1;", "missing_value", "material"),
            ],
            **style,
        ),
        ExportFile(
            p,
            "social_engagement",
            [
                _s("2025-01-15;instagram;custom_design;120;10;5;3"),
                _s("2025-01-15;instagram;other;40;2;1;0"),
                _s("2025-02-15;tiktok;custom_design;300;20;15;12"),
                _s("2025-03-15;instagram;custom_design;150;9;4;2"),
                _s("2025-02-20;instagram;reel;10;1;1;1", "unknown_value", "content_type", "reel"),
                _s("2025-02-21;instagram;custom_design;-1;0;0;0", "out_of_range", "likes", "-1"),
                # a decimal comma in an integer column: 1.5 is not whole
                _s("2025-02-22;pinterest;custom_design;10;1,5;0;0", "out_of_range", "comments"),
            ],
            **style,
        ),
        ExportFile(
            p,
            "surveys",
            [
                _s("S1;customization;4;5;2025-01-25;K1;PO1"),
                _s("S2;customization;9;10;2025-02-20;K2;PO2"),
                _s("S3;customization;2,5;5;2025-03-05;K1;"),
                _s("S6;finished_piece;4;5;2025-03-07;K2;"),
                _s("S4;customization;11;10;2025-03-06;K1;", "out_of_range", "score", "11"),
                _s(
                    "S5;customisation;4;5;2025-03-06;K1;",
                    "unknown_value",
                    "survey_type",
                    "customisation",
                ),
            ],
            **style,
        ),
    ]


def export_files() -> list[ExportFile]:
    """Every file of the dirty folder (the registry excluded), dirty rows included."""
    return _bijoux_files() + _print3d_files()


def planted_rows(root: Path, *, clean: bool = False) -> list[Planted]:
    """Write the dirty folder (or its clean twin) at `root`; the planted bad rows."""
    root.mkdir(parents=True, exist_ok=True)
    write_csv(root / "businesses.csv", contract_header("businesses"), REGISTRY)
    planted: list[Planted] = []
    for export in export_files():
        kept = [row for row in export.rows if not (clean and row.code)]
        write_csv(
            root / export.business_id / f"{export.export_name}.csv",
            contract_header(export.export_name),
            [row.values for row in kept],
            separator=export.separator,
            crlf=export.crlf,
            bom=export.bom,
        )
        for index, row in enumerate(kept):
            if row.code:
                planted.append(
                    Planted(
                        business_id=export.business_id,
                        export_name=export.export_name,
                        line_number=index + 2,  # header is line 1, blank lines count
                        rejection_code=row.code,
                        mentions=row.mentions,
                    )
                )
    return planted


def write_dirty_exports(root: Path, *, clean: bool = False) -> list[tuple[str, str, int, str]]:
    """Write the dirty folder (or, with `clean`, its twin without the planted rows) at
    `root`; the expected rejections as (business_id, export_name, line_number, code)."""
    return [p.key for p in planted_rows(root, clean=clean)]
