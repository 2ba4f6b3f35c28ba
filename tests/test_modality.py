"""The modality module on sentences written for these tests: the predicate's own marking
(negation, modal, future, as TimeBank annotates it) and the event-level modality."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc, Token

from eventwire.events.modality import Marking, ModalityCues, ModalityResult, marking, modality_of
from eventwire.kb import KnowledgeBase

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cues(kb: KnowledgeBase) -> ModalityCues:
    reporting = frozenset(c for c, kind in kb.reporting.items() if kind == "verb")
    return ModalityCues(kb.modality_cues, reporting)


def _token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


@pytest.fixture(scope="module")
def mark(parse: Callable[[str], Doc], cues: ModalityCues) -> Callable[[str, str], Marking]:
    return lambda sentence, word: marking(_token(parse(sentence), word), cues)


@pytest.fixture(scope="module")
def modality(
    parse: Callable[[str], Doc], cues: ModalityCues
) -> Callable[[str, str], ModalityResult]:
    return lambda sentence, word: modality_of(_token(parse(sentence), word), cues)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Iran did not attack Iraq.", "attack"),
        ("Iran won't attack Iraq.", "attack"),
        ("Iran has never attacked Iraq.", "attacked"),
        ("There was no attack on the border.", "attack"),
        ("Nobody attacked the convoy.", "attacked"),
        ("No one wants to negotiate.", "wants"),
        ("The army no longer patrols the border.", "patrols"),
        ("Neither Iran nor Iraq signed the treaty.", "signed"),
        ("They crossed the border without permission.", "permission"),
        ("Iran is not going to attack Iraq.", "attack"),
        ("The treaty was not signed.", "signed"),
    ],
)
def test_the_predicates_own_negation(
    mark: Callable[[str, str], Marking], sentence: str, word: str
) -> None:
    assert mark(sentence, word).negated, sentence


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Iran attacked Iraq.", "attacked"),
        ("The army not only patrols the border but guards it.", "patrols"),
        ("Iran did not say that Iraq attacked.", "attacked"),
        ("Israel refused to withdraw from the town.", "withdraw"),
    ],
)
def test_affirmative_predicates(
    mark: Callable[[str, str], Marking], sentence: str, word: str
) -> None:
    assert not mark(sentence, word).negated, sentence


@pytest.mark.parametrize(
    ("sentence", "word", "modal", "future"),
    [
        ("Iran could attack Iraq.", "attack", "could", False),
        ("Iran might be attacked.", "attacked", "might", False),
        ("Iran has to withdraw its troops.", "withdraw", "have to", False),
        ("Iran will attack Iraq.", "attack", None, True),
        ("Iran is going to attack Iraq.", "attack", None, True),
        ("Iran won't attack Iraq.", "attack", None, True),
        ("He'd sign the treaty.", "sign", "would", False),
        ("Such a deal would be a disaster.", "disaster", "would", False),
        ("Iran may buy drones or build them.", "build", "may", False),
        ("Iran attacked Iraq.", "attacked", None, False),
    ],
)
def test_modal_and_future_marking(
    mark: Callable[[str, str], Marking],
    sentence: str,
    word: str,
    modal: str | None,
    future: bool,
) -> None:
    found = mark(sentence, word)
    assert (found.modal, found.future) == (modal, future), sentence


def test_a_finite_or_contrasted_conjunct_keeps_its_own_marking(
    mark: Callable[[str, str], Marking],
) -> None:
    assert not mark("Iran will sell its drones and bought tanks.", "bought").future
    assert not mark("Iran did not sign the deal, but praised it.", "praised").negated
    assert mark("Iran did not sign or ratify the deal.", "ratify").negated


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Iran will sign a deal with Iraq.", "sign", "planned"),
        ("Iran said it would sign a deal with Iraq.", "sign", "planned"),
        ("Iran plans to invade Iraq.", "invade", "planned"),
        ("Preparations for an offensive are under way.", "offensive", "planned"),
        ("Pakistan is keen on a deal with China.", "deal", "intended"),
        ("China seeks a deal with Iran.", "deal", "intended"),
        ("Iran threatened to attack Iraq.", "attack", "threatened"),
        ("Iran warned it would attack Iraq.", "attack", "threatened"),
        ("There are fears of an imminent attack on Iran.", "attack", "feared"),
        ("Analysts expect an attack on Iran.", "attack", "planned"),
        ("If Iran attacks Iraq, Israel would retaliate.", "attacks", "hypothetical"),
        ("Israel could retaliate.", "retaliate", "hypothetical"),
        ("Did Iran attack Iraq?", "attack", "hypothetical"),
        ("Iran denied that it attacked Iraq.", "attacked", "denied"),
        ("Iran dismissed reports of an attack on Iraq.", "attack", "denied"),
        ("Iran rejected the accusations of Iraq.", "accusations", "asserted"),
        ("Iran attacked Iraq, officials said.", "attacked", "asserted"),
    ],
)
def test_event_modality(
    modality: Callable[[str, str], ModalityResult], sentence: str, word: str, expected: str
) -> None:
    assert modality(sentence, word).modality == expected, sentence


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        # an attempt happened: PLOVER codes an attempted attack as the attack
        ("Gunmen attempted to assassinate the mayor of Kirkuk.", "assassinate", "asserted"),
        ("Rebels tried to seize the airport.", "seize", "asserted"),
        ("The army made an attempt to storm the town.", "storm", "asserted"),
        # a future attempt is still a plan, a threatened one a threat
        ("Israel will try to destroy the tunnels.", "destroy", "planned"),
        ("Iran threatened to try to block the strait.", "block", "threatened"),
        # a vow or an oath to fight is a threat
        ("The rebels have sworn to fight the army.", "fight", "threatened"),
        ("The militia swore to avenge its commander.", "avenge", "threatened"),
    ],
)
def test_attempts_happened_and_vows_threaten(
    modality: Callable[[str, str], ModalityResult], sentence: str, word: str, expected: str
) -> None:
    assert modality(sentence, word).modality == expected, sentence


@pytest.mark.parametrize(
    ("sentence", "word", "negated"),
    [
        ("Israel refused to withdraw from the town.", "withdraw", True),
        ("Iran did not plan to attack Iraq.", "attack", True),
        ("No agreement was reached.", "agreement", True),
        ("Iran reached no agreement with Iraq.", "reached", True),
        ("Iran denied that it attacked Iraq.", "attacked", True),
        ("Iran declined to say whether Iraq attacked.", "attacked", False),
        ("Iran attacked Iraq.", "attacked", False),
    ],
)
def test_event_level_negation(
    modality: Callable[[str, str], ModalityResult], sentence: str, word: str, negated: bool
) -> None:
    assert modality(sentence, word).negated is negated, sentence


def test_the_cues_say_why(modality: Callable[[str, str], ModalityResult]) -> None:
    result = modality("Iran threatened to attack Iraq.", "attack")
    assert any("threatened" in cue for cue in result.cues)


def test_every_cue_has_a_known_modality_and_scope(kb: KnowledgeBase) -> None:
    from typing import get_args

    from eventwire.model import Modality

    modalities = set(get_args(Modality)) | {"negated"}
    scopes = {"aux", "governor", "modifier", "marker", "negator", "periphrastic", "reported"}
    assert kb.modality_cues
    for cue in kb.modality_cues:
        assert cue.modality in modalities and cue.scope in scopes, cue


@pytest.mark.parametrize(
    ("sentence", "word", "hostile", "expected"),
    [
        # the side that will act announces it: a threat (CAMEO 13x)
        (
            "Striking dockers said they would blockade the port from Tuesday.",
            "blockade",
            True,
            "threatened",
        ),
        (
            "The farmers' union announced it will boycott the trade fair.",
            "boycott",
            True,
            "threatened",
        ),
        # a condition the other side must meet: an ultimatum
        ("Chad will expel the envoys unless Sudan closes the camps.", "expel", True, "threatened"),
        # another side's plan reported by a third party stays a plan
        ("Police said the army would blockade the town.", "blockade", True, "planned"),
        # cooperation announced is a promise, not a threat
        ("Iran said it would sign the deal with Russia.", "sign", False, "planned"),
        # a real act stays asserted
        ("Dockers blockaded the port on Tuesday.", "blockaded", True, "asserted"),
    ],
)
def test_an_announced_hostile_act_is_a_threat(
    parse: Callable[[str], Doc],
    cues: ModalityCues,
    sentence: str,
    word: str,
    hostile: bool,
    expected: str,
) -> None:
    from eventwire.events.modality import announced_threat

    trigger = _token(parse(sentence), word)
    result = announced_threat(modality_of(trigger, cues), trigger, cues, hostile)
    assert result.modality == expected, (sentence, result.cues)
