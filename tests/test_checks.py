"""The plausibility checks of events/checks.py, each on events or sentences written here."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import cast

import pytest

from eventwire.events.checks import is_not_a_mentioned_state, is_not_a_repeat
from eventwire.events.predicates import Predicate
from eventwire.model import Event, Mention
from eventwire.pipeline import Coder

pytestmark = pytest.mark.model

Events = Callable[[str], list[Event]]


def _assault(events_of: Events) -> Event:
    (event,) = [e for e in events_of("Iran attacked Iraq.") if e.type == "ASSAULT"]
    return event


def _again(event: Event, trigger: str, start: int, confidence: float, **update: object) -> Event:
    mention = Mention(text=trigger, start=start, end=start + len(trigger))
    return event.model_copy(update={"trigger": mention, "confidence": confidence, **update})


def test_a_repeat_of_an_event_in_its_sentence_gives_way_to_the_more_confident(
    events_of: Events,
) -> None:
    first = _assault(events_of)
    weaker = _again(first, "shelled", 40, first.confidence - 0.2)
    stronger = _again(first, "struck", 60, first.confidence + 0.1)
    kept, repeats = is_not_a_repeat([first, weaker, stronger])
    assert kept == [stronger]
    assert [e.trigger.text for e, _ in repeats] == ["attacked", "shelled"]
    assert all("repeats the ASSAULT event of 'struck'" in why for _, why in repeats)


def test_events_of_another_modality_or_target_are_not_repeats(events_of: Events) -> None:
    first = _assault(events_of)
    planned = _again(first, "will attack", 40, 0.9, modality="planned")
    assert first.target is not None
    elsewhere = _again(
        first, "shelled", 60, 0.9, target=first.target.model_copy(update={"country": "SYR"})
    )
    kept, repeats = is_not_a_repeat([first, planned, elsewhere])
    assert kept == [first, planned, elsewhere]
    assert repeats == []


def test_a_threat_and_the_threatened_act_are_one_event(events_of: Events) -> None:
    events = events_of("Uganda threatened to ban Kenyan traders.")
    dyad = [(e.source and e.source.country, e.target and e.target.country) for e in events]
    assert dyad == [("UGA", "KEN")]
    assert events[0].type == "THREATEN" or events[0].modality == "threatened"


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 50,000 Venezuelans have arrived in Brazil this year.",
        "Thousands of protesters were travelling to Islamabad.",
        "Hezbollah is in Lebanon.",
    ],
)
def test_a_people_or_a_group_on_the_move_makes_no_visit(events_of: Events, sentence: str) -> None:
    assert not [e for e in events_of(sentence) if e.cameo == "042"]


@pytest.mark.parametrize(
    ("sentence", "dyad"),
    [
        ("Chinese officials arrived in Moscow on Tuesday.", ("CHN", "RUS")),
        ("The Saudi crown prince was in Washington last week.", ("SAU", "USA")),
        ("Putin flew to Beijing.", ("RUS", "CHN")),
    ],
)
def test_a_person_or_officials_on_a_journey_make_a_visit(
    events_of: Events, sentence: str, dyad: tuple[str, str]
) -> None:
    visits = [e for e in events_of(sentence) if e.cameo == "042"]
    assert [(e.source and e.source.country, e.target and e.target.country) for e in visits] == [
        dyad
    ]


def test_explain_names_the_journey_that_is_no_visit(coder: Coder) -> None:
    from eventwire.events.explain import explain
    from eventwire.ingest import make_document

    found = explain(coder, make_document("Venezuelans arrived in Brazil."), 0)
    assert any("a journey is a visit only of a person or of officials" in r for r in found.rejected)


def test_an_event_noun_that_adds_no_actor_to_the_verb_event_is_background(coder: Coder) -> None:
    from eventwire.events.explain import explain
    from eventwire.ingest import make_document

    text = "Iran defended Syria against criticism of its war."
    found = explain(coder, make_document(text), 0)
    assert [(e.type, e.trigger.text) for e in found.events] == [("SUPPORT", "defended")]
    assert any(
        r.startswith("'criticism'") and "adds no actor to a verb event" in r for r in found.rejected
    )


def test_an_event_noun_with_an_actor_of_its_own_stays(events_of: Events) -> None:
    events = events_of("Britain mobilized army reservists after a Russian attack on Estonia.")
    assert {(e.type, e.target and e.target.country) for e in events} >= {
        ("MOBILIZE", None),
        ("ASSAULT", "EST"),
    }


def test_a_possessive_that_points_back_to_the_source_is_no_target(events_of: Events) -> None:
    (event,) = [
        e
        for e in events_of("China had to start the dispute procedure to defend its rights.")
        if e.type == "SUPPORT"
    ]
    assert event.source is not None and event.source.country == "CHN"
    assert event.target is None
    assert any("the source's own" in n for n in event.notes)
    (other,) = [e for e in events_of("Iran defended Syria.") if e.type == "SUPPORT"]
    assert other.target is not None and other.target.country == "SYR"


def _pred(is_verb: bool) -> Predicate:
    """A stand-in predicate: a verb or an event noun, with no type model scores (P(NONE) 0)."""
    return cast(Predicate, SimpleNamespace(is_verb=is_verb, typed=None))


def test_a_targetless_event_noun_beside_a_surer_verb_event_is_a_mentioned_state(
    events_of: Events,
) -> None:
    verb = _assault(events_of)
    noun = _again(verb, "war", 40, verb.confidence - 0.1, target=None)
    kept, states = is_not_a_mentioned_state([(_pred(True), verb), (_pred(False), noun)], 0.0)
    assert [e for _, e in kept] == [verb]
    assert [(e.trigger.text, "a state the sentence mentions" in why) for e, why in states] == [
        ("war", True)
    ]


def test_an_event_noun_with_a_target_alone_or_surer_than_the_verb_stays(
    events_of: Events,
) -> None:
    verb = _assault(events_of)
    aimed = _again(verb, "war", 40, verb.confidence - 0.1)  # has the verb event's target
    surer = _again(verb, "war", 40, verb.confidence + 0.1, target=None)
    for built in (
        [(_pred(True), verb), (_pred(False), aimed)],
        [(_pred(True), verb), (_pred(False), surer)],
        [(_pred(False), surer)],
    ):
        kept, states = is_not_a_mentioned_state(built, 0.0)
        assert kept == built and states == []


def test_explain_names_the_war_the_refugees_flee_as_a_mentioned_state(coder: Coder) -> None:
    from eventwire.events.explain import explain
    from eventwire.ingest import make_document

    text = "The United Nations sent food to refugees fleeing the civil war in Liberia."
    found = explain(coder, make_document(text), 0)
    assert [(e.type, e.trigger.text) for e in found.events] == [("AID", "sent food")]
    assert any(
        r.startswith("'war'") and "a state the sentence mentions" in r for r in found.rejected
    )


def test_a_month_is_a_date_not_a_march(coder: Coder, events_of: Events) -> None:
    from eventwire.events.explain import explain
    from eventwire.ingest import make_document

    text = "Since 4 March, the Kenyan ministry has closed three newspapers."
    assert not [e for e in events_of(text) if e.type == "PROTEST"]
    found = explain(coder, make_document(text), 0)
    assert any(r.startswith("'March'") and "a word of a date" in r for r in found.rejected)
    marches = events_of("Thousands of Kenyan students marched in Nairobi in March.")
    assert [(e.type, e.trigger.text) for e in marches] == [("PROTEST", "marched")]
    # a verb is no date, even where the tagger reads one in a headline
    headline = events_of("Thousands of Ethiopian teachers march over unpaid wages")
    assert [(e.type, e.trigger.text) for e in headline] == [("PROTEST", "march")]


@pytest.mark.parametrize(
    "sentence", ["Putin flew to Moscow on Sunday.", "Chinese officials arrived in Beijing."]
)
def test_a_journey_to_ones_own_state_is_no_visit(events_of: Events, sentence: str) -> None:
    assert not [e for e in events_of(sentence) if e.cameo == "042"]


def test_the_sources_own_officials_or_forces_are_no_target(events_of: Events) -> None:
    (pressed,) = events_of("Egypt pressed its military operations in Sinai.")
    assert pressed.source is not None and pressed.source.country == "EGY"
    assert pressed.target is None
    assert any("the source's own" in n for n in pressed.notes)
    # its people are a target of their own; another state's envoy is a partner
    (arrest,) = events_of("Iran arrested its citizens.")
    assert arrest.target is not None and (arrest.target.country, arrest.target.sector) == (
        "IRN",
        "CVL",
    )
    (recall,) = events_of("Slovenia recalled Croatia's ambassador.")
    assert recall.target is not None and recall.target.country == "HRV"
