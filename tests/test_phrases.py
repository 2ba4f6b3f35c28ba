"""The cached phrase index matches what spaCy's tokenizer and PhraseMatcher would."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from eventwire.actors.phrases import PhraseIndex, tokenise_phrases

pytestmark = pytest.mark.model

PHRASES = ["the U.S.", "Islamic Revolutionary Guard Corps", "IRGC", "Iran", "Revolutionary Guard"]
TEXT = "The IRGC and the U.S. met; Iran's Islamic Revolutionary Guard Corps said so."


def test_index_finds_what_the_phrase_matcher_finds(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    index = PhraseIndex()
    matcher = PhraseMatcher(nlp.vocab)
    for phrase, tokens in zip(PHRASES, tokenise_phrases(nlp, PHRASES), strict=True):
        index.add(phrase, tokens)
        matcher.add(phrase, [nlp.make_doc(phrase)])
    doc = nlp.make_doc(TEXT)
    expected = {(nlp.vocab.strings[m], s, e) for m, s, e in matcher(doc)}
    assert set(index(doc)) == expected
    assert ("Revolutionary Guard", 10, 12) in expected  # overlaps are kept, as PhraseMatcher does


def test_tokens_come_back_from_the_cache(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    first = tokenise_phrases(nlp, PHRASES)
    assert len(list(tmp_path.glob("actor-phrases-*.pickle"))) == 1
    assert tokenise_phrases(nlp, PHRASES) == first
    assert tokenise_phrases(nlp, [*PHRASES, "Hamas"])[-1] == ("Hamas",)
    assert len(list(tmp_path.glob("actor-phrases-*.pickle"))) == 2


def test_lower_index_ignores_case(nlp: Language) -> None:
    index = PhraseIndex(lower=True)
    index.add("role", ("Foreign", "Minister"))
    assert list(index(nlp.make_doc("the foreign minister spoke"))) == [("role", 1, 3)]
