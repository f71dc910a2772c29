"""Publishing the DuckDB warehouse: the file analysts open changes only as a whole.

`dbt build` never opens the published file (`warehouse/atelier.duckdb`, or
`$ATELIER_DUCKDB_PATH`). It works in a private build database beside it,
`<published>.build/atelier.duckdb` (profiles.yml), which holds every layer. At the end of a
successful build, the `on-run-end` hook (macros/warehouse/publish_warehouse.sql) ATTACHes a
new file `<published>.next` in DuckDB 1.4's storage format (so the DuckDB CLI of PyPI opens
it), copies the marts and the analysts' audit relations into it, DETACHes it, and calls
`atelier_publish_commit`, which renames it over the published file (`os.replace`: atomic on
one filesystem). SQL cannot rename a file: the dbt-duckdb plugin (atelier/dbt_plugin.py)
registers the functions below on its connection (`register`).

A nightly run that rebuilt some businesses only (atelier/plan.py) starts the new file as a
byte copy of the published one and replaces, in each table keyed by business, the rebuilt
businesses' rows; tables not keyed by business are copied whole. The rename is the same.

A reader holding the old file open keeps its inode, so it keeps reading the old data, and
neither blocks the build nor sees a mix; a new connection opens the new file. A build that
fails, or is killed at any point, leaves the published file byte for byte as it was: only
the rename changes it, and the rename is the last step. A stale `<published>.next` left by a
killed build is removed by the next publish.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# profiles.yml repeats this layout in Jinja (it cannot import Python).
BUILD_DIR_SUFFIX = ".build"
BUILD_FILE_NAME = "atelier.duckdb"
NEXT_SUFFIX = ".next"
# Storage format of the published file: DuckDB 1.4 and later read it (duckdb-cli 1.5 included).
STORAGE_VERSION = "v1.4.0"


def build_database_path(published_path: str | os.PathLike[str]) -> Path:
    """The private database dbt builds into, beside the published file."""
    return Path(f"{os.fspath(published_path)}{BUILD_DIR_SUFFIX}") / BUILD_FILE_NAME


@dataclass(frozen=True)
class Publisher:
    """Publishes into `published_path` (relative paths are read from the working directory)."""

    published_path: Path
    # Called after a publish by a build that ran every model (the plugin records the run's
    # plan, atelier/plan.py: the next run rebuilds only what changed since).
    on_published: Callable[[], None] | None = None

    @property
    def next_path(self) -> Path:
        """The new file being written; same folder, so the rename stays on one filesystem."""
        return self.published_path.with_name(self.published_path.name + NEXT_SUFFIX)

    def prepare(self, from_published: bool = False) -> str:
        """Remove what a killed publish left behind; the path the hook ATTACHes. With
        `from_published` (a nightly run that rebuilt some businesses only), the new file
        starts as a copy of the published one, and the hook replaces those businesses' rows."""
        self.published_path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (self.next_path, _wal(self.next_path)):
            leftover.unlink(missing_ok=True)
        if from_published:
            shutil.copyfile(self.published_path, self.next_path)
        return str(self.next_path)

    def commit(self, relations: int, every_model_built: bool = False) -> str:
        """Rename the finished new file over the published one; the report line."""
        new = self.next_path
        if not new.is_file():
            raise RuntimeError(f"{new} is missing: nothing to publish")
        if _wal(new).exists():
            raise RuntimeError(f"{_wal(new)} exists: {new} was not closed cleanly")
        with contextlib.suppress(FileNotFoundError):
            os.chmod(new, stat.S_IMODE(os.stat(self.published_path).st_mode))
        _fsync(new)
        # Nothing writes the published file, so a WAL beside it is a leftover (a warehouse
        # built in place by an older version): DuckDB would replay it into the new file.
        _wal(self.published_path).unlink(missing_ok=True)
        os.replace(new, self.published_path)
        _fsync_folder(self.published_path.parent)
        if every_model_built and self.on_published is not None:
            self.on_published()
        message = f"published {relations} relations to {self.published_path}"
        report(message)
        return message

    def register(self, connection: Any) -> None:
        """The SQL functions the hook calls, on a dbt-duckdb connection."""
        import duckdb

        varchar = duckdb.sqltype("VARCHAR")
        connection.create_function(
            "atelier_publish_path", lambda: str(self.published_path), [], varchar
        )
        connection.create_function(
            "atelier_publish_prepare",
            self.prepare,
            [duckdb.sqltype("BOOLEAN")],
            varchar,
            side_effects=True,
        )
        connection.create_function(
            "atelier_publish_commit",
            self.commit,
            [duckdb.sqltype("BIGINT"), duckdb.sqltype("BOOLEAN")],
            varchar,
            side_effects=True,
        )


def report(message: str) -> None:
    """One line in dbt's output and log, as a macro's `log(message, info=True)` writes it."""
    try:
        from dbt.events.types import JinjaLogInfo
        from dbt_common.events.functions import fire_event
    except ImportError:  # pragma: no cover - dbt-core is always there when dbt runs this
        print(message)
        return
    fire_event(JinjaLogInfo(msg=message, node_info={}))


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        _fsync(folder)
