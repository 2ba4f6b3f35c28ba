"""The actor of a role placed where the event is (events/build.py `_placed`): an armed group
whose code names no state takes the state of the event's place, marked inferred. Hand-built
parses; sentences written for these tests."""

from __future__ import annotations

from eventwire.events.coder import EventCoder
from eventwire.events.dyads import Resolved
from eventwire.kb import KnowledgeBase
from eventwire.model import EventLocation

from .handbuilt import actor_ref, parse

# "ISIS attacked a checkpoint in Kirkuk"
ATTACK = parse(
    [
        ("ISIS", 1, "nsubj", "PROPN", "ISIS"),
        ("attacked", 1, "ROOT", "VERB", "attack"),
        ("a", 3, "det", "DET", "a"),
        ("checkpoint", 1, "dobj", "NOUN", "checkpoint"),
        ("in", 3, "prep", "ADP", "in"),
        ("Kirkuk", 4, "pobj", "PROPN", "Kirkuk"),
    ]
)
KIRKUK = EventLocation(text="Kirkuk", name="Kirkuk", country="IRQ")


def _placed(kb: KnowledgeBase, country: str, sector: str) -> tuple[str | None, bool, str | None]:
    hit = actor_ref(ATTACK, 0, country, sector, "organisation")
    builder = EventCoder(kb, use_model=False).builder
    actor, note = builder._placed(Resolved(hit, ATTACK[0]), KIRKUK, ATTACK)
    assert actor is not None
    return actor.country, actor.country_inferred, note


def test_an_armed_group_of_no_state_takes_the_state_of_the_events_place(
    kb: KnowledgeBase,
) -> None:
    country, inferred, note = _placed(kb, "ISIS", "REB")
    assert (country, inferred) == ("IRQ", True)
    assert note is not None and "Kirkuk" in note


def test_a_group_of_a_state_or_no_armed_group_keeps_its_country(kb: KnowledgeBase) -> None:
    assert _placed(kb, "SYR", "REB") == ("SYR", False, None)  # a state's own rebels
    assert _placed(kb, "UN", "IGO") == ("UN", False, None)  # an international body


def test_a_person_no_knowledge_file_knows_takes_the_documents_setting(kb: KnowledgeBase) -> None:
    builder = EventCoder(kb, use_model=False).builder
    named = actor_ref(ATTACK, 0, None, None, "person")
    unknown = named.model_copy(update={"rules": ("ner-person",)})
    actor, note = builder._placed(Resolved(unknown, ATTACK[0]), None, ATTACK, "NGA")
    assert actor is not None and (actor.country, actor.country_inferred) == ("NGA", True)
    assert note is not None and "setting" in note
    # one the knowledge files know (no country of their own there) is left as it is
    known = named.model_copy(update={"rules": ("people:",)})
    actor, note = builder._placed(Resolved(known, ATTACK[0]), None, ATTACK, "NGA")
    assert actor is not None and actor.country is None and note is None
