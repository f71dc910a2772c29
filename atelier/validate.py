"""`atelier validate`: check an exports folder against the contract with great-expectations.

A pre-flight check to run before `dbt build`. Every file of the folder is read by
`atelier.reader` (so the suite sees the text the build sees), trimmed as staging trims it,
and validated by a great-expectations suite built from the contract in
`models/staging/exports/_exports__sources.yml`: one suite per file, one ephemeral context
per run (a progress bar over the files on a terminal). The results are summarised on the
terminal and written as one self-contained HTML page, `<--report-dir>/index.html` (no
request to any other host): every file, the structural faults included, each rule broken
with the form expected in words (the `value_forms` var of dbt_project.yml), the rows and
line numbers, and the contract's columns, required or optional. Exit code: 0 when every file passes, 1 when a file breaks the contract (a failed
expectation or a structural fault), 2 for a usage error.

The value grammars below mirror the staging macros (`macros/staging/parse_*.sql`);
`pytests/test_validate.py` checks that they agree. Rules that need another file
(references between exports) or an order (which duplicate wins) are left to the dbt build.
"""

from __future__ import annotations

import argparse
import datetime
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from atelier.contract import (
    REGISTRY,
    Column,
    Export,
    VendorSource,
    business_exports,
    load_contract,
    load_vendor_sources,
    project_vars,
)
from atelier.reader import (
    ExportsError,
    business_folders,
    export_file_exists,
    read_csv_file,
    read_registry,
)
from atelier.sources import inventory, read_source_file

if TYPE_CHECKING:
    import pandas as pd
    from great_expectations.core import ExpectationSuiteValidationResult
    from great_expectations.expectations import Expectation

DEFAULT_REPORT_DIR = Path("reports/validation")
REPORT_FILE = "index.html"
EXAMPLES_PER_FAILURE = 2
FAILURES_SHOWN = 5
RESULT_FORMAT = {
    "result_format": "SUMMARY",
    "unexpected_index_column_names": ["line_number"],
    "partial_unexpected_count": 20,
}

# Value grammars of the staging macros as regular expressions (the tests compare them).
# macros/staging/parse_timestamp.sql: this shape, and the day and time must exist.
TIMESTAMP_SHAPE = "[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?"
# macros/staging/parse_decimal.sql; a decimal comma is read in semicolon-separated files.
DECIMAL_SHAPE = "[+-]?([0-9]{1,15}([.][0-9]*)?|[.][0-9]+)"
# An integer parses as a decimal and is whole (staging: `x <> floor(x)` is out of range).
INTEGER_SHAPE = "[+-]?([0-9]{1,15}([.]0*)?|[.]0+)"
# macros/staging/parse_boolean.sql, any case.
TRUE_SPELLINGS = ("true", "t", "yes", "y", "1")
FALSE_SPELLINGS = ("false", "f", "no", "n", "0")

# TIMESTAMP_SHAPE narrowed to days and times that exist (leap years included): one regex
# for what parse_timestamp accepts, so a failure shows the raw value.
_EXISTING_DAY = (
    "(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)"
)
_EXISTING_TIME = "(?:[ T](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?)?"
TIMESTAMP_PATTERN = _EXISTING_DAY + _EXISTING_TIME

_BOOLEAN_PAIRS = ", ".join(f"{t}/{f}" for t, f in zip(TRUE_SPELLINGS, FALSE_SPELLINGS, strict=True))
TYPE_DESCRIPTIONS = {
    "timestamp": "a timestamp YYYY-MM-DD[ HH:MM[:SS]] (or with T) of a day and time that exist",
    "boolean": f"a boolean ({_BOOLEAN_PAIRS}, any case)",
    "integer": "a whole number",
    "decimal": "a decimal number",
}
RECORD = "(record)"  # the column shown for a rule about the whole record


def full_match(pattern: str) -> str:
    """A regex matching the whole value (GX's pandas regex expectation searches), its groups
    made non-capturing (pandas warns about capturing groups in `str.contains`)."""
    return "^(?:" + re.sub(r"\((?!\?)", "(?:", pattern) + ")$"


