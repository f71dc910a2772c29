"""Read an exports folder into text tables, the same way for every warehouse.

One function per level: `read_export` gives every business's rows of one export as an Arrow
table of text columns plus `business_id`, `line_number`, `field_separator` and
`record_error`; `read_csv_file` reads one file. Typing and validation are not done here:
they are the staging models' job, so that a bad value becomes an audited rejection, not a
crash. What stops the build here is structural: an unregistered folder, an unknown
vertical, a missing required column, a file that is not UTF-8.

Files are parsed by Arrow's vectorised CSV reader. A file whose records do not all have
as many fields as its header is re-read with the standard `csv` module, so that each record
keeps its spreadsheet line number: short records are padded as a spreadsheet shows them,
empty surplus fields are dropped, and a record with data past the header's columns gets a
`record_error` (staging rejects it as `malformed_record`).
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from atelier.contract import REGISTRY, Export, load_contract

META_COLUMNS = ("business_id", "line_number", "field_separator", "record_error")
FIRST_RECORD_LINE = 2  # the header is spreadsheet row 1


class ExportsError(Exception):
    """A structural fault of the exports folder: the build cannot go on."""


def warn(message: str) -> None:
    print(f"atelier: warning: {message}", file=sys.stderr)


def normalize_header(name: str) -> str:
    return name.strip().lower()


def raw_schema(export: Export) -> pa.Schema:
    """The columns of a raw table: the metadata columns, then the contract's, all text."""
    types = {"line_number": pa.int64()}
    meta = [c for c in META_COLUMNS if c not in export.column_names]
    return pa.schema(
        [pa.field(c, types.get(c, pa.string())) for c in meta]
        + [pa.field(c, pa.string()) for c in export.column_names]
    )


def _is_empty(path: Path) -> bool:
    """A 0-byte file, or one holding only a byte-order mark and blank lines (an empty sheet)."""
    if path.stat().st_size > 1 << 16:
        return False
    return not path.read_bytes().removeprefix(b"\xef\xbb\xbf").strip()


def _check_utf8(path: Path, chunk_size: int = 1 << 20) -> None:
    """Stop with the file and byte offset when the file is not UTF-8 (streamed, memory flat)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(chunk_size):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise ExportsError(
                    f"{path} is not UTF-8 text (byte 0x{chunk[error.start]:02x} at offset "
                    f"{offset + error.start}). Re-save it as 'CSV UTF-8' (Excel: Save As > CSV "
                    "UTF-8; LibreOffice: character set Unicode (UTF-8))."
                ) from error
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise ExportsError(f"{path} is not UTF-8 text (it ends inside a character).") from error


def _sniff_header(path: Path) -> tuple[str, list[str]]:
    """The file's separator (`;` when its header holds more `;` than `,`) and header names."""
    with path.open("rb") as handle:
        first_line = handle.readline()
    text = first_line.decode("utf-8-sig").rstrip("\r\n")  # checked by _check_utf8
    separator = ";" if text.count(";") > text.count(",") else ","
    names = next(csv.reader([text], delimiter=separator))
    return separator, [normalize_header(n) for n in names]


