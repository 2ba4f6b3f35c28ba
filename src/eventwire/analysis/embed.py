"""Sentence embeddings without torch: a static model (`data/story_embedding.npz`, one vector per
WordPiece token of all-MiniLM-L6-v2, distilled by model2vec with `training/embeddings/distill.py`;
what it came from, its licence and its hash in `data/story_embedding.json`). A text's embedding
is the mean of its tokens' vectors at unit length, so the cosine of two texts is a dot product.
Only NumPy is needed: the tokenizer is BERT's uncased WordPiece, written out here (lower case,
accents stripped, punctuation split off, the longest piece of the vocabulary first)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from ..errors import KnowledgeError
from ..kb.tables import data_path

VECTORS_PATH = data_path("story_embedding.npz")
METADATA_PATH = data_path("story_embedding.json")
MAX_WORD = 100  # longer words are one unknown token (as in BERT)
# BERT's whitespace: space, tab, line breaks and the other space separators (Zs)
_SPACE = re.compile("[ \t\n\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
MAX_TOKENS = 512  # tokens read per text (the lead and what follows it; as model2vec's default)


@dataclass(frozen=True)
class StaticEmbedding:
    vocabulary: dict[str, int]  # WordPiece token -> row
    vectors: np.ndarray  # float16 as stored, a row per token
    unknown: int | None  # the row of [UNK], left out of the mean

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def metadata() -> dict[str, object]:
    """The shipped embedding's metadata (source model, licence, settings, `sha256` of the npz)."""
    found: dict[str, object] = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
    return found


def load(path: Path) -> StaticEmbedding:
    with np.load(path, allow_pickle=False) as stored:
        tokens = bytes(stored["tokens"]).decode("utf-8").split("\n")  # one a line
        vectors = np.asarray(stored["vectors"], dtype=np.float16)
    if len(tokens) != len(vectors):
        raise KnowledgeError(f"{path.name}: {len(tokens)} tokens but {len(vectors)} vectors")
    vocabulary = {token: row for row, token in enumerate(tokens)}
    return StaticEmbedding(vocabulary, vectors, vocabulary.get("[UNK]"))


@cache
def shipped() -> StaticEmbedding:
    return load(VECTORS_PATH)


def _is_punctuation(char: str) -> bool:
    cp = ord(char)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _normalise(text: str) -> str:
    """BERT's uncased normaliser: control characters dropped, whitespace as spaces, CJK
    characters apart, lower case, accents stripped."""
    out = []
    for char in text:
        cp = ord(char)
        if cp == 0 or cp == 0xFFFD:
            continue
        category = unicodedata.category(char)
        if char in "\t\n\r" or category == "Zs":
            out.append(" ")
        elif category.startswith("C"):
            continue
        elif _is_cjk(cp):
            out.append(f" {char} ")
        else:
            out.append(char)
    folded = unicodedata.normalize("NFD", "".join(out).lower())
    return "".join(c for c in folded if unicodedata.category(c) != "Mn")


def _punctuation_apart(chunk: str) -> Iterator[str]:
    current = ""
    for char in chunk:
        if _is_punctuation(char):
            if current:
                yield current
            yield char
            current = ""
        else:
            current += char
    if current:
        yield current


def words(text: str) -> Iterator[str]:
    """BERT's pre-tokenisation: split at whitespace, each punctuation mark a word of its own
    (lazily: reading a lead normalises no more of the text than the lead)."""
    for chunk in _SPACE.split(text):
        for part in _normalise(chunk).split():
            yield from _punctuation_apart(part)


@lru_cache(maxsize=200_000)
def _pieces(word: str) -> tuple[int, ...]:
    """The rows of a word's WordPiece tokens, longest first; the unknown token when a part of
    the word is in no piece."""
    model = shipped()
    vocabulary, unknown = model.vocabulary, () if model.unknown is None else (model.unknown,)
    if len(word) > MAX_WORD:
        return unknown
    rows: list[int] = []
    start = 0
    while start < len(word):
        end, row = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            row = vocabulary.get(piece)
            if row is not None:
                break
            end -= 1
        if row is None:
            return unknown
        rows.append(row)
        start = end
    return tuple(rows)


def token_rows(text: str | None, most: int = MAX_TOKENS) -> list[int]:
    """The vocabulary rows of the first `most` tokens of `text`."""
    rows: list[int] = []
    for word in words(text or ""):
        rows.extend(_pieces(word))
        if len(rows) >= most:
            break
    return rows[:most]


def embed(texts: Sequence[str | None], most: int = MAX_TOKENS) -> np.ndarray:
    """A unit-length row per text, from its first `most` tokens (zeros for a text with no
    known token)."""
    model = shipped()
    found = np.zeros((len(texts), model.dimensions), dtype=np.float32)
    for i, text in enumerate(texts):
        rows = [r for r in token_rows(text, most) if r != model.unknown]
        if rows:
            mean = model.vectors[rows].mean(axis=0, dtype=np.float32)
            norm = float(np.linalg.norm(mean))
            found[i] = mean / norm if norm else 0.0
    return found
