"""`atelier report`: the scorecard as self-contained HTML pages, one per business, in French or
English.

Reads the **published** warehouse only, what analysts see: the DuckDB file
(`$ATELIER_DUCKDB_PATH`, default `warehouse/atelier.duckdb`, opened read-only) or, with
`--target postgres`, the PostgreSQL database of the ATELIER_PG_* variables (as `atelier load`
reads them). Relations read: `marts.kpi_scorecard` (values, tiers, Wilson intervals),
`marts.kpi_benchmark_ranges` (the article's range of each tier), `marts.dim_businesses` and,
when the role may read them, `audit.export_row_counts` and `audit.rejected_rows`.

Writes `<out>/<business_id>.html` per business and `<out>/index.html`. A page asks nothing of
any other host: inline CSS, system fonts, charts as inline SVG drawn by matplotlib (Agg
backend, `savefig(format="svg")`). It opens from a file and prints on A4.

Per business: its seven KPIs as cards, each with the value of the KPI's latest complete
quarter, its benchmark tier and the tier's range (or "low sample" when the denominator is
below the dbt var min_sample_size: a tier on a few cases is no verdict), the 95 % Wilson
interval of the percentages of counts, and the change against the quarter before and the same
quarter a year before; a monthly trend chart per KPI with the benchmark bands behind the line
and the incomplete months dashed and hollow; the data-quality panel of the audit.
"""

from __future__ import annotations

import argparse
import datetime
import html
import io
import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path("reports/scorecard")
DEFAULT_DUCKDB_PATH = "warehouse/atelier.duckdb"
CARD_GRAIN = "quarter"  # the cards: the latest complete quarter of each KPI
TREND_GRAIN = "month"  # the charts
TOP_REASONS = 5

TIER_ORDER = ("needs_improvement", "typical", "above_average", "exceptional")
TIER_COLOURS = {
    "needs_improvement": "#c0392b",
    "typical": "#d68910",
    "above_average": "#2e86c1",
    "exceptional": "#1e8449",
}
NEUTRAL_COLOUR = "#7f8c8d"
LINE_COLOUR = "#1b2631"
INTERVAL_COLOUR = "#5d6d7e"

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "KPI scorecard",
        "index_title": "Atelier KPIs: scorecards",
        "index_intro": "One page per business. Open a page, or print it (A4).",
        "business": "Business",
        "vertical": "Vertical",
        "tiers": "Tiers of the latest complete quarters",
        "luxury_custom_jewelry": "Luxury custom jewelry",
        "custom_3d_accessories": "Custom 3D-printed accessories",
        "currency": "Currency",
        "grain_note": (
            "Cards: each KPI's latest complete quarter (a quarter is complete once its last "
            "day is before the latest data of the business; for the retention rate, once its "
            "retention window has passed too). Charts: by month."
        ),
        "generated": "Generated on {date} from {source}.",
        "back": "All businesses",
        "no_data": "No data",
        "no_data_quarter": "no data in {period}",
        "no_complete": "no complete quarter yet",
        "low_sample": "Low sample",
        "low_sample_note": "only {n} cases: too few to judge against the benchmark",
        "no_benchmark": "No benchmark",
        "benchmark_in_other_currency": (
            "the article's benchmark is in {benchmark}; this business reports in {currency}"
        ),
        "no_benchmark_rows": "the benchmark seed gives no tier for this KPI",
        "needs_improvement": "Needs improvement",
        "typical": "Typical",
        "above_average": "Above average",
        "exceptional": "Exceptional",
        "range": "article's range",
        "and": "and",
        "interval": "95 % interval {low} – {high} (n = {n})",
        "interval_legend": "95 % Wilson interval",
        "vs_previous": "vs {period}",
        "points": "pts",
        "trends": "Trends by month",
        "trends_legend": (
            "Solid line and filled dots: complete months; dashed line and hollow dots: months "
            "still filling up. Grey band: 95 % Wilson interval. Coloured bands: the article's "
            "benchmark tiers."
        ),
        "quality": "Data quality",
        "quality_intro": (
            "Every line of every file read by the last build: read = accepted + rejected + "
            "skipped (a vendor download's lines that are not data by design)."
        ),
        "file": "File",
        "export": "Export",
        "read": "Read",
        "accepted": "Accepted",
        "rejected": "Rejected",
        "skipped": "Skipped",
        "total": "Total",
        "top_reasons": "Top reasons for rejection",
        "reason_code": "Reason",
        "rows": "Rows",
        "example": "Example",
        "line": "line",
        "no_rejections": "No rejected rows.",
        "audit_unavailable": "The audit is not readable in this warehouse ({why}).",
        "month_names": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "quarter": "Q{q} {year}",
    },
    "fr": {
        "title": "Tableau de bord des KPI",
        "index_title": "KPI de l'atelier : tableaux de bord",
        "index_intro": "Une page par entreprise. Ouvrez une page, ou imprimez-la (A4).",
        "business": "Entreprise",
        "vertical": "Secteur",
        "tiers": "Niveaux des derniers trimestres complets",
        "luxury_custom_jewelry": "Bijoux personnalisés de luxe",
        "custom_3d_accessories": "Accessoires personnalisés imprimés en 3D",
        "currency": "Devise",
        "grain_note": (
            "Cartes : le dernier trimestre complet de chaque KPI (un trimestre est complet "
            "quand son dernier jour précède les données les plus récentes de l'entreprise ; "
            "pour le taux de rétention, quand sa fenêtre de rétention est aussi passée). "
            "Graphiques : par mois."
        ),
        "generated": "Généré le {date} à partir de {source}.",
        "back": "Toutes les entreprises",
        "no_data": "Pas de données",
        "no_data_quarter": "pas de données en {period}",
        "no_complete": "pas encore de trimestre complet",
        "low_sample": "Petit échantillon",
        "low_sample_note": "seulement {n} cas : trop peu pour juger face à la référence",
        "no_benchmark": "Pas de référence",
        "benchmark_in_other_currency": (
            "la référence de l'article est en {benchmark} ; cette entreprise compte en {currency}"
        ),
        "no_benchmark_rows": "la table des références ne donne aucun niveau pour ce KPI",
        "needs_improvement": "À améliorer",
        "typical": "Dans la norme",
        "above_average": "Au-dessus de la moyenne",
        "exceptional": "Exceptionnel",
        "range": "fourchette de l'article",
        "and": "et",
        "interval": "intervalle à 95 % {low} – {high} (n = {n})",
        "interval_legend": "intervalle de Wilson à 95 %",
        "vs_previous": "vs {period}",
        "points": "pts",
        "trends": "Évolution par mois",
        "trends_legend": (
            "Trait plein et points pleins : mois complets ; tirets et points creux : mois "
            "en cours. Bande grise : intervalle de Wilson à 95 %. Bandes de couleur : les "
            "niveaux de référence de l'article."
        ),
        "quality": "Qualité des données",
        "quality_intro": (
            "Chaque ligne de chaque fichier lu par la dernière construction : lues = acceptées "
            "+ rejetées + ignorées (les lignes d'un téléchargement qui ne sont pas des données)."
        ),
        "file": "Fichier",
        "export": "Export",
        "read": "Lues",
        "accepted": "Acceptées",
        "rejected": "Rejetées",
        "skipped": "Ignorées",
        "total": "Total",
        "top_reasons": "Principales raisons de rejet",
        "reason_code": "Raison",
        "rows": "Lignes",
        "example": "Exemple",
        "line": "ligne",
        "no_rejections": "Aucune ligne rejetée.",
        "audit_unavailable": "L'audit n'est pas lisible dans cet entrepôt ({why}).",
        "month_names": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
        "quarter": "T{q} {year}",
    },
}
UNIT_SUFFIX = {"percent": "%", "hours": "h", "count": ""}


