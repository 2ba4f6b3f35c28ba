"""A sanction that withdraws the source's own people names its partner with "from" ("withdrew
its peacekeepers from Congo"), as a retreat does (plover_types.tsv's partner_preps); a passive
"expelled from X" keeps X as the source. Hand-built parses, sentences written for these tests."""

from __future__ import annotations

from eventwire.kb import KnowledgeBase

from .handbuilt import actor_ref, parse
from .handbuilt import countries as _countries
from .handbuilt import roles_of as _roles


def test_a_withdrawal_of_peacekeepers_targets_the_state_they_leave(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Tanzania", 1, "nsubj", "PROPN", "Tanzania"),
            ("withdrew", 1, "ROOT", "VERB", "withdraw"),
            ("its", 3, "poss", "PRON", "its"),
            ("peacekeepers", 1, "dobj", "NOUN", "peacekeeper"),
            ("from", 1, "prep", "ADP", "from"),
            ("Congo", 4, "pobj", "PROPN", "Congo"),
        ]
    )
    hits = [actor_ref(doc, 0, "TZA"), actor_ref(doc, 5, "COD")]
    roles = _roles(kb, doc, hits)["withdrew"]
    assert kb_type(kb, "withdraw", "peacekeeper") == "SANCTION"
    sources, targets = _countries(roles)
    assert sources == ["TZA"]
    assert targets == ["COD"]


def test_expelled_from_a_state_keeps_it_the_source_not_a_partner(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Diplomats", 2, "nsubjpass", "NOUN", "diplomat"),
            ("were", 2, "auxpass", "AUX", "be"),
            ("expelled", 2, "ROOT", "VERB", "expel"),
            ("from", 2, "prep", "ADP", "from"),
            ("Peru", 3, "pobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL", "GOV", "role"), actor_ref(doc, 4, "PER")]
    sources, targets = _countries(_roles(kb, doc, hits)["expelled"])
    assert (sources, targets) == (["PER"], ["CHL"])


def kb_type(kb: KnowledgeBase, lemma: str, obj: str) -> str:
    """The type the lexicon gives the verb with that object."""
    return next(e.type for e in kb.lexicon if e.lemma == lemma and e.object == obj)


def test_an_expulsion_from_a_state_is_that_states_act(kb: KnowledgeBase) -> None:
    # "the expulsion of Russian diplomats from Britain": an event noun's "from" is its agent
    doc = parse(
        [
            ("The", 1, "det", "DET", "the"),
            ("expulsion", 1, "ROOT", "NOUN", "expulsion"),
            ("of", 1, "prep", "ADP", "of"),
            ("diplomats", 2, "pobj", "NOUN", "diplomat"),
            ("from", 1, "prep", "ADP", "from"),
            ("Britain", 4, "pobj", "PROPN", "Britain"),
        ]
    )
    hits = [actor_ref(doc, 3, "RUS", "GOV", "role"), actor_ref(doc, 5, "GBR")]
    sources, targets = _countries(_roles(kb, doc, hits)["expulsion"])
    assert (sources, targets) == (["GBR"], ["RUS"])
