"""A name the parser reads as a person that is the event's own place ("withdrew from Kherson")
is not placed in that place's state (events/build.py `_placed`). Hand-built parse; a sentence
written for this test."""

from __future__ import annotations

from eventwire.events.coder import EventCoder
from eventwire.events.dyads import Resolved
from eventwire.kb import KnowledgeBase
from eventwire.model import EventLocation

from .handbuilt import actor_ref, parse

# "Troops pulled out of Tarvel": "Tarvel" read as a person, and the event's place
PULLED = parse(
    [
        ("Troops", 1, "nsubj", "NOUN", "troop"),
        ("pulled", 1, "ROOT", "VERB", "pull"),
        ("out", 1, "prt", "ADP", "out"),
        ("of", 1, "prep", "ADP", "of"),
        ("Tarvel", 3, "pobj", "PROPN", "Tarvel"),
    ]
)


def _placed(kb: KnowledgeBase, place_text: str) -> tuple[str | None, str | None]:
    builder = EventCoder(kb, use_model=False).builder
    named = actor_ref(PULLED, 4, None, None, "person")
    unknown = named.model_copy(update={"rules": ("ner-person",)})
    where = EventLocation(text=place_text, name=place_text, country="UKR")
    actor, note = builder._placed(Resolved(unknown, PULLED[4]), where, PULLED)
    assert actor is not None
    return actor.country, note


def test_a_person_who_is_the_events_place_is_not_placed_there(kb: KnowledgeBase) -> None:
    assert _placed(kb, "Tarvel") == (None, None)


def test_an_unknown_person_elsewhere_is_placed_in_the_events_state(kb: KnowledgeBase) -> None:
    country, note = _placed(kb, "Odesa")
    assert country == "UKR" and note is not None and "Odesa" in note
