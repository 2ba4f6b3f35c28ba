"""The learned role model: features on hand-built parses, and the model that ships."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.errors import KnowledgeError
from eventwire.events.role_model import (
    MODEL_PATH,
    RoleModel,
    best_roles,
    candidates,
    deep_relation,
    dependency_path,
    pair_features,
    shipped_model,
)

CORPUS = Path(__file__).resolve().parents[1] / "training" / "events" / "corpus.jsonl"


def make_doc(rows: list[tuple[str, int, str, str, str]], ents: list[str] | None = None) -> Doc:
    """A parse from (word, head index, dep, POS, lemma) rows, no parser model needed."""
    words, heads, deps, pos, lemmas = (list(col) for col in zip(*rows, strict=True))
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)


# "Russia attacked Ukraine ."
ACTIVE = [
    ("Russia", 1, "nsubj", "PROPN", "Russia"),
    ("attacked", 1, "ROOT", "VERB", "attack"),
    ("Ukraine", 1, "dobj", "PROPN", "Ukraine"),
    (".", 1, "punct", "PUNCT", "."),
]
# "Ukraine was attacked by Russia ."
PASSIVE = [
    ("Ukraine", 2, "nsubjpass", "PROPN", "Ukraine"),
    ("was", 2, "auxpass", "AUX", "be"),
    ("attacked", 2, "ROOT", "VERB", "attack"),
    ("by", 2, "agent", "ADP", "by"),
    ("Russia", 3, "pobj", "PROPN", "Russia"),
    (".", 2, "punct", "PUNCT", "."),
]
# "Russia 's attack on Ukraine ended ."
NOMINAL = [
    ("Russia", 2, "poss", "PROPN", "Russia"),
    ("'s", 0, "case", "PART", "'s"),
    ("attack", 5, "nsubj", "NOUN", "attack"),
    ("on", 2, "prep", "ADP", "on"),
    ("Ukraine", 3, "pobj", "PROPN", "Ukraine"),
    ("ended", 5, "ROOT", "VERB", "end"),
    (".", 5, "punct", "PUNCT", "."),
]
# "China said Russia attacked Ukraine ."
REPORTED = [
    ("China", 1, "nsubj", "PROPN", "China"),
    ("said", 1, "ROOT", "VERB", "say"),
    ("Russia", 3, "nsubj", "PROPN", "Russia"),
    ("attacked", 1, "ccomp", "VERB", "attack"),
    ("Ukraine", 3, "dobj", "PROPN", "Ukraine"),
    (".", 1, "punct", "PUNCT", "."),
]


def test_active_subject_and_object_paths() -> None:
    doc = make_doc(ACTIVE, ents=["B-GPE", "O", "B-GPE", "O"])
    subject = pair_features(doc[1], doc[0])
    assert {"path=nsubj^", "tlemma=attack", "voice=active", "side=before", "cent=GPE"} <= set(
        subject
    )
    obj = pair_features(doc[1], doc[2])
    assert {"path=dobj^", "side=after", "cdep=dobj", "prep=-", "dist=<=1"} <= set(obj)
    assert "reporter_subject" not in subject


def test_passive_voice_and_agent_preposition() -> None:
    doc = make_doc(PASSIVE)
    agent = pair_features(doc[2], doc[4])
    assert {"voice=passive", "path=pobj^|agent^", "prep=by", "path_lex=pobj^|agent^/by"} <= set(
        agent
    )
    assert "path=nsubjpass^" in pair_features(doc[2], doc[0])


def test_nominal_possessor_and_partner() -> None:
    doc = make_doc(NOMINAL)
    owner = pair_features(doc[2], doc[0])
    assert {"tnoun=noun", "nominal=poss", "tpos=NOUN", "path=poss^"} <= set(owner)
    partner = pair_features(doc[2], doc[4])
    assert {"prep=on", "path=pobj^|prep^", "path_lex=pobj^|prep^/on"} <= set(partner)
    assert "nominal=poss" not in partner


def test_reporter_is_marked_and_path_crosses_the_reporting_verb() -> None:
    doc = make_doc(REPORTED)
    reporter = pair_features(doc[3], doc[0])
    assert reporter["reporter_subject"] == 1.0
    assert {"path=nsubj^|ccompv", "path_lex=nsubj^|ccompv/say"} <= set(reporter)
    assert "reporter_subject" not in pair_features(doc[3], doc[2])


def test_dependency_path_middle_tokens() -> None:
    doc = make_doc(REPORTED)
    steps, middle = dependency_path(doc[4], doc[0])  # Ukraine -> attacked -> said <- China
    assert steps == ["dobj^", "ccomp^", "nsubjv"]
    assert [t.text for t in middle] == ["attacked", "said"]


def test_coordinated_candidate_gets_the_first_conjunct_path() -> None:
    # "Russia and Belarus attacked Ukraine ."
    doc = make_doc(
        [
            ("Russia", 3, "nsubj", "PROPN", "Russia"),
            ("and", 0, "cc", "CCONJ", "and"),
            ("Belarus", 0, "conj", "PROPN", "Belarus"),
            ("attacked", 3, "ROOT", "VERB", "attack"),
            ("Ukraine", 3, "dobj", "PROPN", "Ukraine"),
        ]
    )
    features = pair_features(doc[3], doc[2])
    assert {"coord=conj", "bpath=nsubj^", "bdep=nsubj", "path=conj^|nsubj^"} <= set(features)


def test_candidates_are_nouns_names_pronouns_not_the_trigger() -> None:
    doc = make_doc(NOMINAL)
    assert [t.text for t in candidates(doc[2])] == ["Russia", "Ukraine"]


def test_shipped_model_scores_active_subject_source_and_object_target() -> None:
    model = shipped_model()
    doc = make_doc(ACTIVE, ents=["B-GPE", "O", "B-GPE", "O"])
    scores = model.scores(doc[1])
    source, target = best_roles(scores)
    assert source is not None and source.token.text == "Russia"
    assert target is not None and target.token.text == "Ukraine"
    assert source.source > 0.5 and abs(source.source + source.target + source.none - 1) < 1e-9


def test_shipped_model_sees_through_the_passive() -> None:
    doc = make_doc(PASSIVE, ents=["B-GPE", "O", "O", "O", "B-GPE", "O"])
    source, target = best_roles(shipped_model().scores(doc[2]))
    assert source is not None and source.token.text == "Russia"
    assert target is not None and target.token.text == "Ukraine"


def test_shipped_model_was_trained_from_the_committed_corpus() -> None:
    metadata = shipped_model().metadata
    assert metadata["corpus_sha256"] == hashlib.sha256(CORPUS.read_bytes()).hexdigest()
    assert metadata["features"] == len(shipped_model().softmax.weights)
    assert {"seed", "trained_on", "scores", "design"} <= set(metadata)
    assert MODEL_PATH.stat().st_size < 5_000_000


def test_a_broken_model_file_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "role_model.json"
    path.write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="role model"):
        RoleModel.load(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        RoleModel.load(path)
    assert caught.value.code == "E007"


def test_deep_relation_reads_through_the_voice() -> None:
    active, passive = make_doc(ACTIVE), make_doc(PASSIVE)
    assert deep_relation(active[1], active[0]) == "subj"
    assert deep_relation(active[1], active[2]) == "obj"
    assert deep_relation(passive[2], passive[4]) == "subj"  # the "by" agent
    assert deep_relation(passive[2], passive[0]) == "obj"  # the passive subject
    assert "deep=subj" in pair_features(passive[2], passive[4])


def test_deep_relation_of_an_event_noun_and_its_light_verb() -> None:
    nominal = make_doc(NOMINAL)
    assert deep_relation(nominal[2], nominal[0]) == "poss"
    assert deep_relation(nominal[2], nominal[4]) == "prep:on"
    # "Chile launched an attack on Peru ."
    doc = make_doc(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("launched", 1, "ROOT", "VERB", "launch"),
            ("an", 3, "det", "DET", "an"),
            ("attack", 1, "dobj", "NOUN", "attack"),
            ("on", 3, "prep", "ADP", "on"),
            ("Peru", 4, "pobj", "PROPN", "Peru"),
        ]
    )
    assert deep_relation(doc[3], doc[0]) == "inh:subj"
    assert pair_features(doc[3], doc[0])["gov=VERB:launch"] == 1.0


def test_deep_relation_of_a_relative_clause_antecedent() -> None:
    # "The rebels whom Chad freed left ."
    doc = make_doc(
        [
            ("The", 1, "det", "DET", "the"),
            ("rebels", 5, "nsubj", "NOUN", "rebel"),
            ("whom", 4, "dobj", "PRON", "whom"),
            ("Chad", 4, "nsubj", "PROPN", "Chad"),
            ("freed", 1, "relcl", "VERB", "free"),
            ("left", 5, "ROOT", "VERB", "leave"),
            (".", 5, "punct", "PUNCT", "."),
        ]
    )
    assert deep_relation(doc[4], doc[1]) == "rel:obj"
    assert deep_relation(doc[4], doc[3]) == "subj"
    # "Troops who shelled Goma left ."
    doc = make_doc(
        [
            ("Troops", 4, "nsubj", "NOUN", "troop"),
            ("who", 2, "nsubj", "PRON", "who"),
            ("shelled", 0, "relcl", "VERB", "shell"),
            ("Goma", 2, "dobj", "PROPN", "Goma"),
            ("left", 4, "ROOT", "VERB", "leave"),
        ]
    )
    assert deep_relation(doc[2], doc[0]) == "rel:subj"


def test_a_conjoined_verb_shares_the_subject_not_the_object() -> None:
    # "Peru signed a pact and freed prisoners ."
    doc = make_doc(
        [
            ("Peru", 1, "nsubj", "PROPN", "Peru"),
            ("signed", 1, "ROOT", "VERB", "sign"),
            ("a", 3, "det", "DET", "a"),
            ("pact", 1, "dobj", "NOUN", "pact"),
            ("and", 1, "cc", "CCONJ", "and"),
            ("freed", 1, "conj", "VERB", "free"),
            ("prisoners", 5, "dobj", "NOUN", "prisoner"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    assert deep_relation(doc[5], doc[0]) == "inh:subj"
    assert deep_relation(doc[5], doc[3]) == "-"
    assert deep_relation(doc[5], doc[6]) == "obj"
