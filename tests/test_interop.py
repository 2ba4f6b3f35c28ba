"""Exports in other data sets' formats: GDELT 2.0's event columns and POLECAT-style PLOVER
JSON Lines, from a store of hand-built records."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from eventwire.interop.gdelt import COLUMNS, geo_type, global_event_id
from eventwire.store import open_store
from eventwire.store.export import FORMATS, export

from .stores import build_corpus_store

DOCS = Path(__file__).resolve().parents[1] / "docs" / "interop.md"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("interop")
    with open_store(build_corpus_store(out / "events.duckdb"), read_only=True) as store:
        export(store, "gdelt", out)
        export(store, "plover", out)
    return out


def gdelt_rows(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "events_gdelt.tsv", encoding="utf-8", newline="") as handle:
        rows = [dict(zip(COLUMNS, r, strict=True)) for r in csv.reader(handle, delimiter="\t")]
    return {r["SOURCEURL"].rsplit("/", 1)[1] + ":" + r["EventCode"]: r for r in rows}


def test_gdelt_has_gdelt_2s_61_columns_and_only_asserted_events(exported: Path) -> None:
    assert len(COLUMNS) == 61
    assert (COLUMNS[0], COLUMNS[1], COLUMNS[26], COLUMNS[-2]) == (
        "GlobalEventID",
        "Day",
        "EventCode",
        "DATEADDED",
    )
    rows = gdelt_rows(exported)
    # the feared attack on civilians (CAMEO 190 in doc-shelling) is not written
    assert sorted(rows) == ["doc-deal:057", "doc-shelling:195", "doc-talks:040", "doc-talks:190"]


def test_gdelt_columns_carry_the_event(exported: Path) -> None:
    shelling = gdelt_rows(exported)["doc-shelling:195"]
    assert shelling["GlobalEventID"] == str(global_event_id("ev-shell"))
    assert (shelling["Day"], shelling["MonthYear"], shelling["Year"]) == (
        "20230117",
        "202301",
        "2023",
    )
    assert shelling["FractionDate"] == "2023.0438"  # 16 days into the year
    assert (shelling["Actor1Code"], shelling["Actor1Name"], shelling["Actor1CountryCode"]) == (
        "RUSGOV",
        "RUSSIA",
        "RUS",
    )
    assert (shelling["Actor2Code"], shelling["Actor2Type1Code"]) == ("UKRMIL", "MIL")
    assert (shelling["EventBaseCode"], shelling["EventRootCode"], shelling["QuadClass"]) == (
        "195",
        "19",
        "4",
    )
    assert (shelling["GoldsteinScale"], shelling["NumArticles"], shelling["AvgTone"]) == (
        "-9.5",
        "1",
        "",
    )
    assert shelling["IsRootEvent"] == "1"
    assert shelling["ActionGeo_Type"] == "5"  # a province outside the US
    assert shelling["ActionGeo_FullName"] == "Kherson Oblast, Kherson, Ukraine"
    assert (shelling["ActionGeo_Lat"], shelling["ActionGeo_Long"]) == ("46.6", "32.6")
    assert shelling["ActionGeo_FeatureID"] == "706442"
    assert shelling["ActionGeo_CountryCode"] == ""  # FIPS 10-4 in GDELT: not guessed
    assert re.fullmatch(r"\d{14}", shelling["DATEADDED"])
    assert shelling["SOURCEURL"] == "https://example.org/doc-shelling"


def test_gdelt_places_and_undated_events(exported: Path) -> None:
    rows = gdelt_rows(exported)
    assert rows["doc-deal:057"]["ActionGeo_Type"] == "4"  # a town outside the US
    assert rows["doc-talks:190"]["ActionGeo_Type"] == "1"  # a whole country
    talks = rows["doc-talks:040"]
    assert talks["ActionGeo_Type"] == "0" and talks["ActionGeo_Lat"] == ""
    assert talks["Day"] == "20230202"  # no date of its own: its article's
    assert geo_type({"precision": "point", "country": "USA"}) == 3
    assert geo_type({"precision": "admin1", "country": "USA"}) == 2
    assert geo_type({"precision": "region"}) == 1


def plover(out: Path) -> dict[str, dict[str, object]]:
    lines = (out / "events_plover.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["event_id"]: r for r in map(json.loads, lines)}


def test_plover_records_are_polecat_shaped(exported: Path) -> None:
    records = plover(exported)
    assert sorted(records) == ["ev-civil", "ev-deal", "ev-shell", "ev-talks"]
    shell = records["ev-shell"]
    assert {k: shell[k] for k in ("event_date", "event_type", "mode", "context", "quad_code")} == {
        "event_date": "2023-01-17",
        "event_type": "ASSAULT",
        "mode": "heavy-weapons",
        "context": ["military"],
        "quad_code": 4,
    }
    assert shell["source"] == {
        "text": "Russia",
        "name": "Russia",
        "country": "RUS",
        "sector": "GOV",
        "country_inferred": False,
    }
    assert shell["location"] == {
        "text": "Kherson Oblast",
        "name": "Kherson Oblast",
        "country": "UKR",
        "admin1": "Kherson",
        "lat": 46.6,
        "lon": 32.6,
        "geonames_id": "706442",
        "precision": "admin1",
    }
    assert (shell["story_id"], shell["story_date"], shell["publisher"]) == (
        "doc-shelling",
        "2023-01-18",
        "AP",
    )
    assert shell["event_text"] == "Russia shelled Ukraine in Kherson Oblast, killing 12 people."
    assert (shell["fatalities"], shell["sentence_number"], shell["cameo"]) == (12, 0, "195")
    talks = records["ev-talks"]
    assert talks["location"] is None and talks["event_date"] == "2023-02-02"


def test_the_cli_and_docs_know_every_format() -> None:
    from eventwire.cli.corpus import ExportFormat

    assert {f.value for f in ExportFormat} == set(FORMATS)
    text = DOCS.read_text(encoding="utf-8")
    for fmt in ("gdelt", "plover"):
        assert f"export --format {fmt}" in text
    for column in COLUMNS:
        assert f"`{column}`" in text, column