def number_shape(column_type: str, decimal_comma: bool) -> str:
    shape = INTEGER_SHAPE if column_type == "integer" else DECIMAL_SHAPE
    return shape.replace("[.]", "[.,]") if decimal_comma else shape


def value_pattern(column: Column, decimal_comma: bool) -> str | None:
    """The full-match regex a value of the column's contract type must match, if any."""
    if column.type in project_vars()["value_shapes"]:  # a vendor's timestamp form
        return full_match(project_vars()["value_shapes"][column.type])
    if column.type == "timestamp":
        return full_match(TIMESTAMP_PATTERN)
    if column.type == "boolean":
        return f"^(?i:{'|'.join(TRUE_SPELLINGS + FALSE_SPELLINGS)})$"
    if column.type in ("integer", "decimal"):
        return full_match(number_shape(column.type, decimal_comma))
    return None


def expected_form(column: Column, decimal_comma: bool) -> str:
    """The form a value of the column's type must have, in the words of the `value_forms` var
    of dbt_project.yml (the words rejection reasons use too)."""
    forms = project_vars().get("value_forms") or {}
    form = str(forms.get(column.type) or TYPE_DESCRIPTIONS.get(column.type) or column.type)
    if column.type in ("decimal", "integer") and decimal_comma:
        form += " (decimal point or comma)"
    if column.type == "timestamp":
        form += ", of a day and time that exist"
    return form


def as_number(name: str) -> str:
    """The derived column holding a numeric column's value (NaN when empty or unparseable)."""
    return f"{name} as number"


def as_timestamp(name: str) -> str:
    """The derived column holding a timestamp column's value (NaT when empty or unparseable)."""
    return f"{name} as timestamp"


# ---------------------------------------------------------------------------------------
# The data: one trimmed text frame per file, plus typed columns for range rules.


def prepare_frame(table: pa.Table, export: Export, decimal_comma: bool) -> pd.DataFrame:
    """The file's rows as staging sees them: every contract column trimmed of spaces, empty
    text as missing; plus `<column> as number` / `<column> as timestamp` for range rules,
    missing where the text does not parse."""
    import pandas as pd

    frame = table.to_pandas()
    for column in export.columns:
        text = frame[column.name].astype("str").str.strip(" ")
        text = text.where(text != "")
        marker = getattr(export, "missing_marker", None)  # OctoPrint writes `-` for missing
        if marker:
            text = text.where(text != marker)
        frame[column.name] = text
        if column.type in ("integer", "decimal"):
            parses = text.str.fullmatch(number_shape("decimal", decimal_comma)).fillna(False)
            number = text.where(parses)
            if decimal_comma:
                number = number.str.replace(",", ".", regex=False)
            frame[as_number(column.name)] = pd.to_numeric(number, errors="coerce").astype(float)
        elif column.type == "timestamp":
            parses = text.str.fullmatch(TIMESTAMP_PATTERN).fillna(False)
            iso = text.where(parses).str.replace("T", " ", regex=False)
            frame[as_timestamp(column.name)] = pd.to_datetime(
                iso, format="ISO8601", errors="coerce"
            )
    return frame


# ---------------------------------------------------------------------------------------
# The suite: built from the contract.


