"""The document's context for group nouns with a sector and no country ("police", "fighters",
"troops"): the state the sentence names as a place, the group of the same sector named just
before, the state the text is about; and where that context is no clue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.actors import ActorHit, explain_actor, find_actors
from eventwire.pipeline import Coder

pytestmark = pytest.mark.model
DAY = dt.date(2023, 6, 1)


@pytest.fixture(scope="module")
def group(coder: Coder, parse: Callable[[str], Doc]) -> Callable[[str, str], ActorHit]:
    """The actor whose words are `words` in `text`."""

    def run(text: str, words: str) -> ActorHit:
        hits = find_actors(parse(text), coder.actors, DAY)
        return next(h for h in hits if text[h.start : h.end] == words)

    return run


def test_the_state_named_where_the_group_acts(group: Callable[[str, str], ActorHit]) -> None:
    police = group("Protesters gathered in Nairobi on Monday and police fired tear gas.", "police")
    assert (police.country, police.sector, police.rules[-1]) == ("KEN", "COP", "place:KEN")
    assert police.score < 1.0
    militiamen = group("Militiamen attacked villages in Darfur.", "Militiamen")  # a region
    assert (militiamen.country, militiamen.sector) == ("SDN", "REB")


def test_the_place_of_a_thing_or_of_where_a_force_goes_is_no_clue(
    group: Callable[[str, str], ActorHit],
) -> None:
    assert group("The ministers discussed the crisis in Syria.", "ministers").country is None
    assert group("Troops crossed into Niger on Sunday.", "Troops").country is None


def test_a_state_named_in_the_sentence_gives_its_own_forces_but_not_others(
    group: Callable[[str, str], ActorHit],
) -> None:
    soldiers = group("Pakistan said soldiers would stay on the border.", "soldiers")
    assert soldiers.country == "PAK"
    assert group("Russia said rebels had shelled the town.", "rebels").country is None


def test_the_group_of_the_same_sector_named_just_before(
    group: Callable[[str, str], ActorHit],
) -> None:
    text = "Al-Shabaab claimed the bombing. Fighters then stormed a hotel."
    fighters = group(text, "Fighters")
    assert (fighters.country, fighters.rules[-1]) == ("SOM", "context-actor:al-Shabaab")
    two = group(
        "Hamas and Hezbollah praised the attack. Militants then fired rockets.", "Militants"
    )
    assert two.country is None  # two states' groups before it: no clue which
    text = "President William Ruto spoke on Monday. The government later denied the report."
    assert group(text, "government").country is None  # a person is no group's antecedent


def test_the_state_the_text_is_about_when_it_leads_by_far(
    group: Callable[[str, str], ActorHit],
) -> None:
    about = (
        "Venezuela's opposition called a strike. Venezuela's government rejected it. "
        "Caracas said the strike had failed. "
    )
    troops = group(about + "Troops patrolled the streets.", "Troops")
    assert (troops.country, troops.rules[-1]) == ("VEN", "setting:VEN")
    close = about + "Colombia and Colombia's president watched. Troops and civilians stayed home."
    assert group(close, "Troops").country is None  # leads, but not by far
    assert group(close, "civilians").country == "VEN"  # civilians take any lead


def test_the_inferred_country_is_marked_and_explained(coder: Coder) -> None:
    text = "Al-Shabaab claimed the bombing. Fighters then stormed a hotel."
    found = explain_actor(text, DAY, coder)
    fighters = next(a for a in found.actors if a.text == "Fighters")
    assert "(inferred)" in fighters.because[-1]
    hits = find_actors(coder.nlp(text), coder.actors, DAY)
    refs = {text[h.start : h.end]: h.ref() for h in hits}
    assert refs["Fighters"].country_inferred and not refs["Shabaab"].country_inferred


@pytest.mark.parametrize("name", ["actors_cases.tsv", "actors_context_cases.tsv"])
def test_the_case_sets_keep_their_held_out_part_apart(name: str) -> None:
    """Both parts are there, no held-out text is also a tuned one, and a bracketed mention is
    one span of its text."""
    path = Path(__file__).resolve().parents[1] / "bench" / "data" / name
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and x[0] != "#"]
    rows = [x.split("\t") for x in lines[1:]]
    assert lines[0].split("\t") == ["text", "date", "country", "sector", "part"]
    parts: dict[str, set[str]] = {"tune": set(), "heldout": set()}
    for text, day, country, sector, part in rows:
        parts[part].add(text)
        dt.date.fromisoformat(day)
        assert country and sector
        assert text.count("[") == text.count("]") <= 1
    assert parts["tune"] and parts["heldout"]
    assert not parts["tune"] & parts["heldout"]


def test_a_party_of_a_shared_name_is_of_the_state_the_text_is_about(
    group: Callable[[str, str], ActorHit],
) -> None:
    text = (
        "Georgia's opposition rallied in Tbilisi. Georgian police watched. Giorgi Beridze of "
        "the Conservative Party said Georgia needed new elections."
    )
    party = group(text, "the Conservative Party")
    assert (party.country, party.rules[-1]) == ("GEO", "setting:GEO")
    # said with its state's demonym, or where that state is named, it stays that state's
    text = "Georgia's opposition rallied in Tbilisi. Georgian police watched. The British "
    text += "Conservative Party said Georgia needed new elections."
    assert group(text, "Conservative Party").country == "GBR"
    text = "Georgia's opposition rallied. Georgian police watched. In Britain, the "
    text += "Conservative Party said Georgia needed new elections."
    assert group(text, "the Conservative Party").country == "GBR"


def test_a_party_of_its_own_name_keeps_its_state(group: Callable[[str, str], ActorHit]) -> None:
    # a name no other state's party shares is not lent to the document's setting
    text = (
        "Zimbabwe's opposition rallied in Harare. Zimbabwean police watched. The African "
        "National Congress said Zimbabwe needed new elections."
    )
    assert group(text, "The African National Congress").country == "ZAF"
    # a shared name written with its own state inside it stays that state's
    text = (
        "Australia's opposition rallied in Canberra. Australian police watched. The New "
        "Zealand Labour Party said Australia needed new elections."
    )
    assert group(text, "The New Zealand Labour Party").country == "NZL"
    # a shared name said without "Party" is still shared ("Labor" is Australia's and Israel's)
    text = (
        "Israel's opposition rallied in Jerusalem. Israeli police watched. Labor said Israel "
        "needed new elections."
    )
    assert group(text, "Labor").country == "ISR"
