"""`sources.yml`: what a business says about its downloads, parsed and checked against a schema.

One optional file per business folder. Every key is optional; `DEFAULTS` holds the values
used when a key is absent. A file that does not parse, holds an unknown key or a value of
the wrong kind stops the build with one line naming the business, the file and the key
(the files and columns it names are checked when the folder is read, `atelier.sources`).
The effective settings reach the warehouse as rows of `raw.business_settings`
(`settings_rows`), so the SQL applies them set-based, for every business at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from atelier.reader import ExportsError

SETTINGS_FILE = "sources.yml"
SURVEY_TYPES = ("finished_piece", "customization")

DEFAULTS: dict[str, Any] = {
    "custom_design": {
        "draft_orders": True,
        "personalization": True,
        "keywords": [
            "custom",
            "bespoke",
            "personalized",
            "personalised",
            "sur mesure",
            "sur-mesure",
            "personnalisé",
            "engraved",
            "gravé",
        ],
        "tags": ["custom", "bespoke"],
    },
    "consultations": {"event_types": None},  # None: every event type
    "surveys": [],
    "materials": {"eco_friendly": None},  # None: not configured
}

# key -> kind, per section; a survey entry's keys and whether each is required
SCHEMA: dict[str, dict[str, str]] = {
    "custom_design": {
        "draft_orders": "bool",
        "personalization": "bool",
        "keywords": "list",
        "tags": "list",
    },
    "consultations": {"event_types": "list"},
    "materials": {"eco_friendly": "list"},
}
SURVEY_KEYS: dict[str, tuple[str, bool]] = {
    "file": ("text", True),
    "survey_type": ("text", True),
    "score_column": ("text", True),
    "scale_max": ("int", True),
    "customer_column": ("text", False),
    "order_column": ("text", False),
}


@dataclass(frozen=True)
class SurveyFile:
    """One survey download named in sources.yml, with how to read it."""

    file: str
    survey_type: str
    score_column: str
    scale_max: int
    customer_column: str | None = None
    order_column: str | None = None


@dataclass(frozen=True)
class SourceSettings:
    draft_orders: bool = True
    personalization: bool = True
    keywords: tuple[str, ...] = tuple(DEFAULTS["custom_design"]["keywords"])
    tags: tuple[str, ...] = tuple(DEFAULTS["custom_design"]["tags"])
    event_types: tuple[str, ...] | None = None
    surveys: tuple[SurveyFile, ...] = field(default_factory=tuple)
    eco_friendly: tuple[str, ...] | None = None


def _fault(path: Path, key: str, problem: str) -> ExportsError:
    return ExportsError(
        f"business '{path.parent.name}', {path.name}, key '{key}': {problem} "
        "(see docs/sources.md, 'sources.yml')"
    )


def _check_kind(path: Path, key: str, value: Any, kind: str) -> Any:
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "text" and isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        if text:
            return text
    if kind == "list" and isinstance(value, list):
        items = [str(v).strip() for v in value if v is not None and not isinstance(v, dict | list)]
        if len(items) == len(value) and all(items):
            return tuple(items)
    expected = {
        "bool": "true or false",
        "int": "a whole number",
        "text": "a text",
        "list": "a list of texts, e.g. [a, b]",
    }[kind]
    raise _fault(path, key, f"{value!r} is not {expected}")


def _mapping(path: Path, key: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fault(path, key, "expected a mapping of keys")
    return value


def _survey(path: Path, index: int, entry: Any) -> SurveyFile:
    where = f"surveys[{index}]"
    entry = _mapping(path, where, entry)
    values: dict[str, Any] = {}
    for key, value in entry.items():
        if key not in SURVEY_KEYS:
            raise _fault(
                path, f"{where}.{key}", f"unknown key; use one of: {', '.join(SURVEY_KEYS)}"
            )
        values[key] = _check_kind(path, f"{where}.{key}", value, SURVEY_KEYS[key][0])
    for key, (_, required) in SURVEY_KEYS.items():
        if required and key not in values:
            raise _fault(path, f"{where}.{key}", "is required")
    if values["survey_type"] not in SURVEY_TYPES:
        raise _fault(path, f"{where}.survey_type", f"use one of: {', '.join(SURVEY_TYPES)}")
    if values["scale_max"] < 1:
        raise _fault(path, f"{where}.scale_max", f"{values['scale_max']} is below 1")
    return SurveyFile(**values)


def read_settings(folder: Path) -> SourceSettings:
    """The business's settings: its sources.yml checked against the schema, or the defaults."""
    path = folder / SETTINGS_FILE
    if not path.exists():
        return SourceSettings()
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problem = str(error).replace("\n", " ")
        raise _fault(path, "(file)", f"does not parse as YAML: {problem}") from None
    document = _mapping(path, "(file)", document)
    values: dict[str, Any] = {}
    for section, content in document.items():
        if section == "surveys":
            if not isinstance(content, list):
                raise _fault(path, "surveys", "expected a list of survey files")
            values["surveys"] = tuple(_survey(path, i, e) for i, e in enumerate(content))
            continue
        if section not in SCHEMA:
            known = ", ".join([*SCHEMA, "surveys"])
            raise _fault(path, str(section), f"unknown key; use one of: {known}")
        for key, value in _mapping(path, section, content).items():
            if key not in SCHEMA[section]:
                known = ", ".join(SCHEMA[section])
                raise _fault(path, f"{section}.{key}", f"unknown key; use one of: {known}")
            values[key] = _check_kind(path, f"{section}.{key}", value, SCHEMA[section][key])
    files = [s.file for s in values.get("surveys", ())]
    for name in files:
        if files.count(name) > 1:
            raise _fault(path, "surveys.file", f"'{name}' is listed twice")
    return SourceSettings(**values)


def settings_rows(business_id: str, settings: SourceSettings) -> list[tuple[str, str, str]]:
    """(business_id, setting, value) rows: the settings the SQL applies, defaults included."""
    rows = [
        (business_id, "custom_design.draft_orders", str(settings.draft_orders).lower()),
        (business_id, "custom_design.personalization", str(settings.personalization).lower()),
    ]
    rows += [(business_id, "custom_design.keyword", k) for k in settings.keywords]
    rows += [(business_id, "custom_design.tag", t) for t in settings.tags]
    rows += [(business_id, "consultations.event_type", e) for e in settings.event_types or ()]
    rows += [(business_id, "materials.eco_friendly", m) for m in settings.eco_friendly or ()]
    return rows
