"""Which businesses a `dbt build` must rebuild: nightly runs redo only what changed.

Every file of an exports folder has a fingerprint: its size and modification time (ns), and
the hash of its bytes once it has changed at least once. A business's inputs are its row of
`businesses.csv` and every file of its folder (exports, downloads, `sources.yml`). A run
compares the folder with the fingerprints of the last successful build, kept in
`state.json` beside the private build database, and rebuilds:

- every business, when there is no previous state (first build, or the build database was
  removed), with `--full-refresh`, or when the project changed since (its models, macros,
  seeds, `dbt_project.yml`, the reader's code, the `--vars`, the exports folder's path: the
  `project_key`; the report's or the benchmark's code is not part of it);
- otherwise the businesses whose inputs changed (a file appended, edited, added or deleted,
  the registry row edited, `sources.yml` changed), the new ones and the removed ones (their
  rows leave every table), plus any business a failed run had started to rebuild.

A file whose size and modification time are unchanged is unchanged (as `make` and `rsync`
decide). A file whose size or time changed is hashed; when its hash equals the recorded
one (a file saved again as it was), it is unchanged. The hash of a file is recorded only
once it has changed, so a first build reads each file once, not twice.

The plan is written before any model runs: `pending` in the state lists the businesses being
rebuilt, so if the build fails half-way, the next run rebuilds them again even if their files
went back to how they were. `commit` records the new fingerprints after a successful build.
The dbt-duckdb plugin (atelier/dbt_plugin.py) calls both, and the models read the plan from
the table `raw.businesses_rebuilt` (macros/incremental/).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atelier.contract import PROJECT_DIR, REGISTRY, load_contract
from atelier.reader import read_registry

STATE_FILE = "state.json"
STATE_VERSION = 1
# What the project's own inputs are: a change in any of them rebuilds every business.
PROJECT_INPUTS = (
    "models",
    "macros",
    "seeds",
    "dbt_project.yml",
    # the code that turns files into raw tables
    "atelier/contract.py",
    "atelier/reader.py",
    "atelier/settings.py",
    "atelier/sources.py",
)
HASH_CHUNK = 1 << 20

Fingerprint = list[Any]  # [size, mtime_ns, hash or None]


@dataclass
class RunPlan:
    """The businesses this run rebuilds; `full` when it rebuilds every business."""

    businesses: list[str]
    full: bool
    reason: str
    files: dict[str, Fingerprint] = field(default_factory=dict)
    registry_rows: dict[str, str] = field(default_factory=dict)
    project_key: str = ""

    def summary(self) -> str:
        if self.full:
            return f"rebuilding all {len(self.businesses)} businesses ({self.reason})"
        if not self.businesses:
            return "no business changed since the last successful build: nothing to rebuild"
        n = len(self.businesses)
        shown = ", ".join(self.businesses[:5]) + (", ..." if n > 5 else "")
        noun = "business" if n == 1 else "businesses"
        return f"rebuilding {n} changed {noun} ({shown}); the others are kept"


def project_key(exports_path: str | Path, cli_vars: str) -> str:
    """A hash of everything besides the exports that decides the build's results."""
    digest = hashlib.sha256()
    digest.update(str(Path(exports_path).resolve()).encode())
    digest.update(cli_vars.encode())
    for name in PROJECT_INPUTS:
        root = PROJECT_DIR / name
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(PROJECT_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _folder_files(exports_path: Path, business_id: str) -> dict[str, tuple[int, int]]:
    """Every non-hidden file of a business folder (recursively): relative path -> size, mtime."""
    files: dict[str, tuple[int, int]] = {}
    folder = exports_path / business_id
    if not folder.is_dir():
        return files
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            try:
                status = path.stat()
            except OSError:
                continue  # the folder check names what cannot be read
            files[str(path.relative_to(exports_path))] = (status.st_size, status.st_mtime_ns)
    return files


def _registry_rows(exports_path: Path) -> dict[str, str]:
    """business_id -> its registry row (the contract's columns), as text."""
    registry = read_registry(exports_path)
    names = load_contract()[REGISTRY].column_names
    rows = registry.select(names).to_pylist()
    return {row["business_id"]: json.dumps(row, sort_keys=True) for row in rows}


def state_path(build_database: Path) -> Path:
    return build_database.parent / STATE_FILE


def load_state(build_database: Path) -> dict[str, Any] | None:
    path = state_path(build_database)
    if not path.is_file() or not build_database.is_file():
        return None
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return state if state.get("version") == STATE_VERSION else None


def _write_state(build_database: Path, state: dict[str, Any]) -> None:
    path = state_path(build_database)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(state, sort_keys=True))
    os.replace(temporary, path)


def plan_run(
    exports_path: str | Path, build_database: Path, key: str, *, full_refresh: bool
) -> RunPlan:
    """The businesses this run rebuilds; records them as pending before any model runs."""
    exports_path = Path(exports_path)
    registry_rows = _registry_rows(exports_path)
    state = load_state(build_database)
    previous_files: dict[str, Fingerprint] = (state or {}).get("files", {})
    previous_rows: dict[str, str] = (state or {}).get("registry_rows", {})

    previous_paths: dict[str, set[str]] = {}  # business -> its files last time (one pass)
    for relative in previous_files:
        previous_paths.setdefault(relative.split(os.sep, 1)[0], set()).add(relative)
    files: dict[str, Fingerprint] = {}
    changed: set[str] = set()
    for business_id in registry_rows:
        current = _folder_files(exports_path, business_id)
        if previous_paths.get(business_id, set()) - current.keys():
            changed.add(business_id)  # a file was deleted
        for relative, (size, mtime_ns) in current.items():
            old = previous_files.get(relative)
            if old is not None and old[0] == size and old[1] == mtime_ns:
                files[relative] = old
                continue
            digest = file_hash(exports_path / relative) if old is not None else None
            files[relative] = [size, mtime_ns, digest]
            if old is None or old[2] is None or old[2] != digest:
                changed.add(business_id)
        if registry_rows[business_id] != previous_rows.get(business_id):
            changed.add(business_id)
    removed = set(previous_rows) - set(registry_rows)
    everyone = sorted(set(registry_rows) | set(previous_rows))

    if state is None:
        full, reason = True, "no previous successful build"
    elif full_refresh:
        full, reason = True, "--full-refresh"
    elif state.get("project_key") != key:
        full, reason = True, "the project, its settings or the exports folder's path changed"
    else:
        full, reason = False, "changed since the last successful build"
    pending = set((state or {}).get("pending", []))
    businesses = everyone if full else sorted(changed | removed | pending)
    plan = RunPlan(
        businesses=businesses,
        full=full,
        reason=reason,
        files=files,
        registry_rows=registry_rows,
        project_key=key,
    )
    # Before any model runs: a failed run's businesses are rebuilt by the next one.
    _write_state(
        build_database,
        {
            "version": STATE_VERSION,
            "project_key": (state or {}).get("project_key") if not full else None,
            "files": previous_files,
            "registry_rows": previous_rows,
            "pending": sorted(pending | set(businesses)),
        },
    )
    return plan


def commit(plan: RunPlan, build_database: Path) -> None:
    """After a successful build: the inputs it read are the new reference."""
    _write_state(
        build_database,
        {
            "version": STATE_VERSION,
            "project_key": plan.project_key,
            "files": plan.files,
            "registry_rows": plan.registry_rows,
            "pending": [],
        },
    )
