"""The plan of a nightly run (atelier/plan.py), without dbt: which businesses it rebuilds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from atelier.plan import commit, load_state, plan_run

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
EVERYONE = ["gem_luxe", "innovate_accents", "maison_filament"]


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the demo, and a build database path (the file must exist for a state)."""
    exports = tmp_path / "exports"
    shutil.copytree(DEMO, exports)
    database = tmp_path / "build" / "atelier.duckdb"
    database.parent.mkdir()
    database.write_bytes(b"")
    return exports, database


def _built(exports: Path, database: Path, key: str = "k") -> None:
    """A successful build of the folder as it is: its plan, committed."""
    commit(plan_run(exports, database, key, full_refresh=False), database)


def test_first_build_rebuilds_everyone(folder: tuple[Path, Path]) -> None:
    exports, database = folder
    plan = plan_run(exports, database, "k", full_refresh=False)
    assert (plan.full, plan.businesses) == (True, EVERYONE)
    assert plan.reason == "no previous successful build"


def test_unchanged_folder_rebuilds_nobody(folder: tuple[Path, Path]) -> None:
    exports, database = folder
    _built(exports, database)
    plan = plan_run(exports, database, "k", full_refresh=False)
    assert (plan.full, plan.businesses) == (False, [])
    assert plan.summary().startswith("no business changed")


def test_a_file_saved_again_unchanged_is_not_a_change(folder: tuple[Path, Path]) -> None:
    exports, database = folder
    _built(exports, database)
    path = exports / "gem_luxe" / "orders.csv"
    path.write_bytes(path.read_bytes() + b"")  # same bytes, new modification time
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    first = plan_run(exports, database, "k", full_refresh=False)
    assert first.businesses == ["gem_luxe"]  # no hash recorded yet: a change, and now hashed
    commit(first, database)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert plan_run(exports, database, "k", full_refresh=False).businesses == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda e: (e / "gem_luxe" / "orders.csv").open("a").write("x\n"), ["gem_luxe"]),
        (lambda e: (e / "innovate_accents" / "surveys.csv").unlink(), ["innovate_accents"]),
        (
            lambda e: (e / "innovate_accents" / "notes.csv").write_text("a\n1\n"),
            ["innovate_accents"],
        ),
        (
            lambda e: (e / "maison_filament" / "sources.yml").write_text(
                (e / "maison_filament" / "sources.yml").read_text() + "\n# edited\n"
            ),
            ["maison_filament"],
        ),
        (
            lambda e: (e / "businesses.csv").write_text(
                (e / "businesses.csv").read_text().replace("Gem Luxe", "Gem Luxury", 1)
            ),
            ["gem_luxe"],
        ),
    ],
    ids=["appended", "deleted", "added file", "sources.yml", "registry row"],
)
def test_a_change_rebuilds_its_business_only(
    folder: tuple[Path, Path], change: object, expected: list[str]
) -> None:
    exports, database = folder
    _built(exports, database)
    change(exports)  # type: ignore[operator]
    plan = plan_run(exports, database, "k", full_refresh=False)
    assert (plan.full, plan.businesses) == (False, expected)


def test_a_removed_business_is_rebuilt_to_delete_its_rows(folder: tuple[Path, Path]) -> None:
    exports, database = folder
    _built(exports, database)
    shutil.rmtree(exports / "innovate_accents")
    registry = exports / "businesses.csv"
    lines = registry.read_text().splitlines(keepends=True)
    registry.write_text("".join(x for x in lines if not x.startswith("innovate_accents,")))
    assert plan_run(exports, database, "k", full_refresh=False).businesses == ["innovate_accents"]


def test_project_change_and_full_refresh_rebuild_everyone(folder: tuple[Path, Path]) -> None:
    exports, database = folder
    _built(exports, database)
    assert plan_run(exports, database, "other", full_refresh=False).full
    _built(exports, database)
    assert plan_run(exports, database, "k", full_refresh=True).full


def test_a_plan_never_committed_stays_pending(folder: tuple[Path, Path]) -> None:
    exports, database = folder
    _built(exports, database)
    path = exports / "gem_luxe" / "orders.csv"
    status = path.stat()
    path.write_bytes(path.read_bytes() + b"x\n")
    assert plan_run(exports, database, "k", full_refresh=False).businesses == ["gem_luxe"]
    # the build failed (no commit); the file goes back to how it was, to the nanosecond
    path.write_bytes(path.read_bytes()[:-2])
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert plan_run(exports, database, "k", full_refresh=False).businesses == ["gem_luxe"]
    assert load_state(database)["pending"] == ["gem_luxe"]  # type: ignore[index]
