"""Shared fixtures: one dbt build of the demo exports per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytests.dbt_helpers import PROJECT_DIR, Build, build
from pytests.postgres import postgres_server  # noqa: F401

DEMO_EXPORTS = PROJECT_DIR / "data" / "demo"


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(DEMO_EXPORTS, tmp_path_factory.mktemp("demo"))
    assert result.success, result.messages()
    return result


@pytest.fixture
def exports_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder
