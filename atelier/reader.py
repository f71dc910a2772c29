"""Read an exports folder into text tables, the same way for every warehouse.

One function per level: `read_export` gives every business's rows of one export as an Arrow
table of text columns plus `business_id`, `line_number`, `field_separator` and
`record_error`; `read_csv_file` reads one export file (`parse_csv`, which knows no contract,
then the contract's columns). Typing and validation are not done here: they are the staging
models' job, so that a bad value becomes an audited rejection, not a crash. What stops the
build here is structural, with one line naming the path (and line) and what to do: an
unregistered folder or a registered business without one, an unknown vertical, anything but
a readable file where an export belongs, a missing required column, a file that is not
UTF-8, a tab-separated header, a quote never closed, a file written while it is read.
`check_exports_folder` runs every such check up front, in one call.

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
import os
import re
import stat
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from atelier.contract import REGISTRY, Export, business_exports, load_contract

META_COLUMNS = ("business_id", "line_number", "field_separator", "record_error")
FILE_COLUMNS = ("file_name", "file_modified_ns")  # appended to each file's table in raw
FIRST_RECORD_LINE = 2  # the header is spreadsheet row 1
BOM = b"\xef\xbb\xbf"
FIRST_LINE_END = re.compile(rb"[\r\n]")
LINE_ENDS = re.compile(rb"\r\n|\n|\r")
# Separators some tools write that the contract does not allow, and how to name them.
UNSUPPORTED_SEPARATORS = {"\t": "tab-separated", "|": "separated by '|'"}
ARROW_BLOCK_SIZE = 1 << 20  # Arrow's default; a longer record is re-read as one block
ARROW_MAX_BLOCK_SIZE = (1 << 31) - 1


class ExportsError(Exception):
    """A structural fault of the exports folder: the build cannot go on."""


def warn(message: str) -> None:
    print(f"atelier: warning: {message}", file=sys.stderr)


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """A warning about the folder, not a file: printed once per process, not once per export."""
    if message not in _warned:
        _warned.add(message)
        warn(message)


def normalize_header(name: str) -> str:
    return name.strip().lower()


def file_schema(export: Export) -> pa.Schema:
    """The columns of one file's table: the metadata columns, then the contract's, all text."""
    types = {"line_number": pa.int64()}
    meta = [c for c in META_COLUMNS if c not in export.column_names]
    return pa.schema(
        [pa.field(c, types.get(c, pa.string())) for c in meta]
        + [pa.field(c, pa.string()) for c in export.column_names]
    )


def raw_schema(export: Export) -> pa.Schema:
    """The columns of a raw table: a file's, then the file's name and modification time."""
    file_types = {"file_name": pa.string(), "file_modified_ns": pa.int64()}
    return pa.schema([*file_schema(export), *(pa.field(c, file_types[c]) for c in FILE_COLUMNS)])


def _is_empty(data: bytes) -> bool:
    """Nothing but blank lines (the byte-order mark already removed): an empty sheet."""
    return len(data) <= 1 << 16 and not data.strip()


def export_file_exists(path: Path) -> bool:
    """True for a regular file, False when nothing is at the path (a missing export).

    Anything else where an export file belongs stops the build, naming the path: a link to
    nothing, a folder, a pipe or device, a file that cannot be read."""
    try:
        status = path.stat()  # follows links
    except FileNotFoundError:
        if path.is_symlink():
            raise ExportsError(
                f"{path} is a link to {os.readlink(path)}, which does not exist: put the export "
                "file itself there, or remove the link"
            ) from None
        return False
    except OSError as error:  # permission denied on the folder, a loop of links, ...
        raise ExportsError(
            f"{path} cannot be read ({error.strerror}): let the account that runs the build "
            "read it and its folder"
        ) from None
    if stat.S_ISDIR(status.st_mode):
        raise ExportsError(
            f"{path} is a folder, not a file: put the exported file at this path, or remove "
            "the folder"
        )
    if not stat.S_ISREG(status.st_mode):
        raise ExportsError(
            f"{path} is not a regular file (a pipe, socket or device): put the exported file "
            "at this path"
        )
    if not os.access(path, os.R_OK):
        raise ExportsError(_permission_denied(path))
    return True


def _permission_denied(path: Path) -> str:
    return (
        f"{path} cannot be read (permission denied): let the account that runs the build "
        "read it (e.g. chmod a+r)"
    )


def _changed_while_read(path: Path) -> ExportsError:
    return ExportsError(
        f"{path} is being written: it changed while it was read; run the build again when "
        "the tool has finished writing it"
    )


def _read_all(handle: BinaryIO) -> bytes:
    return handle.read()


def _read_snapshot(path: Path) -> tuple[bytes, os.stat_result, int]:
    """The file's bytes (byte-order mark removed), its status before the read and the length
    of its byte-order mark; stops when the file's size or modification time changes while it
    is read."""
    if not export_file_exists(path):
        raise ExportsError(f"{path} is missing (it was removed while the build ran)")
    try:
        with path.open("rb") as handle:
            before = os.fstat(handle.fileno())
            has_bom = handle.read(len(BOM)) == BOM
            if not has_bom:
                handle.seek(0)
            data = _read_all(handle)
            after = os.fstat(handle.fileno())
    except PermissionError:
        raise ExportsError(_permission_denied(path)) from None
    except OSError as error:
        raise ExportsError(f"{path} cannot be read ({error.strerror})") from None
    unchanged = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
    if not unchanged or len(data) != before.st_size - (len(BOM) if has_bom else 0):
        raise _changed_while_read(path)
    return data, before, len(BOM) if has_bom else 0


def _check_utf8(path: Path, data: bytes, skipped: int = 0, chunk_size: int = 1 << 20) -> None:
    """Stop with the file and byte offset when the file is not UTF-8 (chunked: memory flat);
    `data` starts `skipped` bytes into the file (after its byte-order mark)."""
    view = memoryview(data)
    position = 0
    while position < len(data):
        last = position + chunk_size >= len(data)
        try:  # a character cut by the chunk's end is left for the next chunk
            _, consumed = codecs.utf_8_decode(
                view[position : position + chunk_size], "strict", last
            )
        except UnicodeDecodeError as error:
            at = position + error.start
            if error.reason == "unexpected end of data":
                raise ExportsError(
                    f"{path} is not UTF-8 text (it ends inside a character)."
                ) from None
            raise ExportsError(
                f"{path} is not UTF-8 text (byte 0x{data[at]:02x} at offset {skipped + at}). "
                "Re-save it as 'CSV UTF-8' (Excel: Save As > CSV UTF-8; LibreOffice: character "
                "set Unicode (UTF-8))."
            ) from None
        position += consumed


def _sniff_header(path: Path, first_line: bytes) -> tuple[str, list[str]]:
    """The file's separator (`;` when its header holds more `;` than `,`) and header names
    as written; a tab or `|` separated header stops, saying so."""
    try:
        text = first_line.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise ExportsError(
            f"{path} is not UTF-8 text (in its header line). Re-save it as 'CSV UTF-8'."
        ) from None
    separator = ";" if text.count(";") > text.count(",") else ","
    for other, described in UNSUPPORTED_SEPARATORS.items():
        if text.count(other) > text.count(separator):
            raise ExportsError(
                f"{path} is {described}; re-save it as CSV with commas or semicolons"
            )
    names = next(csv.reader([text], delimiter=separator), [])
    return separator, names


def sniff_header(path: Path) -> tuple[str, list[str]]:
    """The separator and the normalised header names of a file, from its first line."""
    if not export_file_exists(path):
        raise ExportsError(f"{path} is missing")
    try:
        with path.open("rb") as handle:
            first_line = handle.readline()
    except PermissionError:
        raise ExportsError(_permission_denied(path)) from None
    separator, names = _sniff_header(path, first_line)
    return separator, [normalize_header(n) for n in names]


def _first_line(data: bytes) -> bytes:
    end = FIRST_LINE_END.search(data)
    return data if end is None else data[: end.start()]


@functools.cache
def _record_patterns(separator: str) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """Two scans of a file's bytes, independent of the parsers, with their quoting rules: a
    quote opens a quoted value only at the start of a field; in it, `""` is a quote and a
    lone `"` closes it; anywhere else a quote is a plain character.

    `well_formed` matches as far as the bytes hold only closed quoted values: it stops at the
    quote that opens a value never closed. `row` matches one row with its line end (a line
    end in a quoted value does not end the row), the last one without."""
    sep = re.escape(separator.encode())
    quoted = rb'"[^"]*+(?:""[^"]*+)*+"'
    at_field_start = rb"(?:\A|(?<=[" + sep + rb"\r\n]))" + quoted
    plain_quote = rb"(?<=[^" + sep + rb'\r\n])"'
    well_formed = re.compile(rb'(?:[^"]++|' + at_field_start + rb"|" + plain_quote + rb")*+")
    row = re.compile(
        rb"(?s:(?=.))"  # a row starts before the end of the bytes
        + rb'(?:[^"\r\n]++|'
        + at_field_start
        + rb"|"
        + plain_quote
        + rb")*+()(?:\r\n|\n|\r|\Z)"
    )
    return well_formed, row


def _check_quotes(path: Path, data: bytes, separator: str) -> None:
    """Stop at a quote that opens a value never closed, naming its line: a parser would read
    every line after it as part of that one value."""
    if b'"' not in data:
        return
    well_formed, row = _record_patterns(separator)
    matched = well_formed.match(data)  # the pattern can match nothing, so it always matches
    end = matched.end() if matched else 0
    if end == len(data):
        return
    line = len(row.findall(data, 0, end))  # the rows before, and the quote's if it started
    if end == 0 or data[end - 1 : end] in (b"\r", b"\n"):
        line += 1  # the quote starts its row
    text_line = 1 + len(LINE_ENDS.findall(data, 0, end))
    where = (
        f"line {line}" if line == text_line else f"line {line} (line {text_line} in a text editor)"
    )
    raise ExportsError(
        f"{path} {where}: a quote opens a value that is never closed, so every line after it "
        "would be read as part of that value. Close it or remove it (a quote inside a quoted "
        'value is written twice: "") and save the file again.'
    )


def _count_rows(data: bytes, separator: str) -> int:
    """Rows of the file, the header and blank lines included, counted outside quoted values
    (quotes checked first)."""
    if b'"' in data:
        return len(_record_patterns(separator)[1].findall(data))
    # without quotes every line end ends a row; with no CR, counting LF bytes says it fastest
    rows = data.count(b"\n") if b"\r" not in data else len(LINE_ENDS.findall(data))
    if data and data[-1:] not in (b"\n", b"\r"):
        rows += 1  # the last line has no line end
    return rows


def _read_with_arrow(data: bytes, separator: str, n_fields: int) -> list[pa.Array] | None:
    """The file's fields as text columns, or None when a record has the wrong field count."""
    ragged = False

    def on_invalid_row(_row: object) -> str:
        nonlocal ragged
        ragged = True
        return "skip"

    names = [f"f{i}" for i in range(n_fields)]

    def read(block_size: int) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=block_size),
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

    try:
        try:
            table = read(ARROW_BLOCK_SIZE)
        except pa.ArrowInvalid:
            if len(data) < ARROW_BLOCK_SIZE:
                raise
            # a record longer than a block (a very large field): the whole file as one block
            ragged = False
            table = read(min(len(data) + 1, ARROW_MAX_BLOCK_SIZE))
    except pa.ArrowInvalid:  # anything Arrow cannot parse goes to the slow path
        return None
    if ragged:
        return None
    return [table.column(n).combine_chunks() for n in names]


