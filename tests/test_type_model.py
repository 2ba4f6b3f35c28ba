"""The learned type-and-mode model: features on hand-built parses, the decision rule, the
predicates it retypes or drops, and the model that ships."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from eventwire.errors import KnowledgeError
from eventwire.events.lexicon import Lexicon
from eventwire.events.predicates import find_predicates
from eventwire.events.type_model import (
    MODEL_PATH,
    NONE,
    Thresholds,
    TypeModel,
    TypeScores,
    decide,
    shipped_model,
    trigger_features,
)
from eventwire.kb import KnowledgeBase

from .handbuilt import parse

CORPUS = Path(__file__).resolve().parents[1] / "training" / "events" / "corpus.jsonl"
# "Workers went on hunger strike ." ('strike' is part of the verb's phrase)
HUNGER = [
    ("Workers", 1, "nsubj", "NOUN", "worker"),
    ("went", 1, "ROOT", "VERB", "go"),
    ("on", 1, "prep", "ADP", "on"),
    ("hunger", 4, "compound", "NOUN", "hunger"),
    ("strike", 2, "pobj", "NOUN", "strike"),
    (".", 1, "punct", "PUNCT", "."),
]
# "Unions organized a general strike ."
GENERAL = [
    ("Unions", 1, "nsubj", "NOUN", "union"),
    ("organized", 1, "ROOT", "VERB", "organize"),
    ("a", 4, "det", "DET", "a"),
    ("general", 4, "amod", "ADJ", "general"),
    ("strike", 1, "dobj", "NOUN", "strike"),
    (".", 1, "punct", "PUNCT", "."),
]
# "Jets carried out an air strike ."
AIR = [
    ("Jets", 1, "nsubj", "NOUN", "jet"),
    ("carried", 1, "ROOT", "VERB", "carry"),
    ("out", 1, "prt", "ADP", "out"),
    ("an", 5, "det", "DET", "an"),
    ("air", 5, "compound", "NOUN", "air"),
    ("strike", 1, "dobj", "NOUN", "strike"),
    (".", 1, "punct", "PUNCT", "."),
]


def scores(**probs: float) -> TypeScores:
    return TypeScores(tuple(sorted(probs.items(), key=lambda kv: -kv[1])))


def test_features_read_particles_objects_modifiers_and_the_lexicon(kb: KnowledgeBase) -> None:
    lexicon = Lexicon(kb.lexicon)
    doc = parse(HUNGER)
    went = trigger_features(doc[1], lexicon, lexicon.match(doc[1]))
    assert {"lemma=go", "prt=on", "lemma+on=go|strike", "subj=worker", "lex=PROTEST"} <= set(went)
    strike = trigger_features(doc[4], lexicon, lexicon.match(doc[4]), ["hunger", "strike"])
    assert {"mod=hunger", "lemma+mod=strike|hunger", "head=on", "clause_w=hunger"} <= set(strike)
    general = parse(GENERAL)
    word = trigger_features(general[4], lexicon, lexicon.match(general[4]))
    assert {"lemma+head=strike|organize", "lemma+dep=strike|dobj", "mod=general"} <= set(word)
    assert "lemma=organize" not in word


def test_the_lexicon_stays_unless_the_model_is_clear() -> None:
    agree = decide(scores(ASSAULT=0.5, PROTEST=0.4, NONE=0.1), "ASSAULT", {"ASSAULT", "PROTEST"})
    assert (agree.type, agree.how) == ("ASSAULT", "lexicon")
    close = scores(PROTEST=0.5, ASSAULT=0.4, NONE=0.1)
    assert decide(close, "ASSAULT", {"ASSAULT", "PROTEST"}).how == "switch"  # margin 0: argmax
    margin = Thresholds(switch=0.2)  # a lead under the switch margin keeps the first pattern
    assert decide(close, "ASSAULT", {"ASSAULT", "PROTEST"}, limits=margin).how == "lexicon"
    switch = decide(scores(PROTEST=0.8, ASSAULT=0.1, NONE=0.1), "ASSAULT", {"ASSAULT", "PROTEST"})
    assert (switch.type, switch.how) == ("PROTEST", "switch")


def test_a_type_no_pattern_gives_needs_a_high_margin_and_a_bare_pattern() -> None:
    sure = scores(PROTEST=0.93, ASSAULT=0.05, NONE=0.02)
    assert decide(sure, "ASSAULT", {"ASSAULT"}).how == "overrule"
    assert decide(sure, "ASSAULT", {"ASSAULT"}, specific=True).how == "lexicon"
    unsure = scores(PROTEST=0.7, ASSAULT=0.25, NONE=0.05)
    assert decide(unsure, "ASSAULT", {"ASSAULT"}).how == "lexicon"


def test_no_event_only_when_the_model_is_nearly_sure_and_asked_to() -> None:
    drop = Thresholds(no_event=0.95)
    assert decide(scores(NONE=0.99, ASSAULT=0.01), "ASSAULT", {"ASSAULT"}, limits=drop).type == NONE
    assert (
        decide(scores(NONE=0.6, ASSAULT=0.4), "ASSAULT", {"ASSAULT"}, limits=drop).how == "lexicon"
    )
    # shipped setting: on news the corpus's no-event class drops real events, so it never does
    assert decide(scores(NONE=0.999, ASSAULT=0.001), "ASSAULT", {"ASSAULT"}).type == "ASSAULT"


def tiny_model(weights: dict[str, list[float]]) -> dict[str, Any]:
    """A hand-set model over three classes; the mode model knows ASSAULT's aerial mode."""
    return {
        "format": "eventwire-type-model/1",
        "type": {
            "classes": ["ASSAULT", "NONE", "PROTEST"],
            "intercepts": [0, 0, 0],
            "weights": weights,
        },
        "mode": {
            "classes": ["-", "aerial", "strike"],
            "intercepts": [1, 0, 0],
            "weights": {"ASSAULT&mod=air": [0, 5, 5]},
        },
        "modes_of": {"ASSAULT": ["aerial"], "PROTEST": ["strike"]},
    }


