"""Symmetric acts between coordinated actors (events/dyads.py `pairs`): local actors of no
named state are parties to one another; two of one named state are one side. Hand-built
parses; sentences written for these tests."""

from __future__ import annotations

from eventwire.events.dyads import Resolved, pairs
from tests.handbuilt import actor_ref, parse

# "Clan elders and the district governor signed an accord"
ACCORD = parse(
    [
        ("Clan", 1, "compound", "NOUN", "clan"),
        ("elders", 6, "nsubj", "NOUN", "elder"),
        ("and", 1, "cc", "CCONJ", "and"),
        ("the", 5, "det", "DET", "the"),
        ("district", 5, "compound", "NOUN", "district"),
        ("governor", 1, "conj", "NOUN", "governor"),
        ("signed", 6, "ROOT", "VERB", "sign"),
        ("an", 8, "det", "DET", "an"),
        ("accord", 6, "dobj", "NOUN", "accord"),
    ]
)


def _role(i: int, country: str | None, sector: str, rules: tuple[str, ...] = ()) -> Resolved:
    hit = actor_ref(ACCORD, i, country, sector, "group").model_copy(update={"rules": rules})
    return Resolved(hit, ACCORD[i])


def test_local_actors_of_no_state_are_parties_to_one_another() -> None:
    elders, governor = _role(1, None, "ELI"), _role(5, None, "GOV")
    assert pairs(True, [elders, governor], []) == [(elders, governor)]


def test_actors_of_an_inferred_state_are_parties_to_one_another() -> None:
    place = ("place: Herat",)
    elders, governor = _role(1, "AFG", "ELI", place), _role(5, "AFG", "GOV", place)
    assert pairs(True, [elders, governor], []) == [(elders, governor)]


def test_two_actors_of_one_named_state_are_one_side() -> None:
    elders, governor = _role(1, "AFG", "ELI"), _role(5, "AFG", "GOV")
    assert pairs(True, [elders, governor], []) == []
    envoy = _role(5, "PAK", "GOV")
    assert pairs(True, [elders, envoy], []) == [(elders, envoy)]
