"""Roles round 2: a source "expelled from" its target's own country is none, a target named only on
the verb's background event ("mobilized reservists for a war against X"), a noun event that a
reporter announces is the reporter's act, and a governing subject that names no actor lets a
higher one name the source. Hand-built parses (spaCy `Doc(vocab, words, heads, deps, pos,
lemmas)`), independent of the parser model; sentences written for these tests."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.assign import (
    BACKGROUND_NOTE,
)
from eventwire.events.attribution import Reporter
from eventwire.events.naming import actors_at
from eventwire.events.roles import inherited_subjects
from eventwire.kb import KnowledgeBase
from eventwire.model import Attribution

from .handbuilt import actor_ref, parse
from .handbuilt import countries as _countries
from .handbuilt import roles_of as _roles


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
    roles = _roles(kb, doc, hits, reporter=_reporter(doc))["suspension"]
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


def test_a_clause_on_a_noun_climbs_on_to_whoever_made_the_noun() -> None:
    # "Chile issued a declaration demanding that ...": the declaration, then Chile
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("issued", 1, "ROOT", "VERB", "issue"),
            ("a", 3, "det", "DET", "a"),
            ("declaration", 1, "dobj", "NOUN", "declaration"),
            ("demanding", 3, "acl", "VERB", "demand"),
            ("talks", 4, "dobj", "NOUN", "talk"),
        ]
    )
    found = inherited_subjects(doc[4])
    assert [[t.text for t in level] for level in found] == [["declaration"], ["Chile"]]


def _stones(prep: str) -> Doc:
    # "Chileans threw stones during protests against Peru"
    return parse(
        [
            ("Chileans", 1, "nsubj", "PROPN", "Chilean"),
            ("threw", 1, "ROOT", "VERB", "throw"),
            ("stones", 1, "dobj", "NOUN", "stone"),
            (prep, 1, "prep", "ADP", prep),
            ("protests", 3, "pobj", "NOUN", "protest"),
            ("against", 4, "prep", "ADP", "against"),
            ("Peru", 5, "pobj", "PROPN", "Peru"),
        ]
    )


def test_an_event_during_another_event_shares_its_actors() -> None:
    doc = _stones("during")
    assert inherited_subjects(doc[4], stop=frozenset({1})) == [[doc[0]]]


def test_another_events_trigger_still_stops_the_climb() -> None:
    doc = _stones("for")  # "praised X for its role": not the praiser's act
    assert inherited_subjects(doc[4], stop=frozenset({1})) == []


def test_a_target_named_in_the_background_phrase(kb: KnowledgeBase) -> None:
    # "Chileans blocked roads in defiance of Peru"
    doc = parse(
        [
            ("Chileans", 1, "nsubj", "PROPN", "Chilean"),
            ("blocked", 1, "ROOT", "VERB", "block"),
            ("roads", 1, "dobj", "NOUN", "road"),
            ("in", 1, "prep", "ADP", "in"),
            ("defiance", 3, "pobj", "NOUN", "defiance"),
            ("of", 4, "prep", "ADP", "of"),
            ("Peru", 5, "pobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL", "CVL", "role"), actor_ref(doc, 6, "PER")]
    roles = _roles(kb, doc, hits)["blocked"]
    assert _countries(roles) == (["CHL"], ["PER"])


def test_a_demonym_on_a_noun_behind_of_names_no_actor() -> None:
    # "the use of the Russian language" names no Russia ("Russian troops" are an actor of their own)
    doc = parse(
        [
            ("use", 0, "ROOT", "NOUN", "use"),
            ("of", 0, "prep", "ADP", "of"),
            ("Russian", 3, "amod", "ADJ", "russian"),
            ("language", 1, "pobj", "NOUN", "language"),
        ]
    )
    demonym = actor_ref(doc, 2, "RUS")
    assert actors_at(doc[0], {2: demonym}, {}) == []
    assert actors_at(doc[3], {2: demonym}, {}) == [demonym]  # the noun itself: "Russian language"
