"""`atelier validate`: check an exports folder against the contract with great-expectations.

A pre-flight check to run before `dbt build`. Every file of the folder is read by
`atelier.reader` (so the suite sees exactly the text the build sees), trimmed as staging
trims it, and validated by a great-expectations suite built from the contract in
`models/staging/exports/_exports__sources.yml` (one suite per file, one ephemeral context
per run). The results are written as GX Data Docs under `--report-dir` and summarised on
the terminal. Exit code: 0 when every file passes, 1 when a file breaks the contract (a
failed expectation or a structural fault), 2 for a usage error.

The value grammars below mirror the staging macros (`macros/staging/parse_*.sql`);
`pytests/test_validate.py` checks that they agree. What GX does not check here (references
across files, the duplicate-id tie-break) is left to the dbt build.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import yaml

from atelier.contract import (
    PROJECT_DIR,
    REGISTRY,
    SOURCES_FILE,
    Column,
    Export,
    business_exports,
    load_contract,
)
from atelier.reader import ExportsError, business_folders, read_csv_file, read_registry

if TYPE_CHECKING:
    import pandas as pd
    from great_expectations.core import ExpectationSuiteValidationResult
    from great_expectations.expectations import Expectation

DEFAULT_REPORT_DIR = Path("reports/validation")
DATA_DOCS_SITE = "atelier_validation"
EXAMPLES_PER_FAILURE = 3
FAILURES_SHOWN = 5

# Value grammars of the staging macros, as regular expressions (checked by the tests).
# macros/staging/parse_timestamp.sql: the shape; the day and time must also exist.
TIMESTAMP_SHAPE = "[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?"
# macros/staging/parse_decimal.sql; a decimal comma is read in semicolon-separated files.
DECIMAL_SHAPE = "[+-]?([0-9]{1,15}([.][0-9]*)?|[.][0-9]+)"
# An integer is a decimal with nothing but zeros after the point (staging: `x = floor(x)`).
INTEGER_SHAPE = "[+-]?([0-9]{1,15}([.]0*)?|[.]0+)"
# macros/staging/parse_boolean.sql, any case.
TRUE_SPELLINGS = ("true", "t", "yes", "y", "1")
FALSE_SPELLINGS = ("false", "f", "no", "n", "0")

# TIMESTAMP_SHAPE restricted to days and times that exist (leap years included), so that
# one regex says what parse_timestamp accepts.
_EXISTING_DAY = (
    "(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)"
)
_EXISTING_TIME = "(?:[ T](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?)?"
TIMESTAMP_PATTERN = _EXISTING_DAY + _EXISTING_TIME


def full_match(pattern: str) -> str:
    """A regex that matches the whole value (GX's pandas regex check is a search)."""
    return f"^(?:{pattern})$"


def number_pattern(column_type: str, decimal_comma: bool) -> str:
    shape = INTEGER_SHAPE if column_type == "integer" else DECIMAL_SHAPE
    return shape.replace("[.]", "[.,]") if decimal_comma else shape


def value_pattern(column: Column, decimal_comma: bool) -> str | None:
    """The full-match regex a value of this contract type must match, if the type has one."""
    if column.type == "timestamp":
        return full_match(TIMESTAMP_PATTERN)
    if column.type == "boolean":
        return f"^(?i:{'|'.join(TRUE_SPELLINGS + FALSE_SPELLINGS)})$"
    if column.type in ("integer", "decimal"):
        return full_match(number_pattern(column.type, decimal_comma))
    return None


def as_number(name: str) -> str:
    """The derived column holding a numeric column's value as a number (NaN when unparseable)."""
    return f"{name} as number"


def as_timestamp(name: str) -> str:
    return f"{name} as timestamp"


@lru_cache_none := None  # placeholder removed below
