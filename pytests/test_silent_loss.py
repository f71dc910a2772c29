"""Nothing silently lost, and loud, readable failures (the nightly-safe issue).

Whatever stands where an export or a business folder belongs and is not a readable regular
file or folder, a quote never closed, a file written while it is read, a tab-separated
file: each stops the build with one line naming the path (and the line) and what to do,
never a whole export gone with exit code 0. The reader's own checks are tested directly
(fast); then every case runs through a real `dbt build`, as a subprocess, to check the
printed text: the fault once, no Python traceback. A 50 MB field is read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

from atelier import reader
from atelier.cli import main
from atelier.reader import (
    ExportsError,
    ParsedCsv,
    check_exports_folder,
    parse_csv,
    read_export,
)
from pytests.csv_files import contract_header, write_csv
from pytests.dbt_helpers import PROJECT_DIR, build

BUSINESS = "maison"
ORDERS = [
    ["O1", "C1", "2025-01-10", "completed", "", "USD"],
    ["O2", "C2", "2025-01-11", "completed", "", "USD"],
    ["O3", "C1", "2025-01-12", "placed", "", "USD"],
    ["O4", "C3", "2025-01-13", "completed", "", "USD"],
]


def valid_folder(root: Path) -> Path:
    """One business, with orders and order items: a folder the build reads fine."""
    write_csv(
        root / "businesses.csv",
        contract_header("businesses"),
        [[BUSINESS, "Maison", "luxury_custom_jewelry", "USD"]],
    )
    write_csv(root / BUSINESS / "orders.csv", contract_header("orders"), ORDERS)
    write_csv(
        root / BUSINESS / "order_items.csv",
        contract_header("order_items"),
        [["I1", "O1", "Bague", "true", "1", "10"], ["I2", "O2", "Pin", "false", "2", "5"]],
    )
    return root


def fault_of(root: Path) -> str:
    with pytest.raises(ExportsError) as error:
        check_exports_folder(root)
    return str(error.value)


# --- the broken folders ------------------------------------------------------------------
# Each breaks a valid folder and returns the text the one-line message must hold.


def _dangling_link(root: Path) -> str:
    path = root / BUSINESS / "orders.csv"
    path.unlink()
    path.symlink_to(root / "gone" / "orders.csv")
    return f"{path} is a link to"


def _folder_named_like_an_export(root: Path) -> str:
    path = root / BUSINESS / "orders.csv"
    path.unlink()
    path.mkdir()
    return f"{path} is a folder, not a file"


def _hidden_business_folder(root: Path) -> str:
    (root / BUSINESS).rename(root / f".{BUSINESS}")
    return f"only a hidden one, '.{BUSINESS}'"


def _file_where_the_business_folder_belongs(root: Path) -> str:
    for path in (root / BUSINESS).iterdir():
        path.unlink()
    (root / BUSINESS).rmdir()
    (root / BUSINESS).write_text("not a folder\n")
    return f"{root / BUSINESS} is a file, not a folder"


def _pipe_at_an_export_path(root: Path) -> str:
    path = root / BUSINESS / "orders.csv"
    path.unlink()
    os.mkfifo(path)
    return f"{path} is not a regular file"


def _unterminated_quote(root: Path) -> str:
    path = root / BUSINESS / "orders.csv"
    lines = path.read_text().splitlines()
    lines[2] = lines[2].replace(",C2,", ',"C2,')  # line 3: a quote opened, never closed
    path.write_text("\n".join(lines) + "\n")
    return f"{path} line 3: a quote opens a value that is never closed"


def _tab_separated(root: Path) -> str:
    path = root / BUSINESS / "orders.csv"
    write_csv(path, contract_header("orders"), ORDERS, separator="\t")
    return f"{path} is tab-separated; re-save it as CSV with commas or semicolons"


CASES: dict[str, Callable[[Path], str]] = {
    "dangling_link": _dangling_link,
    "folder_named_like_an_export": _folder_named_like_an_export,
    "hidden_business_folder": _hidden_business_folder,
    "file_where_the_business_folder_belongs": _file_where_the_business_folder_belongs,
    "pipe_at_an_export_path": _pipe_at_an_export_path,
    "unterminated_quote": _unterminated_quote,
    "tab_separated": _tab_separated,
}


# --- the reader, no dbt --------------------------------------------------------------------


def test_valid_folder_passes_the_check(tmp_path: Path) -> None:
    check_exports_folder(valid_folder(tmp_path / "exports"))


@pytest.mark.parametrize("case", CASES)
def test_check_names_the_path_and_what_to_do(tmp_path: Path, case: str) -> None:
    root = valid_folder(tmp_path / "exports")
    expected = CASES[case](root)
    message = fault_of(root)
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize("case", ["dangling_link", "folder_named_like_an_export"])
def test_reading_the_export_stops_too(tmp_path: Path, case: str) -> None:
    """The reader stops on its own, whatever runs first (the plugin, `atelier load`)."""
    root = valid_folder(tmp_path / "exports")
    expected = CASES[case](root)
    with pytest.raises(ExportsError, match="orders.csv"):
        read_export(root, "orders")
    assert expected in fault_of(root)


def test_registry_behind_a_dangling_link_stops(tmp_path: Path) -> None:
    root = valid_folder(tmp_path / "exports")
    (root / "businesses.csv").unlink()
    (root / "businesses.csv").symlink_to(tmp_path / "nowhere.csv")
    assert "businesses.csv is a link to" in fault_of(root)


def test_registered_business_without_folder_warns_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing at the folder's path: a business with no exports yet, said once per run."""
    root = valid_folder(tmp_path / "exports")
    write_csv(
        root / "businesses.csv",
        contract_header("businesses"),
        [
            [BUSINESS, "Maison", "luxury_custom_jewelry", "USD"],
            ["neuf", "Neuf", "luxury_custom_jewelry", "USD"],
        ],
    )
    check_exports_folder(root)
    assert read_export(root, "orders").num_rows == len(ORDERS)
    assert read_export(root, "order_items").num_rows == 2
    err = capsys.readouterr().err
    assert err.count(f"business 'neuf' of businesses.csv has no folder in {root}") == 1
    assert "create an empty folder 'neuf'" in err
    (root / "neuf").mkdir()  # an empty folder says so: no warning
    check_exports_folder(root)
    assert "neuf" not in capsys.readouterr().err


