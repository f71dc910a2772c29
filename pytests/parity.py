"""Comparing the same relation built on two warehouses: column types by family, rows exact
for counts, text and dates, and 1e-9 relative for floats (test_postgres, test_spark)."""

from __future__ import annotations

import decimal
import math
from typing import Any

REL_TOL = 1e-9

TYPE_FAMILIES = (
    ("text", ("varchar", "character", "text", "char", "string")),
    ("boolean", ("bool",)),
    ("timestamp", ("timestamp",)),
    ("date", ("date",)),
    (
        "number",
        (
            "tinyint",
            "smallint",
            "integer",
            "int",
            "bigint",
            "hugeint",
            "ubigint",
            "decimal",
            "numeric",
            "double",
            "real",
            "float",
        ),
    ),
)


def type_family(data_type: str) -> str:
    """What a column holds, whatever the warehouse calls it (HUGEINT and numeric are numbers)."""
    lowered = data_type.lower()
    for family, prefixes in TYPE_FAMILIES:
        if lowered.startswith(prefixes):
            return family
    return lowered


def relation_columns(rows: list[tuple]) -> dict[str, list[tuple[str, str]]]:
    """{relation: [(column, type family), ...]} from (table_name, column_name, data_type) rows."""
    relations: dict[str, list[tuple[str, str]]] = {}
    for table_name, column_name, data_type in rows:
        relations.setdefault(table_name, []).append((column_name, type_family(data_type)))
    return relations


def _normalized(value: Any) -> Any:
    """Decimals as the int or float they hold (DuckDB's HUGEINT is PostgreSQL's numeric)."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def sorted_rows(rows: list[tuple], float_columns: set[int]) -> list[tuple]:
    """Rows ordered by every column, nulls last, the float columns last (so that a float
    differing in its last bits cannot reorder rows). Sorted here, not by either warehouse,
    whose text collations may differ."""

    def key(row: tuple) -> tuple:
        exact = [(v is None, v) for i, v in enumerate(row) if i not in float_columns]
        floats = [
            (v is None, v is not None and math.isnan(v), 0.0 if v is None else v)
            for i, v in enumerate(row)
            if i in float_columns
        ]
        return (*exact, *floats)

    return sorted((tuple(_normalized(v) for v in row) for row in rows), key=key)


def values_match(left: Any, right: Any) -> bool:
    """Exact, except floats (or a float against a number): 1e-9 relative."""
    if left is None or right is None or isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, float) or isinstance(right, float):
        left, right = float(left), float(right)
        if math.isnan(left) or math.isnan(right):
            return math.isnan(left) and math.isnan(right)
        return math.isclose(left, right, rel_tol=REL_TOL, abs_tol=1e-12)
    return left == right


def row_differences(
    name: str,
    duck: list[tuple],
    pg: list[tuple],
    columns: list[str],
    other: str = "PostgreSQL",
) -> list[str]:
    """Human-readable differences between two relations' rows (at most five)."""
    if len(duck) != len(pg):
        return [f"{name}: {len(duck)} rows on DuckDB, {len(pg)} on {other}"]
    float_columns = {
        i for row in (*duck, *pg) for i, v in enumerate(row) if isinstance(_normalized(v), float)
    }
    differences = []
    pairs = zip(sorted_rows(duck, float_columns), sorted_rows(pg, float_columns), strict=True)
    for duck_row, pg_row in pairs:
        cells = [
            f"{column}: {a!r} (DuckDB) != {b!r} ({other})"
            for column, a, b in zip(columns, duck_row, pg_row, strict=True)
            if not values_match(a, b)
        ]
        if cells:
            differences.append(f"{name} row {duck_row!r}: " + "; ".join(cells))
        if len(differences) == 5:
            break
    return differences
