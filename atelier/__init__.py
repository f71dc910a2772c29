"""Atelier KPIs: the Python side of the dbt project (reading exports, demo data, loading, CLI)."""

__version__ = "0.1.0"
