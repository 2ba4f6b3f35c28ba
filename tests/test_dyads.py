"""Dyad building (events/dyads.py) on hand-built parses: which source-target pairs are events."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.dyads import Resolved, one_actor, pairs
from tests.handbuilt import actor_ref, parse

# "Trump offered the United States a timetable" / "Museveni banned Ugandan opposition candidates"
OFFER = parse(
    [
        ("Trump", 1, "nsubj", "PROPN", "Trump"),
        ("offered", 1, "ROOT", "VERB", "offer"),
        ("the", 4, "det", "DET", "the"),
        ("United", 4, "compound", "PROPN", "United"),
        ("States", 1, "dative", "PROPN", "States"),
        ("a", 6, "det", "DET", "a"),
        ("timetable", 1, "dobj", "NOUN", "timetable"),
    ]
)
BAN = parse(
    [
        ("Museveni", 1, "nsubj", "PROPN", "Museveni"),
        ("banned", 1, "ROOT", "VERB", "ban"),
        ("Ugandan", 4, "compound", "PROPN", "Ugandan"),
        ("opposition", 4, "compound", "NOUN", "opposition"),
        ("candidates", 1, "dobj", "NOUN", "candidate"),
    ]
)


def _role(doc: Doc, i: int, country: str | None, sector: str | None) -> Resolved:
    return Resolved(actor_ref(doc, i, country, sector), doc[i])


def test_a_state_and_its_own_government_are_one_actor() -> None:
    trump = _role(OFFER, 0, "USA", "GOV")
    states = _role(OFFER, 4, "USA", None)
    assert one_actor(trump, states) and one_actor(states, trump)
    assert pairs(False, [trump], [states]) == [(trump, None)]
    # another state, or a sector of its own (the state's opposition), is a partner
    assert not one_actor(trump, _role(OFFER, 4, "MEX", None))
    assert not one_actor(trump, _role(OFFER, 4, "USA", "OPP"))
    # two sectors neither of which is the state as a whole: a domestic dyad
    assert not one_actor(_role(OFFER, 0, "USA", "COP"), _role(OFFER, 4, "USA", "CVL"))


def test_a_state_that_qualifies_a_noun_is_not_the_state() -> None:
    museveni = _role(BAN, 0, "UGA", "GOV")
    ugandan = actor_ref(BAN, 2, "UGA", None)
    for token in (BAN[4], BAN[2]):  # the role's word: the noun 'Ugandan' qualifies, or itself
        candidates = Resolved(ugandan, token)
        assert not one_actor(museveni, candidates)
        assert pairs(False, [museveni], [candidates]) == [(museveni, candidates)]
    assert one_actor(museveni, _role(OFFER, 4, "UGA", None))  # 'States': no noun it qualifies


def test_an_inferred_or_derived_state_is_not_one_actor_with_the_source() -> None:
    trump = _role(OFFER, 0, "USA", "GOV")
    # the country only inferred (the paragraph's topic): the government may be another state's
    topic = Resolved(actor_ref(OFFER, 4, None, None), OFFER[4], country="USA")
    assert not one_actor(trump, topic)
    # the government of the state the event happens in, which the place rules chose
    derived = actor_ref(OFFER, 4, "USA", None).model_copy(update={"tokens": ()})
    assert not one_actor(trump, Resolved(derived, OFFER[1]))
