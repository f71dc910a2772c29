"""dbt-duckdb plugin: reads the exports folder in place when a staging model needs a source.

Declared in `profiles.yml` (target `dev`) under the alias `atelier_exports`, and named by
the `exports` source's `meta.plugin`. dbt-duckdb calls `load` for each source table as the
staging model that selects from it compiles, and materialises the returned Arrow table as
`raw.<export>`, streaming file by file so memory holds one file at a time; staging then
reads it like any table. On PostgreSQL the same reader runs
in `atelier load` instead.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig

from atelier.reader import stream_export


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.config = plugin_config

    def load(self, source_config: SourceConfig) -> pa.RecordBatchReader:
        return stream_export(source_config["exports_path"], source_config.identifier)
