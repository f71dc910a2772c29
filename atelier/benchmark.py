"""`atelier benchmark`: how long `dbt build` takes on many businesses, and what it costs.

One run writes `--businesses` generated businesses (`atelier demo-data --businesses N`:
N <= 3 are the demo's named businesses, N > 3 generated ones `biz_00001`..) into a
temporary folder (or `--out`), then measures, in this order:

- **exports**: the businesses, the rows written (summed over every export, the registry
  `businesses.csv` excluded), the CSV files under the folder (the registry included) and the
  seconds the generation took.
- **Arrow parse floor**: the seconds `pyarrow.csv.read_csv(path)` (default options) takes to
  parse every CSV file of the folder once, file after file. A build must at least read
  every byte of every file, so this is the time no build can beat; the full build's
  `ratio_to_arrow_floor` says how far above that floor it is.
- **full build**: `dbt build` of the folder into a fresh DuckDB warehouse (published file
  `<work>/atelier.duckdb`, build database `<work>/atelier.duckdb.build/`, dbt's target and
  log folders under `<work>`), run as a subprocess, so that its wall-clock `seconds` include
  the interpreter's start and dbt's parse, and its `peak_rss_mib` is dbt's alone, not this
  process's: the high-water mark of the child's own memory (VmHWM, read by the child as it
  exits; see `run_measured` for why not `os.wait4`'s ru_maxrss). `dbt_elapsed_seconds`
  is dbt's own figure from `run_results.json` (without the start-up). `plan` is the line the
  build logged about which businesses it rebuilt ("rebuilding all N businesses ...").
- **incremental build**: one order row appended to one business's `orders.csv` (a copy of
  the file's last row with a fresh `order_id`, `<id>_bench`, in the file's line ending),
  then the same `dbt build` command again. Only that business's files changed, so the build
  rebuilds it alone (atelier/plan.py; its `plan` line says "rebuilding 1 changed
  businesses"). Reported: seconds, `percent_of_full_build`, peak RSS, success, and
  `new_order_in_fct_orders`: whether the published warehouse's `marts.fct_orders` holds the
  new order afterwards (a build that kept the old rows would miss it), and
  `rebuilt_only_the_changed_business`: whether the plan line named that business alone. It
  is false, with a warning, when the project changed between the two builds (its models,
  macros or `atelier` code: plan.py then rebuilds everything); the figure is then a full
  build's.
- **postgres** (`--postgres-businesses N`, default 0: skipped): with `ATELIER_PG_USER` (and
  the other `ATELIER_PG_*` variables of profiles.yml's `postgres` target) set, N businesses
  are generated, then `atelier load --target postgres` and `dbt build --target postgres` are
  timed, each as a subprocess. Without the variables the step is skipped with a note.
- **--target spark**: the same figures on Apache Spark (profiles.yml's `spark` target, an
  in-process PySpark whose warehouse is `<work>/spark`). Spark cannot read the folder at build
  time, so each build is `atelier load --target spark` then `dbt build --target spark`, both
  timed (`load_seconds` is the load's share), and it has no incremental path: the build after
  the appended order reloads and rebuilds everything, as PostgreSQL does. The peak RSS is the
  Python processes' only: Spark's JVM (`spark.driver.memory`) is not counted.
- **machine**: CPU count, total memory (/proc/meminfo), the Python, DuckDB, PyArrow, dbt-core,
  dbt-duckdb (and with Spark dbt-spark and PySpark) versions and the platform, so figures of
  two machines are comparable.

It prints a table and writes every figure as JSON (`--json`, default
`target/benchmark.json` in the project). Exit code 1 when a build failed or the new order
is missing from `fct_orders`. The generated folder is removed unless `--out` names it (the
incremental step appends to its `orders.csv`); the warehouse and dbt's output (one
`<step>.out` file per subprocess) are removed unless `--keep-work` names a folder.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import atelier
from atelier.contract import PROJECT_DIR, REGISTRY
from atelier.demo import DEFAULT_MONTHS, DEFAULT_SEED, write_exports

DEFAULT_BUSINESSES = 300
DEFAULT_JSON = PROJECT_DIR / "target" / "benchmark.json"
DUCKDB_PATH_VARIABLE = "ATELIER_DUCKDB_PATH"
ORDERS_FILE = "orders.csv"
ORDER_ID = "order_id"
NEW_ORDER_SUFFIX = "_bench"
PLAN_MARKERS = ("rebuilding ", "nothing to rebuild")
OUTPUT_TAIL_LINES = 40


# Every measured subprocess runs `module:function` through this wrapper, which writes the
# peak resident memory of its own address space (Linux: VmHWM, KiB) to a file at exit.
PEAK_FILE_VARIABLE = "ATELIER_BENCHMARK_PEAK_FILE"
CHILD_WRAPPER = f"""
import atexit, importlib, os, sys

