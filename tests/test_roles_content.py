"""An event that is the content of another ("offered to hand over", "demanded that X refuse")
is coded with it, not as an event of its own; a threat or a denial keeps its complement as an
event with that modality. Hand-built parses (spaCy `Doc(vocab, words, heads, deps, pos,
lemmas)`), independent of the parser model."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from eventwire.events.assign import Resolver, arguments, assign_roles
from eventwire.events.checks import rejections
from eventwire.events.dyads import SentenceState
from eventwire.events.lexicon import Lexicon
from eventwire.events.predicates import find_predicates
from eventwire.events.sentence import SentenceContext
from eventwire.kb import KnowledgeBase
from eventwire.model import ActorRef, Document

from .handbuilt import actor_ref, parse


def _coded(kb: KnowledgeBase, doc: Doc, hits: list[ActorRef]) -> dict[str, tuple[str, str]]:
    """Each trigger -> (the countries of its sources > targets, why it gives no event)."""
    document = Document(id="d", text=doc.text, published_at=dt.date(2023, 1, 2))
    index = {i: h for h in hits for i in h.tokens}
    ctx = SentenceContext(doc, document, 0, doc[:], index, None, None, [], [], [])
    predicates = find_predicates(doc[:], Lexicon(kb.lexicon))
    resolve = Resolver({}, ctx, SentenceState())
    found = {}
    for pred in predicates.items:
        kind = kb.plover[pred.match.entry.type]
        roles, _ = assign_roles(pred, kind, arguments(pred, kind, predicates), resolve)
        dyad = " ".join(r.hit.country or "-" for r in roles.sources) + " > "
        dyad += " ".join(r.hit.country or "-" for r in roles.targets)
        found[pred.token.text] = (dyad, "; ".join(rejections(pred, kind, roles)))
    return found


def test_an_offered_act_is_coded_with_the_offer(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Libya", 1, "nsubj", "PROPN", "Libya"),
            ("offered", 1, "ROOT", "VERB", "offer"),
            ("to", 3, "aux", "PART", "to"),
            ("hand", 1, "xcomp", "VERB", "hand"),
            ("over", 3, "prt", "ADP", "over"),
            ("suspects", 3, "dobj", "NOUN", "suspect"),
            ("to", 3, "prep", "ADP", "to"),
            ("Britain", 6, "pobj", "PROPN", "Britain"),
        ]
    )
    coded = _coded(kb, doc, [actor_ref(doc, 0, "LBY"), actor_ref(doc, 7, "GBR")])
    assert coded["offered"] == ("LBY > GBR", "")  # the offer keeps the infinitive's partner
    assert coded["hand"][1] == "the content of 'offered' (AGREE), coded with it"


def test_a_demanded_act_is_coded_with_the_demand(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Greece", 1, "nsubj", "PROPN", "Greece"),
            ("demanded", 1, "ROOT", "VERB", "demand"),
            ("that", 4, "mark", "SCONJ", "that"),
            ("Italy", 4, "nsubj", "PROPN", "Italy"),
            ("attack", 1, "ccomp", "VERB", "attack"),
            ("Albania", 4, "dobj", "PROPN", "Albania"),
        ]
    )
    hits = [actor_ref(doc, 0, "GRC"), actor_ref(doc, 3, "ITA"), actor_ref(doc, 5, "ALB")]
    coded = _coded(kb, doc, hits)
    assert coded["demanded"] == ("GRC > ITA", "")
    assert coded["attack"][1] == "the content of 'demanded' (REQUEST), coded with it"


def test_a_threatened_act_stays_an_event_of_its_own(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Iran", 1, "nsubj", "PROPN", "Iran"),
            ("threatened", 1, "ROOT", "VERB", "threaten"),
            ("to", 3, "aux", "PART", "to"),
            ("attack", 1, "xcomp", "VERB", "attack"),
            ("Iraq", 3, "dobj", "PROPN", "Iraq"),
        ]
    )
    coded = _coded(kb, doc, [actor_ref(doc, 0, "IRN"), actor_ref(doc, 4, "IRQ")])
    assert coded["attack"] == ("IRN > IRQ", "")  # ASSAULT, threatened (modality.tsv's cue)
    assert coded["threatened"] == ("IRN > IRQ", "")


def test_a_purpose_of_an_act_that_is_no_event_stays(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Iran", 1, "nsubj", "PROPN", "Iran"),
            ("moved", 1, "ROOT", "VERB", "move"),
            ("quickly", 1, "advmod", "ADV", "quickly"),
            ("to", 4, "aux", "PART", "to"),
            ("attack", 1, "xcomp", "VERB", "attack"),
            ("Iraq", 4, "dobj", "PROPN", "Iraq"),
        ]
    )
    coded = _coded(kb, doc, [actor_ref(doc, 0, "IRN"), actor_ref(doc, 5, "IRQ")])
    assert coded["attack"] == ("IRN > IRQ", "")


def _conditional_threat(marker: str) -> Doc:
    # "Iran threatened to quit the talks <marker> Iraq stays": the condition clause on the
    # threatened act
    return parse(
        [
            ("Iran", 1, "nsubj", "PROPN", "Iran"),
            ("threatened", 1, "ROOT", "VERB", "threaten"),
            ("to", 3, "aux", "PART", "to"),
            ("quit", 1, "xcomp", "VERB", "quit"),
            ("the", 5, "det", "DET", "the"),
            ("talks", 3, "dobj", "NOUN", "talk"),
            (marker, 8, "mark", "SCONJ", marker),
            ("Iraq", 8, "nsubj", "PROPN", "Iraq"),
            ("stays", 3, "advcl", "VERB", "stay"),
        ]
    )


def test_a_threat_is_made_to_the_party_its_condition_is_put_to(kb: KnowledgeBase) -> None:
    for marker in ("if", "unless"):
        doc = _conditional_threat(marker)
        coded = _coded(kb, doc, [actor_ref(doc, 0, "IRN"), actor_ref(doc, 7, "IRQ")])
        assert coded["threatened"][0] == "IRN > IRQ", marker


def test_a_clause_of_time_names_no_target_of_a_threat(kb: KnowledgeBase) -> None:
    doc = _conditional_threat("when")
    coded = _coded(kb, doc, [actor_ref(doc, 0, "IRN"), actor_ref(doc, 7, "IRQ")])
    assert coded["threatened"][0] == "IRN > "
