"""Every model, seed and source is described, and so is every column the warehouse holds."""

from __future__ import annotations

import json
import re
import subprocess

from pytests.dbt_helpers import PROJECT_DIR, Build

SCHEMAS = ("staging", "intermediate", "marts", "audit")


def _manifest(build: Build) -> dict:
    return json.loads((build.duckdb_path.parent / "target" / "manifest.json").read_text())


def test_every_node_is_described(demo_build: Build) -> None:
    manifest = _manifest(demo_build)
    nodes = [
        *(n for n in manifest["nodes"].values() if n["resource_type"] in {"model", "seed"}),
        *manifest["sources"].values(),
    ]
    undescribed = [n["unique_id"] for n in nodes if not n["description"].strip()]
    assert undescribed == []


def test_every_warehouse_column_is_described(demo_build: Build) -> None:
    manifest = _manifest(demo_build)
    described = {
        (n["schema"], n["alias"]): {
            c for c, col in n["columns"].items() if col["description"].strip()
        }
        for n in manifest["nodes"].values()
        if n["resource_type"] in {"model", "seed"}
    }
    undescribed = [
        f"{schema}.{table}.{column}"
        for schema, table, column in demo_build.query_build(
            f"""
            select table_schema, table_name, column_name
            from information_schema.columns
            where table_schema in {SCHEMAS}
            """
        )
        if column not in described.get((schema, table), set())
    ]
    assert undescribed == []


def test_marts_hold_no_personal_column(demo_build: Build) -> None:
    personal = demo_build.query(
        """
        select table_name, column_name
        from information_schema.columns
        where table_schema = 'marts'
            and regexp_matches(column_name, 'email|full_name|phone|address|country|^name$')
        """
    )
    assert personal == []


# The project's contract lives in docs/; a name of a document kept outside the repository
# (the spec the project was first written from) would send a reader nowhere.
OUTSIDE_POINTERS = re.compile(
    r"\.\./shared|\b(?:EXPORTS|SOURCES|SOURCE-HEADERS|KPIS|OUTPUTS|STYLE|NOTES)\.md\b"
)


def test_no_file_points_outside_the_repository() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT_DIR, capture_output=True, check=True
    ).stdout.decode()
    offenders = []
    for name in filter(None, listed.split("\0")):
        path = PROJECT_DIR / name
        if name.startswith("data/") or not path.is_file() or path.suffix in {".png", ".csv"}:
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if OUTSIDE_POINTERS.search(line):
                offenders.append(f"{name}:{number}: {line.strip()[:80]}")
    assert not offenders, "\n".join(offenders)