def suite_expectations(
    export: Export, *, decimal_comma: bool, business_currency: str | None
) -> list[Expectation]:
    """Every rule of the export's contract that GX can check on one file, as expectations.
    Each carries `meta` {columns, rule} for the terminal summary ("<column> must <rule>")."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column as Where

    expectations: list[Expectation] = []

    def add(
        expectation: Expectation, columns: list[str], rule: str, expected: str | None = None
    ) -> None:
        # expected: what a value should be, in the report's words (a value form of
        # dbt_project.yml for a type; else the rule without its verb)
        if expected is None:
            expected = re.sub(r"^(not )?(?:be|have) ", r"\1", rule)
        expectation.meta = {"columns": columns, "rule": rule, "expected": expected}
        expectation.notes = f"Contract: {columns[0]} must {rule}."
        expectations.append(expectation)

    add(
        gxe.ExpectColumnValuesToBeNull(column="record_error"),
        [RECORD, "record_error"],
        "have no more fields than the header",
    )
    for column in export.columns:
        name = column.name
        add(gxe.ExpectColumnToExist(column=name), [name], "be a column of the file")
        if column.required:
            add(gxe.ExpectColumnValuesToNotBeNull(column=name), [name], "have a value")
        if column.present_when:
            other, expected = column.present_when["column"], column.present_when["equals"]
            add(
                gxe.ExpectColumnValuesToNotBeNull(
                    column=name, row_condition=Where(other) == expected
                ),
                [name, other],
                f"have a value when {other} is {expected}",
            )
            add(
                gxe.ExpectColumnValuesToBeNull(column=name, row_condition=Where(other) != expected),
                [name, other],
                f"be empty unless {other} is {expected}",
            )
        pattern = value_pattern(column, decimal_comma)
        if pattern:
            described = (
                TYPE_DESCRIPTIONS.get(column.type) or project_vars()["value_forms"][column.type]
            )
            expected = expected_form(column, decimal_comma)
            if column.type == "decimal" and decimal_comma:
                described += " (decimal point or comma)"
            add(
                gxe.ExpectColumnValuesToMatchRegex(column=name, regex=pattern),
                [name],
                f"be {described}",
                expected,
            )
        if column.type == "enum":
            add(
                gxe.ExpectColumnValuesToBeInSet(column=name, value_set=list(column.values)),
                [name],
                f"be one of: {', '.join(column.values)}",
            )
        if column.min is not None:
            add(
                gxe.ExpectColumnValuesToBeBetween(column=as_number(name), min_value=column.min),
                [name],
                f"be >= {column.min}",
            )
        if column.min_exclusive is not None:
            add(
                gxe.ExpectColumnValuesToBeBetween(
                    column=as_number(name), min_value=column.min_exclusive, strict_min=True
                ),
                [name],
                f"be > {column.min_exclusive}",
            )
        if column.max_column:
            add(
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=as_number(column.max_column),
                    column_B=as_number(name),
                    or_equal=True,
                    ignore_row_if="either_value_is_missing",
                ),
                [name, column.max_column],
                f"be <= {column.max_column}",
            )
        if column.not_before:
            add(
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=as_timestamp(name),
                    column_B=as_timestamp(column.not_before),
                    or_equal=True,
                    ignore_row_if="either_value_is_missing",
                ),
                [name, column.not_before],
                f"not be before {column.not_before}",
            )
    if export.primary_key:
        add(
            gxe.ExpectColumnValuesToBeUnique(column=export.primary_key),
            [export.primary_key],
            "be unique in the file",
        )
    currency_column = export.business_currency_column
    if currency_column and business_currency:
        add(
            gxe.ExpectColumnValuesToBeInSet(column=currency_column, value_set=[business_currency]),
            [currency_column],
            f"be the business currency {business_currency} (or empty)",
        )
    return expectations


# ---------------------------------------------------------------------------------------
# The files of the folder and what became of them.


@dataclass(frozen=True)
class Failure:
    """One failed expectation: the column, the rule, how many rows, a few examples."""

    column: str
    rule: str
    unexpected_count: int | None
    examples: tuple[str, ...]
    lines: tuple[int, ...] = ()  # line numbers of the first unexpected rows (up to 20)
    expected: str = ""  # the rule in the report's words

    def describe(self) -> str:
        rows = "" if self.unexpected_count is None else f" ({self.unexpected_count} rows)"
        if self.unexpected_count == 1:
            rows = " (1 row)"
        examples = f": {', '.join(self.examples)}" if self.examples else ""
        return f"{self.column} must {self.rule}{rows}{examples}"


@dataclass
class FileCheck:
    """One file of the folder (or a structural fault that stops it from being read)."""

    label: str
    export: Export | None
    business_id: str = ""
    table: pa.Table | None = None
    business_currency: str | None = None
    fault: str | None = None
    n_expectations: int = 0
    failures: list[Failure] = field(default_factory=list)
    decimal_comma: bool = False  # a semicolon-separated file: decimal commas are read

    @property
    def passed(self) -> bool:
        return self.fault is None and not self.failures

    @property
    def n_rows(self) -> int:
        return 0 if self.table is None else self.table.num_rows

    @property
    def suite_name(self) -> str:
        assert self.export is not None
        if isinstance(self.export, VendorSource):  # several files of one source: by file
            return f"{self.business_id}.{Path(self.label).name}"
        return f"{self.business_id}.{self.export.name}" if self.business_id else self.export.name


def collect_files(exports_path: Path) -> list[FileCheck]:
    """Every file of the folder, read by the reader; structural faults become failed checks
    (a broken registry stops here, as it stops the build)."""
    contract = load_contract()
    registry_export = contract[REGISTRY]
    try:
        registry = read_registry(exports_path)
    except ExportsError as error:
        return [FileCheck(label=registry_export.file, export=None, fault=str(error))]
    checks = [FileCheck(label=registry_export.file, export=registry_export, table=registry)]
    currencies = dict(
        zip(
            registry.column("business_id").to_pylist(),
            registry.column("currency").to_pylist(),
            strict=True,
        )
    )
    try:
        folders = business_folders(exports_path)
    except ExportsError as error:  # an unregistered folder: report it, check the others
        checks.append(FileCheck(label="(exports folder)", export=None, fault=str(error)))
        folders = sorted(p for p in exports_path.iterdir() if p.is_dir() and p.name in currencies)
    for folder in folders:
        checks.extend(_source_checks(folder, currencies.get(folder.name)))
        for export in business_exports():
            path = folder / export.file
            check = FileCheck(
                label=f"{folder.name}/{export.file}",
                export=export,
                business_id=folder.name,
                business_currency=currencies.get(folder.name),
            )
            try:
                if not export_file_exists(path):  # missing; a link to nothing, a folder: fault
                    continue
                check.table = read_csv_file(path, export, business_id=folder.name)
            except ExportsError as error:
                check.fault = str(error)
            checks.append(check)
    return checks


def _source_checks(folder: Path, business_currency: str | None) -> list[FileCheck]:
    """The vendor downloads of a business folder, recognised as the build recognises them
    (`atelier.sources.inventory`); a bad sources.yml becomes a failed check."""
    try:
        found = inventory(folder)
    except ExportsError as error:
        return [FileCheck(label=f"{folder.name}/sources.yml", export=None, fault=str(error))]
    for path, why in found.ignored:
        print(f"atelier validate: {folder.name}/{path.name} ignored: {why}", file=sys.stderr)
    checks = []
    for source_file in found.source_files:
        check = FileCheck(
            label=f"{folder.name}/{source_file.path.name}",
            export=load_vendor_sources()[source_file.source],  # type: ignore[arg-type]
            business_id=folder.name,
            business_currency=business_currency,
        )
        try:
            check.table = read_source_file(source_file, folder.name)
        except ExportsError as error:
            check.fault = str(error)
        checks.append(check)
    return checks


def _text(value: Any) -> str:
    import pandas as pd

    return "empty" if value is None or pd.isna(value) else f"'{value}'"


def _gx_error(exception_info: dict[str, Any]) -> str | None:
    """The message of an exception GX caught while checking an expectation, if any (GX
    keeps it at the top level or per metric)."""
    infos = [exception_info, *(v for v in exception_info.values() if isinstance(v, dict))]
    for info in infos:
        if info.get("raised_exception"):
            return str(info.get("exception_message"))
    return None


def failures_of(result: ExpectationSuiteValidationResult, frame: pd.DataFrame) -> list[Failure]:
    """The failed expectations of a file, with examples of the raw values and line numbers."""
    failures = []
    for outcome in result.results:
        if outcome.success:
            continue
        config = outcome.expectation_config
        assert config is not None  # a suite's result names its expectation
        meta = config.meta or {}
        columns: list[str] = meta.get("columns") or [str(config.type)]
        rule = str(meta.get("rule", config.type))
        expected = str(meta.get("expected") or rule)
        examples: list[str] = []
        error = _gx_error(outcome.exception_info or {})
        if error:
            examples.append(f"GX error: {error}")
        lines = sorted(
            {
                int(i["line_number"])
                for i in outcome.result.get("partial_unexpected_index_list") or []
            }
        )
        for line in lines:
            row = frame.loc[frame["line_number"] == line].iloc[0]
            if columns[0] == RECORD:
                value = _text(row[columns[1]])
            else:
                value = _text(row[columns[0]])
                value += "".join(f" with {other} {_text(row[other])}" for other in columns[1:])
            examples.append(f"{value} (line {line})")
            if len(examples) >= EXAMPLES_PER_FAILURE:
                break
        failures.append(
            Failure(
                column=columns[0],
                rule=rule,
                unexpected_count=outcome.result.get("unexpected_count"),
                examples=tuple(examples),
                lines=tuple(lines),
                expected=expected,
            )
        )
    return failures


def validate_files(
    checks: list[FileCheck], report_dir: Path, exports_path: Path | None = None
) -> Path:
    """Validate every readable file in one ephemeral GX context (a progress bar over the files
    on a terminal); write the HTML report under `report_dir`; return its path."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from tqdm import tqdm

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("exports")
    for check in tqdm(checks, desc="atelier validate", unit="file", file=sys.stderr, disable=None):
        if check.table is None or check.export is None:
            continue
        separators = set(check.table.column("field_separator").to_pylist())
        decimal_comma = separators == {";"}
        frame = prepare_frame(check.table, check.export, decimal_comma)
        expectations = suite_expectations(
            check.export, decimal_comma=decimal_comma, business_currency=check.business_currency
        )
        suite = context.suites.add(
            gx.ExpectationSuite(name=check.suite_name, expectations=expectations)
        )
        batch = source.add_dataframe_asset(check.suite_name).add_batch_definition_whole_dataframe(
            "whole file"
        )
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=check.suite_name, data=batch, suite=suite)
        )
        result = definition.run(batch_parameters={"dataframe": frame}, result_format=RESULT_FORMAT)
        check.n_expectations = len(result.results)
        check.failures = failures_of(result, frame)
        check.decimal_comma = decimal_comma

    report_dir.mkdir(parents=True, exist_ok=True)
    index = report_dir / REPORT_FILE
    index.write_text(report_html(checks, exports_path), encoding="utf-8")
    return index


