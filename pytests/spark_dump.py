"""Every relation of the given schemas of a Spark warehouse, pickled for the parity test.

Run as `python -m pytests.spark_dump OUT SCHEMA...` with ATELIER_SPARK_HOME set: a process of
its own, because the warehouse's embedded metastore admits one JVM at a time, and the test
process must leave it free for the next `dbt build --target spark`. Writes
{schema: {relation: ([(column, spark type)], [row tuple, ...])}}.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from atelier import spark


def dump(schemas: list[str]) -> dict[str, dict[str, tuple[list[tuple[str, str]], list[tuple]]]]:
    session = spark.session(spark.session_settings())
    relations: dict[str, dict[str, tuple[list[tuple[str, str]], list[tuple]]]] = {}
    for schema in schemas:
        relations[schema] = {}
        if not session.catalog.databaseExists(schema):
            continue
        for table in session.catalog.listTables(schema):
            frame = session.table(f"{schema}.{table.name}")
            columns = [(field.name, field.dataType.simpleString()) for field in frame.schema.fields]
            relations[schema][table.name] = (columns, [tuple(row) for row in frame.collect()])
    return relations


if __name__ == "__main__":
    out, *schema_names = sys.argv[1:]
    Path(out).write_bytes(pickle.dumps(dump(schema_names)))
