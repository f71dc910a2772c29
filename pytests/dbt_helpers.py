"""Run dbt in-process (dbtRunner) against any exports folder, into a private warehouse."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
from dbt.cli.main import dbtRunner, dbtRunnerResult

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    """A finished dbt invocation and the DuckDB warehouse it wrote."""

    result: dbtRunnerResult
    duckdb_path: Path

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
        with duckdb.connect(str(self.duckdb_path), read_only=True) as con:
            return con.sql(sql).fetchall()

    def query_dicts(self, sql: str) -> list[dict]:
        with duckdb.connect(str(self.duckdb_path), read_only=True) as con:
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
    """`dbt <command>` on `exports_path`, with warehouse and target folder under `work_dir`."""
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
    """(business_id, export_name, rows_read) of every row of `audit.export_row_counts`,
    once each row is checked: rows read = rows accepted + rows rejected."""
    rows = result.query(
        "select business_id, export_name, rows_read, rows_accepted, rows_rejected "
        "from audit.export_row_counts"
    )
    for business_id, export_name, read, accepted, rejected in rows:
        assert read == accepted + rejected, (business_id, export_name, read, accepted, rejected)
    return [(business_id, export_name, read) for business_id, export_name, read, _, _ in rows]