def _read_with_csv_module(
    path: Path, data: bytes, separator: str, n_fields: int
) -> tuple[list[pa.Array], pa.Array]:
    """Slow path for ragged files: pad short records, flag long ones, keep every line number."""
    csv.field_size_limit(max(csv.field_size_limit(), len(data) + 1))  # fields of any size
    columns: list[list[str | None]] = [[] for _ in range(n_fields)]
    errors: list[str | None] = []
    # decoded line by line (memory: one line, not the whole text); quoted CR/CRLF stay as written
    lines = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")
    records = csv.reader(lines, delimiter=separator)
    try:
        next(records, None)
        for record in records:
            if not any(record):  # a blank line: dropped in parse_csv, after numbering
                fields: list[str | None] = [""] * n_fields
                errors.append(None)
            else:
                fields = [*record[:n_fields], *[""] * (n_fields - len(record))]
                # empty trailing fields (a spreadsheet's stray separators) are harmless
                errors.append(
                    f"record has {len(record)} fields, the header {n_fields}"
                    if any(record[n_fields:])
                    else None
                )
            for column, value in zip(columns, fields, strict=True):
                column.append(value)
    except csv.Error as error:
        raise ExportsError(
            f"{path} line {len(errors) + FIRST_RECORD_LINE}: cannot be read as CSV ({error})"
        ) from None
    return [pa.array(c, pa.string()) for c in columns], pa.array(errors, pa.string())


