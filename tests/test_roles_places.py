"""A one-sided event takes the state it happens in as its target ("Chile lifted the curfew in
Lima": Peru), and a protest with no target named the government of its protesters' state.
Hand-built parses (spaCy `Doc(vocab, words, heads, deps, pos, lemmas)`), independent of the
parser model."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.dyads import Resolved
from eventwire.events.places import (
    AGENTLESS_NOTE,
    PLACE_NOTE,
    PROTEST_NOTE,
    agentless_source,
    place_target,
)
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


def test_violence_with_no_agent_named_is_done_to_the_state_it_happens_in(
    kb: KnowledgeBase,
) -> None:
    """'A car bomb exploded in Lima': no source, and still an event (CAMEO 18x-20x)."""
    doc = parse(
        [
            ("bomb", 1, "nsubj", "NOUN", "bomb"),
            ("exploded", 1, "ROOT", "VERB", "explode"),
            ("in", 1, "prep", "ADP", "in"),
            ("Lima", 2, "pobj", "PROPN", "Lima"),
        ]
    )
    lima = PlaceMention(
        text="Lima", start=doc[3].idx, end=doc[3].idx + 4, name="Lima", country="PER"
    )
    found = place_target(doc[1], kb.plover["ASSAULT"], "183", [], [lima])
    assert [(r.hit.country, r.notes) for r in found] == [("PER", [PLACE_NOTE])]
    assert place_target(doc[1], kb.plover["ASSAULT"], "183", [], []) == []  # no place: nothing


def test_a_protest_without_target_or_place_is_against_its_own_government(kb: KnowledgeBase) -> None:
    doc = _lifted()
    protesters = _source(doc, "KEN", "OPP")
    found = place_target(doc[1], kb.plover["PROTEST"], "141", [protesters], [])
    assert [(r.hit.country, r.notes) for r in found] == [("KEN", [PROTEST_NOTE])]
    # another type with no place has no target
    assert place_target(doc[1], kb.plover["CONCEDE"], "080", [protesters], []) == []


def _detained(by: bool) -> Doc:
    """'activists were detained in Lima' (`by`: '... by Chile')."""
    rows = [
        ("activists", 2, "nsubjpass", "NOUN", "activist"),
        ("were", 2, "auxpass", "AUX", "be"),
        ("detained", 2, "ROOT", "VERB", "detain"),
        ("in", 2, "prep", "ADP", "in"),
        ("Lima", 3, "pobj", "PROPN", "Lima"),
    ]
    rows += [("by", 2, "agent", "ADP", "by"), ("Chile", 5, "pobj", "PROPN", "Chile")] if by else []
    return parse(rows)


def test_a_coercion_without_agent_is_the_states_act() -> None:
    doc = _detained(by=False)
    place = PlaceMention(
        text="Lima", start=doc[4].idx, end=doc[4].idx + 4, name="Lima", country="PER"
    )
    activists = Resolved(actor_ref(doc, 0, "CHL", "OPP", "group"), doc[0])
    found = agentless_source(doc[2], "173", [activists], [place])
    assert [(r.hit.country, r.hit.sector, r.notes) for r in found] == [
        ("PER", "GOV", [AGENTLESS_NOTE])
    ]
    # no place: the state of the target
    assert [r.hit.country for r in agentless_source(doc[2], "173", [activists], [])] == ["CHL"]
    # not where an agent is named, nor for an attack, whose agent may be anyone
    by_chile = _detained(by=True)
    assert agentless_source(by_chile[2], "173", [activists], [place]) == []
    assert agentless_source(doc[2], "190", [activists], [place]) == []


def test_an_active_coercion_takes_no_state_source() -> None:
    doc = parse(
        [
            ("police", 1, "nsubj", "NOUN", "police"),
            ("detained", 1, "ROOT", "VERB", "detain"),
            ("activists", 1, "dobj", "NOUN", "activist"),
        ]
    )
    activists = Resolved(actor_ref(doc, 2, "CHL", "OPP", "group"), doc[2])
    assert agentless_source(doc[1], "173", [activists], []) == []


def test_a_place_a_role_comes_from_or_near_a_state_is_no_target(kb: KnowledgeBase) -> None:
    for prep in ("from", "near"):
        assert _no_target(kb, prep)
    assert not _no_target(kb, "in")


def _no_target(kb: KnowledgeBase, prep: str) -> bool:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("rejected", 1, "ROOT", "VERB", "reject"),
            ("a", 3, "det", "DET", "a"),
            ("proposal", 1, "dobj", "NOUN", "proposal"),
            (prep, 3, "prep", "ADP", prep),
            ("Lima", 4, "pobj", "PROPN", "Lima"),
        ]
    )
    lima = _lima(doc)
    return place_target(doc[1], kb.plover["REJECT"], "120", [_source(doc, "CHL")], [lima]) == []
