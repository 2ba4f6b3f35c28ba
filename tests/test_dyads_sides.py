"""Which sides a source and target of one country make (events/dyads.py `pairs`): an event
whose only targets are on the source's own side keeps its source; two local actors of no
state are two sides. Hand-built parses; sentences written for these tests."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.dyads import Resolved, pairs
from tests.handbuilt import actor_ref, parse

# "Strikers marched to demand the release of jailed workers"
MARCH = parse(
    [
        ("Strikers", 1, "nsubj", "NOUN", "striker"),
        ("marched", 1, "ROOT", "VERB", "march"),
        ("to", 3, "aux", "PART", "to"),
        ("demand", 1, "advcl", "VERB", "demand"),
        ("the", 5, "det", "DET", "the"),
        ("release", 3, "dobj", "NOUN", "release"),
        ("of", 5, "prep", "ADP", "of"),
        ("jailed", 8, "amod", "VERB", "jail"),
        ("workers", 6, "pobj", "NOUN", "worker"),
    ]
)
# "The cabinet sacked the minister" / "Rebels and militiamen agreed a truce"
SACK = parse(
    [
        ("The", 1, "det", "DET", "the"),
        ("cabinet", 2, "nsubj", "NOUN", "cabinet"),
        ("sacked", 2, "ROOT", "VERB", "sack"),
        ("the", 4, "det", "DET", "the"),
        ("minister", 2, "dobj", "NOUN", "minister"),
    ]
)
TRUCE = parse(
    [
        ("Rebels", 3, "nsubj", "NOUN", "rebel"),
        ("and", 0, "cc", "CCONJ", "and"),
        ("militiamen", 0, "conj", "NOUN", "militiaman"),
        ("agreed", 3, "ROOT", "VERB", "agree"),
        ("a", 5, "det", "DET", "a"),
        ("truce", 3, "dobj", "NOUN", "truce"),
    ]
)


def _role(doc: Doc, i: int, country: str | None, sector: str | None) -> Resolved:
    return Resolved(actor_ref(doc, i, country, sector, "group"), doc[i])


def test_an_event_whose_target_is_on_the_source_side_keeps_its_source() -> None:
    strikers, workers = _role(MARCH, 0, "FRA", "CVL"), _role(MARCH, 8, "FRA", "CVL")
    assert pairs(False, [strikers], [workers]) == [(strikers, None)]


def test_a_government_acting_on_its_own_officials_is_no_event() -> None:
    cabinet, minister = _role(SACK, 1, "KEN", "GOV"), _role(SACK, 4, "KEN", "GOV")
    assert pairs(False, [cabinet], [minister]) == []


def test_local_actors_of_no_state_and_other_names_are_two_sides() -> None:
    rebels, militia = _role(TRUCE, 0, None, "REB"), _role(TRUCE, 2, None, "REB")
    assert pairs(True, [rebels], [militia]) == [(rebels, militia)]
    # one name twice is one side: the source acts alone
    again = Resolved(actor_ref(TRUCE, 0, None, "REB", "group"), TRUCE[2])
    assert pairs(True, [rebels], [again]) == [(rebels, None)]


def test_a_government_and_its_own_rebels_are_two_parties() -> None:
    # "Rebels and militiamen agreed a truce", read as the Sudanese government and Sudanese rebels
    government, rebels = _role(TRUCE, 0, "SDN", "GOV"), _role(TRUCE, 2, "SDN", "REB")
    assert pairs(True, [government, rebels], []) == [(government, rebels)]
    # two of the government's own (the president and a minister) are one side
    minister = _role(TRUCE, 2, "SDN", "GOV")
    assert pairs(True, [government, minister], []) == []
