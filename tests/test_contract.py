"""Pinned contracts: the JSON Schema we ship, the stage versions, and the docs of the CLI."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from typer.main import get_command

from eventwire.cli import app
from eventwire.model import PLOVER_TYPES, event_json_schema
from eventwire.pipeline import VERSIONS

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


def test_shipped_schema_matches_the_models() -> None:
    shipped = json.loads(
        resources.files("eventwire.data").joinpath("coded_document.schema.json").read_text()
    )
    assert shipped == event_json_schema(), (
        "regenerate: eventwire schema > src/eventwire/data/coded_document.schema.json"
    )


def test_event_record_fields_of_the_brief_are_present() -> None:
    props = event_json_schema()["$defs"]["Event"]["properties"]  # type: ignore[index]
    for name in (
        "type",
        "cameo",
        "quad_class",
        "source",
        "target",
        "modality",
        "negated",
        "attribution",
        "date",
        "location",
        "quantities",
        "evidence",
        "confidence",
    ):
        assert name in props
    assert len(PLOVER_TYPES) == 16


def test_stage_versions_are_pinned() -> None:
    assert json.loads((GOLDEN / "versions.json").read_text()) == VERSIONS


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = get_command(app).commands  # type: ignore[attr-defined]
    for name in commands:
        assert f"eventwire {name}" in readme, f"README does not document `eventwire {name}`"


def test_the_readme_lists_every_setting_as_the_settings_module_describes_it() -> None:
    from eventwire.settings import markdown_table

    readme = (ROOT / "README.md").read_text()
    for row in markdown_table().splitlines():
        assert row in readme, f"README's settings table lacks or differs on: {row}"
