"""A light-verb object that names the act itself ("sent aid", AID; "reiterated support",
SUPPORT): whoever its words name acts with the source, and is no target; its "for" partner
is ("support for X"). Another party's act stays the target ("rejected an Indian proposal").
Hand-built parses; sentences written for these tests."""

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