# ---------------------------------------------------------------------------------------
# The HTML report: one self-contained page (inline CSS, no request to any other host).

REPORT_CSS = """
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: #1b2631;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 2px solid #1b2631; padding-bottom: 3px; }
h3 { font-size: 15px; margin: 0 0 6px; }
.sub, .note { color: #566573; font-size: 13px; }
.verdict { font-size: 16px; font-weight: 700; margin: 10px 0; }
.verdict.fail { color: #c0392b; } .verdict.pass { color: #1e8449; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 10px; }
th, td { border-bottom: 1px solid #d5d8dc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { color: #566573; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; min-width: 44px; text-align: center; border-radius: 999px;
  padding: 1px 8px; color: #fff; font-weight: 700; font-size: 12px; }
.status.ok { background: #1e8449; } .status.fail { background: #c0392b; }
.file { border: 1px solid #d5d8dc; border-radius: 8px; padding: 10px 14px; margin: 10px 0;
  break-inside: avoid; page-break-inside: avoid; }
.file.fail { border-left: 5px solid #c0392b; }
.fault { background: #fdedec; border-radius: 6px; padding: 8px 10px; }
.required { font-weight: 600; } .optional { color: #566573; }
tr.broken td { background: #fdedec; }
code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
details summary { cursor: pointer; color: #566573; font-size: 13px; margin: 4px 0; }
@page { size: A4; margin: 12mm; }
@media print { body { max-width: none; padding: 0; font-size: 11px; } details { display: block; } }
"""
RECORD_LABEL = "(whole record)"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _column_label(check: FileCheck, name: str) -> str:
    """A column as the user knows it: a vendor download's own header, else its name."""
    if name == RECORD:
        return RECORD_LABEL
    for column in check.export.columns if check.export is not None else ():
        if column.name == name and column.header:
            return column.header
    return name


