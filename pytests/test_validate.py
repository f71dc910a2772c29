"""`atelier validate`: the great-expectations pre-flight check of an exports folder."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from atelier import validate
from atelier.contract import PROJECT_DIR, Column, load_contract
from pytests.dirty_exports import planted_rows

# A small exports folder that keeps the contract: two businesses, comma- and
# semicolon-separated files (decimal commas in the latter), a quoted separator, a header-only
# file, dates with and without times, a leap day.
CLEAN = {
    "businesses.csv": """\
business_id,business_name,vertical,currency
acme,Acme 3D,custom_3d_accessories,USD
bijou,Bijou Paris,luxury_custom_jewelry,EUR
""",
    "acme/customers.csv": """\
customer_id,created_at,acquisition_channel,referred_by_customer_id,email
c1,2024-01-05 10:00,instagram,,ann@example.com
c2,2024-02-29T09:30:15,referral,c1,bob@example.com
""",
    "acme/orders.csv": """\
order_id,customer_id,ordered_at,status,inquiry_id,currency
o1,c1,2024-01-05,placed,,USD
o2,c2,2024-03-01 12:00,cancelled,q1,
""",
    "acme/order_items.csv": """\
order_item_id,order_id,product_name,is_custom_design,quantity,net_amount
i1,o1,"Phone case, engraved",TRUE,1,10.50
i2,o2,Keyring,n,2,0
""",
    "acme/production_jobs.csv": """\
job_id,order_item_id,design_started_at,completed_at,quantity
j1,i1,2024-01-05,2024-01-09 17:00,1
j2,i2,2024-03-01,,2
""",
    "acme/material_usage.csv": """\
usage_id,used_at,material,is_eco_friendly,quantity_kg,job_id
u1,2024-01-06,recycled PETG,Yes,0.25,j1
""",
    "bijou/surveys.csv": """\
response_id;survey_type;score;scale_max;responded_at
r1;finished_piece;4,5;5;2024-03-01
r2;customization;10;10;2024-03-02 18:00
""",
    "bijou/design_projects.csv": """\
project_id,customer_id,inquiry_id,started_at,status,finalized_at
p1,c1,q1,2024-01-01,finalized,2024-02-01
p2,c1,,2024-01-15,in_progress,
""",
    "bijou/consultations.csv": """\
consultation_id;customer_id;started_at;duration_minutes;designer
k1;c1;2024-01-02 14:00;45,5;Léa
""",
    "bijou/inquiries.csv": "inquiry_id,received_at,customer_id,channel\n",
    "bijou/social_engagement.csv": """\
