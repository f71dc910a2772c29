"""dbt-duckdb plugin: reads the exports folder in place when a staging model needs a source.

Declared in `profiles.yml` (target `dev`) under the alias `atelier_exports`, and named by
the `exports` source's `meta.plugin`. dbt-duckdb calls `load` for each source table as the
staging model that selects from it compiles, and materialises the returned Arrow table as
`raw.<export>`, streaming file by file so memory holds one file at a time; staging then
reads it like any table. On PostgreSQL the same reader runs in `atelier load` instead.

Nightly runs (atelier/plan.py): the `on-run-start` hook asks the plugin, through
`atelier_check_exports_folder`, to check the folder and, for `dbt build` and `dbt run`, to plan
the run: which businesses changed since the last successful build. `raw.<export>` then holds
the rows of those businesses only (all of them when the plan is full), and the plan is
recorded as the next run's reference once the build is published.

Publishing (atelier/publish.py): with `published_path` in its config, the plugin creates the
folder of the private build database before dbt-duckdb opens it, and registers on the
connection the functions the `on-run-end` hook calls to publish the warehouse.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
from dbt.adapters.duckdb.credentials import DuckDBCredentials
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig
from dbt_common.exceptions import DbtRuntimeError

from atelier import plan as run_plan
from atelier.publish import Publisher
from atelier.reader import ExportsError
from atelier.sources import check_folder, stream_table


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.config = plugin_config
        self.fault: str | None = None  # the first fault met while loading: reported once
        published = plugin_config.get("published_path")
        self.publisher = (
            Publisher(Path(published), on_published=self.record_plan) if published else None
        )
        self.build_database: Path | None = None
        self.plan: run_plan.RunPlan | None = None  # `dbt build`/`run`: the businesses to read

    def update_connection_config(self, creds: DuckDBCredentials, config: dict[str, Any]) -> None:
        # Called before dbt-duckdb opens the build database: its folder must exist.
        if self.publisher is None:
            return
        build = Path(creds.path)
        if build.resolve() == self.publisher.published_path.resolve():
            raise ValueError(
                f"profiles.yml: the build database {build} is the published file; "
                "dbt must build into a private database beside it"
            )
        build.parent.mkdir(parents=True, exist_ok=True)
        self.build_database = build

    def configure_connection(self, conn: Any) -> None:
        conn.create_function(
            "atelier_check_exports_folder",
            self.check_exports_folder,
            ["VARCHAR", "VARCHAR", "BOOLEAN", "BOOLEAN"],
            "VARCHAR",
            side_effects=True,
        )
        conn.create_function(
            "atelier_rebuilt_businesses",
            lambda: self.plan.businesses if self.plan else [],
            [],
            "VARCHAR[]",
            side_effects=True,
        )
        conn.create_function(
            "atelier_plan_is_full",
            lambda: self.plan is None or self.plan.full,
            [],
            "BOOLEAN",
            side_effects=True,
        )
        conn.create_function(
            "atelier_plan_summary",
            lambda: self.plan.summary() if self.plan else "",
            [],
            "VARCHAR",
            side_effects=True,
        )
        if self.publisher is not None:
            self.publisher.register(conn)

    def check_exports_folder(
        self, exports_path: str, cli_vars: str, plans: bool, full_refresh: bool
    ) -> str:
        """SQL function `atelier_check_exports_folder(path, vars, plans, full_refresh)`, called
        by the `on-run-start` hook (macros/util/check_exports_folder.sql): '' or the folder's
        first structural fault. A run starts here, so the fault and plan of an earlier run are
        forgotten. With `plans` (`dbt build`, `dbt run`), the run's plan (atelier/plan.py):
        the files of the businesses it rebuilds are checked and read, no others."""
        self.fault = None
        self.plan = None
        try:
            if plans and self.build_database is not None:
                key = run_plan.project_key(exports_path, cli_vars)
                self.plan = run_plan.plan_run(
                    exports_path, self.build_database, key, full_refresh=full_refresh
                )
            check_folder(
                exports_path,
                None if self.plan is None or self.plan.full else self.plan.businesses,
            )
        except ExportsError as error:
            self.plan = None
            return str(error)
        return ""

    def record_plan(self) -> None:
        """After a publish: the plan's fingerprints become the reference of the next run."""
        if self.plan is not None and self.build_database is not None:
            run_plan.commit(self.plan, self.build_database)

    def load(self, source_config: SourceConfig) -> pa.RecordBatchReader:
        # A fault of the folder is a dbt error (one line, no traceback), reported once: the
        # exports read after it fail with a pointer to it.
        if self.fault is not None:
            raise DbtRuntimeError(
                f"{source_config.identifier} not read: the exports folder has a fault (the "
                "first error of this run)"
            )
        try:
            businesses = None if self.plan is None or self.plan.full else self.plan.businesses
            stream = stream_table(
                source_config["exports_path"], source_config.identifier, businesses
            )
        except ExportsError as error:
            self.fault = str(error)
            raise DbtRuntimeError(self.fault) from None
        return pa.RecordBatchReader.from_batches(stream.schema, self._noting_faults(stream))

    def _noting_faults(self, stream: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
        try:
            yield from stream
        except ExportsError as error:  # a file changed since the on-run-start check
            self.fault = self.fault or str(error)
            # DuckDB prints the stream's Python stack with the message: keep it one frame
            raise ExportsError(str(error)) from None
