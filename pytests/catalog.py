"""The KPI catalog (seeds/kpi_catalog.csv), so counts in the tests follow it instead of magic numbers."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

CATALOG = Path(__file__).resolve().parent.parent / "seeds" / "kpi_catalog.csv"


def catalog_kpis() -> dict[str, str]:
    """Each catalog KPI's id and its vertical."""
    with CATALOG.open(newline="", encoding="utf-8") as handle:
        return {row["kpi_id"]: row["vertical"] for row in csv.DictReader(handle)}


def kpis_per_vertical() -> Counter[str]:
    """How many KPIs each vertical has in the catalog."""
    return Counter(catalog_kpis().values())