@dataclass(frozen=True)
class ParsedCsv:
    """One CSV file's records as text, before any contract is applied."""

    path: Path
    separator: str  # ',' or ';'
    header: list[str]  # normalized names (strip + lower), in file order
    raw_header: list[str]  # names as written (BOM removed)
    columns: list[pa.Array]  # one string array per header column (blank lines removed)
    line_number: pa.Array  # int64, spreadsheet row numbers of the kept records
    record_error: pa.Array  # string, null unless the record is malformed
    modified_at: float  # st_mtime of the file when read
    modified_ns: int = 0  # st_mtime_ns of the file when read

    @property
    def num_rows(self) -> int:
        return len(self.line_number)

    def column(self, name: str) -> pa.Array | None:
        """The first column whose normalized header is `name`, if any."""
        for header, array in zip(self.header, self.columns, strict=True):
            if header == name:
                return array
        return None


def _open_csv(path: Path) -> tuple[bytes, os.stat_result, str, list[str]] | None:
    """The checks every read starts with: the path, a snapshot of the bytes, emptiness, UTF-8,
    the header's separator, the quotes. None for an empty file."""
    data, status, bom = _read_snapshot(path)
    if _is_empty(data):
        return None
    _check_utf8(path, data, skipped=bom)
    separator, raw_header = _sniff_header(path, _first_line(data))
    _check_quotes(path, data, separator)
    return data, status, separator, raw_header


