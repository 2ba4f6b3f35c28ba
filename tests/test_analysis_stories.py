"""Stories: the pair evidence of `story_score` and the average-linkage grouping, on hand-made
texts (written for these tests)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from eventwire.analysis import ClusterConfig, story_score
from eventwire.analysis.story_score import Evidence, document_terms, stories_of

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
    _, _, _, shared, apart = evidence.features(everyone, everyone)
    assert apart[0, 1] == 1.0 and shared[0, 1] == 0.0
    assert apart[0, 2] == 0.0 and shared[0, 2] == 0.0  # one side names no year: no evidence
    assert shared[0, 0] == 1.0
    weights = ClusterConfig().story_weights
    assert weights[3] > 0 > weights[4]  # for, against


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
