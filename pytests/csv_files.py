"""Writing export files for tests: one CSV writer, and the contract's headers."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from atelier.contract import load_contract


def contract_header(export_name: str) -> list[str]:
    """The export's columns as the contract lists them, in its order."""
    return load_contract()[export_name].column_names


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    separator: str = ",",
    crlf: bool = False,
    bom: bool = False,
    quote_all: bool = False,
    encoding: str | None = None,
) -> None:
    """A CSV file as a spreadsheet writes it, parent folders created.

    An empty row is a blank line; None is an empty field. A field holding a line break is
    always quoted: the csv module quotes a lone CR only when it is part of the line
    terminator, so with LF line ends a row with a CR in a field is written all quoted.
    `encoding` replaces UTF-8 (with a byte-order mark when `bom`), e.g. "latin-1".
    """
    newline = "\r\n" if crlf else "\n"
    minimal = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    text = encoding or ("utf-8-sig" if bom else "utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=text, newline="") as handle:
        for row in [header, *rows]:
            cr_unquoted = not crlf and any("\r" in str(field) for field in row if field)
            quoting = csv.QUOTE_ALL if cr_unquoted else minimal
            csv.writer(
                handle, delimiter=separator, lineterminator=newline, quoting=quoting
            ).writerow(row)