def test_probabilities_and_modes_of_a_hand_set_model() -> None:
    model = TypeModel(tiny_model({"mod=hunger": [-3, 0, 3]}))
    probs = model.type_scores({"mod=hunger": 1.0, "bias": 1.0})
    assert probs.best() == ("PROTEST", pytest.approx(probs.of("PROTEST")))
    assert abs(sum(p for _, p in probs.probabilities) - 1) < 1e-9
    # 'strike' is as likely as 'aerial', but it is no mode of an ASSAULT
    mode, p = model.mode({"mod=air": 1.0}, "ASSAULT", "")
    assert mode == "aerial" and p > 0.9
    assert model.mode({}, "ASSAULT", "")[0] == ""


def test_find_predicates_retypes_drops_and_keeps_a_lone_predicate(kb: KnowledgeBase) -> None:
    lexicon = Lexicon(kb.lexicon)
    codes = {name: kind.cameo for name, kind in kb.plover.items()}
    doc = parse(GENERAL)
    protest = TypeModel(tiny_model({"mod=general": [-4, 0, 4]}))
    found = find_predicates(doc[:], lexicon, model=protest, codes=codes)
    [strike] = [p for p in found.items if p.token.i == 4]
    assert (strike.match.entry.type, strike.match.entry.cameo) == ("PROTEST", "140")
    assert strike.typed is not None and "overrules the pattern's ASSAULT" in strike.typed.note()
    nothing = TypeModel(tiny_model({"bias": [-9, 9, -9]}))
    nothing.limits = Thresholds(no_event=0.95)
    lone = find_predicates(doc[:], lexicon, model=nothing, codes=codes)
    assert [p.token.i for p in lone.items] == [p.token.i for p in found.items]
    assert all(p.typed and p.typed.decision.how == "kept" for p in lone.items)
    assert lone.dropped == ()


def strike_with(modifier: str, dep: str = "compound") -> Doc:
    """'The <modifier> strike entered its third week .'"""
    return parse(
        [
            ("The", 2, "det", "DET", "the"),
            (modifier, 2, dep, "NOUN", modifier),
            ("strike", 3, "nsubj", "NOUN", "strike"),
            ("entered", 3, "ROOT", "VERB", "enter"),
            ("its", 6, "poss", "PRON", "its"),
            ("third", 6, "amod", "ADJ", "third"),
            ("week", 3, "dobj", "NOUN", "week"),
        ]
    )


@pytest.mark.parametrize(("modifier", "sense"), [("hunger", "PROTEST"), ("air", "ASSAULT")])
def test_shipped_model_tells_word_senses_apart(
    kb: KnowledgeBase, modifier: str, sense: str
) -> None:
    lexicon, model = Lexicon(kb.lexicon), shipped_model()
    doc = strike_with(modifier)
    clause = [t.lemma_ for t in doc[:4]]
    found = model.type_scores(trigger_features(doc[2], lexicon, lexicon.match(doc[2]), clause))
    other = {"PROTEST": "ASSAULT", "ASSAULT": "PROTEST"}[sense]
    assert found.best()[0] == sense and found.of(sense) > 2 * found.of(other)


def test_shipped_model_was_trained_from_the_committed_corpus() -> None:
    model = shipped_model()
    metadata = model.metadata
    assert metadata["corpus_sha256"] == hashlib.sha256(CORPUS.read_bytes()).hexdigest()
    assert {"seed", "trained_on", "scores", "design", "alternatives"} <= set(metadata)
    assert metadata["features"]["type"] == len(model.types.weights)
    assert set(model.types.classes) == {*kb_types(), NONE}
    assert MODEL_PATH.stat().st_size < 50_000_000


def kb_types() -> set[str]:
    from eventwire.kb import default

    return set(default().plover)


def test_a_broken_model_file_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "type_model.json"
    path.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="type model"):
        TypeModel.load(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        TypeModel.load(path)
    assert caught.value.code == "E007"
