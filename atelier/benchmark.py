"""`atelier benchmark`: time `dbt build` on the generated exports of many businesses.

Writes `--businesses` generated businesses (`atelier demo-data --businesses N`) into a
temporary folder (or `--out`), then runs `dbt build` in-process (`dbtRunner`) from the
project root on that folder, into a throwaway DuckDB warehouse and target folder, and prints
the businesses, the rows written per export, the generation and build times, the rows built
per second and the peak resident memory. Exit code 1 when the build fails.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from atelier.contract import PROJECT_DIR, REGISTRY
from atelier.demo import DEFAULT_MONTHS, DEFAULT_SEED, write_exports

DEFAULT_BUSINESSES = 200
DUCKDB_PATH_VARIABLE = "ATELIER_DUCKDB_PATH"


@contextmanager
def _project_environment(duckdb_path: Path) -> Iterator[None]:
    """Run from the project root with the warehouse at `duckdb_path`; restore both after."""
    previous_cwd = os.getcwd()
    previous_path = os.environ.get(DUCKDB_PATH_VARIABLE)
    os.environ[DUCKDB_PATH_VARIABLE] = str(duckdb_path)
    os.chdir(PROJECT_DIR)
    try:
        yield
    finally:
        os.chdir(previous_cwd)
        if previous_path is None:
            os.environ.pop(DUCKDB_PATH_VARIABLE, None)
        else:
            os.environ[DUCKDB_PATH_VARIABLE] = previous_path


def dbt_build(exports_path: Path, work_dir: Path) -> bool:
    """`dbt build` of `exports_path` with warehouse, target and logs under `work_dir`."""
    from dbt.cli.main import dbtRunner

    args = [
        "build",
        "--project-dir", str(PROJECT_DIR),
        "--profiles-dir", str(PROJECT_DIR),
        "--target", "dev",
        "--target-path", str(work_dir / "target"),
        "--log-path", str(work_dir / "logs"),
        "--vars", json.dumps({"exports_path": str(exports_path.resolve())}),
    ]  # fmt: skip
    with _project_environment(work_dir / "atelier.duckdb"):
        result = dbtRunner().invoke(args)
    if result.exception is not None:
        print(f"atelier benchmark: dbt build raised: {result.exception}", file=sys.stderr)
    return bool(result.success)


def peak_rss_mb() -> float:
    """Peak resident memory of this process (dbt runs in it), in MiB (Linux: ru_maxrss KiB)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--businesses",
        type=int,
        default=DEFAULT_BUSINESSES,
        metavar="N",
        help="generated businesses to build (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write the exports here and keep them (default: a temporary folder, removed)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="default: %(default)s")
    parser.add_argument(
        "--months", type=int, default=DEFAULT_MONTHS, metavar="M", help="default: %(default)s"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="show a progress bar while generating (default: on)",
    )


def run(args: argparse.Namespace) -> int:
    if args.businesses < 1 or args.months < 1:
        print("atelier benchmark: --businesses and --months must be at least 1", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="atelier-benchmark-") as temp:
        work_dir = Path(temp)
        exports_path = args.out if args.out is not None else work_dir / "exports"

        started = time.perf_counter()
        counts = write_exports(
            exports_path,
            seed=args.seed,
            businesses=args.businesses,
            months=args.months,
            progress=args.progress,
        )
        generation_seconds = time.perf_counter() - started

        started = time.perf_counter()
        success = dbt_build(exports_path, work_dir)
        build_seconds = time.perf_counter() - started

    rows = sum(n for export, n in counts.items() if export != REGISTRY)
    print()
    print(f"businesses           {counts[REGISTRY]:>12}")
    for export, n in counts.items():
        if export != REGISTRY:
            print(f"  {export:<18} {n:>12} rows")
    print(f"rows written         {rows:>12}")
    print(f"generation seconds   {generation_seconds:>12.1f}")
    print(f"build seconds        {build_seconds:>12.1f}")
    print(f"rows/second (build)  {rows / build_seconds:>12,.0f}")
    print(f"peak RSS (MiB)       {peak_rss_mb():>12,.0f}")
    print(f"dbt build            {'succeeded' if success else 'FAILED':>12}")
    return 0 if success else 1
