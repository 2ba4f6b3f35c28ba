"""Modes and contexts of events, and their ACLED counterparts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.events.modes import agent_mode, clause_lemmas, contexts_of, mode_of
from eventwire.interop.acled import acled_row, acled_rows, acled_type
from eventwire.kb import KnowledgeBase
from eventwire.model import Event

ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


def test_every_mode_row_has_a_known_type_and_acled_type(kb: KnowledgeBase) -> None:
    assert {m.type for m in kb.modes} >= {"ASSAULT", "PROTEST", "COERCE", "CONSULT", "RETREAT"}
    for mode in kb.modes:
        for acled in (mode.acled, mode.acled_civilians):
            assert acled is None or acled.event_type in ACLED_TYPES, mode
    fallbacks = [m.type for m in kb.modes if m.mode == ""]
    assert len(fallbacks) == len(set(fallbacks))  # one fallback row per type at most


@pytest.mark.parametrize(
    ("type_", "cameo", "words", "mode"),
    [
        ("ASSAULT", "195", "jets pound the city", "aerial"),  # the code says it
        ("ASSAULT", "190", "an air strike hit a market", "aerial"),  # the cue says it
        ("ASSAULT", "190", "a car bomb kill 20 people", "explosives"),
        ("ASSAULT", "190", "a suicide bomber attack a checkpoint", "suicide-attack"),
        ("ASSAULT", "190", "troops attack the village", ""),
        ("PROTEST", "143", "prisoner go on hunger strike", "hunger"),  # not a labour strike
        ("PROTEST", "143", "worker go on strike", "strike"),
        ("PROTEST", "145", "youth riot in the capital", "riot"),
        ("COERCE", "173", "police detain activist", "arrest"),
        # destroying property is CAMEO 171, COERCE (PLOVER GSR), not an ASSAULT
        ("COERCE", "171", "the army demolish home in the village", "property"),
        ("COERCE", "171", "rioter loot shop", "property"),
        ("COERCE", "1711", "rebel seize the airport", "seize"),
        ("ASSAULT", "190", "troop torch the village", ""),
    ],
)
def test_mode_from_code_then_cues(
    kb: KnowledgeBase, type_: str, cameo: str, words: str, mode: str
) -> None:
    assert mode_of(type_, cameo, words.split(), kb.modes) == mode


def test_contexts_from_code_and_sentence_words(kb: KnowledgeBase) -> None:
    assert contexts_of("0311", ["sign", "a", "deal"], kb.contexts)[0] == "economic"
    found = contexts_of(
        "141", ["voter", "protest", "against", "the", "election", "result"], kb.contexts
    )
    assert "election" in found
    assert contexts_of("141", ["people", "march"], kb.contexts) == []


def test_clause_lemmas_leave_out_other_clauses() -> None:
    # "Jets bombed the town after rebels shot a soldier": 'shot' heads a clause of its own
    words = ["Jets", "bombed", "the", "town", "after", "rebels", "shot", "a", "soldier"]
    heads = [1, 1, 3, 1, 6, 6, 1, 8, 6]
    deps = ["nsubj", "ROOT", "det", "dobj", "mark", "nsubj", "advcl", "det", "dobj"]
    lemmas = ["jet", "bomb", "the", "town", "after", "rebel", "shoot", "a", "soldier"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, lemmas=lemmas)
    assert clause_lemmas(doc[1]) == ["jet", "bomb", "the", "town"]
    assert "rebel" in clause_lemmas(doc[6])


def test_the_weapon_that_did_it_names_the_mode(kb: KnowledgeBase) -> None:
    # "A landmine wounded two herders" / "Two herders were wounded by a landmine"
    words = ["A", "landmine", "wounded", "two", "herders"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 2, 2, 4, 2],
        deps=["det", "nsubj", "ROOT", "nummod", "dobj"],
        lemmas=["a", "landmine", "wound", "two", "herder"],
    )
    assert agent_mode(doc[2], "ASSAULT", kb.modes) == "explosives"
    words = ["Herders", "were", "wounded", "by", "a", "landmine"]
    deps = ["nsubjpass", "auxpass", "ROOT", "agent", "det", "pobj"]
    lemmas = ["herder", "be", "wound", "by", "a", "landmine"]
    doc = Doc(Vocab(), words=words, heads=[2, 2, 2, 2, 5, 3], deps=deps, lemmas=lemmas)
    assert agent_mode(doc[2], "ASSAULT", kb.modes) == "explosives"
    # a weapon elsewhere in the clause is the cue table's to weigh, not the subject's
    words = ["Rebels", "wounded", "two", "herders", "near", "a", "landmine"]
    deps = ["nsubj", "ROOT", "nummod", "dobj", "prep", "det", "pobj"]
    lemmas = ["rebel", "wound", "two", "herder", "near", "a", "landmine"]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 3, 1, 1, 6, 4], deps=deps, lemmas=lemmas)
    assert agent_mode(doc[1], "ASSAULT", kb.modes) == ""
    # a passive subject is what was hit, and people named by a cue are no weapon
    words = ["A", "tank", "was", "hit", "by", "gunmen"]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj"]
    lemmas = ["a", "tank", "be", "hit", "by", "gunman"]
    doc = Doc(Vocab(), words=words, heads=[1, 3, 3, 3, 3, 4], deps=deps, lemmas=lemmas)
    assert agent_mode(doc[3], "ASSAULT", kb.modes) == ""


def test_acled_types_follow_mode_and_target(kb: KnowledgeBase) -> None:
    def sub(type_: str, mode: str | None, sector: str | None) -> str | None:
        found = acled_type(kb, type_, mode, sector)
        return found and found.sub_event_type

    assert sub("ASSAULT", "aerial", "MIL") == "Air/drone strike"
    assert sub("ASSAULT", "firearms", "MIL") == "Armed clash"
    assert sub("ASSAULT", "firearms", "CVL") == "Attack"
    assert sub("ASSAULT", None, "REB") == "Armed clash"
    assert sub("PROTEST", "riot", None) == "Violent demonstration"
    assert sub("PROTEST", "strike", None) == "Peaceful protest"
    assert sub("COERCE", "arrest", "OPP") == "Arrests"
    assert sub("CONSULT", "visit", "GOV") is None  # verbal events are not ACLED's


@pytest.mark.model
def test_coded_events_carry_mode_context_and_acled_row(
    kb: KnowledgeBase, events_of: Callable[[str], list[Event]]
) -> None:
    events = events_of(
        "On 3 March, unidentified gunmen shot dead a teacher in Kidal (Kidal region), killing him."
    )
    (assault,) = [e for e in events if e.type == "ASSAULT"][:1]
    assert assault.mode == "firearms"
    assert assault.source is not None and assault.source.country == "MLI"
    assert assault.source.country_inferred
    row = acled_row(kb, assault.model_dump(mode="json"), {"outlet": "Wire"})
    assert row is not None
    assert (row["event_type"], row["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert row["country"] == "Mali" and row["location"] == "Kidal" and row["geo_precision"] == 1
    feared = assault.model_copy(update={"modality": "feared"}).model_dump(mode="json")
    assert list(acled_rows(kb, [(feared, {})])) == []


def test_interop_page_lists_every_mode_row(kb: KnowledgeBase) -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "docs" / "interop.md").read_text()
    for mode in kb.modes:
        assert f"| {mode.type} | {mode.mode or '(none)'} |" in page, mode
    for context in kb.contexts:
        assert f"| {context.context} |" in page
