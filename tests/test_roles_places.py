"""A one-sided event takes the state it happens in as its target ("Chile lifted the curfew in
Lima": Peru), and a protest with no target named the government of its protesters' state.
Hand-built parses (spaCy `Doc(vocab, words, heads, deps, pos, lemmas)`), independent of the
parser model."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.dyads import Resolved
from eventwire.events.places import PLACE_NOTE, PROTEST_NOTE, place_target
from eventwire.kb import KnowledgeBase
from eventwire.model import PlaceMention

from .handbuilt import actor_ref, parse


def _lifted() -> Doc:
    """'Chile lifted the curfew in Lima'."""
    return parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("lifted", 1, "ROOT", "VERB", "lift"),
            ("the", 3, "det", "DET", "the"),
            ("curfew", 1, "dobj", "NOUN", "curfew"),
            ("in", 1, "prep", "ADP", "in"),
            ("Lima", 4, "pobj", "PROPN", "Lima"),
        ]
    )


def _lima(doc: Doc) -> PlaceMention:
    t = doc[5]
    return PlaceMention(text=t.text, start=t.idx, end=t.idx + len(t), name="Lima", country="PER")


def _source(doc: Doc, country: str, sector: str = "GOV") -> Resolved:
    return Resolved(actor_ref(doc, 0, country, sector), doc[0])


def test_a_one_sided_event_targets_the_state_it_happens_in(kb: KnowledgeBase) -> None:
    doc = _lifted()
    found = place_target(doc[1], kb.plover["CONCEDE"], "080", [_source(doc, "CHL")], [_lima(doc)])
    assert [(r.hit.country, r.hit.sector, r.notes) for r in found] == [("PER", "GOV", [PLACE_NOTE])]
    assert doc.text[found[0].hit.start : found[0].hit.end] == "Lima"


def test_no_place_target_for_a_government_in_its_own_state(kb: KnowledgeBase) -> None:
    doc = _lifted()
    assert (
        place_target(doc[1], kb.plover["CONCEDE"], "080", [_source(doc, "PER")], [_lima(doc)]) == []
    )
    # a source of another sector in its own state: a domestic dyad
    police = place_target(
        doc[1], kb.plover["CONCEDE"], "080", [_source(doc, "PER", "COP")], [_lima(doc)]
    )
    assert [r.hit.country for r in police] == ["PER"]


def test_no_place_target_for_a_symmetric_type_or_without_a_source(kb: KnowledgeBase) -> None:
    doc = _lifted()
    assert (
        place_target(doc[1], kb.plover["CONSULT"], "040", [_source(doc, "CHL")], [_lima(doc)]) == []
    )
    assert place_target(doc[1], kb.plover["CONCEDE"], "080", [], [_lima(doc)]) == []


def test_a_protest_without_target_or_place_is_against_its_own_government(kb: KnowledgeBase) -> None:
    doc = _lifted()
    protesters = _source(doc, "KEN", "OPP")
    found = place_target(doc[1], kb.plover["PROTEST"], "141", [protesters], [])
    assert [(r.hit.country, r.notes) for r in found] == [("KEN", [PROTEST_NOTE])]
    # another type with no place has no target
    assert place_target(doc[1], kb.plover["CONCEDE"], "080", [protesters], []) == []