def _result_text(check: FileCheck) -> str:
    if check.fault is not None:
        return f"not readable: {check.fault}"
    if check.failures:
        return f"{len(check.failures)} of {check.n_expectations} expectations failed"
    return f"{check.n_expectations} expectations passed"


def _anchor(check: FileCheck) -> str:
    """The id of the file's section: its suite name (`acme.orders`), else its label."""
    name = check.suite_name if check.export is not None else "file-" + check.label
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _failures_table(check: FileCheck) -> str:
    rows = [
        "<tr><th>Column</th><th>Rule broken</th><th>Expected</th><th>Rows</th>"
        "<th>Lines</th><th>Examples</th></tr>"
    ]
    for failure in check.failures:
        count = "" if failure.unexpected_count is None else failure.unexpected_count
        lines = ", ".join(str(line) for line in failure.lines)
        if failure.unexpected_count and len(failure.lines) < failure.unexpected_count:
            lines += ", ..." if lines else ""
        rows.append(
            f"<tr><td><code>{_e(_column_label(check, failure.column))}</code></td>"
            f"<td>must {_e(failure.rule)}</td><td>{_e(failure.expected)}</td>"
            f'<td class="n">{_e(count)}</td><td>{_e(lines)}</td>'
            f"<td>{_e('; '.join(failure.examples))}</td></tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def _columns_table(check: FileCheck) -> str:
    """The contract's columns of the file: required or optional, the form expected, and how
    many rows broke a rule of the column."""
    assert check.export is not None
    decimal_comma = check.decimal_comma
    broken: dict[str, int] = {}
    for failure in check.failures:
        broken[failure.column] = broken.get(failure.column, 0) + (failure.unexpected_count or 1)
    rows = ["<tr><th>Column</th><th>Required</th><th>Expected</th><th>Result</th></tr>"]
    for column in check.export.columns:
        label = column.header or column.name
        if column.from_settings:
            label += " (from sources.yml)"
        if column.required:
            need = '<span class="required">required</span>'
        elif column.present_when:
            other, equals = column.present_when["column"], column.present_when["equals"]
            need = f'<span class="required">required when {_e(other)} is {_e(equals)}</span>'
        else:
            need = '<span class="optional">optional</span>'
        expected = []
        if column.type in ("timestamp", "boolean", "integer", "decimal") or (
            column.type in (project_vars().get("value_forms") or {})
        ):
            expected.append(expected_form(column, decimal_comma))
        if column.type == "enum":
            expected.append("one of: " + ", ".join(column.values))
        if column.min is not None:
            expected.append(f">= {column.min}")
        if column.min_exclusive is not None:
            expected.append(f"> {column.min_exclusive}")
        if column.max_column:
            expected.append(f"<= {column.max_column}")
        if column.not_before:
            expected.append(f"not before {column.not_before}")
        if column.name == check.export.primary_key:
            expected.append("unique in the file")
        if not expected:
            expected.append("any text")
        result = "ok"
        css = ""
        if column.name in broken:
            rows_failing = broken[column.name]
            result = f"{rows_failing} failing row{'' if rows_failing == 1 else 's'}"
            css = ' class="broken"'
        rows.append(
            f"<tr{css}><td><code>{_e(label)}</code></td><td>{need}</td>"
            f"<td>{_e('; '.join(expected))}</td><td>{_e(result)}</td></tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def _file_section(check: FileCheck) -> str:
    status = "ok" if check.passed else "fail"
    parts = [
        f'<section class="file {status}" id="{_e(_anchor(check))}">',
        f'<h3><span class="status {status}">{"ok" if check.passed else "FAIL"}</span> '
        f"{_e(check.label)}</h3>",
    ]
    if check.fault is not None:
        parts.append(
            f'<div class="fault"><strong>Not readable (structural fault):</strong> '
            f"{_e(check.fault)}</div>"
        )
        parts.append("</section>")
        return "".join(parts)
    kind = check.export.name if check.export is not None else ""
    parts.append(
        f'<div class="note">{_e(kind)} · {check.n_rows} rows · {_e(_result_text(check))}</div>'
    )
    if check.failures:
        parts.append(_failures_table(check))
    if check.export is not None:
        opened = " open" if check.failures else ""
        parts.append(
            f"<details{opened}><summary>The contract's columns</summary>"
            f"{_columns_table(check)}</details>"
        )
    parts.append("</section>")
    return "".join(parts)


def report_html(checks: list[FileCheck], exports_path: Path | None = None) -> str:
    """The whole report: a summary table of every file, then one section per file."""
    failed = [c for c in checks if not c.passed]
    if failed:
        verdict = f"{len(failed)} of {len(checks)} files break the contract"
    else:
        verdict = f"all {len(checks)} files pass the contract"
    rows = ["<tr><th>Status</th><th>File</th><th>Rows</th><th>Result</th></tr>"]
    for check in checks:
        status = "ok" if check.passed else "fail"
        rows.append(
            f'<tr><td><span class="status {status}">{"ok" if check.passed else "FAIL"}</span>'
            f'</td><td><a href="#{_e(_anchor(check))}">{_e(check.label)}</a></td>'
            f'<td class="n">{"" if check.fault is not None else check.n_rows}</td>'
            f"<td>{_e(_result_text(check))}</td></tr>"
        )
    folder = f" of {_e(exports_path)}" if exports_path is not None else ""
    sections = "".join(
        _file_section(check) for check in [*failed, *(c for c in checks if c.passed)]
    )
    body = f"""<h1>Exports validation</h1>
<div class="sub">atelier validate{folder} · {datetime.date.today().isoformat()} · the contract of
models/staging/exports/_exports__sources.yml; line numbers are the file's lines as a spreadsheet
numbers them (the header is line 1).</div>
<div class="verdict {"fail" if failed else "pass"}">{_e(verdict)}</div>
<h2>Files</h2>
<table>{"".join(rows)}</table>
<h2>Details</h2>
<p class="note">Files that break the contract first. Rules that need another file (references
between exports) or an order (which duplicate wins) are checked by the dbt build.</p>
{sections}"""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Exports validation: {_e(verdict)}</title>\n<style>{REPORT_CSS}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------
# The command.


def summary_lines(checks: list[FileCheck]) -> list[str]:
    width = max((len(c.label) for c in checks), default=0)
    lines = []
    for check in checks:
        status = "ok  " if check.passed else "FAIL"
        if check.fault is not None:
            lines.append(f"{status}  {check.label:<{width}}  not readable: {check.fault}")
            continue
        counts = f"{check.n_rows} rows, "
        if check.failures:
            counts += f"{len(check.failures)} of {check.n_expectations} expectations failed"
        else:
            counts += f"{check.n_expectations} expectations passed"
        lines.append(f"{status}  {check.label:<{width}}  {counts}")
        for failure in check.failures[:FAILURES_SHOWN]:
            lines.append(f"      - {failure.describe()}")
        if len(check.failures) > FAILURES_SHOWN:
            lines.append(
                f"      - and {len(check.failures) - FAILURES_SHOWN} more (see the report)"
            )
    return lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exports",
        required=True,
        type=Path,
        help="the exports folder to check (businesses.csv and one folder per business)",
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=DEFAULT_REPORT_DIR,
        help=f"where to write the HTML report ({REPORT_FILE}); default {DEFAULT_REPORT_DIR}",
    )


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    exports_path: Path = args.exports
    if not exports_path.is_dir():
        print(f"atelier validate: exports folder {exports_path} does not exist", file=sys.stderr)
        return 2
    try:
        checks = collect_files(exports_path)
    except ExportsError as error:  # a fault no file's check can carry: one line
        print(f"atelier validate: error: {error}", file=sys.stderr)
        return 1
    index = validate_files(checks, Path(args.report_dir).resolve(), exports_path)
    for line in summary_lines(checks):
        print(line)
    failed = [c for c in checks if not c.passed]
    elapsed = time.perf_counter() - started
    if failed:
        verdict = f"{len(failed)} of {len(checks)} files break the contract"
    else:
        verdict = f"all {len(checks)} files pass the contract"
    print(f"\n{verdict} ({elapsed:.1f} s)")
    if index.is_file():
        print(f"Report: {index}")
    else:
        print(f"atelier validate: no report written at {index}", file=sys.stderr)
    return 1 if failed else 0
