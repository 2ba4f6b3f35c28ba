"""ACLED-style event notes: places cited with "(district, province)" brackets, actors without a
country placed there, the ACLED types the actors decide, and the team's note set. Sentences
are written for these tests."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventwire.interop.acled import acled_actors, crowd, event_acled_type
from eventwire.kb import KnowledgeBase
from eventwire.model import CodedDocument
from eventwire.pipeline import Coder
from eventwire.places.cues import qualifier_after
from eventwire.places.recognise import wire_toponyms

NOTES = Path(__file__).resolve().parents[1] / "bench" / "data" / "acled_notes" / "dev.jsonl"
FAMILIES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


def _record(type_: str, mode: str | None, source: Any = None, target: Any = None) -> dict:
    return {"type": type_, "mode": mode, "source": source, "target": target}


def _kind(kb: KnowledgeBase, record: dict) -> tuple[str, str] | None:
    found = event_acled_type(kb, record)
    return found and (found.event_type, found.sub_event_type)


def test_an_attack_on_someone_unarmed_is_violence_against_civilians(kb: KnowledgeBase) -> None:
    gunmen = {"text": "unidentified gunmen", "sector": "UAF"}
    shopkeeper = {"text": "a shopkeeper", "sector": None}
    soldiers = {"text": "soldiers", "sector": "MIL"}
    assert _kind(kb, _record("ASSAULT", "firearms", gunmen, shopkeeper)) == (
        "Violence against civilians",
        "Attack",
    )
    assert _kind(kb, _record("ASSAULT", "firearms", gunmen, soldiers)) == ("Battles", "Armed clash")
    assert _kind(kb, _record("ASSAULT", "firearms", gunmen, None)) == ("Battles", "Armed clash")


def test_force_used_on_demonstrators_is_a_protest_sub_event(kb: KnowledgeBase) -> None:
    police = {"text": "riot police", "sector": "COP"}
    marchers = {"text": "marchers", "sector": "CVL"}
    assert _kind(kb, _record("ASSAULT", "firearms", police, marchers)) == (
        "Protests",
        "Excessive force against protesters",
    )
    assert _kind(kb, _record("ASSAULT", "crowd-control", police, marchers)) == (
        "Protests",
        "Protest with intervention",
    )
    assert _kind(kb, _record("COERCE", "arrest", police, {"text": "demonstrators"})) == (
        "Protests",
        "Protest with intervention",
    )
    # arresting a journalist is still an arrest
    assert _kind(kb, _record("COERCE", "arrest", police, {"text": "a journalist"})) == (
        "Strategic developments",
        "Arrests",
    )


def test_violence_by_a_crowd_is_a_riot(kb: KnowledgeBase) -> None:
    rioters = {"text": "rioters", "sector": "CVL"}
    mob = {"text": "an angry mob", "sector": "CVL"}
    assert _kind(kb, _record("COERCE", "property", rioters, None)) == (
        "Riots",
        "Violent demonstration",
    )
    assert _kind(kb, _record("ASSAULT", "beat", mob, {"text": "a thief"})) == (
        "Riots",
        "Mob violence",
    )
    # a demonstration by a crowd stays a protest; a 'riot' by an armed group is looting
    assert _kind(kb, _record("PROTEST", "demo", rioters, None)) == ("Protests", "Peaceful protest")
    militia = {"text": "militiamen", "sector": "REB"}
    assert _kind(kb, _record("PROTEST", "riot", militia, None)) == (
        "Strategic developments",
        "Looting/property destruction",
    )


def test_a_crowd_coercion_of_no_mode_is_a_riot(kb: KnowledgeBase) -> None:
    supporters = {"text": "party supporters", "sector": "OPP"}
    youths = {"text": "youths", "sector": "CVL"}
    assert _kind(kb, _record("COERCE", None, supporters, None)) == (
        "Riots",
        "Violent demonstration",
    )
    assert _kind(kb, _record("COERCE", None, youths, None)) == ("Riots", "Mob violence")
    assert _kind(kb, _record("COERCE", None, {"text": "the ministry", "sector": "GOV"})) is None
    # protesters blocking a road are still protesting
    blockade = _record("PROTEST", "obstruct", {"text": "protesters", "sector": "CVL"})
    assert _kind(kb, blockade) == ("Protests", "Peaceful protest")


def test_territory_taken_by_armed_forces_is_a_battle(kb: KnowledgeBase) -> None:
    def taken(trigger: str, sector: str, target: Any = None) -> tuple[str, str] | None:
        record = _record("COERCE", "seize", {"text": "fighters", "sector": sector}, target)
        return _kind(kb, {**record, "trigger": {"text": trigger}})

    assert taken("recaptured", "MIL") == ("Battles", "Government regains territory")
    assert taken("took control", "REB") == ("Battles", "Non-state actor overtakes territory")
    # seizing a shipment is no battle; nor is a crowd "taking control" of a square
    assert taken("seized", "COP", {"text": "a shipment"})[0] == "Strategic developments"
    assert taken("took control", "CVL")[0] == "Strategic developments"


def test_an_armed_actor_is_never_a_crowd() -> None:
    table = acled_actors()
    assert crowd({"text": "protesters", "sector": "CVL"}, table) == "demonstrators"
    assert crowd({"text": "striking protesters' guards", "sector": "COP"}, table) is None
    assert crowd({"text": "teachers", "sector": "EDU"}, table) is None


def test_a_bracket_qualifier_keeps_its_particles() -> None:
    text = "A grenade hit a bar in Palmira (Palmira, Valle del Cauca) at night."
    end = text.index(" (")
    phrases, binding = qualifier_after(text, end)
    assert binding == "must" and "Valle del Cauca" in phrases
    # whole parts, the widest first; not the first words of a part ("North" of "North Kivu")
    text = "Rebels raided Beni (Beni, North Kivu) overnight."
    assert qualifier_after(text, text.index(" (")) == (["North Kivu", "Beni"], "must")


@pytest.mark.model
def test_a_bracketed_province_picks_the_town(coder: Coder) -> None:
    from eventwire.places import find_places

    text = "Militiamen raided Beni (Beni, North Kivu) and fled."
    doc = coder.nlp(text)
    found = {p.text: p for p in find_places(doc, coder.gazetteer, set())}
    assert found["Beni"].country == "COD"


@pytest.mark.model
def test_a_wire_place_is_found_whatever_the_model_tags_it(coder: Coder) -> None:
    gaz = coder.gazetteer
    text = "On 9 July 2021, gunmen robbed a trader in Kidal town (Kidal, Kidal region) at dawn."
    spans = wire_toponyms(text, gaz)
    assert [text[s:e] for s, e in spans] == ["Kidal"]
    assert wire_toponyms("Talks (in Geneva, on Monday) ended.", gaz) == []


@pytest.mark.model
def test_note_places_its_events_and_their_actors(
    code: Callable[[str], CodedDocument],
) -> None:
    coded = code(
        "On 2 May 2022, rioters set fire to shops and threw stones at police in Kano "
        "(Kano Municipal, Kano). Fatalities: 0."
    )
    assert coded.events
    assert all(e.location and e.location.country == "NGA" for e in coded.events)
    sources = [e.source for e in coded.events if e.source and e.source.text == "rioters"]
    assert sources and all(s.country == "NGA" and s.country_inferred for s in sources)


@pytest.mark.model
def test_the_cited_place_wins_over_another_place_of_the_clause(
    code: Callable[[str], CodedDocument],
) -> None:
    coded = code(
        "On 4 April 2023, soldiers recaptured Bakhmut (Bakhmut, Donetsk oblast) as the "
        "enemy fled across the Dnipro."
    )
    taken = [e for e in coded.events if e.trigger.text.startswith("recaptured")]
    assert taken and taken[0].location is not None and taken[0].location.name == "Bakhmut"


@pytest.mark.model
def test_a_cited_place_is_no_namesake_person(code: Callable[[str], CodedDocument]) -> None:
    coded = code("On 6 June 2023, students marched in Lagos (Ikeja, Lagos) against fees.")
    assert not [a for a in coded.mentions.actors if a.kind == "person"]
    assert [p.country for p in coded.mentions.places if p.text == "Lagos"][:1] == ["NGA"]


def test_the_note_set_covers_every_family_and_splits_by_template() -> None:
    notes = [json.loads(line) for line in NOTES.read_text(encoding="utf-8").splitlines()]
    splits = {n["template"]: set() for n in notes}
    for n in notes:
        splits[n["template"]].add(n["split"])
    assert all(len(s) == 1 for s in splits.values())  # a template is dev or held-out, not both
    counts = Counter(n["split"] for n in notes)
    assert 0.25 <= counts["heldout"] / len(notes) <= 0.35
    for split in ("dev", "heldout"):
        assert {n["event_type"] for n in notes if n["split"] == split} == FAMILIES
    assert all(n["place"]["country"] and -90 <= n["place"]["lat"] <= 90 for n in notes)


def test_a_town_under_in_is_no_person_whose_surname_looks_like_it(
    code: Callable[..., CodedDocument],
) -> None:
    """'Durban' is close to a minister's surname; under 'in' it is the place, and the strikers
    take the place's state, not the minister's."""
    doc = code("Dockworkers staged a strike in Durban.")
    assert all(a.kind != "person" for a in doc.mentions.actors)
    assert [(e.type, e.source and e.source.country) for e in doc.events] == [("PROTEST", "ZAF")]


def test_a_crowds_violence_against_civilians_is_mob_violence(kb: KnowledgeBase) -> None:
    rioters = {"text": "rioters", "sector": "CVL"}
    villagers = {"text": "villagers", "sector": "CVL"}
    police = {"text": "police", "sector": "COP"}
    mob = ("Riots", "Mob violence")
    assert _kind(kb, _record("ASSAULT", None, rioters, villagers)) == mob
    assert _kind(kb, _record("ASSAULT", None, rioters, police)) == (
        "Riots",
        "Violent demonstration",
    )
    lynching = {**_record("ASSAULT", "beat", {"text": "farmers", "sector": "CVL"}, None)}
    lynching["trigger"] = {"text": "lynched"}
    assert _kind(kb, lynching) == mob
    by_soldiers = {**lynching, "source": {"text": "soldiers", "sector": "MIL"}}
    assert _kind(kb, by_soldiers) != mob


def _row(type_: str, sub: str, plover: str, mode: str) -> dict[str, Any]:
    return {"event_type": type_, "sub_event_type": sub, "plover_type": plover, "mode": mode}


def test_a_protest_force_was_used_on_is_one_intervened_protest() -> None:
    from eventwire.interop.acled import intervened

    teens = {"text": "teenagers", "name": "teenagers", "country": "ZMB", "sector": "CVL"}
    police = {"text": "police", "name": "police", "country": "ZMB", "sector": "COP"}
    march = _row("Protests", "Peaceful protest", "PROTEST", "demo")
    arrest = _row("Strategic developments", "Arrests", "COERCE", "arrest")
    rows = intervened(
        [
            (march, {"type": "PROTEST", "source": teens}),
            (arrest, {"type": "COERCE", "mode": "arrest", "source": police, "target": teens}),
        ]
    )
    assert [(r["event_type"], r["sub_event_type"]) for r in rows] == [
        ("Protests", "Protest with intervention"),
        ("Protests", "Protest with intervention"),
    ]
    # force by others than the state's on people also said to gather is no intervention
    fighters = {"text": "fighters", "name": "fighters", "country": "ZMB", "sector": "REB"}
    march = _row("Protests", "Peaceful protest", "PROTEST", "demo")
    seized = _row(
        "Violence against civilians", "Abduction/forced disappearance", "ASSAULT", "abduct"
    )
    rows = intervened(
        [
            (march, {"type": "PROTEST", "source": teens}),
            (seized, {"type": "ASSAULT", "mode": "abduct", "source": fighters, "target": teens}),
        ]
    )
    assert rows[1]["sub_event_type"] == "Abduction/forced disappearance"
    assert rows[0]["sub_event_type"] == "Peaceful protest"
