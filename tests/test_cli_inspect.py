"""The explaining commands, through the real entry point: `actors`, `places`, `explain`, and the
`--actors` / `--places` user files on `code`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli import run

pytestmark = pytest.mark.model


def test_actors_resolves_a_misspelling_as_of_the_date() -> None:
    result = run("actors", "Ayatollah Ali Khameini", "--date", "2023-02-12", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)["actors"]
    assert [(a["name"], a["country"], a["sector"]) for a in found] == [
        ("Ali Khamenei", "IRN", "GOV")
    ]
    assert any(r.startswith("fuzzy") for r in found[0]["rules"])


def test_actors_text_output_names_the_rule() -> None:
    result = run("actors", "Antony Blinken", "--date", "2012-06-01")
    assert result.returncode == 0, result.stderr
    # Blinken was not Secretary of State in 2012, so no GOV role as of that date
    assert "Antony Blinken" in result.stdout
    assert "rule" in result.stdout


def test_places_ranks_candidates_and_uses_the_country_context() -> None:
    result = run("places", "Georgian troops clashed near Georgia's border", "--json", "--top", "3")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    georgia = next(e for e in entries if e["text"] == "Georgia")
    assert georgia["chosen"]["country"] == "GEO"
    assert len(georgia["candidates"]) <= 3


def test_explain_shows_parse_patterns_and_events(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Iran agreed to sell drones to Russia. The deal was signed on Monday.\n")
    result = run("explain", str(article), "--sentence", "0", "--date", "2023-02-12")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "parse:" in out and "patterns:" in out
    assert "COOPERATE" in out and "IRN" in out and "RUS" in out


def test_explain_out_of_range_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Iran agreed to sell drones to Russia.\n")
    result = run("explain", str(article), "--sentence", "9")
    assert result.returncode == 1
    err = result.stderr.strip()
    assert err.startswith("error E009") and "\n" not in err


def test_code_with_user_actor_and_place_files(tmp_path: Path) -> None:
    actors = tmp_path / "actors.tsv"
    actors.write_text(
        "code\tname\taliases\tcountry\tsector\tkind\n"
        "NWF\tNorthern Wolves Front\tWolves Front\tSDN\tREB\tarmed group\n"
    )
    places = tmp_path / "places.tsv"
    places.write_text(
        "name\taliases\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature\tid\n"
        "Qaryat Zulfa\t\tSDN\t\t14.5\t24.25\t2000\tcity\tmy:1\n"
    )
    article = tmp_path / "a.txt"
    article.write_text("The Northern Wolves Front attacked Sudanese soldiers in Qaryat Zulfa.\n")
    args = ("code", str(article), "--date", "2023-05-01", "--format", "json")
    plain = json.loads(run(*args).stdout)
    result = run(*args, "--actors", str(actors), "--places", str(places))
    assert result.returncode == 0, result.stderr
    coded = json.loads(result.stdout)
    wolves = [a for a in coded["mentions"]["actors"] if "Northern Wolves Front" in a["text"]]
    assert [(a["country"], a["sector"]) for a in wolves] == [("SDN", "REB")]
    place = next(p for p in coded["mentions"]["places"] if p["text"] == "Qaryat Zulfa")
    assert (place["lat"], place["lon"]) == (14.5, 24.25)
    assert not any("Wolves" in a["text"] for a in plain["mentions"]["actors"])
