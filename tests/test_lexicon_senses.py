"""Lexicon senses (data/event_lexicon.tsv, events/lexicon.py): calling something a fraud or a
partner judges it (ACCUSE 111, SUPPORT 051), showing solidarity or military power is support
or a show of force, pressing an offensive is fighting; sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Event

pytestmark = pytest.mark.model

Events = Callable[[str], list[Event]]


def _types(events: list[Event]) -> set[str]:
    return {e.type for e in events}


@pytest.mark.parametrize(
    ("sentence", "expected", "source"),
    [
        ("Ghana's opposition called the election result a fraud.", "ACCUSE", "GHA"),
        ("Serbia called the Kosovar raid a provocation.", "ACCUSE", "SRB"),
        ("Greece called the Turkish drilling illegal.", "ACCUSE", "GRC"),
        ("The French president called India a strategic partner.", "SUPPORT", "FRA"),
        ("Austria demonstrated solidarity with Slovenia after the floods.", "SUPPORT", "AUT"),
        ("North Korea demonstrated its military might with a parade.", "MOBILIZE", "PRK"),
        ("Sudanese troops pressed their offensive against the rebels.", "ASSAULT", "SDN"),
    ],
)
def test_a_sense_gives_its_type(
    events_of: Events, sentence: str, expected: str, source: str
) -> None:
    events = events_of(sentence)
    assert any(e.type == expected and e.source and e.source.country == source for e in events)


def test_pressing_an_offensive_is_no_request(events_of: Events) -> None:
    assert "REQUEST" not in _types(events_of("Sudanese troops pressed their offensive."))


def test_demonstrating_resolve_is_no_protest(events_of: Events) -> None:
    assert "PROTEST" not in _types(events_of("Austria demonstrated solidarity with Slovenia."))


def test_a_plain_call_and_a_plain_press_keep_their_senses(events_of: Events) -> None:
    assert "CONSULT" in _types(events_of("The Kenyan president called the Tanzanian president."))
    assert "REQUEST" in _types(events_of("Washington pressed Cairo to open the crossing."))


@pytest.mark.parametrize(
    ("sentence", "expected", "dyad"),
    [
        ("Ankara dispatched Foreign Minister Hakan Fidan to Baghdad.", "CONSULT", ("TUR", "IRQ")),
        ("Nigeria sent a delegation to Niamey for talks.", "CONSULT", ("NGA", "NER")),
        ("Turkish troops pressed into northern Iraq.", "ASSAULT", ("TUR", "IRQ")),
    ],
)
def test_envoys_sent_and_forces_pressing_in(
    events_of: Events, sentence: str, expected: str, dyad: tuple[str, str | None]
) -> None:
    found = {
        (e.type, e.source and e.source.country, e.target and e.target.country)
        for e in events_of(sentence)
    }
    assert (expected, *dyad) in found


def test_a_show_of_force_or_solidarity_is_no_rally(events_of: Events) -> None:
    power = _types(events_of("The Russian demonstration of military power alarmed Estonia."))
    assert "MOBILIZE" in power and "PROTEST" not in power
    together = _types(events_of("The Irish demonstration of solidarity with Spain was welcome."))
    assert "SUPPORT" in together and "PROTEST" not in together


@pytest.mark.parametrize(
    "sentence",
    [
        "The Egyptian drills demonstrated the navy's ability to defend the canal.",
        "The Kenyan opposition rallied support from the churches.",
        "Police in Nairobi gathered evidence against the governor.",
    ],
)
def test_a_rally_verb_with_an_object_is_no_rally(events_of: Events, sentence: str) -> None:
    assert "PROTEST" not in _types(events_of(sentence))


def test_a_rally_verb_without_an_object_stays_a_rally(events_of: Events) -> None:
    assert "PROTEST" in _types(events_of("Farmers marched on the parliament in Warsaw."))
    assert "PROTEST" in _types(events_of("Opposition supporters rallied in Caracas."))