class ReportError(Exception):
    """The warehouse cannot be read, or holds no scorecard to report."""


# ---------------------------------------------------------------------------------------
# Reading the published warehouse.

SCORECARD_SQL = f"""
select business_id, kpi_id, kpi_name_en, kpi_name_fr, unit, higher_is_better, period_grain,
    period_start, period_end, numerator, denominator, value, benchmark_tier, benchmark_note,
    ci_low, ci_high, is_low_sample, is_complete
from marts.kpi_scorecard
where period_grain in ('{CARD_GRAIN}', '{TREND_GRAIN}')
order by business_id, kpi_id, period_grain, period_start
"""
BUSINESSES_SQL = (
    "select business_id, business_name, vertical, currency from marts.dim_businesses "
    "order by business_id"
)
RANGES_SQL = """
select kpi_id, tier, tier_rank, lower_bound, is_lower_bound_inclusive, upper_bound,
    is_upper_bound_inclusive, benchmark_currency
from marts.kpi_benchmark_ranges
order by kpi_id, tier_rank
"""
ROW_COUNTS_SQL = """
select business_id, export_name, file_name, rows_read, rows_accepted, rows_rejected, rows_skipped
from audit.export_row_counts
order by business_id, file_name, export_name
"""
REASONS_SQL = """
with ranked as (
    select business_id, file_name, rejection_code, line_number, reason,
        row_number() over (
            partition by business_id, file_name, rejection_code order by line_number
        ) as nth,
        count(*) over (partition by business_id, file_name, rejection_code) as n_rows
    from audit.rejected_rows
)
select business_id, file_name, rejection_code, n_rows, line_number as first_line,
    reason as example
from ranked
where nth = 1
"""


@dataclass
class Warehouse:
    """The published relations the report reads, as rows of dicts."""

    source: str  # what it read, for the page footer
    scorecard: list[dict[str, Any]]
    businesses: list[dict[str, Any]]
    ranges: list[dict[str, Any]]
    row_counts: list[dict[str, Any]] | None  # None: the audit is not readable
    reasons: list[dict[str, Any]] | None
    audit_error: str = ""


