"""Long documents: parsed in pieces that join back to the text, coded with the text's offsets,
and never refused for being over spaCy's length limit."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from eventwire import nlp as nlp_module
from eventwire.ingest import make_document
from eventwire.pipeline import Coder

PARAGRAPH = (
    "Iran and Russia signed a defence agreement in Moscow on Monday. "
    "Protesters marched through Tehran.\n\n"
)


def test_chunks_join_back_to_the_text_and_cut_at_paragraphs() -> None:
    text = PARAGRAPH * 50
    pieces = nlp_module.chunks(text, size=1_000)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(len(p) <= 1_000 + 2 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # a paragraph break, not mid-sentence


def test_chunks_of_text_without_breaks_still_join_back() -> None:
    text = "word " * 1_000 + "x" * 3_000
    pieces = nlp_module.chunks(text, size=500)
    assert "".join(pieces) == text
    assert max(len(p) for p in pieces) <= 500


def test_text_and_entities_are_read_once_per_document(nlp: Language) -> None:
    doc = nlp("Iran signed a deal with Russia.")
    assert nlp_module.text_of(doc) is nlp_module.text_of(doc)
    assert nlp_module.entities(doc) == tuple(doc.ents)
    assert nlp_module.sentence_starts(doc) == [s.start for s in doc.sents]


@pytest.mark.model
def test_a_text_over_the_length_limit_is_coded_in_pieces(
    coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = PARAGRAPH * 40  # about 4,000 characters
    day = dt.date(2023, 1, 2)
    alone = next(coder.code_documents([make_document(PARAGRAPH, published_at=day)])).events
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 1_000)
    monkeypatch.setattr(coder.nlp, "max_length", 2_000)  # spaCy refuses longer texts whole
    coded = next(coder.code_documents([make_document(text, published_at=day)]))
    assert alone
    assert [e.type for e in coded.events] == [e.type for e in alone] * 40
    last = coded.events[-1]
    assert text[last.trigger.start : last.trigger.end] == last.trigger.text
    assert last.evidence.text in text


def test_starting_in_is_the_filter_it_replaces(nlp: Language) -> None:
    from eventwire.model import Mention

    doc = nlp("Talks began in Oslo. Troops left Kabul. Rain fell in Lima.")
    # out of order on purpose: the answer keeps the list's own order, as a filter would
    spans = [(34, 39), (15, 19), (0, 5), (52, 56), (21, 27), (15, 20)]
    items = [Mention(text=doc.text[a:b], start=a, end=b) for a, b in spans]
    for lo, hi in [(0, 20), (20, 40), (15, 16), (40, 60), (60, 70), (0, 100)]:
        expected = [m for m in items if lo <= m.start < hi]
        assert nlp_module.starting_in(doc, items, lo, hi) == expected
    items.append(Mention(text="Rain", start=40, end=44))  # a changed list is indexed again
    assert [m.text for m in nlp_module.starting_in(doc, items, 40, 41)] == ["Rain"]


def test_a_sentence_context_memo_builds_a_value_once() -> None:
    from eventwire.events.sentence import SentenceContext

    shared: dict[str, object] = {}
    calls: list[int] = []
    contexts = []
    for _ in range(3):
        ctx = SentenceContext(None, None, 0, None, {}, None, None, [], [], [])  # type: ignore[arg-type]
        ctx.memo = shared
        contexts.append(ctx)
    values = [c.once("setting", lambda: calls.append(1) or "IRN") for c in contexts]
    assert values == ["IRN"] * 3
    assert calls == [1]


def test_a_pronoun_takes_the_nearest_earlier_group_that_fits(nlp: Language) -> None:
    from eventwire.events.naming import resolve_pronoun
    from eventwire.model import ActorRef

    doc = nlp("Chile and Peru met. Bolivia spoke. Then it and they left.")

    def ref(name: str, start: int, kind: str = "state") -> ActorRef:
        return ActorRef(
            tokens=(0,), head=0, start=start, end=start + len(name), name=name, kind=kind
        )

    chile, peru, bolivia = ref("Chile", 0), ref("Peru", 10), ref("Bolivia", 20)
    later = ref("Ecuador", 50)  # named after the pronouns: no antecedent of theirs
    groups = [[chile, peru], [bolivia], [later]]
    it = next(t for t in doc if t.lower_ == "it")
    they = next(t for t in doc if t.lower_ == "they")
    assert resolve_pronoun(it, groups) == [bolivia]
    assert resolve_pronoun(they, groups) == [bolivia]
    assert resolve_pronoun(it, [[chile, peru], [later]]) == []
