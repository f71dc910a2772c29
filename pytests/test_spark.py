"""The Spark warehouse (dbt-spark, `method: session`): `atelier load --target spark` then
`dbt build --target spark` gives the marts and the audit DuckDB gives, row for row.

One exports folder holds three fixtures side by side: the fourteen worked examples
(gem_luxe, innovate_accents), the dirty folder whose every planted fault is rejected
(bijoux, print3d) and the vendor downloads mixed with hand-kept exports (atelier_lumen,
print_loop). It is built once on DuckDB (in process) and once on Spark (subprocesses, each
with its own JVM: the warehouse's embedded metastore admits one at a time). Every relation
of `marts` and `audit` is compared: the same columns (by type family), the same rows, exact
for counts, text and dates, 1e-9 relative for floats.
"""

from __future__ import annotations

import csv
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from atelier.sources import raw_table_names
from pytests.csv_files import contract_header, write_csv
from pytests.dbt_helpers import PROJECT_DIR, Build, run_dbt
from pytests.dirty_exports import write_dirty_exports
from pytests.parity import relation_columns, row_differences
from pytests.vendor_downloads import write_mixed
from pytests.worked_examples import write_worked_examples

pytestmark = pytest.mark.spark

BIN = Path(sys.executable).parent
COMPARED_SCHEMAS = ("marts", "audit")
TIMEOUT_S = 1800
PARITY_EXPORTS_VARIABLE = "ATELIER_SPARK_PARITY_EXPORTS"
# The dirty fixture rejects most records of some files on purpose: lift the build's limit.
BUILD_VARS = {"max_rejected_share": 1}