def duckdb_path(environ: dict[str, str] | None = None) -> Path:
    environ = dict(os.environ if environ is None else environ)
    return Path(environ.get("ATELIER_DUCKDB_PATH") or DEFAULT_DUCKDB_PATH)


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def read_warehouse(target: str) -> Warehouse:
    """Every relation the report needs from the published warehouse of `target`."""
    if target == "postgres":
        return _read_postgres()
    path = duckdb_path()
    if not path.is_file():
        raise ReportError(
            f"no published warehouse at {path}: run `dbt build` first (or set ATELIER_DUCKDB_PATH)"
        )
    import duckdb

    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise ReportError(f"cannot open {path}: {error}") from error
    try:

        def query(sql: str) -> list[dict[str, Any]]:
            relation = connection.sql(sql)
            names = relation.columns
            return [
                {n: _plain(v) for n, v in zip(names, row, strict=True)}
                for row in relation.fetchall()
            ]

        return _read(query, str(path), duckdb.Error)
    finally:
        connection.close()


def _read_postgres() -> Warehouse:
    import psycopg2

    from atelier.load import LoadError, connection_settings

    try:
        settings = connection_settings()
    except LoadError as error:
        raise ReportError(str(error)) from error
    try:
        connection = psycopg2.connect(**settings)
    except psycopg2.Error as error:
        raise ReportError(f"cannot connect to PostgreSQL: {error}".strip()) from error
    connection.set_session(readonly=True, autocommit=True)
    try:

        def query(sql: str) -> list[dict[str, Any]]:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                names = [c.name for c in cursor.description]
                return [
                    {n: _plain(v) for n, v in zip(names, row, strict=True)}
                    for row in cursor.fetchall()
                ]

        source = f"PostgreSQL {settings['dbname']} on {settings['host']}:{settings['port']}"
        return _read(query, source, psycopg2.Error)
    finally:
        connection.close()


def _read(
    query: Callable[[str], list[dict[str, Any]]], source: str, error_type: type[Exception]
) -> Warehouse:
    def marts(sql: str, relation: str) -> list[dict[str, Any]]:
        try:
            return query(sql)
        except error_type as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise ReportError(
                f"cannot read {relation} from {source} ({first_line}): the warehouse predates "
                "`atelier report` or was never built; run `dbt build`"
            ) from error

    warehouse = Warehouse(
        source=source,
        scorecard=marts(SCORECARD_SQL, "marts.kpi_scorecard"),
        businesses=marts(BUSINESSES_SQL, "marts.dim_businesses"),
        ranges=marts(RANGES_SQL, "marts.kpi_benchmark_ranges"),
        row_counts=None,
        reasons=None,
    )
    try:  # on PostgreSQL only the loading role reads the audit
        warehouse.row_counts = query(ROW_COUNTS_SQL)
        warehouse.reasons = query(REASONS_SQL)
    except error_type as error:
        warehouse.row_counts = warehouse.reasons = None
        warehouse.audit_error = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return warehouse


# ---------------------------------------------------------------------------------------
# The model of a page.


@dataclass
class Period:
    start: datetime.date
    end: datetime.date
    numerator: float
    denominator: float
    value: float | None
    tier: str | None
    note: str | None
    ci_low: float | None
    ci_high: float | None
    is_low_sample: bool | None
    is_complete: bool


@dataclass
class Kpi:
    kpi_id: str
    names: dict[str, str]
    unit: str
    higher_is_better: bool
    quarters: list[Period] = field(default_factory=list)
    months: list[Period] = field(default_factory=list)
    ranges: list[dict[str, Any]] = field(default_factory=list)

    def latest_complete_quarter(self) -> Period | None:
        complete = [p for p in self.quarters if p.is_complete]
        return complete[-1] if complete else None

    def quarter_before(self, period: Period, quarters_back: int) -> Period | None:
        start = quarter_start_back(period.start, quarters_back)
        return next((p for p in self.quarters if p.start == start), None)