def parse_csv(path: Path) -> ParsedCsv | None:
    """Every record of a CSV file as text columns; None for an empty file (0 bytes, or only
    a byte-order mark and blank lines), after a warning.

    Stops (ExportsError) on what would lose records or read them wrong: anything but a
    readable regular file at the path, a file that is not UTF-8, a tab- or `|`-separated
    header, a quote never closed, a file that changes while it is read, or a parser that
    reads a different number of rows than the file holds outside quoted values."""
    opened = _open_csv(path)
    if opened is None:
        warn(f"{path} is empty (no header): read as a missing export, no rows")
        return None
    data, status, separator, raw_header = opened
    n_fields = len(raw_header)
    arrays = _read_with_arrow(data, separator, n_fields)
    if arrays is None:
        arrays, record_error = _read_with_csv_module(path, data, separator, n_fields)
    else:
        record_error = pa.nulls(len(arrays[0]) if arrays else 0, pa.string())
    n_rows = len(record_error)
    expected = max(_count_rows(data, separator) - 1, 0)  # the header is not a record
    if n_rows != expected:
        raise ExportsError(
            f"{path}: the CSV parser read {n_rows} records but the file holds {expected} "
            "lines outside quoted values; open it in a spreadsheet, save it again as CSV and "
            "run the build again"
        )
    del opened, data
    line_number = pa.array(range(FIRST_RECORD_LINE, FIRST_RECORD_LINE + n_rows), pa.int64())
    if arrays:  # a blank line (or one of bare separators) keeps its row number but is no record
        is_blank = functools.reduce(pc.and_, [pc.equal(pc.coalesce(a, ""), "") for a in arrays])
        keep = pc.invert(pc.and_(is_blank, pc.is_null(record_error)))
        arrays = [pc.filter(a, keep) for a in arrays]
        line_number = pc.filter(line_number, keep)
        record_error = pc.filter(record_error, keep)
    return ParsedCsv(
        path=path,
        separator=separator,
        header=[normalize_header(n) for n in raw_header],
        raw_header=raw_header,
        columns=arrays,
        line_number=line_number,
        record_error=record_error,
        modified_at=status.st_mtime,
        modified_ns=status.st_mtime_ns,
    )