def test_other_hidden_entries_and_root_files_are_ignored(tmp_path: Path) -> None:
    root = valid_folder(tmp_path / "exports")
    (root / ".git").mkdir()
    (root / ".DS_Store").write_bytes(b"\0")
    (root / "README.txt").write_text("notes\n")
    (root / f".{BUSINESS}").mkdir()  # a hidden copy beside the real folder: not read
    check_exports_folder(root)
    assert read_export(root, "orders").num_rows == len(ORDERS)


def test_unreadable_file_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied (simulated: the tests may run as root, who reads anything)."""
    root = valid_folder(tmp_path / "exports")
    path = root / BUSINESS / "orders.csv"
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != path and real_access(p, mode))
    message = fault_of(root)
    assert f"{path} cannot be read (permission denied)" in message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_stops_for_real(tmp_path: Path) -> None:
    root = valid_folder(tmp_path / "exports")
    path = root / BUSINESS / "orders.csv"
    path.chmod(0)
    try:
        assert f"{path} cannot be read (permission denied)" in fault_of(root)
    finally:
        path.chmod(0o644)


def test_unterminated_quote_names_the_row_and_the_text_line(tmp_path: Path) -> None:
    """A quoted line break before the quote: the spreadsheet row and the editor's line."""
    root = valid_folder(tmp_path / "exports")
    path = root / BUSINESS / "order_items.csv"
    path.write_text(
        ",".join(contract_header("order_items"))
        + '\nI1,O1,"two\nlines",true,1,10\nI2,O1,Pin,true,1,5\nI3,O1,"Ring,true,1,5\n'
        + "".join(f"I{i},O1,Pin,true,1,5\n" for i in range(4, 40))
    )
    with pytest.raises(ExportsError) as error:
        read_export(root, "order_items")
    assert f"{path} line 4 (line 5 in a text editor): a quote opens a value" in str(error.value)


