"""How the lexicon's words are written and which of a word's patterns a parse fits
(data/event_lexicon.tsv, events/lexicon.py): a word the tokenizer splits at its hyphen is the
lexicon's whole word; sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Event

pytestmark = pytest.mark.model

Events = Callable[[str], list[Event]]


def _types(events: list[Event]) -> set[str]:
    return {e.type for e in events}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Malian junta declared a cease-fire in the north.",
        "The cease-fire between Tajikistan and Kyrgyzstan held overnight.",
    ],
)
def test_a_hyphenated_ceasefire_is_a_ceasefire(events_of: Events, sentence: str) -> None:
    assert "RETREAT" in _types(events_of(sentence))


def test_breaking_a_hyphenated_ceasefire_is_an_attack(events_of: Events) -> None:
    events = events_of("Tajik troops broke the cease-fire with Kyrgyzstan.")
    assert any(e.type == "ASSAULT" and e.cameo == "196" for e in events)


def test_ordering_a_ceasefire_declares_it(events_of: Events) -> None:
    types = _types(events_of("The Ethiopian prime minister ordered a unilateral ceasefire."))
    assert "RETREAT" in types
    assert "REQUEST" not in types