def _check_required_columns(path: Path, header: list[str], export: Export) -> None:
    for column in export.required_columns:
        if column not in header:
            raise ExportsError(
                f"{path}: required column '{column}' is missing (header: {', '.join(header)}). "
                f"Add a '{column}' column to this file; columns are matched by name, "
                "ignoring case and surrounding spaces."
            )


def check_csv_structure(path: Path) -> None:
    """The structural checks any CSV read starts with (path, UTF-8, separator, quotes)."""
    _open_csv(path)


def check_csv_file(path: Path, export: Export) -> None:
    """The structural checks of one export file without parsing its records: path, UTF-8,
    separator, required columns, quotes (what `read_csv_file` would stop on)."""
    opened = _open_csv(path)
    if opened is not None:
        _check_required_columns(path, [normalize_header(n) for n in opened[3]], export)


def read_csv_file(path: Path, export: Export, business_id: str) -> pa.Table:
    """One export file as a table (see `file_schema`). Blank lines are dropped."""
    schema = file_schema(export)
    parsed = parse_csv(path)
    if parsed is None:
        return schema.empty_table()
    _check_required_columns(path, parsed.header, export)
    n_rows = parsed.num_rows
    by_name: dict[str, pa.Array] = {}
    for name, array in zip(parsed.header, parsed.columns, strict=True):
        by_name.setdefault(name, array)
    columns = {
        column.name: by_name.get(column.name, pa.nulls(n_rows, pa.string()))
        for column in export.columns
    }
    meta = {
        "business_id": pa.array([business_id] * n_rows, pa.string()),
        "line_number": parsed.line_number,
        "field_separator": pa.array([parsed.separator] * n_rows, pa.string()),
        "record_error": parsed.record_error,
    }
    return pa.table({**meta, **columns}, schema=schema)


def read_registry(exports_path: Path) -> pa.Table:
    """`businesses.csv`, strict: the registry is the project's structure, not data to audit."""
    contract = load_contract()
    path = Path(exports_path) / contract[REGISTRY].file
    if not Path(exports_path).is_dir():
        raise ExportsError(f"exports folder {exports_path} does not exist (dbt var exports_path)")
    if not export_file_exists(path):
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
    """Every registered business's folder, checked against the registry.

    Stops, naming the path and what to do, on: a folder with no row in the registry; a
    registered business whose folder is hidden (`.<business_id>`), or where a file or a link
    to nothing stands instead. A registered business with nothing at its folder's path has
    no exports yet: a warning (once) says so. Other hidden entries (`.git`, `.DS_Store`) and
    files at the root are ignored."""
    exports_path = Path(exports_path)
    registry = read_registry(exports_path)
    registered = sorted(registry.column("business_id").to_pylist())
    try:
        entries = sorted(exports_path.iterdir())
    except OSError as error:
        raise ExportsError(
            f"exports folder {exports_path} cannot be read ({error.strerror}): let the account "
            "that runs the build read it"
        ) from None
    for entry in entries:
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in registered:
            raise ExportsError(
                f"folder '{entry.name}' in {exports_path} has no row in businesses.csv: add a row "
                f"'{entry.name},<business_name>,<vertical>,<currency>' (vertical: "
                "luxury_custom_jewelry or custom_3d_accessories), or move the folder out"
            )
    folders = (_business_folder(exports_path, business_id) for business_id in registered)
    return [folder for folder in folders if folder is not None]


def _business_folder(exports_path: Path, business_id: str) -> Path | None:
    """The folder of a registered business; None (with a warning) when nothing is there;
    anything else but a readable folder there stops."""
    registry = exports_path / load_contract()[REGISTRY].file
    if business_id in (".", "..") or "/" in business_id or "\\" in business_id:
        raise ExportsError(
            f"{registry}: business_id '{business_id}' cannot be a folder name; use letters, "
            "digits, '_' or '-'"
        )
    folder = exports_path / business_id
    if folder.is_dir():
        if not os.access(folder, os.R_OK | os.X_OK):
            raise ExportsError(
                f"folder {folder} cannot be read (permission denied): let the account that runs "
                "the build read it (e.g. chmod a+rx)"
            )
        return folder
    if folder.is_symlink():
        raise ExportsError(
            f"{folder} is a link to {os.readlink(folder)}, which is not a folder: business "
            f"'{business_id}' of businesses.csv needs its folder there"
        )
    if folder.exists():
        raise ExportsError(
            f"{folder} is a file, not a folder: business '{business_id}' of businesses.csv needs "
            "a folder of that name holding its exports; move the file away and create the folder"
        )
    if (exports_path / f".{business_id}").is_dir():
        raise ExportsError(
            f"business '{business_id}' of businesses.csv has no folder in {exports_path}, only a "
            f"hidden one, '.{business_id}' (hidden folders are not read): rename it to "
            f"'{business_id}'"
        )
    _warn_once(
        f"business '{business_id}' of businesses.csv has no folder in {exports_path}: read as a "
        f"business with no exports yet; create an empty folder '{business_id}' to say so (and "
        "silence this warning), or remove its row"
    )
    return None