def test_quotes_inside_plain_values_are_text(tmp_path: Path) -> None:
    """A quote that does not open a field is a character (as Arrow and `csv` read it): not
    an unterminated quote, and counted records agree with the parsers'."""
    root = valid_folder(tmp_path / "exports")
    path = root / BUSINESS / "order_items.csv"
    path.write_text(
        ",".join(contract_header("order_items"))
        + '\nI1,O1,5" ring,true,1,10\nI2,O1,"a ""b"" c",true,1,5\nI3,O1,"x"y,true,1,5\n'
        + "I4,O1\n"  # ragged: the csv module's path
    )
    got = read_export(root, "order_items").to_pylist()
    assert [r["product_name"] for r in got] == ['5" ring', 'a "b" c', "xy", ""]
    assert [r["line_number"] for r in got] == [2, 3, 4, 5]


def test_parser_and_independent_count_disagreeing_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = valid_folder(tmp_path / "exports")
    read_with_arrow = reader._read_with_arrow

    def losing_a_record(data: bytes, separator: str, n_fields: int) -> list[pa.Array] | None:
        arrays = read_with_arrow(data, separator, n_fields)
        return None if arrays is None else [a.slice(1) for a in arrays]

    monkeypatch.setattr(reader, "_read_with_arrow", losing_a_record)
    with pytest.raises(ExportsError, match=r"orders\.csv: the CSV parser read 3 records .* 4"):
        read_export(root, "orders")


@pytest.mark.parametrize("change", ["appended", "touched"])
def test_file_changed_while_it_is_read_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    root = valid_folder(tmp_path / "exports")
    path = root / BUSINESS / "orders.csv"
    read_all = reader._read_all

    def tool_still_writing(handle):
        if change == "appended":
            with path.open("a") as writer:
                writer.write("O5,C4,2025-01-14,completed,,USD\n")
        else:
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        return read_all(handle)

    monkeypatch.setattr(reader, "_read_all", tool_still_writing)
    with pytest.raises(ExportsError) as error:
        read_export(root, "orders")
    assert str(error.value) == (
        f"{path} is being written: it changed while it was read; run the build again when "
        "the tool has finished writing it"
    )


@pytest.mark.parametrize("ragged", [False, True], ids=["arrow", "csv_module"])
def test_a_50_mb_field_is_read(tmp_path: Path, ragged: bool) -> None:
    root = valid_folder(tmp_path / "exports")
    big = "x" * 50_000_000
    rows = [["I1", "O1", big, "true", "1", "10"], ["I2", "O1", "Pin", "true", "1", "5"]]
    if ragged:
        rows.append(["I3", "O1"])  # a short record: the slow path reads the file
    write_csv(root / BUSINESS / "order_items.csv", contract_header("order_items"), rows)
    table = read_export(root, "order_items")
    names = table.column("product_name").to_pylist()
    assert len(names[0]) == len(big)
    assert names[1:] == ["Pin", ""] if ragged else ["Pin"]


@pytest.mark.parametrize(("separator", "said"), [("\t", "tab-separated"), ("|", "'|'")])
def test_unsupported_separator_is_named(tmp_path: Path, separator: str, said: str) -> None:
    root = valid_folder(tmp_path / "exports")
    path = root / BUSINESS / "orders.csv"
    write_csv(path, contract_header("orders"), ORDERS, separator=separator)
    with pytest.raises(ExportsError) as error:
        read_export(root, "orders")
    assert str(error.value).startswith(f"{path} is ")
    assert said in str(error.value)
    assert "re-save it as CSV with commas or semicolons" in str(error.value)


def test_parse_csv_gives_the_file_without_a_contract(tmp_path: Path) -> None:
    path = tmp_path / "any.csv"
    path.write_bytes(b'\xef\xbb\xbf Col A ;B\r\n1;"x;\r\ny"\r\n\r\n;\r\n2;z\r\n')
    parsed = parse_csv(path)
    assert isinstance(parsed, ParsedCsv)
    assert parsed.path == path
    assert parsed.separator == ";"
    assert parsed.header == ["col a", "b"]
    assert parsed.raw_header == [" Col A ", "B"]
    assert [c.to_pylist() for c in parsed.columns] == [["1", "2"], ["x;\r\ny", "z"]]
    assert parsed.line_number.to_pylist() == [2, 5]
    assert parsed.line_number.type == pa.int64()
    assert parsed.record_error.to_pylist() == [None, None]
    assert parsed.modified_at == path.stat().st_mtime
    assert parsed.column("b").to_pylist() == ["x;\r\ny", "z"]