def _read_with_arrow(path: Path, separator: str, n_fields: int) -> list[pa.Array] | None:
    """The file's fields as text columns, or None when a record has the wrong field count."""
    ragged = False

    def on_invalid_row(_row: object) -> str:
        nonlocal ragged
        ragged = True
        return "skip"

    names = [f"f{i}" for i in range(n_fields)]
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(
                delimiter=separator,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=on_invalid_row,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:  # anything Arrow cannot parse goes to the slow path
        return None
    if ragged:
        return None
    return [table.column(n).combine_chunks() for n in names]


def _read_with_csv_module(
    path: Path, separator: str, n_fields: int
) -> tuple[list[pa.Array], pa.Array]:
    """Slow path for ragged files: pad short records, flag long ones, keep every line number."""
    text = path.read_bytes().decode("utf-8-sig")  # bytes: quoted CR/CRLF stay as written
    columns: list[list[str | None]] = [[] for _ in range(n_fields)]
    errors: list[str | None] = []
    records = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    next(records, None)
    for record in records:
        if not any(record):  # a blank line: dropped in read_csv_file, after numbering
            fields: list[str | None] = [""] * n_fields
            errors.append(None)
        else:
            fields = list(record[:n_fields]) + [""] * (n_fields - len(record))
            # empty trailing fields (a spreadsheet's stray separators) are harmless
            errors.append(
                f"record has {len(record)} fields, the header {n_fields}"
                if any(record[n_fields:])
                else None
            )
        for column, value in zip(columns, fields, strict=True):
            column.append(value)
    return [pa.array(c, pa.string()) for c in columns], pa.array(errors, pa.string())


def read_csv_file(path: Path, export: Export, business_id: str) -> pa.Table:
    """One export file as a raw table (see `raw_schema`). Blank lines are dropped."""
    schema = raw_schema(export)
    if _is_empty(path):
        warn(f"{path} is empty (no header): read as a missing export, no rows")
        return schema.empty_table()
    _check_utf8(path)
    separator, header = _sniff_header(path)
    arrays = _read_with_arrow(path, separator, len(header))
    if arrays is None:
        arrays, record_error = _read_with_csv_module(path, separator, len(header))
    else:
        record_error = pa.nulls(len(arrays[0]) if arrays else 0, pa.string())
    n_rows = len(record_error)

    by_name: dict[str, pa.Array] = {}
    for name, array in zip(header, arrays, strict=True):
        by_name.setdefault(name, array)
    columns = {}
    for column in export.columns:
        if column.name in by_name:
            columns[column.name] = by_name[column.name]
        elif column.required:
            raise ExportsError(
                f"{path}: required column '{column.name}' is missing (header: {', '.join(header)}). "
                f"Add a '{column.name}' column to this file; columns are matched by name, "
                "ignoring case and surrounding spaces."
            )
        else:
            columns[column.name] = pa.nulls(n_rows, pa.string())

    meta = {
        "business_id": pa.array([business_id] * n_rows, pa.string()),
        "line_number": pa.array(range(FIRST_RECORD_LINE, FIRST_RECORD_LINE + n_rows), pa.int64()),
        "field_separator": pa.array([separator] * n_rows, pa.string()),
        "record_error": record_error,
    }
    table = pa.table({**meta, **columns}, schema=schema)
    if arrays:  # a blank line (or one of bare separators) keeps its row number but is no record
        is_blank = functools.reduce(pc.and_, [pc.equal(pc.coalesce(a, ""), "") for a in arrays])
        is_blank = pc.and_(is_blank, pc.is_null(record_error))
        table = table.filter(pc.invert(is_blank))
    return table


def read_registry(exports_path: Path) -> pa.Table:
    """`businesses.csv`, strict: the registry is the project's structure, not data to audit."""
    contract = load_contract()
    path = Path(exports_path) / contract[REGISTRY].file
    if not Path(exports_path).is_dir():
        raise ExportsError(f"exports folder {exports_path} does not exist (dbt var exports_path)")
    if not path.is_file():
        raise ExportsError(
            f"{path} is missing: add the registry, one row per business folder, with columns "
            "business_id, business_name, vertical, currency"
        )
    export = contract[REGISTRY]
    registry = read_csv_file(path, export, business_id="")
    registry = pa.table(
        {
            name: pc.utf8_trim_whitespace(col) if name in export.column_names else col
            for name, col in zip(registry.column_names, registry.columns, strict=True)
        }
    )
    verticals = next(c.values for c in export.columns if c.name == "vertical")
    seen: set[str] = set()
    for row in registry.to_pylist():
        where = f"{path} line {row['line_number']}"
        for column in export.required_columns:
            if not row[column]:
                raise ExportsError(f"{where}: '{column}' is empty; every registry row needs it")
        if row["vertical"] not in verticals:
            raise ExportsError(
                f"{where}: business '{row['business_id']}' has unknown vertical "
                f"'{row['vertical']}'; use one of: {', '.join(verticals)}"
            )
        if row["business_id"] in seen:
            raise ExportsError(f"{where}: business '{row['business_id']}' is listed twice")
        seen.add(row["business_id"])
    return registry


def business_folders(exports_path: Path) -> list[Path]:
    """Every business folder, checked against the registry (an unregistered folder stops)."""
    registry = read_registry(exports_path)
    registered = set(registry.column("business_id").to_pylist())
    folders = sorted(
        p for p in Path(exports_path).iterdir() if p.is_dir() and not p.name.startswith(".")
    )
    for folder in folders:
        if folder.name not in registered:
            raise ExportsError(
                f"folder '{folder.name}' in {exports_path} has no row in businesses.csv: add a row "
                f"'{folder.name},<business_name>,<vertical>,<currency>' (vertical: "
                "luxury_custom_jewelry or custom_3d_accessories), or move the folder out"
            )
    return folders


def iter_export(exports_path: str | Path, export_name: str) -> Iterator[pa.Table]:
    """One raw table per file of an export (the registry: one table), business by business.

    Structural faults of the folder (the registry, unregistered folders) are raised before
    the first file is read; a file's own faults when that file is reached.
    """
    exports_path = Path(exports_path)
    export = load_contract()[export_name]
    if export.at_root:
        yield read_registry(exports_path)
        return
    for folder in business_folders(exports_path):
        if (folder / export.file).is_file():
            yield read_csv_file(folder / export.file, export, business_id=folder.name)


def stream_export(exports_path: str | Path, export_name: str) -> pa.RecordBatchReader:
    """Every business's rows of one export as a stream: memory holds one file at a time."""
    schema = raw_schema(load_contract()[export_name])
    tables = iter_export(exports_path, export_name)
    first = next(tables, None)  # structural faults of the folder surface here, not mid-stream
    batches = (
        batch for table in ([first] if first is not None else []) for batch in table.to_batches()
    )
    rest = (batch for table in tables for batch in table.to_batches())
    return pa.RecordBatchReader.from_batches(schema, itertools.chain(batches, rest))


def read_export(exports_path: str | Path, export_name: str) -> pa.Table:
    """Every business's rows of one export (the registry included) as one raw table."""
    return stream_export(exports_path, export_name).read_all()