def quarter_start_back(start: datetime.date, quarters_back: int) -> datetime.date:
    """The first day of the quarter `quarters_back` quarters before the one starting `start`."""
    month = start.year * 12 + start.month - 1 - 3 * quarters_back
    return datetime.date(month // 12, month % 12 + 1, 1)


@dataclass
class Business:
    business_id: str
    name: str
    vertical: str
    currency: str | None
    kpis: list[Kpi]
    row_counts: list[dict[str, Any]] | None
    reasons: list[dict[str, Any]] | None


def businesses_of(warehouse: Warehouse) -> list[Business]:
    ranges: dict[str, list[dict[str, Any]]] = {}
    for row in warehouse.ranges:
        ranges.setdefault(row["kpi_id"], []).append(row)
    kpis: dict[str, dict[str, Kpi]] = {}
    for row in warehouse.scorecard:
        kpi = kpis.setdefault(row["business_id"], {}).get(row["kpi_id"])
        if kpi is None:
            kpi = Kpi(
                kpi_id=row["kpi_id"],
                names={"en": row["kpi_name_en"], "fr": row["kpi_name_fr"]},
                unit=row["unit"],
                higher_is_better=bool(row["higher_is_better"]),
                ranges=ranges.get(row["kpi_id"], []),
            )
            kpis[row["business_id"]][row["kpi_id"]] = kpi
        period = Period(
            start=row["period_start"],
            end=row["period_end"],
            numerator=row["numerator"],
            denominator=row["denominator"],
            value=row["value"],
            tier=row["benchmark_tier"],
            note=row["benchmark_note"],
            ci_low=row["ci_low"],
            ci_high=row["ci_high"],
            is_low_sample=row["is_low_sample"],
            is_complete=bool(row["is_complete"]),
        )
        (kpi.quarters if row["period_grain"] == CARD_GRAIN else kpi.months).append(period)
    for by_kpi in kpis.values():
        for kpi in by_kpi.values():
            kpi.quarters.sort(key=lambda p: p.start)
            kpi.months.sort(key=lambda p: p.start)
    businesses = []
    for row in sorted(warehouse.businesses, key=lambda r: r["business_id"]):
        business_id = row["business_id"]
        businesses.append(
            Business(
                business_id=business_id,
                name=row["business_name"] or business_id,
                vertical=row["vertical"],
                currency=row["currency"],
                kpis=list(kpis.get(business_id, {}).values()),
                row_counts=None
                if warehouse.row_counts is None
                else sorted(  # here, not in SQL: the warehouses' text collations differ
                    (r for r in warehouse.row_counts if r["business_id"] == business_id),
                    key=lambda r: (r["file_name"], r["export_name"]),
                ),
                reasons=None
                if warehouse.reasons is None
                else [r for r in warehouse.reasons if r["business_id"] == business_id],
            )
        )
    return businesses


# ---------------------------------------------------------------------------------------
# Numbers and words in the page's language.


@dataclass(frozen=True)
class Words:
    lang: str

    def __getitem__(self, key: str) -> str:
        return TEXT[self.lang][key]

    def number(self, value: float, decimals: int) -> str:
        text = f"{value:,.{decimals}f}"
        if self.lang == "fr":  # 1 234,5 with a narrow no-break space
            text = text.replace(",", "\u202f").replace(".", ",")
        return text.replace("-", "\u2212")

    def decimals(self, unit: str, value: float) -> int:
        if unit == "currency":
            return 0 if abs(value) >= 100 else 2
        return 2 if unit == "count" else 1

    def unit_suffix(self, unit: str, currency: str | None) -> str:
        if unit == "currency":
            return currency or ""
        return UNIT_SUFFIX.get(unit, "")

    def quantity(
        self, value: float, unit: str, currency: str | None = None, *, compact: bool = False
    ) -> str:
        """The value with its unit; compact: no trailing zeros (a benchmark bound, 85 %)."""
        number = self.number(value, self.decimals(unit, value))
        if compact and re.search(r",|\.", number[-3:]):
            number = re.sub(r"[.,]?0+$", "", number)
        suffix = self.unit_suffix(unit, currency)
        if not suffix:
            return number
        if suffix == "%" and self.lang == "en":
            return number + "%"
        return f"{number}\u00a0{suffix}"

    def quarter(self, start: datetime.date) -> str:
        return self["quarter"].format(q=(start.month - 1) // 3 + 1, year=start.year)

    def month(self, start: datetime.date, with_year: bool = True) -> str:
        name = self["month_names"].split()[start.month - 1]
        return f"{name}\n{start.year}" if with_year else name

    def count(self, value: float | int) -> str:
        return self.number(float(value), 0)


def range_text(words: Words, kpi: Kpi, tier: str, currency: str | None) -> str:
    """The tier's range as the article's conditions: `≥ 85 % and ≤ 90 %`."""
    row = next((r for r in kpi.ranges if r["tier"] == tier), None)
    if row is None:
        return ""
    unit_currency = row["benchmark_currency"] or currency
    parts = []
    if row["lower_bound"] is not None:
        symbol = "≥" if row["is_lower_bound_inclusive"] else ">"
        parts.append(
            f"{symbol} {words.quantity(row['lower_bound'], kpi.unit, unit_currency, compact=True)}"
        )
    if row["upper_bound"] is not None:
        symbol = "≤" if row["is_upper_bound_inclusive"] else "<"
        parts.append(
            f"{symbol} {words.quantity(row['upper_bound'], kpi.unit, unit_currency, compact=True)}"
        )
    return f" {words['and']} ".join(parts)


def change_text(words: Words, kpi: Kpi, now: Period, before: Period | None) -> tuple[str, str]:
    """The change from `before` to `now` and its CSS class (better, worse, same, none):
    percentage points for a percent, relative change otherwise."""
    if before is None or before.value is None or now.value is None:
        return "—", "none"
    delta = now.value - before.value
    if kpi.unit == "percent":
        text = f"{'+' if delta >= 0 else ''}{words.number(delta, 1)}\u00a0{words['points']}"
        rounded = round(delta, 1)
    else:
        if before.value == 0:
            return "—", "none"
        relative = 100 * delta / abs(before.value)
        sign = "+" if relative >= 0 else ""
        percent = "%" if words.lang == "en" else "\u00a0%"
        text = f"{sign}{words.number(relative, 1)}{percent}"
        rounded = round(relative, 1)
    if rounded == 0:
        return text, "same"
    better = (delta > 0) == kpi.higher_is_better
    return text, "better" if better else "worse"


# ---------------------------------------------------------------------------------------
# Charts: matplotlib, SVG inlined.


def _svg(figure: Any) -> str:
    """The figure as an inline <svg> element: no XML prolog, doctype, metadata or namespace
    URIs (an inline SVG in HTML needs none, and the page then names no other host)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    # matplotlib names every group (figure_1, axes_1, ...): the same ids in every chart of the
    # page. Only the referenced ones (clip paths, markers: hashed with svg.hashsalt) are kept.
    referenced = set(re.findall(r"#([\w.-]+)", text))
    text = re.sub(
        r'\s+id="([^"]*)"', lambda m: m.group(0) if m.group(1) in referenced else "", text
    )
    return text.strip()


def _y_limits(kpi: Kpi, values: list[float]) -> tuple[float, float]:
    bounds = [
        b
        for r in kpi.ranges
        for b in (r["lower_bound"], r["upper_bound"])
        if b is not None and math.isfinite(b)
    ]
    points = values + bounds
    low, high = min(points), max(points)
    if kpi.unit == "percent" and low >= 0 and high <= 100:
        low, high = 0.0, max(high, 10.0)
    pad = (high - low) * 0.08 or max(abs(high), 1.0) * 0.1
    low = low - pad if low != 0 else 0.0
    if kpi.unit == "percent" and low < 0 <= min(points):
        low = 0.0
    return low, high + pad


def trend_chart(words: Words, kpi: Kpi, currency: str | None, show_bands: bool, salt: str) -> str:
    """The monthly trend of one KPI as an inline SVG: the benchmark bands behind (when the
    KPI has a tier), the Wilson interval as a grey band, the value as a line, solid with
    filled dots over complete months and dashed with hollow dots over incomplete ones.
    A bare `Figure` (no pyplot): no window, no global state; matplotlib's SVG backend."""
    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    months = kpi.months
    dates = [float(mdates.date2num(p.start)) for p in months]  # matplotlib's day numbers
    series = [math.nan if p.value is None else p.value for p in months]
    values = [v for v in series if not math.isnan(v)]
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # text stays text, in the page's fonts
            "svg.hashsalt": salt,  # ids unique within the page (several SVGs inline)
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial"],
            "font.size": 8,
            "axes.edgecolor": "#aab7b8",
            "axes.linewidth": 0.6,
            "xtick.color": "#566573",
            "ytick.color": "#566573",
        }
    ):
        figure = Figure(figsize=(5.4, 2.3))
        axes = figure.subplots()
        if not values:
            axes.text(0.5, 0.5, words["no_data"], ha="center", va="center", color=NEUTRAL_COLOUR)
            axes.set_axis_off()
            return _svg(figure)
        interval = [v for p in months for v in (p.ci_low, p.ci_high) if v is not None]
        low, high = _y_limits(kpi, values + interval)
        if show_bands:
            for row in kpi.ranges:
                band_low = low if row["lower_bound"] is None else max(low, row["lower_bound"])
                band_high = high if row["upper_bound"] is None else min(high, row["upper_bound"])
                if band_high > band_low:
                    axes.axhspan(
                        band_low,
                        band_high,
                        color=TIER_COLOURS[row["tier"]],
                        alpha=0.13,
                        linewidth=0,
                        zorder=0,
                    )
        if interval:
            axes.fill_between(
                dates,
                [math.nan if p.ci_low is None else p.ci_low for p in months],
                [math.nan if p.ci_high is None else p.ci_high for p in months],
                color=INTERVAL_COLOUR,
                alpha=0.22,
                linewidth=0,
                zorder=1,
            )
        complete = [p.is_complete for p in months]
        # the incomplete months, joined to the last complete one by the dashed line
        first_incomplete = complete.index(False) if False in complete else len(months)
        dashed = [v if i >= first_incomplete - 1 else math.nan for i, v in enumerate(series)]
        solid = [v if done else math.nan for v, done in zip(series, complete, strict=True)]
        axes.plot(dates, solid, color=LINE_COLOUR, linewidth=1.4, zorder=3)
        axes.plot(dates, dashed, color=LINE_COLOUR, linewidth=1.2, linestyle=(0, (3, 2)), zorder=3)
        for is_complete in (True, False):
            axes.plot(
                [d for d, done in zip(dates, complete, strict=True) if done == is_complete],
                [v for v, done in zip(series, complete, strict=True) if done == is_complete],
                linestyle="none",
                marker="o",
                markersize=2.6 if is_complete else 3.6,
                color=LINE_COLOUR,
                markerfacecolor=LINE_COLOUR if is_complete else "white",
                markeredgewidth=1.0,
                zorder=4,
            )
        axes.set_ylim(low, high)
        axes.set_xlim(dates[0] - 12, dates[-1] + 12)  # days
        axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))

        def month_label(x: float, position: int | None) -> str:
            day = mdates.num2date(x).date()
            return words.month(day, with_year=position == 0 or day.month == 1)

        axes.xaxis.set_major_formatter(FuncFormatter(month_label))
        decimals = 0 if kpi.unit in ("percent", "currency") else 1
        axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _: words.number(y, decimals)))
        axes.set_ylabel(words.unit_suffix(kpi.unit, currency), color="#566573")
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(length=2.5, width=0.6)
        axes.grid(axis="y", color="#d5d8dc", linewidth=0.4, zorder=0.5)
        figure.tight_layout(pad=0.4)
        return _svg(figure)


