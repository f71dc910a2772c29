"""The vendors' downloads in a business folder: which file is which, and their raw tables.

A business folder holds the hand-kept exports (files named as the contract names them), the
downloads of its tools under any name, and an optional `sources.yml`. `inventory` sorts
every entry of the folder once: an export file, a download recognised by its header (the
`signature` columns of the vendor sources in `models/staging/<system>/`), a survey file
named in `sources.yml`, or an entry ignored with a warning naming it. `iter_source` then
reads every file of one vendor source as a raw text table, the columns named as the
contract names them, with the same metadata columns as the exports.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from atelier.contract import (
    VendorSource,
    business_exports,
    load_contract,
    load_vendor_sources,
)
from atelier.reader import (
    ExportsError,
    business_folders,
    check_csv_structure,
    check_exports_folder,
    parse_csv,
    sniff_header,
    stream_export,
    warn,
)
from atelier.settings import SETTINGS_FILE, SourceSettings, SurveyFile, read_settings, settings_rows

SURVEY_SOURCE = "survey_responses"
FILE_META_COLUMNS = ("business_id", "file_name", "file_modified_ns")
ROW_META_COLUMNS = ("line_number", "field_separator", "record_error")
SETTINGS_COLUMNS = ("business_id", "setting", "setting_value")
SURVEY_HEADERS = {  # the tool's own columns, normalised: timestamp, response id, response type
    "google_forms": {"submitted_at": "timestamp"},
    "typeform": {
        "submitted_at": "submit date (utc)",
        "response_number": "#",
        "response_type": "response type",
    },
}


@dataclass
class SourceFile:
    path: Path
    source: str
    survey: SurveyFile | None = None
    tool: str | None = None


@dataclass
class FolderInventory:
    """Every entry of one business folder, sorted into what is read and what is ignored."""

    business_id: str
    folder: Path
    settings: SourceSettings
    source_files: list[SourceFile] = field(default_factory=list)
    ignored: list[tuple[Path, str]] = field(default_factory=list)

    def files_of(self, source: str) -> list[SourceFile]:
        return [f for f in self.source_files if f.source == source]


def recognise(header: list[str], sources: dict[str, VendorSource]) -> str | None:
    """The vendor source whose signature the header holds, if any (first in contract order)."""
    names = set(header)
    for source in sources.values():
        if source.signature and set(source.signature) <= names:
            return source.name
    return None


def survey_tool(header: list[str]) -> str | None:
    if header and header[0] == "timestamp":
        return "google_forms"
    if header and header[0] == "#" and "submit date (utc)" in header:
        return "typeform"
    return None


def _survey_file(path: Path, survey: SurveyFile, business_id: str) -> SourceFile:
    where = f"business '{business_id}', {SETTINGS_FILE}, key 'surveys'"
    if not path.is_file():
        raise ExportsError(
            f"{where}: file '{survey.file}' is not in the business folder {path.parent}; "
            "check the name (it must match the downloaded file exactly)"
        )
    _, header = sniff_header(path)
    tool = survey_tool(header)
    if tool is None:
        raise ExportsError(
            f"{path}: named in {SETTINGS_FILE} as a survey file, but it is neither a Google Forms "
            "download (first column 'Timestamp') nor a Typeform one (first column '#', with "
            "'Submit Date (UTC)')"
        )
    for key in ("score_column", "customer_column", "order_column"):
        column = getattr(survey, key)
        if column is not None and column.strip().lower() not in header:
            raise ExportsError(
                f"{where}.{key}: '{column}' is not a column of {survey.file} "
                f"(its columns: {', '.join(header)})"
            )
    return SourceFile(path=path, source=SURVEY_SOURCE, survey=survey, tool=tool)


def inventory(folder: Path) -> FolderInventory:
    """Sort every entry of a business folder; structural faults stop with one line."""
    business_id = folder.name
    settings = read_settings(folder)
    result = FolderInventory(business_id=business_id, folder=folder, settings=settings)
    export_files = {e.file for e in business_exports()}
    surveys = {s.file: s for s in settings.surveys}
    for survey in settings.surveys:
        result.source_files.append(_survey_file(folder / survey.file, survey, business_id))
    vendors = {n: s for n, s in load_vendor_sources().items() if not s.configured}
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(".") or name in export_files or name in surveys:
            continue  # hidden; exports are read by the reader; surveys above
        if name == SETTINGS_FILE:
            continue
        if path.suffix.lower() != ".csv" or not path.is_file():
            result.ignored.append((path, "not a CSV file"))
            continue
        parsed_header = sniff_header(path)[1] if path.stat().st_size else []
        source = recognise(parsed_header, vendors)
        if source is None:
            hint = (
                f"; name it in {SETTINGS_FILE} under 'surveys' to read it"
                if survey_tool(parsed_header)
                else ""
            )
            result.ignored.append(
                (
                    path,
                    f"not an export and not a recognised download (header: "
                    f"{', '.join(parsed_header[:6])}{', ...' if len(parsed_header) > 6 else ''}){hint}",
                )
            )
            continue
        result.source_files.append(SourceFile(path=path, source=source))
    if result.files_of("octoprint_jobs") and settings.eco_friendly is None:
        raise ExportsError(
            f"business '{business_id}' has an OctoPrint file "
            f"({result.files_of('octoprint_jobs')[0].path.name}) but its {SETTINGS_FILE} has no "
            "'materials: eco_friendly:' list: add the eco-friendly materials, e.g. "
            "materials: {eco_friendly: [PLA, recycled PETG]}"
        )
    return result


_inventories: dict[tuple, list[FolderInventory]] = {}
_inventories_lock = threading.Lock()


def _folder_state(exports_path: Path) -> tuple:
    """What changes when the folder does: every entry's name, size and modification time."""
    state = []
    for root, dirs, files in os.walk(exports_path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            stat = (
                os.stat(os.path.join(root, name))
                if os.path.exists(os.path.join(root, name))
                else None
            )
            state.append(
                (root, name, stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1)
            )
    return (str(Path(exports_path).resolve()), tuple(state))


def inventories(exports_path: str | Path) -> list[FolderInventory]:
    """Every business folder's inventory; computed (and its warnings printed) once per state."""
    exports_path = Path(exports_path)
    key = _folder_state(exports_path)
    with _inventories_lock:  # dbt loads several raw tables at once, from threads
        return _inventories_for(exports_path, key)


def _inventories_for(exports_path: Path, key: tuple) -> list[FolderInventory]:
    if key not in _inventories:
        found = [inventory(folder) for folder in business_folders(exports_path)]
        for folder_inventory in found:
            for path, why in folder_inventory.ignored:
                warn(f"{path} ignored: {why}")
        _inventories.clear()
        _inventories[key] = found
    return _inventories[key]


def raw_source_schema(source: VendorSource) -> pa.Schema:
    types = {"line_number": pa.int64(), "file_modified_ns": pa.int64()}
    names = [*FILE_META_COLUMNS, *ROW_META_COLUMNS, *source.column_names]
    return pa.schema([pa.field(n, types.get(n, pa.string())) for n in names])


def _header_of(source: VendorSource, source_file: SourceFile) -> dict[str, str | None]:
    """Contract column -> the normalised header it is read from in this file (None: constant)."""
    headers: dict[str, str | None] = {}
    survey = source_file.survey
    for column in source.columns:
        if column.from_settings:
            headers[column.name] = None
        elif survey is not None:
            picked = {
                "score": survey.score_column,
                "customer": survey.customer_column,
                "order_ref": survey.order_column,
                **SURVEY_HEADERS[source_file.tool or ""],
            }.get(column.name)
            headers[column.name] = picked.strip().lower() if picked else ""
        else:
            headers[column.name] = (column.header or column.name).strip().lower()
    return headers


def read_source_file(source_file: SourceFile, business_id: str) -> pa.Table:
    """One vendor file as its source's raw table (text columns, metadata, line numbers)."""
    source = load_vendor_sources()[source_file.source]
    schema = raw_source_schema(source)
    parsed = parse_csv(source_file.path)
    if parsed is None:
        return schema.empty_table()
    n_rows = len(parsed.line_number)
    by_name: dict[str, pa.Array] = {}
    for name, array in zip(parsed.header, parsed.columns, strict=True):
        by_name.setdefault(name, array)
    survey = source_file.survey
    constants = {
        "tool": source_file.tool,
        "survey_type": survey.survey_type if survey else None,
        "scale_max": str(survey.scale_max) if survey else None,
    }
    columns: dict[str, pa.Array] = {
        "business_id": pa.array([business_id] * n_rows, pa.string()),
        "file_name": pa.array([source_file.path.name] * n_rows, pa.string()),
        "file_modified_ns": pa.array([int(round(parsed.modified_at * 1e9))] * n_rows, pa.int64()),
        "line_number": parsed.line_number,
        "field_separator": pa.array([parsed.separator] * n_rows, pa.string()),
        "record_error": parsed.record_error,
    }
    for name, header in _header_of(source, source_file).items():
        if header is None:
            columns[name] = pa.array([constants[name]] * n_rows, pa.string())
        elif header in by_name:
            columns[name] = by_name[header]
        else:
            columns[name] = pa.nulls(n_rows, pa.string())
    return pa.table(columns, schema=schema)


def iter_source(
    exports_path: str | Path, source_name: str, businesses: Collection[str] | None = None
) -> Iterator[pa.Table]:
    """One raw table per file of a vendor source, business by business (or of `businesses`)."""
    for folder_inventory in inventories(exports_path):
        if businesses is not None and folder_inventory.business_id not in businesses:
            continue
        for source_file in folder_inventory.files_of(source_name):
            yield read_source_file(source_file, folder_inventory.business_id)


def settings_table(exports_path: str | Path, businesses: Collection[str] | None = None) -> pa.Table:
    """`raw.business_settings`: every business's effective settings, one row per value."""
    rows = [
        row
        for folder_inventory in inventories(exports_path)
        if businesses is None or folder_inventory.business_id in businesses
        for row in settings_rows(folder_inventory.business_id, folder_inventory.settings)
    ]
    return pa.table(
        {
            name: pa.array([r[i] for r in rows], pa.string())
            for i, name in enumerate(SETTINGS_COLUMNS)
        }
    )


def stream_table(
    exports_path: str | Path, table_name: str, businesses: Collection[str] | None = None
) -> pa.RecordBatchReader:
    """Any raw table by name: an export, a vendor source or the business settings, streamed
    file by file (what the dbt plugin and `atelier load` hand to the warehouse); with
    `businesses`, only their rows (a nightly run's changed businesses, atelier/plan.py)."""
    if table_name in load_contract():
        return stream_export(exports_path, table_name, businesses)
    if table_name == "business_settings":
        return settings_table(exports_path, businesses).to_reader()
    source = load_vendor_sources().get(table_name)
    if source is None:
        raise ExportsError(f"no export or source table named '{table_name}' in the contract")
    schema = raw_source_schema(source)
    inventories(exports_path)  # structural faults of the folder surface here, not mid-stream
    batches = (b for t in iter_source(exports_path, table_name, businesses) for b in t.to_batches())
    return pa.RecordBatchReader.from_batches(schema, batches)


def raw_table_names() -> list[str]:
    """Every raw table the warehouse needs: the exports, the vendor sources, the settings."""
    return [*load_contract(), *load_vendor_sources(), "business_settings"]


def check_folder(exports_path: str | Path, businesses: Collection[str] | None = None) -> None:
    """Every structural check of an exports folder in one call, exports and downloads alike:
    the registry, the business folders, each export file, each business's sources.yml and
    the files it names, and each recognised download's encoding, separator and quotes.
    Raises ExportsError with the first fault, as one line. The single entry point of the
    dbt `on-run-start` hook (through the plugin), `atelier load` and `atelier validate`."""
    check_exports_folder(exports_path, businesses)
    for folder_inventory in inventories(exports_path):
        if businesses is not None and folder_inventory.business_id not in businesses:
            continue
        for source_file in folder_inventory.source_files:
            check_csv_structure(source_file.path)