def merge_exports(folders: list[Path], into: Path) -> Path:
    """One exports folder holding every business of `folders` (their ids are distinct)."""
    header = contract_header("businesses")
    registry: list[list[str]] = []
    for folder in folders:
        with open(folder / "businesses.csv", encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                registry.append([row.get(column) or "" for column in header])
        for business in sorted(path for path in folder.iterdir() if path.is_dir()):
            shutil.copytree(business, into / business.name)
    write_csv(into / "businesses.csv", header, registry)
    return into


def write_parity_exports(root: Path) -> Path:
    """The worked examples, the dirty folder and the mixed downloads, as one exports folder."""
    write_worked_examples(root / "worked")
    write_dirty_exports(root / "dirty")
    write_mixed(root / "downloads")
    return merge_exports([root / "worked", root / "dirty", root / "downloads"], root / "exports")


@pytest.fixture(scope="session")
def spark_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The parity folder; ATELIER_SPARK_PARITY_EXPORTS=PATH compares another (the demo, say)."""
    other = os.environ.get(PARITY_EXPORTS_VARIABLE)
    if other:
        return Path(other).resolve()
    return write_parity_exports(tmp_path_factory.mktemp("spark_fixtures"))


def spark_environment(home: Path) -> dict[str, str]:
    """Spark's warehouse in `home` (and a DuckDB one beside it, for `--target dev`)."""
    return {
        **os.environ,
        "ATELIER_SPARK_HOME": str(home),
        "ATELIER_DUCKDB_PATH": str(home / "atelier.duckdb"),
        "TZ": "UTC",
    }


def run(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=PROJECT_DIR,
        env=spark_environment(home),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def spark_relations(home: Path, out: Path) -> dict[str, dict[str, tuple[list, list[tuple]]]]:
    dumped = run(
        [str(BIN / "python"), "-m", "pytests.spark_dump", str(out), *COMPARED_SCHEMAS], home
    )
    assert dumped.returncode == 0, dumped.stderr[-3000:]
    return pickle.loads(out.read_bytes())


@pytest.fixture(scope="session")
def spark_build(
    spark_exports: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, tuple[list, list[tuple]]]]:
    """`atelier load --target spark`, `dbt build --target spark`, then every compared relation."""
    work = tmp_path_factory.mktemp("spark")
    home = work / "warehouse"
    loaded = run(
        [str(BIN / "atelier"), "load", "--target", "spark", "--exports", str(spark_exports)], home
    )
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert f"loaded {len(raw_table_names())} exports" in loaded.stdout, loaded.stdout
    built = run(
        [
            str(BIN / "dbt"),
            "build",
            "--target",
            "spark",
            "--vars",
            json.dumps({"exports_path": str(spark_exports), **BUILD_VARS}),
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
        ],
        home,
    )
    assert built.returncode == 0, built.stdout[-5000:]
    return spark_relations(home, work / "relations.pickle")


@pytest.fixture(scope="session")
def duckdb_parity_build(spark_exports: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = run_dbt(
        ["build"],
        exports_path=spark_exports,
        work_dir=tmp_path_factory.mktemp("duck"),
        extra_vars=BUILD_VARS,
    )
    assert result.success, result.messages()
    return result


def duckdb_relations(build: Build, schema: str) -> dict[str, list[tuple[str, str]]]:
    return relation_columns(
        build.query_build(
            "select table_name, column_name, data_type from information_schema.columns "
            f"where table_schema = '{schema}' order by table_name, ordinal_position"
        )
    )


def compare(
    build: Build, spark: dict[str, dict[str, tuple[list, list[tuple]]]], schema: str
) -> list[str]:
    duck = duckdb_relations(build, schema)
    spark_columns = {
        name: relation_columns([(name, column, data_type) for column, data_type in columns])[name]
        for name, (columns, _) in spark[schema].items()
    }
    differences = []
    if sorted(duck) != sorted(spark_columns):
        differences.append(f"{schema}: {sorted(duck)} (DuckDB) != {sorted(spark_columns)} (Spark)")
    for name in sorted(set(duck) & set(spark_columns)):
        if duck[name] != spark_columns[name]:
            differences.append(
                f"{schema}.{name} columns: {duck[name]} (DuckDB) != {spark_columns[name]} (Spark)"
            )
            continue
        columns = [column for column, _ in duck[name]]
        rows = build.query_build(f"select {', '.join(columns)} from {schema}.{name}")
        differences += row_differences(
            f"{schema}.{name}", rows, spark[schema][name][1], columns, other="Spark"
        )
    return differences


def test_the_parity_folder_holds_every_fixture(tmp_path: Path) -> None:
    exports = write_parity_exports(tmp_path)
    with open(exports / "businesses.csv", encoding="utf-8-sig") as handle:
        businesses = [row["business_id"] for row in csv.DictReader(handle)]
    folders = sorted(path.name for path in exports.iterdir() if path.is_dir())
    assert {"gem_luxe", "innovate_accents", "bijoux", "print3d"} <= set(businesses)
    assert len(businesses) >= 6
    assert set(folders) <= set(businesses)


def test_marts_are_identical_on_duckdb_and_spark(
    duckdb_parity_build: Build, spark_build: dict[str, Any]
) -> None:
    assert "kpi_scorecard" in spark_build["marts"]
    assert len(spark_build["marts"]["kpi_scorecard"][1]) > 0
    differences = compare(duckdb_parity_build, spark_build, "marts")
    assert not differences, "\n".join(differences)


def test_audit_is_identical_on_duckdb_and_spark(
    duckdb_parity_build: Build, spark_build: dict[str, Any]
) -> None:
    assert {"rejected_rows", "export_row_counts"} <= set(spark_build["audit"])
    if not os.environ.get(PARITY_EXPORTS_VARIABLE):
        assert len(spark_build["audit"]["rejected_rows"][1]) > 0  # the dirty fixture's
    differences = compare(duckdb_parity_build, spark_build, "audit")
    assert not differences, "\n".join(differences)


def test_a_folder_with_a_structural_fault_loads_nothing(
    tmp_path: Path, spark_exports: Path
) -> None:
    broken = tmp_path / "exports"
    shutil.copytree(spark_exports, broken)
    (broken / "unregistered_business").mkdir()
    home = tmp_path / "warehouse"
    loaded = run(
        [str(BIN / "atelier"), "load", "--target", "spark", "--exports", str(broken)], home
    )
    assert loaded.returncode == 1
    assert "unregistered_business" in loaded.stderr
    assert "nothing changed in the warehouse" in loaded.stderr
    assert not (home / "raw").exists() or not any((home / "raw").iterdir())


# The dispatched macros on awkward values: each case is a Jinja call rendered for the target,
# its input written with text_literal itself (a quote, a backslash, a control character).
MACRO_CASES = {
    "quote_and_backslash": "{{ atelier.text_literal('it' ~ \"'\" ~ 's a \\\\ path') }}",
    "in_quotes": "'currency ' || {{ atelier.in_quotes(atelier.text_literal('EUR')) }}",
    "full_match": "case when {{ atelier.regex_full_match(atelier.text_literal('12/26/21'), var('value_shapes')['us_date']) }} then 'y' else 'n' end",
    "not_full_match": "case when {{ atelier.regex_full_match(atelier.text_literal('x12/26/21'), var('value_shapes')['us_date']) }} then 'y' else 'n' end",
    "extract": "{{ atelier.regex_extract(atelier.text_literal('vip, Inquiry: INQ-7 ,x'), '(?i)(^|,)\\\\s*inquiry:\\\\s*([^,]*[^,\\\\s])', 2) }}",
    "extract_none": "coalesce({{ atelier.regex_extract(atelier.text_literal('vip'), '(?i)(^|,)\\\\s*inquiry:\\\\s*([^,]*[^,\\\\s])', 2) }}, 'null')",
    "replace_all": "{{ atelier.regex_replace_all(atelier.text_literal('a , b,c  ,d'), '\\\\s*,\\\\s*', ',') }}",
    "json": "{{ atelier.json_text_object(['a', 'b', 'c'], {'a': atelier.text_literal('say \"hi\" \\\\ ok'), 'b': 'cast(null as ' ~ dbt.type_string() ~ ')', 'c': atelier.text_literal('tab\there')}) }}",
    "local_time": "cast({{ atelier.utc_to_local(\"cast('2025-03-30 01:30:00' as \" ~ dbt.type_timestamp() ~ ')', atelier.text_literal('Europe/Paris')) }} as "
    + "{{ dbt.type_string() }})",
}


def macro_cases_sql() -> str:
    return " union all ".join(
        f"select '{name}' as case_name, cast({expression} as {{{{ dbt.type_string() }}}}) as result"
        for name, expression in MACRO_CASES.items()
    )


def show_json(output: str) -> list[dict[str, Any]]:
    """The rows `dbt show --output json` printed (the last JSON object holding `show`)."""
    start = output.rindex('{\n  "show"')
    return json.loads(output[start : output.index("\n}", start) + 2])["show"]


def test_dispatched_macros_give_the_same_text_on_duckdb_and_spark(tmp_path: Path) -> None:
    command = [
        str(BIN / "dbt"), "show", "--inline", macro_cases_sql(), "--limit", "-1",
        "--output", "json", "--target-path", str(tmp_path / "target"),
        "--log-path", str(tmp_path / "logs"),
    ]  # fmt: skip
    shown = {}
    for target in ("dev", "spark"):
        result = run([*command, "--target", target], tmp_path / "warehouse")
        assert result.returncode == 0, result.stdout[-3000:]
        shown[target] = {row["case_name"]: row["result"] for row in show_json(result.stdout)}
    assert shown["dev"] == shown["spark"]
    assert shown["dev"] == {
        "quote_and_backslash": "it's a \\ path",
        "in_quotes": "currency 'EUR'",
        "full_match": "y",
        "not_full_match": "n",
        "extract": "INQ-7",
        "extract_none": "null",
        "replace_all": "a,b,c,d",
        "json": '{"a":"say \\"hi\\" \\\\ ok","b":null,"c":"tab\\there"}',
        "local_time": "2025-03-30 03:30:00",
    }