# ---------------------------------------------------------------------------------------
# HTML.

CSS = """
:root { --ink: #1b2631; --muted: #566573; --line: #d5d8dc; --paper: #ffffff; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1120px; padding: 24px; color: var(--ink); background: var(--paper);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
header h1 { margin: 0 0 2px; font-size: 26px; }
header .sub { color: var(--muted); }
nav { margin-bottom: 12px; font-size: 13px; }
nav a, a { color: #1f618d; }
h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 2px solid var(--ink); padding-bottom: 3px; }
h3 { font-size: 14px; margin: 0 0 4px; }
p.note { color: var(--muted); font-size: 12.5px; margin: 6px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; break-inside: avoid;
  page-break-inside: avoid; display: flex; flex-direction: column; gap: 4px; }
.card .period { color: var(--muted); font-size: 12px; }
.card .value { font-size: 28px; font-weight: 700; letter-spacing: -0.5px; }
.badge { display: inline-block; border-radius: 999px; padding: 2px 10px; color: #fff; font-size: 12px;
  font-weight: 600; }
.badge.neutral { background: #7f8c8d; }
.badge.low-sample { background: #fff; color: #424949; border: 1.5px dashed #7f8c8d; padding: 1px 9px; }
.range, .interval, .why { font-size: 12px; color: var(--muted); }
.changes { display: flex; gap: 14px; font-size: 12.5px; margin-top: 2px; }
.changes .better { color: #1e8449; font-weight: 600; }
.changes .worse { color: #c0392b; font-weight: 600; }
.changes .same, .changes .none { color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 14px 18px; }
.chart { break-inside: avoid; page-break-inside: avoid; }
.chart svg { width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 12px; color: var(--muted);
  margin: 4px 0 10px; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; margin-right: 4px;
  vertical-align: -1px; opacity: 0.55; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.flag td { background: #fdedec; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
footer { margin-top: 28px; color: var(--muted); font-size: 11.5px; }
.tiers { display: flex; gap: 4px; flex-wrap: wrap; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav { display: none; }
  .cards { grid-template-columns: repeat(3, 1fr); gap: 8px; }
  .card { padding: 8px 10px; }
  .card .value { font-size: 22px; }
  section.trends, section.quality { break-before: page; page-break-before: always; }
  h2 { margin-top: 0; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _page(lang: str, title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _badge(label: str, tier: str | None = None, css: str = "neutral", title: str = "") -> str:
    hint = f' title="{_e(title)}"' if title else ""
    if tier:
        style = f"background:{TIER_COLOURS[tier]}"
        return f'<span class="badge" style="{style}"{hint}>{_e(label)}</span>'
    return f'<span class="badge {css}"{hint}>{_e(label)}</span>'


def _badge_line(label: str, tier: str | None = None, css: str = "neutral") -> str:
    return f"<div>{_badge(label, tier, css)}</div>"


def kpi_card(words: Words, business: Business, kpi: Kpi) -> str:
    name = kpi.names[words.lang]
    latest = kpi.latest_complete_quarter()
    parts = [f"<h3>{_e(name)}</h3>"]
    if latest is None:
        parts.append(f'<div class="period">{_e(words["no_complete"])}</div>')
        parts.append('<div class="value">—</div>')
        parts.append(_badge_line(words["no_data"]))
        return '<div class="card">' + "".join(parts) + "</div>"
    period = words.quarter(latest.start)
    parts.append(f'<div class="period">{_e(period)}</div>')
    if latest.value is None:
        parts.append('<div class="value">—</div>')
        parts.append(_badge_line(words["no_data"]))
        parts.append(f'<div class="why">{_e(words["no_data_quarter"].format(period=period))}</div>')
    else:
        value = words.quantity(latest.value, kpi.unit, business.currency)
        parts.append(f'<div class="value">{_e(value)}</div>')
        if latest.is_low_sample:
            label = f"{words['low_sample']} (n = {words.count(latest.denominator)})"
            parts.append(_badge_line(label, css="low-sample"))
            note = words["low_sample_note"].format(n=words.count(latest.denominator))
            parts.append(f'<div class="why">{_e(note)}</div>')
        elif latest.tier:
            parts.append(_badge_line(words[latest.tier], tier=latest.tier))
            text = range_text(words, kpi, latest.tier, business.currency)
            if text:
                parts.append(f'<div class="range">{_e(words["range"])}: {_e(text)}</div>')
        else:
            parts.append(_badge_line(words["no_benchmark"]))
            benchmark = next((r["benchmark_currency"] for r in kpi.ranges), None)
            if benchmark:  # the benchmark is in another currency than the business's
                why = words["benchmark_in_other_currency"].format(
                    benchmark=benchmark, currency=business.currency
                )
            else:
                why = words["no_benchmark_rows"]
            parts.append(f'<div class="why">{_e(why)}</div>')
        if latest.ci_low is not None and latest.ci_high is not None:
            interval = words["interval"].format(
                low=words.quantity(latest.ci_low, kpi.unit),
                high=words.quantity(latest.ci_high, kpi.unit),
                n=words.count(latest.denominator),
            )
            parts.append(f'<div class="interval">{_e(interval)}</div>')
    changes = []
    for quarters_back in (1, 4):
        before = kpi.quarter_before(latest, quarters_back)
        label = words["vs_previous"].format(
            period=words.quarter(quarter_start_back(latest.start, quarters_back))
        )
        text, css = change_text(words, kpi, latest, before)
        changes.append(f'<span>{_e(label)}: <span class="{css}">{_e(text)}</span></span>')
    parts.append('<div class="changes">' + "".join(changes) + "</div>")
    return '<div class="card">' + "".join(parts) + "</div>"


def quality_panel(words: Words, business: Business, audit_error: str) -> str:
    if business.row_counts is None:
        return f'<p class="note">{_e(words["audit_unavailable"].format(why=audit_error))}</p>'
    heads = ("file", "export", "read", "accepted", "rejected", "skipped")
    numeric = {"read", "accepted", "rejected", "skipped"}
    rows = [
        "<tr>"
        + "".join(f'<th class="{"n" if h in numeric else ""}">{_e(words[h])}</th>' for h in heads)
        + "</tr>"
    ]
    totals = dict.fromkeys(("rows_read", "rows_accepted", "rows_rejected", "rows_skipped"), 0)
    for row in business.row_counts:
        for key in totals:
            totals[key] += int(row[key] or 0)
        flag = ' class="flag"' if row["rows_rejected"] else ""
        rows.append(
            f"<tr{flag}><td>{_e(row['file_name'])}</td><td>{_e(row['export_name'])}</td>"
            + "".join(f'<td class="n">{_e(words.count(row[k] or 0))}</td>' for k in totals)
            + "</tr>"
        )
    rows.append(
        f'<tr class="total"><td>{_e(words["total"])}</td><td></td>'
        + "".join(f'<td class="n">{_e(words.count(v))}</td>' for v in totals.values())
        + "</tr>"
    )
    parts = [
        f'<p class="note">{_e(words["quality_intro"])}</p>',
        "<table>" + "".join(rows) + "</table>",
    ]
    parts.append(f"<h3>{_e(words['top_reasons'])}</h3>")
    reasons = sorted(
        business.reasons or [],
        key=lambda r: (-int(r["n_rows"]), r["file_name"], r["rejection_code"]),
    )
    if not reasons:
        parts.append(f'<p class="note">{_e(words["no_rejections"])}</p>')
    else:
        lines = [
            f"<tr><th>{_e(words['reason_code'])}</th><th>{_e(words['file'])}</th>"
            f'<th class="n">{_e(words["rows"])}</th><th>{_e(words["example"])}</th></tr>'
        ]
        for row in reasons[:TOP_REASONS]:
            lines.append(
                f"<tr><td>{_e(row['rejection_code'])}</td><td>{_e(row['file_name'])}</td>"
                f'<td class="n">{_e(words.count(row["n_rows"]))}</td>'
                f"<td>{_e(words['line'])} {_e(row['first_line'])}: {_e(row['example'])}</td></tr>"
            )
        parts.append("<table>" + "".join(lines) + "</table>")
    return "".join(parts)


def _sorted_kpis(words: Words, business: Business) -> list[Kpi]:
    return sorted(business.kpis, key=lambda k: k.names[words.lang].casefold())


def business_page(words: Words, business: Business, source: str, audit_error: str) -> str:
    vertical = TEXT[words.lang].get(business.vertical, business.vertical)
    kpis = _sorted_kpis(words, business)
    cards = "".join(kpi_card(words, business, kpi) for kpi in kpis)
    charts = []
    for kpi in kpis:
        title = f"<h3>{_e(kpi.names[words.lang])}</h3>"
        if all(p.value is None for p in kpi.months):
            charts.append(
                f'<div class="chart">{title}<p class="note">{_e(words["no_data"])}</p></div>'
            )
            continue
        latest = kpi.latest_complete_quarter()
        has_tier = any(p.tier for p in kpi.months) or (latest is not None and latest.tier)
        svg = trend_chart(
            words,
            kpi,
            business.currency,
            show_bands=bool(has_tier) and bool(kpi.ranges),
            salt=f"{business.business_id}.{kpi.kpi_id}",
        )
        charts.append(f'<div class="chart">{title}{svg}</div>')
    legend = "".join(
        f'<span><span class="swatch" style="background:{TIER_COLOURS[t]}"></span>{_e(words[t])}</span>'
        for t in TIER_ORDER
    )
    legend += (
        f'<span><span class="swatch" style="background:{INTERVAL_COLOUR}"></span>'
        f"{_e(words['interval_legend'])}</span>"
    )
    today = datetime.date.today().isoformat()
    body = f"""
