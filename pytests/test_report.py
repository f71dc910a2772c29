"""`atelier report`: the scorecard as self-contained HTML pages; and the offline report of
`atelier validate`.

The pages are written from the demo's published warehouse (the session's demo build), in
English and French, then checked as text (no other host, the seven KPIs and their values, low
samples) and rendered in a real headless Chromium (Debian package `chromium`, installed by
`.ci/run`) to a screenshot that must not be blank."""

from __future__ import annotations

import contextlib
import datetime
import html
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from atelier import cli
from atelier import report as atelier_report
from pytests.dbt_helpers import Build
from pytests.test_validate import CLEAN, REGISTRY, run_validate, write_folder

LANGS = ("en", "fr")
# Any address of another host: the pages and the validation report must name none.
OTHER_HOST = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}", re.I)
LINK_ATTRIBUTE = re.compile(
    r"""\b(?:src|href|xlink:href|action|poster|data)\s*=\s*["']([^"']*)["']""", re.I
)
LOCAL_LINK = re.compile(r"^(?:#[^\s]*|[A-Za-z0-9_.-]+\.html)$")  # an anchor or a sibling page


@contextlib.contextmanager
def published_warehouse(path: Path) -> Iterator[None]:
    saved = os.environ.get("ATELIER_DUCKDB_PATH")
    os.environ["ATELIER_DUCKDB_PATH"] = str(path)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("ATELIER_DUCKDB_PATH", None)
        else:
            os.environ["ATELIER_DUCKDB_PATH"] = saved


