"""Apache Spark: the session of the `spark` dbt target, and `atelier load --target spark`.

The `spark` target of profiles.yml (dbt-spark, `method: session`) runs an in-process PySpark
whose tables and Hive metastore live in ATELIER_SPARK_HOME (default `warehouse/spark`). This
module starts the same session from that very block of profiles.yml (rendered by dbt's own
renderer, so the settings are written once), for the load and for the tests.

The load writes every raw table (the exports, the vendor sources, the businesses' settings)
with the same reader as DuckDB's plugin and PostgreSQL's load (`atelier.sources.stream_table`),
as Parquet files under `<home>/raw/<run>/<table>/`: every column text (Spark `string`), except
`line_number` and `file_modified_ns` (`bigint`). Only once every file is written are the tables
`raw.<table>` pointed at the new run, in one quick pass over the metastore (drop and create an
external table, no data moved), and the previous run's files removed. A structural fault of
the folder or an interrupted write leaves the previous `raw` untouched; loading the same folder
twice gives the same tables. Concurrent loads wait for each other (a lock file in the home).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from atelier.load import RAW_SCHEMA, LoadError, write_tables

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROFILE_TARGET = "spark"


class SparkError(LoadError):
    """The profile's spark target cannot be read."""


def session_settings(
    project_dir: Path = PROJECT_DIR, target: str = PROFILE_TARGET
) -> dict[str, str]:
    """The `server_side_parameters` of the profile's spark target, rendered as dbt renders
    them (env_var and all), plus what dbt-spark itself forces (ANSI mode off)."""
    from dbt.config.profile import read_profile
    from dbt.config.renderer import ProfileRenderer
    from dbt_common.context import set_invocation_context

    set_invocation_context(dict(os.environ))
    profile = read_profile(str(project_dir))
    try:
        output = profile["atelier"]["outputs"][target]
    except KeyError as error:
        raise SparkError(f"profiles.yml has no target '{target}' in profile atelier") from error
    rendered = ProfileRenderer({}).render_data(output)
    settings = {
        str(key): str(value) for key, value in rendered.get("server_side_parameters", {}).items()
    }
    settings["spark.sql.ansi.enabled"] = "false"  # dbt-spark sets it the same way
    return settings


def home(settings: dict[str, str]) -> Path:
    """The folder of the tables: the parent of spark.sql.warehouse.dir."""
    return Path(settings["spark.sql.warehouse.dir"]).parent


def session(settings: dict[str, str]) -> Any:
    """A SparkSession with the profile's settings and Hive support, as dbt-spark starts it."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _spark_type(arrow_type: pa.DataType) -> pa.DataType:
    return pa.int64() if pa.types.is_integer(arrow_type) else pa.string()


def _write_table(stream: pa.RecordBatchReader, folder: Path, progress: tqdm) -> int:
    """One raw table as a Parquet file in `folder`; its number of rows."""
    schema = pa.schema([pa.field(f.name, _spark_type(f.type)) for f in stream.schema])
    folder.mkdir(parents=True)
    n_rows = 0
    with pq.ParquetWriter(folder / "part-00000.parquet", schema) as writer:
        for batch in stream:
            writer.write_batch(
                pa.RecordBatch.from_arrays(
                    [
                        column.cast(field.type)
                        for column, field in zip(batch.columns, schema, strict=True)
                    ],
                    schema=schema,
                )
            )
            n_rows += batch.num_rows
            progress.update(batch.num_rows)
    return n_rows


@contextlib.contextmanager
def _load_lock(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".load.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def sql_text(value: str) -> str:
    """A Spark SQL string literal (backslash escapes)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def load(exports_path: Path, settings: dict[str, str]) -> dict[str, int]:
    """Write every raw table of the folder, then point `raw` at them; rows per table."""
    raw_home = home(settings).resolve() / RAW_SCHEMA
    with _load_lock(raw_home):
        run = raw_home / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        try:
            loaded = write_tables(
                exports_path, lambda name, stream, rows: _write_table(stream, run / name, rows)
            )
            spark = session(settings)
            spark.sql(f"create database if not exists {RAW_SCHEMA}")
            for name in loaded:
                spark.sql(f"drop table if exists {RAW_SCHEMA}.{name}")
                spark.sql(
                    f"create table {RAW_SCHEMA}.{name} using parquet location {sql_text(str(run / name))}"
                )
        except BaseException:
            shutil.rmtree(run, ignore_errors=True)
            raise
        for previous in raw_home.iterdir():
            if previous.is_dir() and previous != run:
                shutil.rmtree(previous, ignore_errors=True)
    return loaded