<nav><a href="index.html">← {_e(words["back"])}</a></nav>
<header>
<h1>{_e(business.name)}</h1>
<div class="sub">{_e(words["title"])} · {_e(vertical)} · {_e(words["currency"])}: {_e(business.currency or "—")}</div>
</header>
<section class="summary">
<p class="note">{_e(words["grain_note"])}</p>
<div class="cards">{cards}</div>
</section>
<section class="trends">
<h2>{_e(words["trends"])}</h2>
<p class="note">{_e(words["trends_legend"])}</p>
<div class="legend">{legend}</div>
<div class="charts">{"".join(charts)}</div>
</section>
<section class="quality">
<h2>{_e(words["quality"])}</h2>
{quality_panel(words, business, audit_error)}
</section>
<footer>{_e(words["generated"].format(date=today, source=source))}</footer>
"""
    return _page(words.lang, f"{business.name} · {words['title']}", body)


def index_page(words: Words, businesses: list[Business], source: str) -> str:
    rows = [
        f"<tr><th>{_e(words['business'])}</th><th>{_e(words['vertical'])}</th>"
        f"<th>{_e(words['tiers'])}</th></tr>"
    ]
    for business in businesses:
        badges = []
        for kpi in _sorted_kpis(words, business):
            latest = kpi.latest_complete_quarter()
            name = kpi.names[words.lang]
            if latest is None or latest.value is None:
                badges.append(_badge(words["no_data"], title=name))
                continue
            title = f"{name}: {words.quantity(latest.value, kpi.unit, business.currency)}"
            if latest.is_low_sample:
                badges.append(_badge(words["low_sample"], css="low-sample", title=title))
            elif latest.tier:
                badges.append(_badge(words[latest.tier], tier=latest.tier, title=title))
            else:
                badges.append(_badge(words["no_benchmark"], title=title))
        vertical = TEXT[words.lang].get(business.vertical, business.vertical)
        rows.append(
            f'<tr><td><a href="{_e(page_name(business))}">{_e(business.name)}</a></td>'
            f'<td>{_e(vertical)}</td><td><div class="tiers">{"".join(badges)}</div></td></tr>'
        )
    today = datetime.date.today().isoformat()
    body = f"""
