"""Roles a sentence leaves implicit: the host state of a visit ("visited farms in Peru"), and a
pronoun object that is not its own clause's subject ("he urged them"). Hand-built parses (spaCy
`Doc(vocab, words, heads, deps, pos, lemmas)`), independent of the parser model."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.assign import (
    HOST_NOTE,
)
from eventwire.kb import KnowledgeBase

from .handbuilt import actor_ref, parse
from .handbuilt import countries as _countries
from .handbuilt import roles_of as _roles


def _visit(verb: str, lemma: str) -> Doc:
    return parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            (verb, 1, "ROOT", "VERB", lemma),
            ("farms", 1, "dobj", "NOUN", "farm"),
            ("in", 2, "prep", "ADP", "in"),
            ("Peru", 3, "pobj", "PROPN", "Peru"),
        ]
    )


def test_a_visit_to_a_place_targets_the_state_it_is_in(kb: KnowledgeBase) -> None:
    doc = _visit("visited", "visit")
    roles = _roles(kb, doc, [actor_ref(doc, 0, "CHL"), actor_ref(doc, 4, "PER")])["visited"]
    assert _countries(roles) == (["CHL"], ["PER"])
    assert HOST_NOTE in roles.targets[0].notes


def test_only_a_visit_takes_the_state_of_the_place_as_its_target(kb: KnowledgeBase) -> None:
    doc = _visit("called", "call")  # a call to farms in Peru is no call to Peru
    roles = _roles(kb, doc, [actor_ref(doc, 0, "CHL"), actor_ref(doc, 4, "PER")])["called"]
    assert _countries(roles) == (["CHL"], [])


def test_a_pronoun_object_is_not_its_clauses_subject(kb: KnowledgeBase) -> None:
    # "Ruto met rebels . He urged them to leave ." : 'them' is the rebels, not Ruto
    doc = parse(
        [
            ("Ruto", 1, "nsubj", "PROPN", "Ruto"),
            ("met", 1, "ROOT", "VERB", "meet"),
            ("rebels", 1, "dobj", "NOUN", "rebel"),
            (".", 1, "punct", "PUNCT", "."),
            ("He", 5, "nsubj", "PRON", "he"),
            ("urged", 5, "ROOT", "VERB", "urge"),
            ("them", 5, "dobj", "PRON", "they"),
            ("to", 8, "aux", "PART", "to"),
            ("leave", 5, "xcomp", "VERB", "leave"),
            (".", 5, "punct", "PUNCT", "."),
        ]
    )
    ruto = actor_ref(doc, 0, "KEN", kind="person")
    rebels = actor_ref(doc, 2, "SOM", "REB", "role")
    roles = _roles(kb, doc, [ruto, rebels], start=4, groups=[[rebels], [ruto]])["urged"]
    assert _countries(roles) == (["KEN"], ["SOM"])
    assert all("pronoun resolved" in r.notes for r in (*roles.sources, *roles.targets))
