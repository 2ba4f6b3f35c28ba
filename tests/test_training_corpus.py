"""The events training corpus: the committed file is what the generator writes, and it is sound."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from training.events import generate
from training.events.corpus import CORPUS, load

TYPES = {
    line.split("\t")[0]
    for line in (Path(__file__).parents[1] / "src/eventwire/data/plover_types.tsv")
    .read_text(encoding="utf-8")
    .splitlines()[1:]
    if line and not line.startswith("#")
}
MODALITIES = {"asserted", "planned", "intended", "threatened", "feared", "hypothetical", "denied"}
MUST_HAVE = {"active", "passive", "nominal", "headline", "wire"}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load("all")


def test_committed_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    generate.write(out)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(CORPUS.read_bytes()).hexdigest()


def test_every_span_is_exact_and_every_field_valid(records: list[dict]) -> None:
    for record in records:
        text = record["text"]
        for event in record["events"]:
            assert event["type"] in TYPES, record["id"]
            assert event["modality"] in MODALITIES, record["id"]
            assert isinstance(event["negated"], bool) and event["cameo"].isdigit()
            for role in ("trigger", "source", "target"):
                span = event[role]
                if span is None:
                    assert role != "trigger", record["id"]
                    continue
                start, end = span
                piece = text[start:end]
                assert 0 <= start < end <= len(text), record["id"]
                assert piece == piece.strip() and piece, (record["id"], role, piece)
                # a span starts and ends on a word boundary
                assert start == 0 or not text[start - 1].isalnum(), (record["id"], role)
                assert end == len(text) or not text[end].isalnum(), (record["id"], role)


def test_counts_and_held_out_split(records: list[dict]) -> None:
    assert len(records) >= 6000
    per_type = Counter(e["type"] for r in records for e in r["events"])
    assert set(per_type) == TYPES
    assert min(per_type.values()) >= 250, per_type
    held = [r for r in records if r["split"] == "heldout"]
    assert len(held) >= 0.15 * len(records)
    train_families = {r["family"] for r in records if r["split"] == "train"}
    assert not train_families & {r["family"] for r in held}
    assert len(load("train")) + len(load("heldout")) == len(records)


def test_every_type_in_every_main_construction(records: list[dict]) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for event in record["events"]:
            seen[event["type"]].add(record["construction"])
    for kind in TYPES:
        assert seen[kind] >= MUST_HAVE, (kind, MUST_HAVE - seen[kind])


def test_hard_negatives_and_no_duplicates(records: list[dict]) -> None:
    negatives = [r for r in records if r["negative"]]
    assert len(negatives) >= 0.10 * len(records)
    assert sum(1 for r in records if not r["events"]) >= 300
    texts = [r["text"] for r in records]
    assert len(texts) == len(set(texts))
    assert len({r["id"] for r in records}) == len(records)


def test_unknown_split_is_refused() -> None:
    with pytest.raises(ValueError, match="split must be one of"):
        load("dev")


def test_listed_families_keep_their_split(records: list[dict]) -> None:
    listed = {row["family"]: row["split"] for row in generate.read_tsv(generate.SPLIT)}
    found = {r["family"]: r["split"] for r in records}
    assert len(listed) >= 600
    assert all(found[f] == s for f, s in listed.items() if f in found)
    new = [f for f in found if f not in listed]
    assert new and any(found[f] == "heldout" for f in new)