def test_parse_csv_of_an_empty_file_is_none_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    assert parse_csv(path) is None
    assert f"{path} is empty" in capsys.readouterr().err


# --- the commands ----------------------------------------------------------------------------


def test_atelier_load_stops_in_one_line_before_connecting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = valid_folder(tmp_path / "exports")
    expected = _unterminated_quote(root)
    monkeypatch.delenv("ATELIER_PG_USER", raising=False)
    assert main(["load", "--exports", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"atelier load: error: {expected}" in err
    assert err.count(expected) == 1
    assert "Traceback" not in err


def test_atelier_validate_ends_in_one_line_on_a_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault no file's check can carry (here: a failing folder listing) ends the command
    with one line and exit code 1; faults of files are failed checks (test_validate)."""
    from atelier import validate

    def unreadable(_path: Path) -> list:
        raise ExportsError("folder /x cannot be read (permission denied)")

    monkeypatch.setattr(validate, "collect_files", unreadable)
    assert main(["validate", "--exports", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == "atelier validate: error: folder /x cannot be read (permission denied)\n"


def test_atelier_validate_reports_a_hidden_business_folder(tmp_path: Path) -> None:
    from atelier.validate import collect_files

    root = valid_folder(tmp_path / "exports")
    expected = _hidden_business_folder(root)
    faults = [c.fault for c in collect_files(root) if c.fault]
    assert len(faults) == 1
    assert expected in faults[0]


def test_plugin_reports_a_fault_once(tmp_path: Path) -> None:
    """After a fault, the plugin reads no other export: they fail with a pointer to it."""
    from dbt_common.exceptions import DbtRuntimeError

    from atelier.dbt_plugin import Plugin

    root = valid_folder(tmp_path / "exports")
    expected = _tab_separated(root)
    plugin = Plugin(name="atelier_exports", plugin_config={})

    class Source(dict):
        identifier = ""

    def config_for(name: str) -> Source:
        config = Source(exports_path=str(root))
        config.identifier = name
        return config

    with pytest.raises(DbtRuntimeError) as first:
        plugin.load(config_for("orders"))
    assert expected in str(first.value)
    with pytest.raises(DbtRuntimeError) as later:
        plugin.load(config_for("order_items"))
    assert expected not in str(later.value)
    assert "order_items not read" in str(later.value)


# --- dbt build -------------------------------------------------------------------------------


def test_in_process_build_stops_naming_the_file_and_line(tmp_path: Path) -> None:
    root = valid_folder(tmp_path / "exports")
    expected = _unterminated_quote(root)
    result = build(root, tmp_path / "work")
    assert not result.success
    assert expected in result.messages()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str]]:
    """Every case through `dbt build` as a user runs it (a subprocess from the project root):
    case -> (exit code, expected text, terminal output). One after the other in the same
    folder, with the same vars and target path, so dbt parses the project only once."""
    work = tmp_path_factory.mktemp("dbt_build")
    root = work / "exports"
    command = [
        str(Path(sys.executable).with_name("dbt")),
        "build",
        "--vars",
        json.dumps({"exports_path": str(root)}),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    env = {**os.environ, "ATELIER_DUCKDB_PATH": str(work / "atelier.duckdb")}
    printed = {}
    for case, break_folder in CASES.items():
        shutil.rmtree(root, ignore_errors=True)
        expected = break_folder(valid_folder(root))
        run = subprocess.run(
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
        )
        printed[case] = (run.returncode, expected, run.stdout)
    return printed


@pytest.mark.parametrize("case", CASES)
def test_dbt_build_prints_the_fault_once_without_traceback(printed, case: str) -> None:
    code, expected, output = printed[case]
    assert code != 0, output
    assert output.count(expected) == 1, output
    assert "Traceback" not in output, output
    assert "on-run-start" in output  # stopped before any model read the folder
    assert " START sql " not in output, output