<header><h1>{_e(words["index_title"])}</h1></header>
<p class="note">{_e(words["index_intro"])}</p>
<table>{"".join(rows)}</table>
<footer>{_e(words["generated"].format(date=today, source=source))}</footer>
"""
    return _page(words.lang, words["index_title"], body)


def page_name(business: Business) -> str:
    """The page's file name: the business id, made safe for a file name."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", business.business_id) + ".html"


# ---------------------------------------------------------------------------------------
# The command.


def write_report(
    warehouse: Warehouse, out: Path, lang: str, business_ids: list[str] | None = None
) -> list[Path]:
    """Write the pages of the businesses (all, or those named) and the index; their paths."""
    words = Words(lang)
    businesses = [b for b in businesses_of(warehouse) if b.kpis]
    if business_ids:
        known = {b.business_id for b in businesses}
        unknown = [b for b in business_ids if b not in known]
        if unknown:
            raise KeyError(
                f"no business {', '.join(unknown)} in the scorecard "
                f"(known: {', '.join(sorted(known)) or 'none'})"
            )
        businesses = [b for b in businesses if b.business_id in business_ids]
    if not businesses:
        raise ReportError(f"{warehouse.source} holds no scorecard rows: nothing to report")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for business in businesses:
        path = out / page_name(business)
        path.write_text(
            business_page(words, business, warehouse.source, warehouse.audit_error),
            encoding="utf-8",
        )
        written.append(path)
    index = out / "index.html"
    index.write_text(index_page(words, businesses, warehouse.source), encoding="utf-8")
    return [index, *written]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"folder of the pages (index.html and one page per business); default {DEFAULT_OUT}",
    )
    parser.add_argument(
        "--lang", choices=["en", "fr"], default="en", help="language of the pages (default en)"
    )
    parser.add_argument(
        "--business",
        action="append",
        metavar="ID",
        help="only this business (repeat for several); default every business",
    )
    parser.add_argument(
        "--target",
        choices=["dev", "postgres"],
        default="dev",
        help="the published warehouse to read: dev, the DuckDB file $ATELIER_DUCKDB_PATH "
        f"(default {DEFAULT_DUCKDB_PATH}); postgres, the ATELIER_PG_* database",
    )


def run(args: argparse.Namespace) -> int:
    try:
        warehouse = read_warehouse(args.target)
        paths = write_report(warehouse, Path(args.out), args.lang, args.business)
    except KeyError as error:
        print(f"atelier report: {error.args[0]}", file=sys.stderr)
        return 2
    except ReportError as error:
        print(f"atelier report: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(paths) - 1} business pages ({args.lang}) and {paths[0]}")
    for path in paths[1:]:
        print(f"  {path}")
    return 0
