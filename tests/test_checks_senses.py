"""Checks that tell a word's event sense from its other senses (events/checks.py): a release
or an execution is done to people; a verb that names or judges its object is no call."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Event

pytestmark = pytest.mark.model

Events = Callable[[str], list[Event]]


def _coded(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source and e.source.country, e.target and e.target.country) for e in events}


@pytest.mark.parametrize(
    "sentence",
    [
        "Peru's foreign ministry released a statement on the border dispute with Chile.",
        "The Polish government released a report on Russian disinformation.",
        "The army executed the development project in the north.",
    ],
)
def test_a_release_or_an_execution_of_things_is_no_event(events_of: Events, sentence: str) -> None:
    assert not {e.type for e in events_of(sentence)} & {"RETREAT", "ASSAULT"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iran released a French national on Friday.", ("RETREAT", "IRN", "FRA")),
        ("Sudan released the detainees on Monday.", ("RETREAT", "SDN", None)),
        ("Azerbaijan released him from prison.", ("RETREAT", "AZE", None)),
        ("Iran executed a man convicted of spying.", ("ASSAULT", "IRN", None)),
        ("Saudi Arabia executed 81 people in one day.", ("ASSAULT", "SAU", None)),
    ],
)
def test_a_release_or_an_execution_of_people_stays(
    events_of: Events, sentence: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert expected in _coded(events_of(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        'The Kenyan opposition leader called the court ruling "a travesty".',
        "Brazil's foreign minister called the Venezuelan election a fraud.",
        "The Indian prime minister called Japan a trusted partner.",
    ],
)
def test_a_verb_that_judges_its_object_is_no_call(events_of: Events, sentence: str) -> None:
    assert "CONSULT" not in {e.type for e in events_of(sentence)}


def test_a_call_to_someone_stays_a_call(events_of: Events) -> None:
    events = events_of("Emmanuel Macron called Benjamin Netanyahu on Sunday.")
    assert ("CONSULT", "FRA", "ISR") in _coded(events)
