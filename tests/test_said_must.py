"""A reported obligation is a demand: "Russia said Ukraine must withdraw" is Russia's REQUEST
(CAMEO 100) of Ukraine, made on the reporting verb (events/predicates.py `reported_demand`);
not where the obligated subject is the reporter's own side, nor for a modal of possibility.
Hand-built parses (spaCy `Doc(vocab, words, heads, deps, pos, lemmas)`) and sentences of our
own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Doc

from eventwire.events.coder import EventCoder
from eventwire.events.predicates import DEMAND_RULE, obligation, reported_demand
from eventwire.kb import KnowledgeBase
from eventwire.model import ActorRef, Document, Event

from .conftest import dyads
from .handbuilt import actor_ref, parse


def _must(modal: str = "must", lemma: str | None = None, subject: str = "Ukraine") -> Doc:
    """'Russia said {subject} {modal} withdraw its troops' (a one-word modal)."""
    return parse(
        [
            ("Russia", 1, "nsubj", "PROPN", "Russia"),
            ("said", 1, "ROOT", "VERB", "say"),
            (subject, 4, "nsubj", "PROPN", subject),
            (modal, 4, "aux", "AUX", lemma or modal),
            ("withdraw", 1, "ccomp", "VERB", "withdraw"),
            ("its", 6, "poss", "PRON", "its"),
            ("troops", 4, "dobj", "NOUN", "troop"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )


def _told_has_to() -> Doc:
    """'India told reporters that Pakistan has to stop supporting militants.'"""
    return parse(
        [
            ("India", 1, "nsubj", "PROPN", "India"),
            ("told", 1, "ROOT", "VERB", "tell"),
            ("reporters", 1, "dobj", "NOUN", "reporter"),
            ("that", 5, "mark", "SCONJ", "that"),
            ("Pakistan", 5, "nsubj", "PROPN", "Pakistan"),
            ("has", 1, "ccomp", "VERB", "have"),
            ("to", 7, "aux", "PART", "to"),
            ("stop", 5, "xcomp", "VERB", "stop"),
            ("supporting", 7, "xcomp", "VERB", "support"),
            ("militants", 8, "dobj", "NOUN", "militant"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )


def _actors(doc: Doc, countries: dict[int, str]) -> dict[int, ActorRef]:
    return {i: actor_ref(doc, i, iso3) for i, iso3 in countries.items()}


def _words(kb: KnowledgeBase) -> frozenset[str]:
    return kb.event_words.obligations


def test_the_obligation_words_are_knowledge(kb: KnowledgeBase) -> None:
    assert {"must", "should", "have to", "need to", "ought to"} <= _words(kb)
    assert not {"may", "might", "could", "would", "will"} & _words(kb)


def test_an_obligation_on_the_reported_clause_is_the_reporters_demand(kb: KnowledgeBase) -> None:
    for modal in ("must", "should"):
        doc = _must(modal)
        demand = reported_demand(doc[1], {0}, _actors(doc, {0: "RUS", 2: "UKR"}), _words(kb))
        assert demand is not None, modal
        assert (demand.match.entry.type, demand.match.entry.cameo) == ("REQUEST", "100")
        assert demand.token.i == 1 and demand.is_verb
        assert DEMAND_RULE in demand.rule and f"'{modal}'" in demand.rule
        assert 4 in demand.content  # the demanded act is coded with the demand


def test_a_possibility_is_no_demand(kb: KnowledgeBase) -> None:
    for modal in ("may", "might", "could", "will"):
        doc = _must(modal)
        actors = _actors(doc, {0: "RUS", 2: "UKR"})
        assert reported_demand(doc[1], {0}, actors, _words(kb)) is None, modal


def test_the_reporters_own_obligation_is_no_demand(kb: KnowledgeBase) -> None:
    doc = _must(subject="Russia")  # 'Russia said Russia must withdraw'
    assert reported_demand(doc[1], {0}, _actors(doc, {0: "RUS", 2: "RUS"}), _words(kb)) is None
    doc = _must(subject="we")  # 'we must': no actor of its own
    assert reported_demand(doc[1], {0}, _actors(doc, {0: "RUS"}), _words(kb)) is None
    doc = _must()  # a subject that names no actor
    assert reported_demand(doc[1], {0}, _actors(doc, {0: "RUS"}), _words(kb)) is None


def test_another_sector_of_the_reporters_state_is_another_side(kb: KnowledgeBase) -> None:
    doc = _must(subject="Kagame")  # 'rebels said President Kagame must ...'
    actors = {0: actor_ref(doc, 0, "RWA", "REB", "group"), 2: actor_ref(doc, 2, "RWA", "GOV")}
    demand = reported_demand(doc[1], {0}, actors, _words(kb))
    assert demand is not None and demand.match.entry.type == "REQUEST"
    actors[0] = actor_ref(doc, 0, "RWA", "GOV", "person")  # the president's own minister
    assert reported_demand(doc[1], {0}, actors, _words(kb)) is None


def test_a_periphrastic_obligation_is_the_clause_verb_with_an_infinitive(kb: KnowledgeBase) -> None:
    doc = _told_has_to()
    assert obligation(doc[5], _words(kb)) == "have to"
    demand = reported_demand(doc[1], {0}, _actors(doc, {0: "IND", 4: "PAK"}), _words(kb))
    assert demand is not None and demand.content == frozenset({5, 7, 8})
    # 'Pakistan ought to stop', the parser's 'ought' an auxiliary of the clause's verb
    ought = parse(
        [
            ("Pakistan", 3, "nsubj", "PROPN", "Pakistan"),
            ("ought", 3, "aux", "AUX", "ought"),
            ("to", 3, "aux", "PART", "to"),
            ("stop", 3, "ROOT", "VERB", "stop"),
        ]
    )
    assert obligation(ought[3], _words(kb)) == "ought to"
    assert obligation(ought[3], _words(kb) - {"ought to"}) is None
    # 'Pakistan needs help': no infinitive, no obligation
    needs = parse(
        [
            ("Pakistan", 1, "nsubj", "PROPN", "Pakistan"),
            ("needs", 1, "ROOT", "VERB", "need"),
            ("help", 1, "dobj", "NOUN", "help"),
        ]
    )
    assert obligation(needs[1], _words(kb)) is None


def test_a_perfect_modal_is_a_reproach_not_a_demand(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Russia", 1, "nsubj", "PROPN", "Russia"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("Ukraine", 5, "nsubj", "PROPN", "Ukraine"),
            ("should", 5, "aux", "AUX", "should"),
            ("have", 5, "aux", "AUX", "have"),
            ("withdrawn", 1, "ccomp", "VERB", "withdraw"),
        ]
    )
    assert obligation(doc[5], _words(kb)) is None


def _coded(kb: KnowledgeBase, doc: Doc, hits: list[ActorRef]) -> list[Event]:
    document = Document(id="d", text=doc.text, published_at=dt.date(2023, 1, 2))
    return EventCoder(kb, use_model=False).code(doc, document, hits, [], [], [])


def test_the_coder_makes_the_demand_and_folds_the_demanded_act(kb: KnowledgeBase) -> None:
    doc = _must()
    events = _coded(kb, doc, [actor_ref(doc, 0, "RUS"), actor_ref(doc, 2, "UKR")])
    assert dyads(events) == {("REQUEST", "RUS", "UKR")}  # no RETREAT of its own
    (event,) = events
    assert event.trigger.text == "said" and event.cameo == "100"
    assert any(DEMAND_RULE in n for n in event.notes)
    assert not any(n.startswith("pattern ") for n in event.notes)  # no lexicon pattern made it
    # without the obligation the report is no event of the reporter's: Ukraine withdraws
    plain = _must("will")
    events = _coded(kb, plain, [actor_ref(plain, 0, "RUS"), actor_ref(plain, 2, "UKR")])
    assert "REQUEST" not in {e.type for e in events}


def test_the_demand_is_of_the_clause_subject_not_the_verbs_object(kb: KnowledgeBase) -> None:
    doc = _told_has_to()
    reporters = actor_ref(doc, 2, None, "MED", "role")
    hits = [actor_ref(doc, 0, "IND"), reporters, actor_ref(doc, 4, "PAK")]
    events = _coded(kb, doc, hits)
    assert dyads(events) == {("REQUEST", "IND", "PAK")}  # not SUPPORT by Pakistan


def test_a_demand_not_to_act_is_still_a_demand(events_of: Callable[[str], list[Event]]) -> None:
    events = events_of("The Dutch government said Belgium must not close the border crossings.")
    requests = [e for e in events if e.type == "REQUEST"]
    assert [(e.source and e.source.country, e.target and e.target.country) for e in requests] == [
        ("NLD", "BEL")
    ]
    assert not requests[0].negated and requests[0].modality == "asserted"
    assert not any(e.type == "REQUEST" for e in events_of("Belgium said it must close the border."))