def report_peak():
    try:
        with open("/proc/self/status") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        with open(os.environ["{PEAK_FILE_VARIABLE}"], "w") as out:
            out.write(peak)
    except (OSError, KeyError, StopIteration):
        pass

atexit.register(report_peak)
module, _, function = sys.argv.pop(1).partition(":")
sys.argv[0] = module
sys.exit(getattr(importlib.import_module(module), function)())
"""
DBT_ENTRY = "dbt.cli.main:cli"
ATELIER_ENTRY = "atelier.cli:main"


@dataclass
class Measured:
    """One subprocess: wall-clock seconds, exit code, peak resident memory, its output."""

    seconds: float
    returncode: int
    peak_rss_mib: float
    output_path: Path

    @property
    def success(self) -> bool:
        return self.returncode == 0

    def output(self) -> str:
        return self.output_path.read_text(errors="replace")


def run_measured(
    entry: str, arguments: Sequence[str], env: dict[str, str], output_path: Path
) -> Measured:
    """Run `entry` ("module:function") with `arguments` in this interpreter, from the project
    root, its output (stdout and stderr) written to `output_path`; time it and read its peak
    resident memory.

    The peak is the child's own: the VmHWM its wrapper reports at exit. `os.wait4`'s
    ru_maxrss (the fallback, where /proc is missing) is not: Linux's exec records the
    high-water mark of the address space it replaces, which is the parent's when Python
    spawns with vfork, so ru_maxrss is never below this process's own peak."""
    output_path.parent.mkdir(parents=True, exist_ok=True)
    peak_file = output_path.with_name(output_path.name + ".peak_kib")
    peak_file.unlink(missing_ok=True)
    command = [sys.executable, "-c", CHILD_WRAPPER, entry, *arguments]
    with output_path.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=env | {PEAK_FILE_VARIABLE: str(peak_file)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    returncode = os.waitstatus_to_exitcode(status)
    process.returncode = returncode  # reaped here: Popen must not wait for it again
    try:
        peak_mib = int(peak_file.read_text()) / 1024
    except (OSError, ValueError):
        # ru_maxrss: KiB on Linux, bytes on macOS.
        peak_mib = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Measured(seconds, returncode, peak_mib, output_path)


def subprocess_environment(**variables: str) -> dict[str, str]:
    """This process's environment, plus `variables`, with the folder this `atelier` package
    is imported from first on PYTHONPATH, so the subprocesses run the same code."""
    env = dict(os.environ, **variables)
    package_root = str(Path(atelier.__file__).resolve().parent.parent)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if package_root not in paths:
        env["PYTHONPATH"] = os.pathsep.join([package_root, *paths])
    return env


def dbt_build_arguments(exports_path: Path, work_dir: Path, target: str) -> list[str]:
    return [
        "build",
        "--no-use-colors",
        "--project-dir", str(PROJECT_DIR),
        "--profiles-dir", str(PROJECT_DIR),
        "--target", target,
        "--target-path", str(work_dir / "target"),
        "--log-path", str(work_dir / "logs"),
        "--vars", json.dumps({"exports_path": str(exports_path.resolve())}),
    ]  # fmt: skip


@dataclass
class BuildFigures:
    seconds: float
    peak_rss_mib: float
    success: bool
    dbt_elapsed_seconds: float | None
    plan: str | None
    load_seconds: float | None = None  # Spark: the `atelier load` part of `seconds`


def dbt_build(
    exports_path: Path, work_dir: Path, step: str, *, target: str = "dev", **env: str
) -> BuildFigures:
    """One measured `dbt build` subprocess; its output is `work_dir/<step>.out`."""
    measured = run_measured(
        DBT_ENTRY,
        dbt_build_arguments(exports_path, work_dir, target),
        subprocess_environment(**env),
        work_dir / f"{step}.out",
    )
    output = measured.output()
    if not measured.success:
        tail = "\n".join(output.splitlines()[-OUTPUT_TAIL_LINES:])
        print(f"atelier benchmark: {step}: dbt build failed:\n{tail}", file=sys.stderr)
    return BuildFigures(
        seconds=measured.seconds,
        peak_rss_mib=measured.peak_rss_mib,
        success=measured.success,
        dbt_elapsed_seconds=_dbt_elapsed(work_dir / "target" / "run_results.json"),
        plan=plan_line(output),
    )


def plan_line(output: str) -> str | None:
    """The line a DuckDB `dbt build` logs about the businesses it rebuilds, without dbt's
    time stamp (macros/util/check_exports_folder.sql)."""
    for line in output.splitlines():
        for marker in PLAN_MARKERS:
            if marker in line:
                return line[line.index(marker) :].strip()
    return None


def _dbt_elapsed(run_results: Path) -> float | None:
    try:
        return float(json.loads(run_results.read_text())["elapsed_time"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def count_csv_files(exports_path: Path) -> int:
    return sum(1 for _ in exports_path.rglob("*.csv"))


def arrow_parse_floor(exports_path: Path) -> dict[str, Any]:
    """Seconds to parse every CSV file of the folder once with Arrow's defaults, in turn."""
    import pyarrow.csv as pacsv

    paths = sorted(exports_path.rglob("*.csv"))
    rows = 0
    started = time.perf_counter()
    for path in paths:
        rows += pacsv.read_csv(path).num_rows
    return {"seconds": time.perf_counter() - started, "files": len(paths), "rows": rows}


def append_order(exports_path: Path) -> tuple[str, str]:
    """Append a copy of the last order of the first business (registry order) that has an
    `orders.csv`, with a fresh order id; (business_id, order_id) of the new order."""
    with (exports_path / f"{REGISTRY}.csv").open(encoding="utf-8-sig", newline="") as handle:
        business_ids = [row["business_id"] for row in csv.DictReader(handle)]
    for business_id in business_ids:
        path = exports_path / business_id / ORDERS_FILE
        if path.is_file():
            return business_id, _append_order_row(path)
    raise ValueError(f"no business of {exports_path} has an {ORDERS_FILE}")


def _append_order_row(path: Path) -> str:
    data = path.read_bytes()
    newline = "\r\n" if b"\r\n" in data else "\n"
    text = data.decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header and "," not in header else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    rows = [row for row in rows if row]
    header_row, records = rows[0], rows[1:]
    if not records:
        raise ValueError(f"{path} has no order to copy")
    column = header_row.index(ORDER_ID)
    taken = {record[column] for record in records if len(record) > column}
    new_row = list(records[-1])
    order_id = new_row[column] + NEW_ORDER_SUFFIX
    while order_id in taken:
        order_id += NEW_ORDER_SUFFIX
    new_row[column] = order_id
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerow(new_row)
    prefix = "" if data.endswith(b"\n") else newline  # end the last record first
    with path.open("ab") as handle:
        handle.write((prefix + buffer.getvalue()).encode("utf-8"))
    return order_id


def spark_order_published(spark_home: Path, business_id: str, order_id: str) -> bool:
    """Whether Spark's published `marts.fct_orders` holds the order (a subprocess: the
    warehouse's metastore admits one JVM at a time, and this process must not hold one)."""
    from atelier.spark import sql_text

    query = (
        "select count(*) from marts.fct_orders where business_id = "
        f"{sql_text(business_id)} and order_id = {sql_text(order_id)}"
    )
    script = (
        "from atelier import spark; "
        f"print(spark.session(spark.session_settings()).sql({query!r}).collect()[0][0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env=subprocess_environment(ATELIER_SPARK_HOME=str(spark_home)),
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0 and result.stdout.strip().splitlines()[-1:] == ["1"]


def spark_build(exports_path: Path, work_dir: Path, step: str) -> BuildFigures:
    """`atelier load --target spark` then `dbt build --target spark`, measured as one build."""
    spark_home = str(work_dir / "spark")
    load = run_measured(
        ATELIER_ENTRY,
        ["load", "--target", "spark", "--exports", str(exports_path)],
        subprocess_environment(ATELIER_SPARK_HOME=spark_home),
        work_dir / f"{step}_load.out",
    )
    if not load.success:
        tail = "\n".join(load.output().splitlines()[-OUTPUT_TAIL_LINES:])
        print(f"atelier benchmark: {step}: atelier load failed:\n{tail}", file=sys.stderr)
        return BuildFigures(load.seconds, load.peak_rss_mib, False, None, None, load.seconds)
    build = dbt_build(exports_path, work_dir, step, target="spark", ATELIER_SPARK_HOME=spark_home)
    build.seconds += load.seconds
    build.peak_rss_mib = max(build.peak_rss_mib, load.peak_rss_mib)
    build.load_seconds = load.seconds
    build.plan = "Spark: atelier load, then every business rebuilt"
    return build


def order_published(duckdb_path: Path, business_id: str, order_id: str) -> bool:
    """Whether the published warehouse's `marts.fct_orders` holds the order."""
    import duckdb

    if not duckdb_path.is_file():
        return False
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        row = connection.execute(
            "select count(*) from marts.fct_orders where business_id = ? and order_id = ?",
            [business_id, order_id],
        ).fetchone()
    return bool(row and row[0] == 1)


def machine_facts() -> dict[str, Any]:
    def version(distribution: str) -> str | None:
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            return None

    return {
        "cpu_count": os.cpu_count(),
        "memory_total_mib": _memory_total_mib(),
        "python": platform.python_version(),
        "duckdb": version("duckdb"),
        "pyarrow": version("pyarrow"),
        "dbt_core": version("dbt-core"),
        "dbt_duckdb": version("dbt-duckdb"),
        "dbt_spark": version("dbt-spark"),
        "pyspark": version("pyspark"),
        "platform": platform.platform(),
    }


def _memory_total_mib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    return None


def postgres_benchmark(args: argparse.Namespace, work_dir: Path) -> dict[str, Any]:
    """`atelier load` and `dbt build --target postgres` of N generated businesses, timed."""
    if not os.environ.get("ATELIER_PG_USER"):
        note = "ATELIER_PG_USER (and the other ATELIER_PG_* variables) not set"
        print(f"atelier benchmark: postgres skipped: {note}", file=sys.stderr)
        return {"skipped": note}
    pg_dir = work_dir / "postgres"
    exports_path = pg_dir / "exports"
    write_exports(
        exports_path,
        seed=args.seed,
        businesses=args.postgres_businesses,
        months=args.months,
        progress=args.progress,
    )
    print(f"atelier benchmark: atelier load --target postgres ({exports_path})", file=sys.stderr)
    load = run_measured(
        ATELIER_ENTRY,
        ["load", "--target", "postgres", "--exports", str(exports_path)],
        subprocess_environment(),
        pg_dir / "load.out",
    )
    if not load.success:
        tail = "\n".join(load.output().splitlines()[-OUTPUT_TAIL_LINES:])
        print(f"atelier benchmark: atelier load failed:\n{tail}", file=sys.stderr)
        build: BuildFigures | None = None
    else:
        print("atelier benchmark: dbt build --target postgres", file=sys.stderr)
        build = dbt_build(exports_path, pg_dir, "build", target="postgres")
    return {
        "businesses": args.postgres_businesses,
        "load": {
            "seconds": load.seconds,
            "peak_rss_mib": load.peak_rss_mib,
            "success": load.success,
        },
        "build": None if build is None else asdict(build),
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--businesses",
        type=int,
        default=DEFAULT_BUSINESSES,
        metavar="N",
        help="generated businesses to build (default: %(default)s; N <= 3: the demo's)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write the exports here and keep them (default: a temporary folder, removed); "
        "the incremental step appends an order to one of its orders.csv",
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
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        metavar="PATH",
        help="write every figure here as JSON (default: target/benchmark.json in the project)",
    )
    parser.add_argument(
        "--keep-work",
        type=Path,
        default=None,
        metavar="DIR",
        help="build in DIR (absent or empty) and keep it: the warehouse, dbt's target and "
        "logs, each step's output (default: a temporary folder, removed)",
    )
    parser.add_argument(
        "--target",
        choices=["duckdb", "spark"],
        default="duckdb",
        help="the warehouse of the full and incremental builds (default: %(default)s; spark: "
        "profiles.yml's spark target, each build an `atelier load` then a `dbt build`)",
    )
    parser.add_argument(
        "--postgres-businesses",
        type=int,
        default=0,
        metavar="N",
        help="also time `atelier load` and `dbt build --target postgres` on N businesses "
        "(needs the ATELIER_PG_* variables; default: 0, skipped)",
    )


def run(args: argparse.Namespace) -> int:
    if args.businesses < 1 or args.months < 1 or args.postgres_businesses < 0:
        print(
            "atelier benchmark: --businesses and --months must be at least 1, "
            "--postgres-businesses at least 0",
            file=sys.stderr,
        )
        return 2
    if args.keep_work is not None:
        if args.keep_work.exists() and any(args.keep_work.iterdir()):
            print(
                f"atelier benchmark: --keep-work {args.keep_work} is not empty: the full "
                "build needs a fresh warehouse",
                file=sys.stderr,
            )
            return 2
        args.keep_work.mkdir(parents=True, exist_ok=True)
        return _run_in(args, args.keep_work.resolve())
    with tempfile.TemporaryDirectory(prefix="atelier-benchmark-") as temp:
        return _run_in(args, Path(temp))


def _run_in(args: argparse.Namespace, work_dir: Path) -> int:
    exports_path = (args.out if args.out is not None else work_dir / "exports").resolve()
    duckdb_path = work_dir / "atelier.duckdb"
    env = {DUCKDB_PATH_VARIABLE: str(duckdb_path)}
    figures: dict[str, Any] = {
        "machine": machine_facts(),
        "parameters": {
            "businesses": args.businesses,
            "months": args.months,
            "seed": args.seed,
            "target": args.target,
        },
    }

    def build(step: str) -> BuildFigures:
        if args.target == "spark":
            return spark_build(exports_path, work_dir, step)
        return dbt_build(exports_path, work_dir, step, **env)

    def published(business_id: str, order_id: str) -> bool:
        if args.target == "spark":
            return spark_order_published(work_dir / "spark", business_id, order_id)
        return order_published(duckdb_path, business_id, order_id)

    started = time.perf_counter()
    counts = write_exports(
        exports_path,
        seed=args.seed,
        businesses=args.businesses,
        months=args.months,
        progress=args.progress,
    )
    figures["exports"] = {
        "businesses": counts[REGISTRY],
        "rows": sum(n for export, n in counts.items() if export != REGISTRY),
        "files": count_csv_files(exports_path),
        "generation_seconds": time.perf_counter() - started,
        "rows_per_export": {e: n for e, n in counts.items() if e != REGISTRY},
    }
    figures["arrow_parse_floor"] = arrow_parse_floor(exports_path)

    print(f"atelier benchmark: full build on {args.target} (fresh warehouse)", file=sys.stderr)
    full = build("full_build")
    floor = figures["arrow_parse_floor"]["seconds"]
    figures["full_build"] = asdict(full) | {
        "ratio_to_arrow_floor": full.seconds / floor if floor > 0 else None
    }

    incremental: dict[str, Any] = {"success": False, "new_order_in_fct_orders": False}
    if full.success:
        business_id, order_id = append_order(exports_path)
        print(
            f"atelier benchmark: incremental dbt build (order {order_id} appended to "
            f"{business_id}/{ORDERS_FILE})",
            file=sys.stderr,
        )
        after = build("incremental_build")
        rebuilt_one = (
            re.match(
                rf"rebuilding 1 changed business(es)? \({re.escape(business_id)}\)",
                after.plan or "",
            )
            is not None
        )
        if after.success and not rebuilt_one and args.target == "duckdb":
            print(
                f"atelier benchmark: warning: the incremental build did not rebuild "
                f"{business_id} alone ({after.plan}): its time is not an incremental one",
                file=sys.stderr,
            )
        incremental = asdict(after) | {
            "percent_of_full_build": 100 * after.seconds / full.seconds,
            "business_id": business_id,
            "order_id": order_id,
            "new_order_in_fct_orders": after.success and published(business_id, order_id),
            "rebuilt_only_the_changed_business": rebuilt_one,
        }
    else:
        incremental["skipped"] = "the full build failed"
    figures["incremental_build"] = incremental

    if args.postgres_businesses > 0:
        figures["postgres"] = postgres_benchmark(args, work_dir)
    else:
        figures["postgres"] = {"skipped": "--postgres-businesses 0"}

    success = bool(
        full.success and incremental["success"] and incremental["new_order_in_fct_orders"]
    )
    postgres = figures["postgres"]
    if "skipped" not in postgres:
        build_ok = postgres["build"] is not None and postgres["build"]["success"]
        success = success and postgres["load"]["success"] and build_ok
    figures["success"] = success
    figures["work_dir"] = str(work_dir) if args.keep_work is not None else None

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2) + "\n")
    print_table(figures)
    print(f"\nJSON: {args.json}")
    return 0 if figures["success"] else 1


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _status(success: bool | None) -> str:
    return "ok" if success else "FAILED"


def print_table(figures: dict[str, Any]) -> None:
    machine, exports = figures["machine"], figures["exports"]
    floor, full, incremental = (
        figures["arrow_parse_floor"],
        figures["full_build"],
        figures["incremental_build"],
    )
    memory = machine["memory_total_mib"]
    spark = figures["parameters"].get("target") == "spark"
    full_label = "full load + dbt build" if spark else "full dbt build"
    incremental_label = "load + build again" if spark else "incremental dbt build"
    lines = [
        "",
        f"machine        {machine['cpu_count']} CPUs, "
        f"{'?' if memory is None else f'{memory / 1024:,.1f}'} GiB; Python {machine['python']}, "
        f"DuckDB {machine['duckdb']}, dbt-core {machine['dbt_core']}, "
        f"dbt-duckdb {machine['dbt_duckdb']}",
        f"               {machine['platform']}",
        "",
        f"{'':<24}{'seconds':>10}  {'vs':>12}  {'peak RSS':>10}  status",
        f"{'generation':<24}{_seconds(exports['generation_seconds']):>10}  "
        f"{exports['businesses']:>7} biz  {'':>10}  "
        f"{exports['rows']:,} rows, {exports['files']:,} CSV files",
        f"{'Arrow parse floor':<24}{_seconds(floor['seconds']):>10}  {'':>12}  {'':>10}  "
        f"{floor['files']:,} files once, {floor['rows']:,} rows",
        f"{full_label:<24}{_seconds(full['seconds']):>10}  "
        f"{_ratio(full['ratio_to_arrow_floor']):>12}  {full['peak_rss_mib']:>6,.0f} MiB  "
        f"{_status(full['success'])}",
    ]
    if "skipped" in incremental:
        lines.append(f"{incremental_label:<24}{'':>10}  skipped: {incremental['skipped']}")
    else:
        lines.append(
            f"{incremental_label:<24}{_seconds(incremental['seconds']):>10}  "
            f"{incremental['percent_of_full_build']:>7.0f}% full  "
            f"{incremental['peak_rss_mib']:>6,.0f} MiB  {_status(incremental['success'])}; "
            f"new order in fct_orders: {'yes' if incremental['new_order_in_fct_orders'] else 'NO'}"
        )
    postgres = figures["postgres"]
    if "skipped" in postgres:
        lines.append(f"{'postgres':<24}{'':>10}  skipped: {postgres['skipped']}")
    else:
        load, build = postgres["load"], postgres["build"]
        lines.append(
            f"{'atelier load (pg)':<24}{_seconds(load['seconds']):>10}  "
            f"{postgres['businesses']:>7} biz  {load['peak_rss_mib']:>6,.0f} MiB  "
            f"{_status(load['success'])}"
        )
        if build is not None:
            lines.append(
                f"{'dbt build (pg)':<24}{_seconds(build['seconds']):>10}  {'':>12}  "
                f"{build['peak_rss_mib']:>6,.0f} MiB  {_status(build['success'])}"
            )
    if spark:
        lines.append(
            f"Spark {machine['pyspark']} (dbt-spark {machine['dbt_spark']}): the loads took "
            f"{_seconds(full.get('load_seconds'))} s and {_seconds(incremental.get('load_seconds'))} s; "
            "peak RSS counts the Python processes, not Spark's JVM"
        )
    lines.append("")
    lines.append(f"full build plan:         {full.get('plan') or '-'}")
    if "skipped" not in incremental:
        lines.append(f"incremental build plan:  {incremental.get('plan') or '-'}")
    print("\n".join(lines))


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}x floor"
