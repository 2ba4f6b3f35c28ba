"""Roles round 2: a source "expelled from" its target's own country is none, a target named only on
the verb's background event ("mobilized reservists for a war against X"), a noun event that a
reporter announces is the reporter's act, and a governing subject that names no actor lets a
higher one name the source. Hand-built parses (spaCy `Doc(vocab, words, heads, deps, pos,
lemmas)`), independent of the parser model; sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from eventwire.events.assign import (
    BACKGROUND_NOTE,
    Resolver,
    RoleAssignment,
    arguments,
    assign_roles,
)
from eventwire.events.attribution import Reporter
from eventwire.events.dyads import SentenceState
from eventwire.events.lexicon import Lexicon
from eventwire.events.predicates import find_predicates
from eventwire.events.roles import inherited_subjects
from eventwire.events.sentence import SentenceContext
from eventwire.kb import KnowledgeBase
from eventwire.model import ActorRef, Attribution, Document

from .handbuilt import actor_ref, parse


def _roles(
    kb: KnowledgeBase, doc: Doc, hits: list[ActorRef], reporter: Reporter | None = None
) -> dict[str, RoleAssignment]:
    """Each trigger of the sentence -> its roles."""
    document = Document(id="d", text=doc.text, published_at=dt.date(2023, 1, 2))
    index = {i: h for h in hits for i in h.tokens}
    ctx = SentenceContext(doc, document, 0, doc[:], index, reporter, None, [], [], [])
    predicates = find_predicates(doc[:], Lexicon(kb.lexicon))
    resolve = Resolver({}, ctx, SentenceState())
    found = {}
    for pred in predicates.items:
        kind = kb.plover[pred.match.entry.type]
        found[pred.token.text], _ = assign_roles(
            pred, kind, arguments(pred, kind, predicates), resolve
        )
    return found


def _countries(roles: RoleAssignment) -> tuple[list[str | None], list[str | None]]:
    return [r.hit.country for r in roles.sources], [r.hit.country for r in roles.targets]


def _expelled_from(place: str) -> Doc:
    return parse(
        [
            ("Diplomats", 2, "nsubjpass", "NOUN", "diplomat"),
            ("were", 2, "auxpass", "AUX", "be"),
            ("expelled", 2, "ROOT", "VERB", "expel"),
            ("from", 2, "prep", "ADP", "from"),
            (place, 3, "pobj", "PROPN", place),
        ]
    )


def test_expelled_from_their_own_country_names_no_source(kb: KnowledgeBase) -> None:
    doc = _expelled_from("Chile")
    hits = [actor_ref(doc, 0, "CHL", "GOV", "role"), actor_ref(doc, 4, "CHL")]
    sources, targets = _countries(_roles(kb, doc, hits)["expelled"])
    assert sources == []  # where they were sent from, not who sent them
    assert targets == ["CHL"]


def test_expelled_from_another_country_is_that_countrys_act(kb: KnowledgeBase) -> None:
    doc = _expelled_from("Peru")
    hits = [actor_ref(doc, 0, "CHL", "GOV", "role"), actor_ref(doc, 4, "PER")]
    assert _countries(_roles(kb, doc, hits)["expelled"]) == (["PER"], ["CHL"])


def test_a_target_named_on_the_background_event(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("mobilized", 1, "ROOT", "VERB", "mobilize"),
            ("reservists", 1, "dobj", "NOUN", "reservist"),
            ("for", 2, "prep", "ADP", "for"),
            ("a", 5, "det", "DET", "a"),
            ("war", 3, "pobj", "NOUN", "war"),
            ("against", 5, "prep", "ADP", "against"),
            ("Peru", 6, "pobj", "PROPN", "Peru"),
        ]
    )
    hits = [
        actor_ref(doc, 0, "CHL"),
        actor_ref(doc, 2, "CHL", "MIL", "role"),
        actor_ref(doc, 7, "PER"),
    ]
    roles = _roles(kb, doc, hits)["mobilized"]
    assert _countries(roles) == (["CHL"], ["PER"])
    assert BACKGROUND_NOTE in roles.targets[0].notes


def test_an_own_target_comes_before_the_background_event(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("attacked", 1, "ROOT", "VERB", "attack"),
            ("Bolivia", 1, "dobj", "PROPN", "Bolivia"),
            ("for", 1, "prep", "ADP", "for"),
            ("its", 5, "poss", "PRON", "its"),
            ("support", 3, "pobj", "NOUN", "support"),
            ("to", 5, "prep", "ADP", "to"),
            ("Peru", 6, "pobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 2, "BOL"), actor_ref(doc, 7, "PER")]
    assert _countries(_roles(kb, doc, hits)["attacked"])[1] == ["BOL"]


def _announced() -> Doc:
    return parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("announced", 1, "ROOT", "VERB", "announce"),
            ("a", 3, "det", "DET", "a"),
            ("suspension", 1, "dobj", "NOUN", "suspension"),
            ("of", 3, "prep", "ADP", "of"),
            ("ties", 4, "pobj", "NOUN", "tie"),
            ("with", 3, "prep", "ADP", "with"),
            ("Peru", 6, "pobj", "PROPN", "Peru"),
        ]
    )


def _reporter(doc: Doc) -> Reporter:
    attribution = Attribution(text="Chile", kind="official")
    return Reporter(attribution, doc[1], frozenset({0}))


def test_a_reporter_announces_its_own_act(kb: KnowledgeBase) -> None:
    doc = _announced()
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 7, "PER")]
    roles = _roles(kb, doc, hits, _reporter(doc))["suspension"]
    assert _countries(roles) == (["CHL"], ["PER"])
    assert not roles.direct_source


def test_governing_subjects_climb_past_one_that_names_no_actor() -> None:
    # "Chile hopes the talks end, condemning Peru": the talks, then Chile
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("hopes", 1, "ROOT", "VERB", "hope"),
            ("the", 3, "det", "DET", "the"),
            ("talks", 4, "nsubj", "NOUN", "talk"),
            ("end", 1, "ccomp", "VERB", "end"),
            (",", 4, "punct", "PUNCT", ","),
            ("condemning", 4, "advcl", "VERB", "condemn"),
            ("Peru", 6, "dobj", "PROPN", "Peru"),
        ]
    )
    found = inherited_subjects(doc[6])
    assert [[t.text for t in level] for level in found] == [["talks"], ["Chile"]]


def test_the_source_is_the_nearest_governing_subject_that_names_an_actor(
    kb: KnowledgeBase,
) -> None:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("hopes", 1, "ROOT", "VERB", "hope"),
            ("the", 3, "det", "DET", "the"),
            ("talks", 4, "nsubj", "NOUN", "talk"),
            ("end", 1, "ccomp", "VERB", "end"),
            (",", 4, "punct", "PUNCT", ","),
            ("condemning", 4, "advcl", "VERB", "condemn"),
            ("Peru", 6, "dobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 7, "PER")]
    roles = _roles(kb, doc, hits)["condemning"]
    assert _countries(roles) == (["CHL"], ["PER"])