def run_report(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["report", *args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def pages(demo_build: Build, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`atelier report --lang <lang>` of the demo: the output folder per language."""
    folders = {}
    with published_warehouse(demo_build.duckdb_path):
        for lang in LANGS:
            folder = tmp_path_factory.mktemp(f"report_{lang}")
            code, out, err = run_report("--out", str(folder), "--lang", lang)
            assert code == 0, out + err
            folders[lang] = folder
    return folders


@pytest.fixture(scope="module")
def latest(demo_build: Build) -> dict[str, list[dict]]:
    """Per business, each KPI's latest complete quarter, read from the published file."""
    with duckdb.connect(str(demo_build.duckdb_path), read_only=True) as connection:
        relation = connection.sql(
            """
            select business_id, kpi_id, kpi_name_en, kpi_name_fr, unit, value, benchmark_tier,
                is_low_sample, denominator, currency
            from marts.kpi_scorecard
            inner join marts.dim_businesses using (business_id)
            where period_grain = 'quarter' and is_complete
            qualify period_start = max(period_start) over (partition by business_id, kpi_id)
            order by business_id, kpi_id
            """
        )
        names = relation.columns
        rows = [dict(zip(names, row, strict=True)) for row in relation.fetchall()]
    by_business: dict[str, list[dict]] = {}
    for row in rows:
        by_business.setdefault(row["business_id"], []).append(row)
    return by_business


def shown(value: float, unit: str, currency: str, lang: str) -> str:
    """The value as a card shows it, written here independently of the report's code."""
    decimals = {"percent": 1, "hours": 1, "count": 2}.get(unit, 0 if abs(value) >= 100 else 2)
    number = f"{value:,.{decimals}f}"
    if lang == "fr":
        number = number.replace(",", "\u202f").replace(".", ",")
    number = number.replace("-", "\u2212")
    suffix = {"percent": "%", "hours": "h", "count": "", "currency": currency}[unit]
    if not suffix:
        return number
    if suffix == "%" and lang == "en":
        return number + "%"
    return f"{number}\u00a0{suffix}"


def cards(page: str) -> list[str]:
    return page.split('<div class="card">')[1:]


def assert_offline(text: str, where: str) -> None:
    """No address of another host anywhere, and every link is an anchor or a sibling page."""
    assert "http://" not in text and "https://" not in text, where
    assert not OTHER_HOST.search(text), (where, OTHER_HOST.search(text))
    for link in LINK_ATTRIBUTE.findall(text):
        assert LOCAL_LINK.match(link), (where, link)
    # url() only to an element of the page (the charts' clip paths)
    assert not re.search(r"@import|url\(\s*['\"]?(?!#)", text, re.I), where
    assert not re.search(r"<(?:link|script|img|iframe|object|embed)\b", text, re.I), where


def test_one_page_per_business_and_an_index(pages: dict[str, Path], latest: dict) -> None:
    for folder in pages.values():
        names = sorted(p.name for p in folder.iterdir())
        assert names == sorted(["index.html", *(f"{b}.html" for b in latest)])
        index = (folder / "index.html").read_text(encoding="utf-8")
        for business_id in latest:
            assert f'href="{business_id}.html"' in index


@pytest.mark.parametrize("lang", LANGS)
def test_pages_name_no_other_host(pages: dict[str, Path], lang: str) -> None:
    for path in pages[lang].glob("*.html"):
        assert_offline(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_shows_the_seven_kpis_and_their_latest_values(
    pages: dict[str, Path], latest: dict[str, list[dict]], lang: str
) -> None:
    for business_id, rows in latest.items():
        page = (pages[lang] / f"{business_id}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in page
        assert len(rows) == 7 and len(cards(page)) == 7, business_id
        with_value = 0
        for row in rows:
            name = html.escape(row["kpi_name_en" if lang == "en" else "kpi_name_fr"])
            (card,) = [c for c in cards(page) if c.startswith(f"<h3>{name}</h3>")]
            if row["value"] is None:
                assert '<div class="value">—</div>' in card
                continue
            with_value += 1
            value = shown(row["value"], row["unit"], row["currency"], lang)
            assert f'<div class="value">{html.escape(value)}</div>' in card, (name, value)
        assert with_value >= 4, business_id  # the demo has values for most KPIs


def test_a_tier_on_a_low_sample_is_shown_as_low_sample(
    pages: dict[str, Path], latest: dict[str, list[dict]]
) -> None:
    tier_words = {t: atelier_report.TEXT["en"][t] for t in atelier_report.TIER_ORDER}
    low_samples = 0
    for business_id, rows in latest.items():
        page = (pages["en"] / f"{business_id}.html").read_text(encoding="utf-8")
        for row in rows:
            (card,) = [
                c
                for c in cards(page)
                if c.startswith(f"<h3>{html.escape(row['kpi_name_en'])}</h3>")
            ]
            if row["value"] is None:
                continue
            if row["is_low_sample"]:
                low_samples += 1
                assert f"Low sample (n = {int(row['denominator'])})" in card
                assert not any(f">{word}</span>" in card for word in tier_words.values())
                assert "article&#x27;s range" not in card
            elif row["benchmark_tier"]:
                assert f">{tier_words[row['benchmark_tier']]}</span>" in card
                assert "article&#x27;s range" in card
    # the demo's Maison Filament gets fewer than 20 survey responses a quarter
    assert low_samples >= 1


def test_charts_are_inline_svg(pages: dict[str, Path], demo_build: Build) -> None:
    page = (pages["en"] / "gem_luxe.html").read_text(encoding="utf-8")
    charts = page.split('<section class="trends">')[1].split("</section>")[0]
    assert charts.count("<svg") == 7
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids repeat across the inline SVGs"


def test_grain_and_changes_are_stated(pages: dict[str, Path]) -> None:
    page = (pages["en"] / "gem_luxe.html").read_text(encoding="utf-8")
    assert "latest complete quarter" in page
    assert re.search(r"vs Q[1-4] 20\d\d", page)
    page_fr = (pages["fr"] / "gem_luxe.html").read_text(encoding="utf-8")
    assert "dernier trimestre complet" in page_fr
    assert re.search(r"vs T[1-4] 20\d\d", page_fr)


def test_business_option_writes_that_page_only(demo_build: Build, tmp_path: Path) -> None:
    with published_warehouse(demo_build.duckdb_path):
        code, out, err = run_report("--out", str(tmp_path), "--business", "gem_luxe")
    assert code == 0, out + err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gem_luxe.html", "index.html"]


def test_unknown_business_is_a_usage_error(demo_build: Build, tmp_path: Path) -> None:
    with published_warehouse(demo_build.duckdb_path):
        code, _out, err = run_report("--out", str(tmp_path), "--business", "nobody")
    assert code == 2
    assert "no business nobody" in err and "gem_luxe" in err


def test_missing_warehouse_is_an_error(tmp_path: Path) -> None:
    with published_warehouse(tmp_path / "none.duckdb"):
        code, _out, err = run_report("--out", str(tmp_path / "out"))
    assert code == 1
    assert "no published warehouse at" in err and "dbt build" in err
    assert not (tmp_path / "out").exists()


def test_quality_panel_counts_rows_and_ranks_the_reasons(demo_build: Build, tmp_path: Path) -> None:
    """The demo has no rejected row: a copy of its published file gets three (two reasons)."""
    warehouse = tmp_path / "atelier.duckdb"
    shutil.copyfile(demo_build.duckdb_path, warehouse)
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(
            """
            insert into audit.rejected_rows
                (business_id, export_name, file_name, line_number, rejection_code, reason)
            values
                ('gem_luxe', 'orders', 'orders.csv', 12, 'unknown_value',
                 'unknown_value: status ''shiped'' is not one of placed, ...'),
                ('gem_luxe', 'orders', 'orders.csv', 7, 'unknown_value',
                 'unknown_value: status ''sent'' is not one of placed, ...'),
                ('gem_luxe', 'customers', 'customers.csv', 3, 'unparseable',
                 'unparseable: created_at ''05/01/2024'' is not a date like 2025-03-01')
            """
        )
    with published_warehouse(warehouse):
        code, out, err = run_report("--out", str(tmp_path / "out"), "--business", "gem_luxe")
    assert code == 0, out + err
    page = (tmp_path / "out" / "gem_luxe.html").read_text(encoding="utf-8")
    panel = page.split('<section class="quality">')[1]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        files = connection.sql(
            "select file_name, rows_read from audit.export_row_counts where business_id = 'gem_luxe'"
        ).fetchall()
    for file_name, rows_read in files:
        assert f"<td>{file_name}</td>" in panel
        assert f'<td class="n">{rows_read:,}</td>' in panel
    reasons = panel.split("Top reasons for rejection")[1]
    # the most frequent reason first, with its first line and that line's reason
    assert reasons.index("unknown_value") < reasons.index("unparseable")
    assert "line 7: unknown_value: status &#x27;sent&#x27;" in reasons
    assert "line 3: unparseable" in reasons
    assert '<td class="n">2</td>' in reasons


# --- a real browser ------------------------------------------------------------------------


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    message = "no headless Chromium: apt-get install chromium (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def screenshot(page: Path, png: Path) -> None:
    completed = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={png.parent / 'chromium-profile'}",
            f"--screenshot={png}",
            "--window-size=1200,2400",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0 and png.is_file(), completed.stderr[-2000:]


def colour_counts(png: Path) -> tuple[int, float]:
    """Distinct colours of the screenshot, and the share of pixels that are not white."""
    from PIL import Image

    with Image.open(png) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24) or []
        total = rgb.width * rgb.height
    white = sum(count for count, colour in colours if colour == (255, 255, 255))
    return len(colours), (total - white) / total


@pytest.mark.parametrize(
    ("lang", "page"),
    [("en", "gem_luxe.html"), ("fr", "maison_filament.html"), ("en", "index.html")],
)
def test_pages_render_in_headless_chromium(
    pages: dict[str, Path], tmp_path: Path, lang: str, page: str
) -> None:
    png = tmp_path / "page.png"
    screenshot(pages[lang] / page, png)
    colours, inked = colour_counts(png)
    # the index is a short table of badges; a business page has cards, charts and tables
    least_colours, least_inked = (20, 0.005) if page == "index.html" else (200, 0.08)
    assert colours >= least_colours, f"{page}: {colours} colours, a blank page?"
    assert inked >= least_inked, f"{page}: {inked:.1%} of the pixels are not white"


# --- the validation report -----------------------------------------------------------------


def test_validation_report_is_offline_and_lists_a_structurally_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {REGISTRY: CLEAN[REGISTRY], "acme/orders.csv": CLEAN["acme/orders.csv"]}
    files["acme/customers.csv"] = "customer_id,email\nc1,ann@example.com\n"  # created_at missing
    files["acme/order_items.csv"] = CLEAN["acme/order_items.csv"].replace("TRUE", "maybe")
    files["bijou/surveys.csv"] = CLEAN["bijou/surveys.csv"]
    exports = write_folder(tmp_path / "exports", files)

    assert run_validate(exports, tmp_path / "report") == 1
    capsys.readouterr()

    text = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert_offline(text, "validation report")
    assert "2 of 5 files break the contract" in text  # one by its structure, one by a value
    assert "acme/customers.csv" in text
    assert "required column &#x27;created_at&#x27; is missing" in text
    # a value rule: the column, the form expected in the value_forms words, the line
    broken_rule = text.split('id="acme.order_items"')[1].split("</section>")[0]
    assert "is_custom_design" in broken_rule
    assert "true or false (also t/f, yes/no, y/n, 1/0)" in broken_rule
    assert "&#x27;maybe&#x27; (line 2)" in broken_rule
    # the contract's columns, required or optional, and no internal column
    assert re.search(
        r"<code>order_item_id</code></td><td><span class=\"required\">required", broken_rule
    )
    assert re.search(
        r"<code>product_name</code></td><td><span class=\"optional\">optional", broken_rule
    )
    for internal in ("record_error", "line_number", "field_separator", "file_modified_ns"):
        assert internal not in text, internal
    # the files that pass are listed too
    assert "bijou/surveys.csv" in text and "businesses.csv" in text
    assert datetime.date.today().isoformat() in text