engagement_date,platform,content_type,likes,comments,shares,new_followers
2024-01-01,instagram,custom_design,10,2,1,0
""",
}
REGISTRY = "businesses.csv"


def write_folder(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run_validate(exports: Path, report_dir: Path) -> int:
    parser = argparse.ArgumentParser()
    validate.add_arguments(parser)
    args = parser.parse_args(["--exports", str(exports), "--report-dir", str(report_dir)])
    return validate.run(args)


def status_line(output: str, label: str) -> str:
    pattern = rf"(ok|FAIL)\s+{re.escape(label)}\s"
    (line,) = [line for line in output.splitlines() if re.match(pattern, line)]
    return line


def test_clean_folder_passes_and_writes_data_docs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = write_folder(tmp_path / "exports", CLEAN)

    code = run_validate(exports, tmp_path / "report")

    output = capsys.readouterr().out
    assert code == 0, output
    for label in CLEAN:
        assert status_line(output, label).startswith("ok"), output
    assert re.search(r"bijou/inquiries.csv +0 rows", output), output
    assert f"all {len(CLEAN)} files pass the contract" in output
    index = tmp_path / "report" / "index.html"
    assert f"Report: {index}" in output
    assert "acme.orders" in index.read_text(encoding="utf-8")


BROKEN = [
    # (case, file, text replaced, by, column named, value shown)
    ("unknown enum", "acme/orders.csv", "placed", "shiped", "status", "'shiped'"),
    (
        "day that does not exist",
        "acme/orders.csv",
        "2024-01-05",
        "2024-02-30",
        "ordered_at",
        "'2024-02-30'",
    ),
    (
        "timestamp shape",
        "acme/customers.csv",
        "2024-01-05 10:00",
        "05/01/2024",
        "created_at",
        "'05/01/2024'",
    ),
    ("negative amount", "acme/order_items.csv", "10.50", "-10.50", "net_amount", "'-10.50'"),
    ("duplicate id", "acme/order_items.csv", "i2,o2", "i1,o2", "order_item_id", "'i1'"),
    ("missing required value", "acme/orders.csv", "o1,c1", " ,c1", "order_id", "empty"),
    ("boolean spelling", "acme/order_items.csv", "TRUE", "maybe", "is_custom_design", "'maybe'"),
    (
        "decimal comma in a comma file",
        "acme/order_items.csv",
        "10.50",
        '"10,50"',
        "net_amount",
        "'10,50'",
    ),
    (
        "integer not whole",
        "acme/order_items.csv",
        "Keyring,n,2",
        "Keyring,n,2.5",
        "quantity",
        "'2.5'",
    ),
    ("min_exclusive", "bijou/consultations.csv", "45,5", "0", "duration_minutes", "'0'"),
    ("integer min 0", "bijou/social_engagement.csv", "2,1,0", "2,1,-1", "new_followers", "'-1'"),
    ("max_column", "bijou/surveys.csv", "4,5;5", "5,5;5", "score", "'5,5' with scale_max '5'"),
    (
        "present_when",
        "bijou/design_projects.csv",
        "finalized,2024-02-01",
        "finalized,",
        "finalized_at",
        "empty with status 'finalized'",
    ),
    (
        "absent unless",
        "bijou/design_projects.csv",
        "in_progress,",
        "in_progress,2024-02-01",
        "finalized_at",
        "'2024-02-01' with status 'in_progress'",
    ),
    (
        "not_before",
        "acme/production_jobs.csv",
        "2024-01-09 17:00",
        "2024-01-04 17:00",
        "completed_at",
        "'2024-01-04 17:00' with design_started_at '2024-01-05'",
    ),
    ("business currency", "acme/orders.csv", ",USD", ",EUR", "currency", "'EUR'"),
    (
        "malformed record",
        "acme/orders.csv",
        "q1,",
        "q1,,EUR",
        validate.RECORD,
        "'record has 7 fields, the header 6'",
    ),
]


def business_of_case(case: str) -> str:
    return re.sub(r"\W+", "_", case)


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    """One run over a folder holding each broken case in a business of its own (one GX
    start-up for all cases): the exit code and the terminal output."""
    root = tmp_path_factory.mktemp("broken")
    registry_rows = dict(line.split(",", 1) for line in CLEAN[REGISTRY].splitlines())
    registry = [f"business_id,{registry_rows['business_id']}"]
    files = {}
    for case, file, old, new, _column, _value in BROKEN:
        assert old in CLEAN[file], case
        business, export_file = file.split("/")
        registry.append(f"{business_of_case(case)},{registry_rows[business]}")
        files[f"{business_of_case(case)}/{export_file}"] = CLEAN[file].replace(old, new, 1)
    files[REGISTRY] = "\n".join(registry) + "\n"
    exports = write_folder(root / "exports", files)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = run_validate(exports, root / "report")
    return code, output.getvalue()


def file_block(output: str, label: str) -> list[str]:
    """The status line of one file and the failure lines under it."""
    lines = output.splitlines()
    start = lines.index(status_line(output, label))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("      - "):
            break
        block.append(line)
    return block


def test_broken_folder_exits_1_and_keeps_the_registry(broken_run: tuple[int, str]) -> None:
    code, output = broken_run
    assert code == 1, output
    assert status_line(output, REGISTRY).startswith("ok"), output
    assert f"{len(BROKEN)} of {len(BROKEN) + 1} files break the contract" in output


@pytest.mark.parametrize(
    ("case", "file", "column", "value"),
    [(case, file, column, value) for case, file, _old, _new, column, value in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_broken_value_fails_naming_export_column_and_value(
    broken_run: tuple[int, str], case: str, file: str, column: str, value: str
) -> None:
    _code, output = broken_run
    status, *failures = file_block(output, f"{business_of_case(case)}/{file.split('/')[1]}")
    assert status.startswith("FAIL") and re.search(r", 1 of \d+ expectations failed$", status)
    (failure,) = failures
    assert failure.startswith(f"      - {column} must "), failure
    assert f": {value} (line " in failure, failure


def test_missing_required_column_fails_the_file_and_checks_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {REGISTRY: CLEAN[REGISTRY], "acme/orders.csv": CLEAN["acme/orders.csv"]}
    files["acme/customers.csv"] = "customer_id,email\nc1,ann@example.com\n"
    exports = write_folder(tmp_path / "exports", files)

    code = run_validate(exports, tmp_path / "report")

    output = capsys.readouterr().out
    assert code == 1, output
    line = status_line(output, "acme/customers.csv")
    assert line.startswith("FAIL") and "required column 'created_at' is missing" in line
    assert str(exports / "acme" / "customers.csv") in line
    assert status_line(output, "acme/orders.csv").startswith("ok"), output


def test_unregistered_folder_fails_and_registered_ones_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {REGISTRY: CLEAN[REGISTRY], "acme/orders.csv": CLEAN["acme/orders.csv"]}
    files["stray/orders.csv"] = CLEAN["acme/orders.csv"]
    exports = write_folder(tmp_path / "exports", files)

    code = run_validate(exports, tmp_path / "report")

    output = capsys.readouterr().out
    assert code == 1, output
    assert "folder 'stray'" in output and "has no row in businesses.csv" in output
    assert status_line(output, "acme/orders.csv").startswith("ok"), output
    assert "stray/orders.csv" not in output


def test_missing_exports_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_validate(tmp_path / "nowhere", tmp_path / "report") == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "report").exists()


# Agreement with the dbt build: the dirty exports of the audit tests.

CROSS_FILE_CODES = {"missing_reference", "parent_rejected"}  # need another export: dbt only


def test_dirty_exports_are_flagged_on_the_lines_the_build_rejects(tmp_path: Path) -> None:
    planted = planted_rows(tmp_path / "exports")
    checks = validate.collect_files(tmp_path / "exports")
    validate.validate_files(checks, tmp_path / "report")

    assert all(check.fault is None for check in checks)
    flagged: dict[tuple[str, str, int], set[str]] = {}
    for check in checks:
        assert check.export is not None
        for failure in check.failures:
            for line in failure.lines:
                key = (check.business_id, check.export.name, line)
                flagged.setdefault(key, set()).add(failure.rule)
    expected = {p.key[:3] for p in planted if p.rejection_code not in CROSS_FILE_CODES}
    assert expected <= flagged.keys(), sorted(expected - flagged.keys())
    cross_file = {p.key[:3] for p in planted if p.rejection_code in CROSS_FILE_CODES}
    assert not cross_file & flagged.keys()
    # GX flags every row of a duplicated id; the build accepts the last one
    extra = {key: rules for key, rules in flagged.items() if key not in expected}
    assert all(rules == {"be unique in the file"} for rules in extra.values()), extra


# The grammars GX checks are the staging macros' grammars.


def macro(name: str) -> str:
    return (PROJECT_DIR / "macros" / "staging" / f"{name}.sql").read_text(encoding="utf-8")


def test_grammars_are_the_staging_macros_grammars() -> None:
    assert f"'{validate.TIMESTAMP_SHAPE}'" in macro("parse_timestamp")
    assert f"'{validate.DECIMAL_SHAPE}'" in macro("parse_decimal")
    spellings = re.findall(r"in \(([^)]*)\) then (true|false)", macro("parse_boolean"))
    assert {value: tuple(re.findall(r"'([^']*)'", listed)) for listed, value in spellings} == {
        "true": validate.TRUE_SPELLINGS,
        "false": validate.FALSE_SPELLINGS,
    }


def test_timestamp_pattern_accepts_exactly_the_days_and_times_that_exist() -> None:
    pattern = re.compile(validate.full_match(validate.TIMESTAMP_PATTERN))
    for year in (1900, 2000, 2023, 2024, 2100):
        for month in range(0, 14):
            for day in range(0, 33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    datetime.date(year, month, day)
                    exists = True
                except ValueError:
                    exists = False
                assert bool(pattern.match(text)) == exists, text
    for time in ("00:00", "23:59", "23:59:59", "12:30:00"):
        assert pattern.match(f"2024-02-29 {time}") and pattern.match(f"2024-02-29T{time}")
    for time in ("24:00", "12:60", "12:00:60", "1:00", "12:00:0"):
        assert not pattern.match(f"2024-02-29 {time}"), time
    assert re.fullmatch(validate.TIMESTAMP_SHAPE, "2024-02-29T23:59:59")


@pytest.mark.parametrize(
    "text", ["1", "+2", "-3", "2.", "2.0", "2.000", ".0", "2.5", ".5", "1e3", "1,0", "", "1 0"]
)
def test_integer_is_a_whole_decimal(text: str) -> None:
    is_decimal = re.fullmatch(validate.DECIMAL_SHAPE, text) is not None
    is_whole = is_decimal and float(text) == int(float(text))
    assert (re.fullmatch(validate.INTEGER_SHAPE, text) is not None) == is_whole


def test_every_contract_rule_becomes_an_expectation() -> None:
    """A new kind of column rule in the contract must get its expectation here too."""
    rules = {"required", "values", "min", "min_exclusive", "max_column", "not_before"}
    rules |= {"present_when"}
    # not rules of a value: how a vendor's column is found and recognised, or filled in
    vendor = {"header", "signature", "from_settings"}
    assert {f.name for f in dataclasses.fields(Column)} == rules | {
        "name",
        "type",
        "personal",
    } | vendor
    for export in load_contract().values():
        expectations = validate.suite_expectations(
            export, decimal_comma=False, business_currency="USD"
        )
        per_column = Counter(e.meta["columns"][0] for e in expectations)
        assert per_column[validate.RECORD] == 1
        currency_column = export.business_currency_column
        for column in export.columns:
            expected = (
                1  # the column exists
                + column.required
                + 2 * (column.present_when is not None)  # a value when, empty unless
                + (column.type in ("timestamp", "boolean", "integer", "decimal", "enum"))
                + (column.min is not None)
                + (column.min_exclusive is not None)
                + (column.max_column is not None)
                + (column.not_before is not None)
                + (column.name == export.primary_key)
                + (column.name == currency_column)
            )
            assert per_column[column.name] == expected, (export.name, column.name)
