"""The input contract, read from the dbt sources files where it is written once.

`models/staging/exports/_exports__sources.yml` lists every export, its columns and their
rules (column `meta`); `models/staging/<system>/_<system>__sources.yml` does the same for
the vendors' downloads (Shopify, Etsy, Calendly, Google Forms / Typeform, OctoPrint), with
each column's header in the vendor's file and the headers that recognise the file. The
reader, the great-expectations suites and the staging macros all read those files, so no
column list is kept anywhere else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PROJECT_DIR = Path(os.environ.get("ATELIER_PROJECT_DIR", Path(__file__).resolve().parent.parent))
SOURCES_FILE = Path("models/staging/exports/_exports__sources.yml")
STAGING_DIR = Path("models/staging")
SETTINGS_SOURCE = "settings"
REGISTRY = "businesses"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool = False
    values: tuple[str, ...] = ()
    min: float | None = None
    min_exclusive: float | None = None
    max_column: str | None = None
    not_before: str | None = None
    present_when: dict[str, str] | None = None
    personal: bool = False
    header: str | None = None
    signature: bool = False
    from_settings: bool = False

    @classmethod
    def from_yaml(cls, node: dict[str, Any]) -> Column:
        meta = dict(node.get("meta") or {})
        return cls(
            name=node["name"],
            type=meta.pop("type"),
            required=bool(meta.pop("required", False)),
            values=tuple(meta.pop("values", ())),
            min=meta.pop("min", None),
            min_exclusive=meta.pop("min_exclusive", None),
            max_column=meta.pop("max_column", None),
            not_before=meta.pop("not_before", None),
            present_when=meta.pop("present_when", None),
            personal=bool(meta.pop("personal", False)),
            header=meta.pop("header", None),
            signature=bool(meta.pop("signature", False)),
            from_settings=bool(meta.pop("from_settings", False)),
        )


@dataclass(frozen=True)
class Export:
    name: str
    file: str
    columns: tuple[Column, ...]
    primary_key: str | None = None
    at_root: bool = False
    references: tuple[dict[str, str], ...] = field(default_factory=tuple)
    business_currency_column: str | None = None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


@lru_cache(maxsize=4)
def load_contract(project_dir: Path = PROJECT_DIR) -> dict[str, Export]:
    """Every export of the contract by name, in the order of the sources file."""
    document = yaml.safe_load((Path(project_dir) / SOURCES_FILE).read_text(encoding="utf-8"))
    (source,) = [s for s in document["sources"] if s["name"] == "exports"]
    exports: dict[str, Export] = {}
    for table in source["tables"]:
        meta = table.get("meta") or {}
        exports[table["name"]] = Export(
            name=table["name"],
            file=meta["file"],
            columns=tuple(Column.from_yaml(c) for c in table["columns"]),
            primary_key=meta.get("primary_key"),
            at_root=bool(meta.get("at_root", False)),
            references=tuple(meta.get("references", ())),
            business_currency_column=meta.get("business_currency_column"),
        )
    return exports


def business_exports(project_dir: Path = PROJECT_DIR) -> list[Export]:
    """The exports found in each business folder (all but the registry)."""
    return [e for e in load_contract(project_dir).values() if not e.at_root]


@dataclass(frozen=True)
class VendorSource:
    """One kind of vendor download (`shopify_orders`, `etsy_order_items`, ...): its raw table."""

    name: str
    system: str
    feeds: tuple[str, ...]
    columns: tuple[Column, ...]
    missing_marker: str | None = None
    configured: bool = False
    primary_key: str | None = None  # ids are decided in the intermediate models, not per file
    business_currency_column: str | None = None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def signature(self) -> list[str]:
        """The headers (normalised) a file must hold to be recognised as this source."""
        return [c.header.strip().lower() for c in self.columns if c.signature and c.header]


@lru_cache(maxsize=4)
def load_vendor_sources(project_dir: Path = PROJECT_DIR) -> dict[str, VendorSource]:
    """Every vendor source by raw table name, systems in alphabetical folder order."""
    sources: dict[str, VendorSource] = {}
    for path in sorted((Path(project_dir) / STAGING_DIR).glob("*/_*__sources.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in document["sources"]:
            if source["name"] in ("exports", SETTINGS_SOURCE):
                continue
            for table in source["tables"]:
                meta = table.get("meta") or {}
                name = table.get("identifier", table["name"])
                sources[name] = VendorSource(
                    name=name,
                    system=source["name"],
                    feeds=tuple(meta.get("feeds", ())),
                    columns=tuple(Column.from_yaml(c) for c in table["columns"]),
                    missing_marker=meta.get("missing_marker"),
                    configured=bool(meta.get("configured", False)),
                )
    return sources


@lru_cache(maxsize=4)
def project_vars(project_dir: Path = PROJECT_DIR) -> dict[str, Any]:
    """The `vars` of dbt_project.yml (value forms and shapes are defined there once)."""
    document = yaml.safe_load((Path(project_dir) / "dbt_project.yml").read_text(encoding="utf-8"))
    return dict(document.get("vars") or {})
