"""`sources.yml`: the schema, the defaults, and the documented example."""

from __future__ import annotations

from pathlib import Path

import pytest

from atelier.contract import PROJECT_DIR
from atelier.reader import ExportsError
from atelier.settings import DEFAULTS, SourceSettings, read_settings, settings_rows


def _folder(tmp_path: Path, text: str | None) -> Path:
    folder = tmp_path / "gem"
    folder.mkdir()
    if text is not None:
        (folder / "sources.yml").write_text(text, encoding="utf-8")
    return folder


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    settings = read_settings(_folder(tmp_path, None))
    assert settings == SourceSettings()
    assert list(settings.keywords) == DEFAULTS["custom_design"]["keywords"]
    assert list(settings.tags) == DEFAULTS["custom_design"]["tags"]
    assert settings.event_types is None and settings.eco_friendly is None


def test_the_documented_example_parses(tmp_path: Path) -> None:
    example = (PROJECT_DIR / "docs" / "sources.example.yml").read_text(encoding="utf-8")
    settings = read_settings(_folder(tmp_path, example))
    assert [s.file for s in settings.surveys] == [
        "Satisfaction - Form Responses 1.csv",
        "Customization survey responses.csv",
    ]
    assert settings.surveys[0].customer_column == "Email address"
    assert settings.surveys[1].scale_max == 10
    assert settings.eco_friendly == ("PLA", "recycled PETG")
    assert settings.event_types == ("Design consultation",)


def test_a_key_replaces_its_default_and_rows_carry_every_value(tmp_path: Path) -> None:
    settings = read_settings(
        _folder(tmp_path, "custom_design:\n  keywords: []\n  draft_orders: false\n")
    )
    assert settings.keywords == ()
    assert settings.tags == tuple(DEFAULTS["custom_design"]["tags"])
    rows = settings_rows("gem", settings)
    assert ("gem", "custom_design.draft_orders", "false") in rows
    assert ("gem", "custom_design.personalization", "true") in rows
    assert not [r for r in rows if r[1] == "custom_design.keyword"]
    assert [r[2] for r in rows if r[1] == "custom_design.tag"] == ["custom", "bespoke"]


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("custom_design: [\n", "(file)", "does not parse"),
        ("colours: [red]\n", "colours", "unknown key"),
        ("custom_design:\n  flavours: [x]\n", "custom_design.flavours", "unknown key"),
        ("custom_design:\n  draft_orders: maybe\n", "custom_design.draft_orders", "true or false"),
        ("materials:\n  eco_friendly: PLA\n", "materials.eco_friendly", "a list"),
        (
            "surveys:\n  - file: a.csv\n    survey_type: finished_piece\n    score_column: q\n    scale_max: 0\n",
            "surveys[0].scale_max",
            "below 1",
        ),
        (
            "surveys:\n  - file: a.csv\n    survey_type: happiness\n    score_column: q\n    scale_max: 5\n",
            "surveys[0].survey_type",
            "finished_piece",
        ),
        ("surveys:\n  - file: a.csv\n    scale_max: 5\n", "surveys[0].survey_type", "required"),
        (
            "surveys:\n  - file: a.csv\n    survey_type: customization\n    score_column: q\n    scale_max: 5\n    colour: red\n",
            "surveys[0].colour",
            "unknown key",
        ),
    ],
)
def test_a_bad_file_stops_naming_business_file_and_key(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    with pytest.raises(ExportsError) as error:
        read_settings(_folder(tmp_path, text))
    message = str(error.value)
    assert "business 'gem'" in message and "sources.yml" in message
    assert f"key '{key}'" in message and problem in message
    assert "\n" not in message
