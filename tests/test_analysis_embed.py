"""The shipped static embedding (`analysis.embed`, `data/story_embedding.npz`): its metadata
names its source, licence and hash; the tokenizer is BERT's uncased WordPiece; like texts lie
nearer than unrelated ones (texts written for these tests)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from eventwire.analysis import embed
from eventwire.errors import KnowledgeError


def test_the_metadata_gives_source_licence_and_the_files_hash() -> None:
    meta = embed.metadata()
    assert meta["sha256"] == embed.file_hash(embed.VECTORS_PATH)
    assert meta["file"] == embed.VECTORS_PATH.name
    assert "all-MiniLM-L6-v2" in str(meta["source"]) and "model2vec" in str(meta["source"])
    assert str(meta["licence"]).startswith("Apache-2.0")
    model = embed.shipped()
    assert meta["tokens"] == len(model.vocabulary) == len(model.vectors)
    assert meta["pca_dims"] == model.dimensions
    assert embed.VECTORS_PATH.stat().st_size <= 10_000_000  # small enough to ship


def test_like_texts_score_higher_than_unrelated_ones() -> None:
    quake, temblor, vote, recipe = embed.embed(
        [
            "A strong earthquake struck the coast, destroying buildings and killing dozens.",
            "Dozens died when a powerful quake shook the coastal towns and toppled houses.",
            "Voters elected a new parliament on Sunday after a tight campaign.",
            "Whisk the eggs with sugar, then fold in the flour and bake for twenty minutes.",
        ]
    )
    assert np.linalg.norm(quake) == pytest.approx(1.0, abs=1e-5)
    assert quake @ temblor > 0.5
    assert quake @ temblor > quake @ vote + 0.2
    assert quake @ temblor > quake @ recipe + 0.2


def test_a_text_with_no_token_embeds_as_zeros() -> None:
    assert not embed.embed(["", None, "   "]).any()


def test_the_tokenizer_is_berts_uncased_wordpiece() -> None:
    assert list(embed.words("Café U.S.-led, naïve")) == [
        "cafe",
        "u",
        ".",
        "s",
        ".",
        "-",
        "led",
        ",",
        "naive",
    ]
    model = embed.shipped()
    pieces = embed._pieces("peacekeepers")
    back = {row: token for token, row in model.vocabulary.items()}
    assert len(pieces) > 1 and back[pieces[0]] == "peace"
    assert "".join(back[r].removeprefix("##") for r in pieces) == "peacekeepers"
    assert embed._pieces("x" * (embed.MAX_WORD + 1)) == (model.unknown,)
    assert len(embed.token_rows("word " * 600)) == embed.MAX_TOKENS
    assert len(embed.token_rows("word " * 600, 32)) == 32


def test_a_file_with_fewer_vectors_than_tokens_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    tokens = np.frombuffer(b"a\nb\nc", dtype=np.uint8)
    np.savez(path, tokens=tokens, vectors=np.zeros((2, 4), dtype=np.float16))
    with pytest.raises(KnowledgeError, match="3 tokens but 2 vectors"):
        embed.load(path)
