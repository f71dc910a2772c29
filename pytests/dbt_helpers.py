"""Run dbt in-process (dbtRunner) against any exports folder, into a private warehouse.

dbt builds into a private build database and a successful `dbt build` publishes the marts
into the file analysts open (atelier/publish.py): `Build.query` reads that published file,
what users see; `Build.query_build` reads the build database (every layer: raw, staging,
intermediate, the whole audit)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
from dbt.cli.main import dbtRunner, dbtRunnerResult

from atelier.publish import build_database_path

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    """A finished dbt invocation and the DuckDB warehouse it wrote."""

    result: dbtRunnerResult
    duckdb_path: Path  # the published file (absent until a `dbt build` succeeds)

    @property
    def build_path(self) -> Path:
        """The private database dbt builds into, beside the published file."""
        return build_database_path(self.duckdb_path)

    @property
    def success(self) -> bool:
        return self.result.success

    def messages(self) -> str:
        """Every node's message and the exception, for asserting on error texts."""
        parts = [str(self.result.exception or "")]
        for node_result in getattr(self.result.result, "results", None) or []:
            parts.append(str(node_result.message or ""))
        return "\n".join(parts)

    def query(self, sql: str) -> list[tuple]:
        """Rows of `sql` on the published file, what analysts open."""
        with duckdb.connect(str(self.duckdb_path), read_only=True) as con:
            return con.sql(sql).fetchall()

    def query_build(self, sql: str) -> list[tuple]:
        """Rows of `sql` on the build database, with every layer dbt built."""
        with duckdb.connect(str(self.build_path), read_only=True) as con:
            return con.sql(sql).fetchall()

    def query_dicts(self, sql: str, *, build_database: bool = False) -> list[dict]:
        path = self.build_path if build_database else self.duckdb_path
        with duckdb.connect(str(path), read_only=True) as con:
            relation = con.sql(sql)
            names = relation.columns
            return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def run_dbt(
    command: list[str],
    *,
    exports_path: Path | str,
    work_dir: Path,
    target: str = "dev",
    extra_vars: dict | None = None,
) -> Build:
    """`dbt <command>` on `exports_path`, with warehouse and target folder under `work_dir`
    (published file `work_dir/atelier.duckdb`, build database beside it)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    duckdb_path = work_dir / "atelier.duckdb"
    os.environ["ATELIER_DUCKDB_PATH"] = str(duckdb_path)
    dbt_vars = {"exports_path": str(exports_path), **(extra_vars or {})}
    args = [
        *command,
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
        "--target",
        target,
        "--vars",
        json.dumps(dbt_vars),
    ]
    cwd = os.getcwd()
    os.chdir(PROJECT_DIR)
    try:
        result = dbtRunner().invoke(args)
    finally:
        os.chdir(cwd)
        release_duckdb()
    return Build(result=result, duckdb_path=duckdb_path)


def release_duckdb() -> None:
    """Close the database an in-process dbt-duckdb run leaves open.

    dbt-duckdb keeps its environment (and the file handle) alive in the process after
    `dbtRunner.invoke`, so a later read-only connection to the same file would be refused.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


def build(exports_path: Path | str, work_dir: Path, **kwargs) -> Build:
    """`dbt build` (models, seeds, data and unit tests) of one exports folder."""
    return run_dbt(["build"], exports_path=exports_path, work_dir=work_dir, **kwargs)


def audited_rows_read(result: Build) -> list[tuple[str, str, int]]:
    """(business_id, export_name, rows_read) of every row of `audit.export_row_counts` (one
    per file read), once each row is checked: rows read = accepted + rejected + skipped."""
    rows = result.query(
        "select business_id, export_name, rows_read, rows_accepted, rows_rejected, rows_skipped "
        "from audit.export_row_counts"
    )
    for business_id, export_name, read, accepted, rejected, skipped in rows:
        assert read == accepted + rejected + skipped, (business_id, export_name, read)
    return [(row[0], row[1], row[2]) for row in rows]
