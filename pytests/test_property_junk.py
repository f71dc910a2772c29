"""Property tests (hypothesis): random junk rows never crash the reader or the build, and
every record written is counted (rows read = accepted + rejected = records in the file).

Junk rows are random fields (random text with separators, quotes, line breaks and accents,
or values that look typed: dates, numbers, booleans, enum values, ids, decimal commas), of
random length (missing, fewer or more fields than the header), written with the `csv`
module with a random separator (`;` or `,`), quoting, line end and byte-order mark per file,
and appended to a small valid exports folder.

Two levels:
- the pure reader (no dbt), 100 examples: only `ExportsError` may be raised (and only for
  a file that is not UTF-8), one row per non-blank record written, line numbers the
  spreadsheet rows of those records (strictly increasing from 2), fields as written;
- a full `dbt build`, which costs several seconds per example, so only 5 examples
  (`max_examples=5`): the build succeeds and counts are conserved for every file.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atelier.contract import load_contract
from atelier.reader import ExportsError, read_export
from pytests.csv_files import contract_header, write_csv
from pytests.dbt_helpers import audited_rows_read, build

# Every accented letter here is invalid UTF-8 when encoded as latin-1 (its byte is a lead
# byte followed by an ASCII or another lead byte), so a latin-1 file with one is never UTF-8.
ALPHABET = "abcXYZ019 -_.:/'\t;,\"\n\r\r\néàçüÉ"
TYPED_LOOKING = [
    "",
    " ",
    "2025-01-15",
    "2025-02-29",
    "2025-01-15 10:30",
    "2025-01-15T10:30:00",
    "15/01/2025",
    "true",
    "no",
    "Y",
    "1",
    "0",
    "-1",
    "2.5",
    "2.0",
    "12,50",
    "1e3",
    "1.000,50",
    "99999999999999999999",
    "O1",
    "P1",
    "C1",
    "completed",
    "finalized",
    "in_progress",
    "customization",
    "custom_design",
    "USD",
    "EUR",
]

REGISTRY = [  # the rows of businesses.csv
    ["bijoux", "Bijoux", "luxury_custom_jewelry", "USD"],
    ["print3d", "Print 3D", "custom_3d_accessories", "EUR"],
]

# A small valid folder: (business, export) -> rows, in the contract's column order.
VALID: dict[tuple[str, str], list[list[str]]] = {
    ("bijoux", "customers"): [
        ["C1", "2025-01-05", "instagram", "", "", "", ""],
        ["C2", "2025-01-10", "referral", "C1", "", "", ""],
    ],
    ("bijoux", "orders"): [
        ["O1", "C1", "2025-01-06", "completed", "Q1", "USD"],
        ["O2", "C2", "2025-02-12", "shipped", "", ""],
    ],
    ("bijoux", "order_items"): [
        ["I1", "O1", "Bague", "true", "1", "2500"],
        ["I2", "O2", "Chaîne", "false", "2", "300.5"],
    ],
    ("bijoux", "inquiries"): [["Q1", "2025-01-02", "C1", "web"]],
    ("bijoux", "design_projects"): [
        ["P1", "C1", "Q1", "2025-01-03", "finalized", "2025-01-25"],
    ],
    ("bijoux", "design_iterations"): [["IT1", "P1", "1", "2025-01-05"]],
    ("bijoux", "consultations"): [["K1", "C1", "2025-01-04 10:00", "60", "Léa"]],
    ("bijoux", "surveys"): [["S1", "finished_piece", "5", "5", "2025-01-30", "C1", "O1"]],
    ("print3d", "orders"): [["O1", "K1", "2025-01-08", "completed", "", "EUR"]],
    ("print3d", "order_items"): [["I1", "O1", "Coque", "true", "2", "24.90"]],
    ("print3d", "production_jobs"): [["J1", "I1", "2025-01-08", "2025-01-10", "2"]],
    ("print3d", "material_usage"): [["M1", "2025-01-09", "PLA", "true", "1.25", "J1"]],
    ("print3d", "social_engagement"): [
        ["2025-01-15", "instagram", "custom_design", "120", "10", "5", "3"],
    ],
    ("print3d", "surveys"): [["S1", "customization", "4", "5", "2025-01-25", "K1", ""]],
}


@dataclass(frozen=True)
class FileStyle:
    separator: str
    crlf: bool
    bom: bool
    quote_all: bool
    latin1: bool = False


def field_values() -> st.SearchStrategy[str]:
    """Empty cells are frequent in real exports: one draw in three."""
    return st.one_of(
        st.just(""), st.sampled_from(TYPED_LOOKING), st.text(alphabet=ALPHABET, max_size=12)
    )


def junk_rows(n_columns: int) -> st.SearchStrategy[list[list[str]]]:
    row = st.lists(field_values(), min_size=0, max_size=n_columns + 2)
    return st.lists(row, min_size=1, max_size=6)


def file_styles(latin1: bool = False) -> st.SearchStrategy[FileStyle]:
    return st.builds(
        FileStyle,
        separator=st.sampled_from([",", ";"]),
        crlf=st.booleans(),
        bom=st.booleans(),
        quote_all=st.booleans(),
        latin1=st.booleans() if latin1 else st.just(False),
    )


def write_file(path: Path, header: list[str], rows: list[list[str]], style: FileStyle) -> None:
    write_csv(
        path,
        header,
        rows,
        separator=style.separator,
        crlf=style.crlf,
        bom=style.bom,
        quote_all=style.quote_all,
        encoding="latin-1" if style.latin1 else None,
    )


def is_record(row: list[str]) -> bool:
    """A written row that is a record: not blank, not only empty fields."""
    return any(field != "" for field in row)


def newlines(text: str | None) -> str | None:
    return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n")


def write_registry(root: Path) -> None:
    write_csv(root / "businesses.csv", contract_header("businesses"), REGISTRY)


# --- the pure reader, many examples ---------------------------------------------------------

READER_EXPORTS = ["orders", "order_items", "surveys", "social_engagement", "design_projects"]


@settings(max_examples=100, deadline=None)
@given(
    export_name=st.sampled_from(READER_EXPORTS),
    style=file_styles(latin1=True),
    data=st.data(),
)
def test_reader_never_crashes_and_keeps_every_record(
    export_name: str, style: FileStyle, data: st.DataObject
) -> None:
    export = load_contract()[export_name]
    header = export.column_names
    rows = VALID.get(("bijoux", export_name), []) + data.draw(junk_rows(len(header)), "junk")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_registry(root)
        path = root / "bijoux" / export.file
        write_file(path, header, rows, style)
        not_utf8 = style.latin1 and any(not f.isascii() for row in rows for f in row)
        try:
            table = read_export(root, export_name)
        except ExportsError as error:
            assert not_utf8, f"unexpected ExportsError: {error}"
            assert str(path) in str(error)
            return
        assert not not_utf8, "a latin-1 file with accents was read as UTF-8"

    expected = [(index + 2, row) for index, row in enumerate(rows) if is_record(row)]
    got = table.to_pylist()
    assert [r["line_number"] for r in got] == [line for line, _ in expected]
    n = len(header)
    pad = [""] * n
    for read, (_, written) in zip(got, expected, strict=True):
        assert read["business_id"] == "bijoux"
        assert read["field_separator"] == style.separator
        # Line breaks compared loosely: how a ragged file's CR/CRLF inside quotes is kept
        # is asserted on its own in test_reader.py (test_ragged_file_keeps_quoted_crlf).
        assert [newlines(read[c]) for c in header] == [newlines(f) for f in (written + pad)[:n]]
        # data past the header's columns is an error; empty surplus fields are stray separators
        assert (read["record_error"] is not None) == any(written[n:]), (read, written)


# --- the whole build, few examples -----------------------------------------------------------

BUILD_TARGETS = sorted(VALID)


@settings(
    max_examples=5,  # each example is one full dbt build (several seconds): keep the suite short
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    targets=st.lists(st.sampled_from(BUILD_TARGETS), min_size=1, max_size=4, unique=True),
    data=st.data(),
)
def test_build_survives_junk_and_conserves_counts(
    targets: list[tuple[str, str]], data: st.DataObject
) -> None:
    contract = load_contract()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "exports"
        write_registry(root)
        records: dict[tuple[str, str], int] = {}
        for (business_id, export_name), valid in VALID.items():
            header = contract[export_name].column_names
            rows = list(valid)
            style = FileStyle(",", False, False, False)
            if (business_id, export_name) in targets:
                style = data.draw(file_styles(), f"style {business_id}/{export_name}")
                rows += data.draw(junk_rows(len(header)), f"junk {business_id}/{export_name}")
            write_file(root / business_id / contract[export_name].file, header, rows, style)
            records[(business_id, export_name)] = sum(1 for row in rows if is_record(row))

        # junk may be most of a file: the share limit is lifted (tested in test_bad_input)
        result = build(root, Path(folder) / "work", extra_vars={"max_rejected_share": 1})
        assert result.success, result.messages()
        counts = audited_rows_read(result)
    for business_id, export_name, read in counts:
        expected = 1 if export_name == "businesses" else records.get((business_id, export_name), 0)
        assert read == expected, (business_id, export_name, read, expected)
    # one audit row per file read: every file with records, and the registry per business
    files_read = {key for key, n_records in records.items() if n_records}
    files_read |= {(row[0], "businesses") for row in REGISTRY}
    assert {(business_id, export_name) for business_id, export_name, _ in counts} == files_read
