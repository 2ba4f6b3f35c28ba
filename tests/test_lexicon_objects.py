"""The light-verb object of a pattern behind an amount or an undertaking ("700 kg of medicine",
"a mission of observers", "a mediation effort"), on hand-built parses; and the trainers'
logistic regression without scikit-learn."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from eventwire.events.lexicon import Lexicon
from eventwire.kb import LexiconEntry
from tests.handbuilt import parse


def entry(kind: str, lemma: str, obj: str, particle: str = "") -> LexiconEntry:
    return LexiconEntry(
        type=kind, cameo="000", pos="VERB", lemma=lemma, particle=particle, object=obj, example=""
    )


LEXICON = Lexicon(
    [
        entry("AID", "hand", "", "over"),
        entry("AID", "hand", "medicine", "over"),
        entry("CONSULT", "launch", "mediation"),
        entry("RETREAT", "receive", "observer"),
        entry("CONSULT", "receive", ""),
        entry("CONSULT", "call", ""),
        entry("REQUEST", "call", "", "for"),
        entry("REQUEST", "call", "", "on"),
    ]
)


def test_the_object_behind_an_amount_is_the_patterns_object() -> None:
    doc = parse(
        [
            ("Doctors", 1, "nsubj", "NOUN", "doctor"),
            ("handed", 1, "ROOT", "VERB", "hand"),
            ("over", 1, "prt", "ADP", "over"),
            ("700", 4, "nummod", "NUM", "700"),
            ("kg", 1, "dobj", "NOUN", "kg"),
            ("of", 4, "prep", "ADP", "of"),
            ("medicine", 5, "pobj", "NOUN", "medicine"),
        ]
    )
    match = LEXICON.match(doc[1])
    assert match is not None and match.entry.object == "medicine"
    assert match.object_token is not None and match.object_token.i == 6


def test_an_undertaking_brings_its_compound_and_its_of_phrase() -> None:
    mediation = parse(
        [
            ("Qatar", 1, "nsubj", "PROPN", "Qatar"),
            ("launched", 1, "ROOT", "VERB", "launch"),
            ("a", 4, "det", "DET", "a"),
            ("mediation", 4, "compound", "NOUN", "mediation"),
            ("effort", 1, "dobj", "NOUN", "effort"),
        ]
    )
    found = LEXICON.match(mediation[1])
    assert found is not None and found.entry.type == "CONSULT"
    observers = parse(
        [
            ("Kyrgyzstan", 1, "nsubj", "PROPN", "Kyrgyzstan"),
            ("received", 1, "ROOT", "VERB", "receive"),
            ("a", 3, "det", "DET", "a"),
            ("mission", 1, "dobj", "NOUN", "mission"),
            ("of", 3, "prep", "ADP", "of"),
            ("observers", 4, "pobj", "NOUN", "observer"),
        ]
    )
    found = LEXICON.match(observers[1])
    assert found is not None and found.entry.type == "RETREAT"


def test_the_marker_of_a_governed_clause_is_the_particle() -> None:
    doc = parse(
        [
            ("Egypt", 1, "nsubj", "PROPN", "Egypt"),
            ("called", 1, "ROOT", "VERB", "call"),
            ("for", 5, "mark", "SCONJ", "for"),
            ("Israel", 5, "nsubj", "PROPN", "Israel"),
            ("to", 5, "aux", "PART", "to"),
            ("open", 1, "advcl", "VERB", "open"),
            ("the", 7, "det", "DET", "the"),
            ("crossing", 5, "dobj", "NOUN", "crossing"),
        ]
    )
    match = LEXICON.match(doc[1])
    assert match is not None and match.entry.type == "REQUEST"
    assert match.particle_token is not None and match.particle_token.i == 2


def test_a_preposition_inside_a_governed_clause_is_not_the_particle() -> None:
    doc = parse(
        [
            ("Egypt", 1, "nsubj", "PROPN", "Egypt"),
            ("called", 1, "ROOT", "VERB", "call"),
            ("Israel", 1, "dobj", "PROPN", "Israel"),
            ("to", 4, "aux", "PART", "to"),
            ("ask", 1, "advcl", "VERB", "ask"),
            ("for", 4, "prep", "ADP", "for"),
            ("help", 5, "pobj", "NOUN", "help"),
        ]
    )
    match = LEXICON.match(doc[1])
    assert match is not None and match.entry.type == "CONSULT"


def test_any_other_object_head_hides_its_of_phrase() -> None:
    doc = parse(
        [
            ("Kyrgyzstan", 1, "nsubj", "PROPN", "Kyrgyzstan"),
            ("received", 1, "ROOT", "VERB", "receive"),
            ("the", 3, "det", "DET", "the"),
            ("leader", 1, "dobj", "NOUN", "leader"),
            ("of", 3, "prep", "ADP", "of"),
            ("observers", 4, "pobj", "NOUN", "observer"),
        ]
    )
    found = LEXICON.match(doc[1])
    assert found is not None and found.entry.type == "CONSULT"


def test_the_fallback_regression_separates_and_sorts() -> None:
    pytest.importorskip("scipy")
    from training.events import linear

    rows = [{"a": 1.0}, {"a": 1.0, "c": 1.0}, {"b": 1.0}, {"b": 1.0, "c": 1.0}] * 5
    labels = ["x", "x", "y", "y"] * 5
    names, matrix = linear.vectorise(rows)
    assert names == ["a", "b", "c"] and matrix.shape == (20, 3)
    classes, coef, intercept = linear._fit_scipy(matrix, labels, 1.0)
    assert classes == ["x", "y"]
    assert coef[0][0] > coef[1][0] and coef[1][1] > coef[0][1]
    assert abs(coef[0][2] - coef[1][2]) < 1e-3  # "c" is in both classes: no evidence
    assert len(intercept) == 2


def test_a_preposition_before_a_date_is_no_particle() -> None:
    rows = [
        ("Macron", 1, "nsubj", "PROPN", "Macron"),
        ("called", 1, "ROOT", "VERB", "call"),
        ("Scholz", 1, "dobj", "PROPN", "Scholz"),
        ("on", 1, "prep", "ADP", "on"),
        ("Tuesday", 3, "pobj", "PROPN", "Tuesday"),
    ]
    dated = parse(rows)
    dated.ents = [Span(dated, 4, 5, label="DATE")]
    match = LEXICON.match(dated[1])
    assert match is not None and match.entry.type == "CONSULT" and match.particle_token is None
    # the same words with no date: "called on" is a request
    undated = parse(rows)
    match = LEXICON.match(undated[1])
    assert match is not None and match.entry.type == "REQUEST"
