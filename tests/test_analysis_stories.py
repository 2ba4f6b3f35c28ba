"""Stories: the pair evidence of `story_score` and the average-linkage grouping, on hand-made
texts (written for these tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eventwire.analysis import ClusterConfig, story_model, story_score
from eventwire.analysis.story_model import FEATURES, load_model, shipped_model, weights_for
from eventwire.analysis.story_score import Evidence, document_terms, stories_of
from eventwire.errors import KnowledgeError

QUAKE_2010 = [
    "A magnitude 8.8 earthquake struck off Maule in central Chile on Saturday, 27 February 2010, "
    "killing hundreds; Michelle Bachelet declared a state of catastrophe.",
    "Chile counted its dead after the 8.8 quake near Maule in February 2010. President Michelle "
    "Bachelet sent troops to Concepcion.",
    "Rescuers in Concepcion searched collapsed buildings after the Maule earthquake of 2010, which "
    "Bachelet called a catastrophe for Chile.",
]
QUAKE_2014 = [
    "A magnitude 8.2 earthquake struck off Iquique in northern Chile on 1 April 2014; Michelle "
    "Bachelet ordered the coast evacuated.",
    "Six died when the 8.2 quake near Iquique shook northern Chile in April 2014, and Bachelet "
    "flew to Arica.",
    "Iquique and Arica cleaned up after the 2014 earthquake; Chile lifted the tsunami warning.",
]
ELECTION = [
    "Voters in Ruritania elected a new parliament on Sunday; turnout was 61 percent.",
    "Ruritania's election commission said turnout in Sunday's parliamentary vote was 61 percent.",
]


def labels(texts: list[str], **config: Any) -> list[int]:
    settings = ClusterConfig(**config)
    terms = [document_terms(t) for t in texts]
    return stories_of(terms, settings.story_weights, settings.story_link)


def groups(texts: list[str], found: list[int]) -> set[frozenset[int]]:
    by: dict[int, set[int]] = {}
    for i, label in enumerate(found):
        by.setdefault(label, set()).add(i)
    return {frozenset(g) for g in by.values()}


def test_document_terms_read_names_figures_and_years() -> None:
    terms = document_terms(QUAKE_2010[0])
    assert terms.years == {"2010"}
    assert "8.8" in terms.figures and "2010" not in terms.figures
    assert {"maule", "chile", "bachelet"} <= set(terms.names)
    assert "magnitude" not in terms.names  # lower case: a word, not a name
    assert "a" not in terms.names  # a capital after a full stop starts a sentence


def test_two_happenings_of_one_kind_are_two_stories() -> None:
    texts = [*QUAKE_2010, *QUAKE_2014, *ELECTION]
    assert groups(texts, labels(texts)) == {
        frozenset({0, 1, 2}),
        frozenset({3, 4, 5}),
        frozenset({6, 7}),
    }


def test_years_on_both_sides_but_none_in_common_count_against() -> None:
    evidence = Evidence.of([document_terms(t) for t in (QUAKE_2010[0], QUAKE_2014[0], "No year.")])
    everyone = np.arange(3)
    _, _, _, shared, apart, _, _ = evidence.features(everyone, everyone)
    assert apart[0, 1] == 1.0 and shared[0, 1] == 0.0
    assert apart[0, 2] == 0.0 and shared[0, 2] == 0.0  # one side names no year: no evidence
    assert shared[0, 0] == 1.0
    weights = shipped_model().weights
    assert weights[3] > 0 > weights[4]  # for, against


def test_a_year_in_both_leads_counts_the_words_again() -> None:
    filler = " ".join(["word"] * story_model.shipped_model().lead_words)
    texts = [
        "Quake of 2013 hits Aceh. Rescuers dig in Aceh.",
        "Aceh quake, 2013: rescuers dig in Aceh.",
        f"Rescuers dig in Aceh. {filler} It was 2013.",  # the year past the lead
    ]
    terms = [document_terms(t) for t in texts]
    assert terms[0].lead_years == {"2013"} and terms[2].lead_years == frozenset()
    assert terms[2].years == {"2013"}
    everyone = np.arange(3)
    features = Evidence.of(terms).features(everyone, everyone)
    assert len(features) == len(FEATURES)
    words, lead_words = features[0], features[FEATURES.index("lead_year_words")]
    assert lead_words[0, 1] == pytest.approx(words[0, 1]) and words[0, 1] > 0
    assert lead_words[0, 2] == 0.0 and words[0, 2] > 0  # a year named later is no lead year


def test_a_shared_lead_year_alone_links_nothing() -> None:
    texts = ["Voters went to the polls in 2013.", "Quake of 2013 hits Aceh."]
    assert len(set(labels(texts))) == 2


def test_the_weights_are_the_configured_ones_when_they_fit_the_model() -> None:
    mine = tuple(float(i) for i in range(len(FEATURES) + 1))
    assert weights_for(mine) == mine
    assert weights_for(()) == shipped_model().weights
    assert weights_for(ClusterConfig().story_weights) == shipped_model().weights
    with pytest.raises(ValueError, match="the model takes"):
        weights_for((1.0, 2.0))


def test_the_model_file_names_every_weight_once(tmp_path: Path) -> None:
    good = story_model.MODEL_PATH.read_text(encoding="utf-8")
    path = tmp_path / "story_model.tsv"
    path.write_text(good + "weight.words\t1\tagain\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="repeated"):
        load_model(path)
    path.write_text(good.replace("weight.names", "weight.nmes"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="nmes"):
        load_model(path)
    assert load_model(story_model.MODEL_PATH) == shipped_model()


def test_one_document_telling_both_happenings_does_not_chain_them() -> None:
    bridge = " ".join([QUAKE_2010[0], QUAKE_2014[0]])
    texts = [*QUAKE_2010, *QUAKE_2014, bridge]
    found = groups(texts, labels(texts))
    assert not any({0, 3} <= g for g in found)  # single linkage would join all seven


def test_blocks_of_rows_give_the_labels_of_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*QUAKE_2010, *QUAKE_2014, *ELECTION]
    whole = labels(texts)
    monkeypatch.setattr(story_score, "ROWS_AT_ONCE", 2)
    assert labels(texts) == whole


def test_a_higher_cut_splits_and_empty_or_single_bins_work() -> None:
    texts = [*QUAKE_2010, *QUAKE_2014]
    assert len(set(labels(texts, story_link=1.0))) == len(texts)
    assert labels([]) == [] and labels(["Only one."]) == [0]
    assert labels(["", ""]) == [0, 1]  # two empty texts are no evidence of one story


def test_the_leads_embeddings_are_evidence_when_the_model_weighs_them() -> None:
    assert shipped_model().embeds  # the shipped model reads the leads' embeddings
    texts = [QUAKE_2010[0], QUAKE_2010[1], ELECTION[0]]
    terms = [document_terms(t) for t in texts]
    assert all(t.lead_embedding is not None for t in terms)
    everyone = np.arange(3)
    lead = Evidence.of(terms).features(everyone, everyone)[FEATURES.index("lead_embedding")]
    assert lead[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert lead[0, 1] > lead[0, 2]  # two quake reports against a quake and an election
    bare = [document_terms(t, embedding=False) for t in texts]
    assert all(t.lead_embedding is None for t in bare)
    unread = Evidence.of(bare).features(everyone, everyone)[FEATURES.index("lead_embedding")]
    assert not unread.any()  # no embedding: no evidence either way


def test_a_model_that_gives_the_embedding_no_weight_does_not_read_it(tmp_path: Path) -> None:
    path = tmp_path / "story_model.tsv"
    text = story_model.MODEL_PATH.read_text(encoding="utf-8").splitlines()
    off = [
        "weight.lead_embedding\t0\toff" if line.startswith("weight.lead_embedding") else line
        for line in text
    ]
    path.write_text("\n".join(off) + "\n", encoding="utf-8")
    assert not load_model(path).embeds and load_model(path).lead_tokens > 0
