"""Agents the parse hides: a clause of its own subject hung on a noun is no reduced participle
("reports that the rebels have killed ..."), and "at the hands of X" names the agent of a passive
verb, not a partner. Hand-built parses; sentences written for these tests."""

from __future__ import annotations

from eventwire.kb import KnowledgeBase

from .handbuilt import actor_ref, parse
from .handbuilt import countries as _countries
from .handbuilt import roles_of as _roles


def test_a_clause_of_its_own_subject_on_a_noun_keeps_its_subject(kb: KnowledgeBase) -> None:
    # "Officials denied reports that Chadian troops have killed Sudanese villagers"
    doc = parse(
        [
            ("Officials", 1, "nsubj", "NOUN", "official"),
            ("denied", 1, "ROOT", "VERB", "deny"),
            ("reports", 1, "dobj", "NOUN", "report"),
            ("that", 7, "mark", "SCONJ", "that"),
            ("Chadian", 5, "amod", "ADJ", "chadian"),
            ("troops", 7, "nsubj", "NOUN", "troop"),
            ("have", 7, "aux", "AUX", "have"),
            ("killed", 2, "acl", "VERB", "kill"),
            ("Sudanese", 9, "amod", "ADJ", "sudanese"),
            ("villagers", 7, "dobj", "NOUN", "villager"),
        ]
    )
    doc[7].tag_ = "VBN"
    hits = [
        actor_ref(doc, 5, "TCD", "MIL", "group"),
        actor_ref(doc, 9, "SDN", "CVL", "group"),
    ]
    sources, targets = _countries(_roles(kb, doc, hits)["killed"])
    assert (sources, targets) == (["TCD"], ["SDN"])


def test_a_reduced_participle_still_makes_its_noun_the_target(kb: KnowledgeBase) -> None:
    # "villagers killed by Chadian troops": the noun is whom the act is done to
    doc = parse(
        [
            ("Sudanese", 1, "amod", "ADJ", "sudanese"),
            ("villagers", 1, "ROOT", "NOUN", "villager"),
            ("killed", 1, "acl", "VERB", "kill"),
            ("by", 2, "agent", "ADP", "by"),
            ("Chadian", 5, "amod", "ADJ", "chadian"),
            ("troops", 3, "pobj", "NOUN", "troop"),
        ]
    )
    doc[2].tag_ = "VBN"
    hits = [
        actor_ref(doc, 1, "SDN", "CVL", "group"),
        actor_ref(doc, 5, "TCD", "MIL", "group"),
    ]
    sources, targets = _countries(_roles(kb, doc, hits)["killed"])
    assert (sources, targets) == (["TCD"], ["SDN"])


def test_at_the_hands_of_names_the_agent(kb: KnowledgeBase) -> None:
    # "Dozens of Malians were killed at the hands of the militia"
    doc = parse(
        [
            ("Dozens", 3, "nsubjpass", "NOUN", "dozen"),
            ("of", 0, "prep", "ADP", "of"),
            ("Malians", 1, "pobj", "PROPN", "Malians"),
            ("killed", 3, "ROOT", "VERB", "kill"),
            ("at", 3, "prep", "ADP", "at"),
            ("the", 6, "det", "DET", "the"),
            ("hands", 4, "pobj", "NOUN", "hand"),
            ("of", 6, "prep", "ADP", "of"),
            ("the", 9, "det", "DET", "the"),
            ("militia", 7, "pobj", "NOUN", "militia"),
        ]
    )
    hits = [
        actor_ref(doc, 2, "MLI", "CVL", "group"),
        actor_ref(doc, 9, "MLI", "REB", "group"),
    ]
    roles = _roles(kb, doc, hits)["killed"]
    assert [r.hit.name for r in roles.sources] == ["militia"]
    assert [r.hit.name for r in roles.targets] == ["Malians"]
