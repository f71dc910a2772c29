"""Unit tests of `atelier/reader.py` (no dbt): how one exports folder becomes raw text tables.

Each test writes a tiny exports folder (a registry and one business) under `tmp_path` and
reads one export with `read_export`, the function the dbt-duckdb plugin and `atelier load`
call. The rules come from docs/exports.md: separator per file, BOM, CRLF, quoted
separators / quotes / line breaks, header matching, spreadsheet line numbers, ragged
records, and the structural faults that raise `ExportsError`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from atelier.reader import FILE_COLUMNS, META_COLUMNS, ExportsError, read_export
from pytests.csv_files import contract_header

REGISTRY = "business_id,business_name,vertical,currency\nb1,Bijoux,luxury_custom_jewelry,USD\n"
ITEMS_HEADER = ",".join(contract_header("order_items"))


def make_folder(root: Path, files: dict[str, str | bytes], registry: str = REGISTRY) -> Path:
    """An exports folder: `businesses.csv` plus `files` (paths relative to the root)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "businesses.csv").write_text(registry, encoding="utf-8")
    (root / "b1").mkdir(exist_ok=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


def rows(root: Path, export: str) -> list[dict]:
    return read_export(root, export).to_pylist()


# --- separators, encodings, line ends --------------------------------------------------


def test_separator_is_decided_per_file(tmp_path: Path) -> None:
    registry = REGISTRY + "b2,Print,custom_3d_accessories,EUR\n"
    root = make_folder(
        tmp_path,
        {
            "b1/order_items.csv": f"{ITEMS_HEADER}\nI1,O1,Ring,true,1,12.50\n",
            "b2/order_items.csv": (
                ITEMS_HEADER.replace(",", ";") + "\nI1;O1;Clip, small;false;2;12,50\n"
            ),
        },
        registry=registry,
    )
    by_business = {r["business_id"]: r for r in rows(root, "order_items")}
    assert by_business["b1"]["field_separator"] == ","
    assert by_business["b1"]["net_amount"] == "12.50"
    assert by_business["b2"]["field_separator"] == ";"
    assert by_business["b2"]["product_name"] == "Clip, small"
    assert by_business["b2"]["net_amount"] == "12,50"  # typing is staging's job


def test_bom_and_crlf(tmp_path: Path) -> None:
    text = f"{ITEMS_HEADER}\r\nI1,O1,Ring,true,1,5\r\nI2,O1,Pin,false,2,6\r\n"
    root = make_folder(tmp_path, {"b1/order_items.csv": b"\xef\xbb\xbf" + text.encode()})
    got = rows(root, "order_items")
    assert [r["order_item_id"] for r in got] == ["I1", "I2"]  # BOM not glued to the header
    assert [r["net_amount"] for r in got] == ["5", "6"]  # no stray \r
    assert [r["line_number"] for r in got] == [2, 3]


def test_quoted_separators_quotes_and_line_breaks_keep_spreadsheet_line_numbers(
    tmp_path: Path,
) -> None:
    text = (
        "order_item_id;order_id;product_name;is_custom_design;quantity;net_amount\r\n"
        'I1;O1;"Bague; ""Étoile""";true;1;5\r\n'
        'I2;O1;"three\r\nphysical\nlines";true;1;5\r\n'  # one record over 3 physical lines
        "I3;O1;Pin;false;1;5\r\n"
    )
    root = make_folder(tmp_path, {"b1/order_items.csv": text})
    got = rows(root, "order_items")
    assert [r["line_number"] for r in got] == [2, 3, 4]
    assert got[0]["product_name"] == 'Bague; "Étoile"'
    assert got[1]["product_name"] == "three\r\nphysical\nlines"
    assert got[2]["order_item_id"] == "I3"


def test_ragged_file_keeps_quoted_crlf(tmp_path: Path) -> None:
    """A quoted line break is read as written whether or not another record of the file
    has the wrong number of fields (the reader then takes its slow path)."""
    text = f'{ITEMS_HEADER}\r\nI1,O1,"two\r\nlines",true,1,5\r\nI2,O1\r\n'
    root = make_folder(tmp_path, {"b1/order_items.csv": text})
    got = rows(root, "order_items")
    assert [r["line_number"] for r in got] == [2, 3]
    assert got[0]["product_name"] == "two\r\nlines"


def test_non_utf8_file_names_the_file(tmp_path: Path) -> None:
    latin1 = f"{ITEMS_HEADER}\nI1,O1,Bague dorée,true,1,5\n".encode("latin-1")
    root = make_folder(tmp_path, {"b1/order_items.csv": latin1})
    with pytest.raises(ExportsError, match=r"order_items\.csv") as error:
        read_export(root, "order_items")
    assert "UTF-8" in str(error.value)
    assert str(root / "b1" / "order_items.csv") in str(error.value)


def test_non_utf8_header_names_the_file(tmp_path: Path) -> None:
    latin1 = "inquiry_id,received_at,channel_é\nQ1,2025-01-01,web\n".encode("latin-1")
    root = make_folder(tmp_path, {"b1/inquiries.csv": latin1})
    with pytest.raises(ExportsError, match=r"b1[/\\]inquiries\.csv.*UTF-8"):
        read_export(root, "inquiries")


# --- header matching -------------------------------------------------------------------


def test_header_case_spaces_order_and_extra_column(tmp_path: Path) -> None:
    text = (
        " NET_Amount , Quantity,Extra Column,Is_Custom_Design,ORDER_ID,  order_item_id  \n"
        "5,1,ignored,true,O1,I1\n"
    )
    root = make_folder(tmp_path, {"b1/order_items.csv": text})
    table = read_export(root, "order_items")
    assert table.column_names == [*META_COLUMNS, *contract_header("order_items"), *FILE_COLUMNS]
    (row,) = table.to_pylist()
    assert row["order_item_id"] == "I1"
    assert row["order_id"] == "O1"
    assert row["is_custom_design"] == "true"
    assert row["quantity"] == "1"
    assert row["net_amount"] == "5"
    assert row["product_name"] is None  # optional column missing: read as empty


def test_missing_optional_column_reads_as_nulls(tmp_path: Path) -> None:
    text = "inquiry_id,received_at\nQ1,2025-01-01\nQ2,2025-01-02\n"
    root = make_folder(tmp_path, {"b1/inquiries.csv": text})
    got = rows(root, "inquiries")
    assert [r["customer_id"] for r in got] == [None, None]
    assert [r["channel"] for r in got] == [None, None]


def test_missing_required_column_names_file_and_column(tmp_path: Path) -> None:
    text = "order_item_id,order_id,is_custom_design,quantity\nI1,O1,true,1\n"
    root = make_folder(tmp_path, {"b1/order_items.csv": text})
    with pytest.raises(ExportsError) as error:
        read_export(root, "order_items")
    message = str(error.value)
    assert str(root / "b1" / "order_items.csv") in message
    assert "'net_amount'" in message


# --- empty files, blank lines, ragged records ------------------------------------------


def test_zero_byte_file_reads_as_missing_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_folder(tmp_path, {"b1/surveys.csv": b""})
    table = read_export(root, "surveys")
    assert table.num_rows == 0
    assert table.column_names == [*META_COLUMNS, *contract_header("surveys"), *FILE_COLUMNS]
    err = capsys.readouterr().err
    assert "warning" in err
    assert "surveys.csv" in err


@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_header_only_file_has_zero_rows(tmp_path: Path, ending: str) -> None:
    root = make_folder(tmp_path, {"b1/order_items.csv": ITEMS_HEADER + ending})
    table = read_export(root, "order_items")
    assert table.num_rows == 0
    assert table.column_names == [*META_COLUMNS, *contract_header("order_items"), *FILE_COLUMNS]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_blank_lines_are_skipped_but_counted(tmp_path: Path, newline: str) -> None:
    lines = [ITEMS_HEADER, "I1,O1,a,true,1,5", "", "I2,O1,b,true,1,5", ",,,,,", "", "I3,O1,c,1,1,5"]
    root = make_folder(tmp_path, {"b1/order_items.csv": newline.join(lines) + newline})
    got = rows(root, "order_items")
    assert [(r["order_item_id"], r["line_number"]) for r in got] == [
        ("I1", 2),
        ("I2", 4),
        ("I3", 7),
    ]


def test_too_many_fields_sets_record_error(tmp_path: Path) -> None:
    text = f"{ITEMS_HEADER}\nI1,O1,a,true,1,5\nI2,O1,b,true,1,5,surplus\nI3,O1,c,true,1,5\n"
    root = make_folder(tmp_path, {"b1/order_items.csv": text})
    got = rows(root, "order_items")
    assert [r["line_number"] for r in got] == [2, 3, 4]
    assert got[0]["record_error"] is None
    assert got[1]["record_error"] is not None
    assert "7" in got[1]["record_error"] and "6" in got[1]["record_error"]
    assert got[1]["order_item_id"] == "I2"
    assert got[2]["record_error"] is None


def test_record_with_data_only_past_the_header_is_still_a_record(tmp_path: Path) -> None:
    """A line holding a value only in surplus fields is not blank: it must be read (and
    flagged), never silently dropped, or rows read would not equal the file's records."""
    text = f"{ITEMS_HEADER}\nI1,O1,a,true,1,5\n,,,,,,stray value\nI3,O1,c,true,1,5\n"
    root = make_folder(tmp_path, {"b1/order_items.csv": text})
    got = rows(root, "order_items")
    assert [r["line_number"] for r in got] == [2, 3, 4]
    assert got[1]["record_error"] is not None


def test_too_few_fields_are_padded(tmp_path: Path) -> None:
    text = f"{ITEMS_HEADER}\nI1,O1\nI2,O1,b,true,1,5\n"
    root = make_folder(tmp_path, {"b1/order_items.csv": text})
    got = rows(root, "order_items")
    assert [r["line_number"] for r in got] == [2, 3]
    assert got[0]["order_item_id"] == "I1"
    assert got[0]["record_error"] is None
    assert {got[0][c] for c in ("product_name", "is_custom_design", "quantity", "net_amount")} == {
        ""
    }


# --- missing exports and the registry --------------------------------------------------


def test_export_missing_in_every_business_is_an_empty_table(tmp_path: Path) -> None:
    registry = REGISTRY + "b2,Print,custom_3d_accessories,EUR\n"
    root = make_folder(tmp_path, {"b2/orders.csv": "order_id\n"}, registry=registry)
    (root / "b2").mkdir(exist_ok=True)
    for export in ("material_usage", "social_engagement"):
        table = read_export(root, export)
        assert table.num_rows == 0
        assert table.column_names == [*META_COLUMNS, *contract_header(export), *FILE_COLUMNS]


def test_export_missing_in_one_business_reads_the_others(tmp_path: Path) -> None:
    registry = REGISTRY + "b2,Print,custom_3d_accessories,EUR\n"
    root = make_folder(
        tmp_path,
        {"b2/inquiries.csv": "inquiry_id,received_at\nQ1,2025-01-01\n"},
        registry=registry,
    )
    assert [(r["business_id"], r["inquiry_id"]) for r in rows(root, "inquiries")] == [("b2", "Q1")]


def test_unregistered_folder_names_the_folder_and_what_to_add(tmp_path: Path) -> None:
    root = make_folder(tmp_path, {"atelier_x/orders.csv": "order_id\n"})
    with pytest.raises(ExportsError) as error:
        read_export(root, "orders")
    message = str(error.value)
    assert "'atelier_x'" in message
    assert "businesses.csv" in message
    assert "add a row" in message


def test_unknown_vertical_names_it_and_the_allowed_ones(tmp_path: Path) -> None:
    registry = "business_id,business_name,vertical,currency\nb1,Bijoux,watchmaking,USD\n"
    root = make_folder(tmp_path, {}, registry=registry)
    with pytest.raises(ExportsError) as error:
        read_export(root, "orders")
    message = str(error.value)
    assert "'b1'" in message
    assert "'watchmaking'" in message
    assert "luxury_custom_jewelry" in message and "custom_3d_accessories" in message


def test_business_id_is_the_folder_name(tmp_path: Path) -> None:
    root = make_folder(tmp_path, {"b1/inquiries.csv": "inquiry_id,received_at\nQ1,2025-01-01\n"})
    assert [r["business_id"] for r in rows(root, "inquiries")] == ["b1"]
