"""A phrase index over token sequences: what spaCy's `PhraseMatcher` does for us, but built from
token tuples that are cached on disk, so a process starts without tokenising 12,000 names.

Patterns are tokenised once with the pipeline's own tokenizer (so "the U.S." splits as it does
in text); the token tuples are cached under a fingerprint of the phrases and the pipeline, and
matching looks up each run of tokens in a dict, pruned by a set of prefixes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..cache import cache_dir, cached, fingerprint

FORMAT = 1


class PhraseIndex:
    """Token-tuple patterns -> their keys; `lower` compares lower-cased tokens."""

    def __init__(self, lower: bool = False) -> None:
        self.lower = lower
        self.patterns: dict[tuple[str, ...], list[str]] = {}
        self.prefixes: set[tuple[str, ...]] = set()
        self.longest = 0

    def add(self, key: str, tokens: Sequence[str]) -> None:
        words = tuple(t.lower() for t in tokens) if self.lower else tuple(tokens)
        if not words:
            return
        self.patterns.setdefault(words, []).append(key)
        self.prefixes.update(words[:n] for n in range(1, len(words)))
        self.longest = max(self.longest, len(words))

    def __call__(self, doc: Doc) -> Iterator[tuple[str, int, int]]:
        """(key, start, end) for every pattern occurrence, overlaps included."""
        words = [t.lower_ if self.lower else t.text for t in doc]
        patterns, prefixes = self.patterns, self.prefixes
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + self.longest) + 1):
                run = tuple(words[start:end])
                for key in patterns.get(run, ()):
                    yield key, start, end
                if run not in prefixes:
                    break


def pipeline_id(nlp: Language) -> str:
    """The pipeline and spaCy version that tokenised something (part of cache keys)."""
    meta = nlp.meta
    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:  # pragma: no cover - spaCy from a source tree
        spacy_version = "unknown"
    return f"{meta.get('name')}-{meta.get('version')}-{spacy_version}"


def tokenise_phrases(nlp: Language, phrases: list[str]) -> list[tuple[str, ...]]:
    """The pipeline's tokens of each phrase, from the cache when the same phrases were
    tokenised by the same pipeline before."""
    key = fingerprint([pipeline_id(nlp), str(FORMAT), *phrases])
    tokenizer: Any = nlp.tokenizer  # a Tokenizer, typed by spaCy as a plain callable

    def build() -> list[tuple[str, ...]]:
        return [tuple(t.text for t in doc) for doc in tokenizer.pipe(phrases)]

    return cached(cache_dir() / f"actor-phrases-{key}.pickle", build)
