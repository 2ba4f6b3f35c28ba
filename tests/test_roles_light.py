"""Roles named by a phrase's own words. A light-verb object that names the act itself ("sent
aid", AID; "reiterated support", SUPPORT): whoever its words name acts with the source, and is
no target; its "for" partner is ("support for X"). Another party's act stays the target
("rejected an Indian proposal"). A role's country inferred from the place gives way to the
owner its words name ("doctors from Canadian groups"). Hand-built parses; sentences written
for these tests."""

from __future__ import annotations

from eventwire.kb import KnowledgeBase

from .handbuilt import actor_ref, parse
from .handbuilt import countries as _countries
from .handbuilt import roles_of as _roles


def test_the_words_of_an_act_the_verb_makes_are_no_target(kb: KnowledgeBase) -> None:
    # "Japan sent UN aid to Peru"
    doc = parse(
        [
            ("Japan", 1, "nsubj", "PROPN", "Japan"),
            ("sent", 1, "ROOT", "VERB", "send"),
            ("UN", 3, "compound", "PROPN", "UN"),
            ("aid", 1, "dobj", "NOUN", "aid"),
            ("to", 1, "prep", "ADP", "to"),
            ("Peru", 4, "pobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 0, "JPN"), actor_ref(doc, 2, "UN", "IGO"), actor_ref(doc, 5, "PER")]
    assert _countries(_roles(kb, doc, hits)["sent"]) == (["JPN"], ["PER"])


def test_support_for_a_party_names_the_target(kb: KnowledgeBase) -> None:
    # "Chile reiterated its support for Peru"
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("reiterated", 1, "ROOT", "VERB", "reiterate"),
            ("its", 3, "poss", "PRON", "its"),
            ("support", 1, "dobj", "NOUN", "support"),
            ("for", 3, "prep", "ADP", "for"),
            ("Peru", 4, "pobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 5, "PER")]
    roles = _roles(kb, doc, hits)["reiterated"]
    assert _countries(roles) == (["CHL"], ["PER"])


def test_an_inferred_country_gives_way_to_the_owner_the_words_name(kb: KnowledgeBase) -> None:
    # "doctors from Canadian groups donated medicine to Afghans", reported from Kabul: the
    # doctors' country from the place is no word of theirs
    doc = parse(
        [
            ("doctors", 4, "nsubj", "NOUN", "doctor"),
            ("from", 0, "prep", "ADP", "from"),
            ("Canadian", 3, "amod", "ADJ", "canadian"),
            ("groups", 1, "pobj", "NOUN", "group"),
            ("donated", 4, "ROOT", "VERB", "donate"),
            ("medicine", 4, "dobj", "NOUN", "medicine"),
            ("to", 4, "prep", "ADP", "to"),
            ("Afghans", 6, "pobj", "PROPN", "Afghans"),
        ]
    )
    doctors = actor_ref(doc, 0, "AFG", "HLH", "group").model_copy(
        update={"rules": ("place: Kabul",)}
    )
    hits = [doctors, actor_ref(doc, 3, "CAN", "NGO", "group"), actor_ref(doc, 7, "AFG", "CVL")]
    assert _countries(_roles(kb, doc, hits)["donated"]) == (["CAN"], ["AFG"])