def check_exports_folder(
    exports_path: str | Path, businesses: Collection[str] | None = None
) -> None:
    """Every structural check of an exports folder, up front, in one call: the registry, the
    business folders, and each export file's path, encoding, separator, header and quotes.

    Raises ExportsError with the first fault, as one line naming the path (and line) and
    what to do. What it checks is what the reader would stop on later, so a build that
    passes it does not stop half-way (unless a file changes meanwhile); rows are not
    validated (staging audits them). The single entry point for the dbt `on-run-start`
    hook (through the plugin), `atelier load` and `atelier validate`. With `businesses`, the
    files of those businesses only (a nightly run's changed ones, atelier/plan.py); the
    registry and the folders are always checked."""
    exports_path = Path(exports_path)
    for folder in business_folders(exports_path):
        if businesses is not None and folder.name not in businesses:
            continue
        for export in business_exports():
            path = folder / export.file
            if export_file_exists(path):
                check_csv_file(path, export)


def iter_export(
    exports_path: str | Path, export_name: str, businesses: Collection[str] | None = None
) -> Iterator[pa.Table]:
    """One raw table per file of an export (the registry: one table), business by business;
    with `businesses`, only their files (and registry rows).

    Structural faults of the folder (the registry, unregistered folders) are raised before
    the first file is read; a file's own faults when that file is reached.
    """
    exports_path = Path(exports_path)
    export = load_contract()[export_name]
    if export.at_root:
        registry = read_registry(exports_path)
        if businesses is not None:
            registry = registry.filter(
                pc.is_in(registry.column("business_id"), pa.array(sorted(businesses), pa.string()))
            )
        yield with_file_columns(registry, exports_path / export.file)
        return
    for folder in business_folders(exports_path):
        if businesses is not None and folder.name not in businesses:
            continue
        if export_file_exists(folder / export.file):
            table = read_csv_file(folder / export.file, export, business_id=folder.name)
            yield with_file_columns(table, folder / export.file)


def with_file_columns(table: pa.Table, path: Path) -> pa.Table:
    """The table with the file's name and modification time (ns) on every row: across the
    files feeding one export, the newest file's row wins a repeated id."""
    n_rows = table.num_rows
    modified_ns = path.stat().st_mtime_ns if path.exists() else 0
    return table.append_column(
        pa.field("file_name", pa.string()), pa.array([path.name] * n_rows, pa.string())
    ).append_column(
        pa.field("file_modified_ns", pa.int64()), pa.array([modified_ns] * n_rows, pa.int64())
    )


def stream_export(
    exports_path: str | Path, export_name: str, businesses: Collection[str] | None = None
) -> pa.RecordBatchReader:
    """Every business's rows of one export (or those of `businesses`) as a stream: memory
    holds one file at a time."""
    schema = raw_schema(load_contract()[export_name])
    tables = iter_export(exports_path, export_name, businesses)
    first = next(tables, None)  # structural faults of the folder surface here, not mid-stream
    batches = (
        batch for table in ([first] if first is not None else []) for batch in table.to_batches()
    )
    rest = (batch for table in tables for batch in table.to_batches())
    return pa.RecordBatchReader.from_batches(schema, itertools.chain(batches, rest))


def read_export(exports_path: str | Path, export_name: str) -> pa.Table:
    """Every business's rows of one export (the registry included) as one raw table."""
    return stream_export(exports_path, export_name).read_all()
