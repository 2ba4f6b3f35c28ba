"""What the coder knows while coding one sentence, and the trace that `explain` reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Doc, Span

from ..model import (
    ActorRef,
    Attribution,
    DateMention,
    Document,
    PlaceMention,
    QuantityMention,
)
from .attribution import Reporter

T = TypeVar("T")


@dataclass
class SentenceContext:
    doc: Doc
    document: Document
    index_of_sentence: int
    sent: Span
    index: dict[int, ActorRef]
    reporter: Reporter | None
    lead: Reporter | None
    places: list[PlaceMention]
    dates: list[DateMention]
    quantities: list[QuantityMention]
    event_nouns: frozenset[int] = frozenset()  # the sentence's event-noun triggers
    trace: list[str] | None = None  # why triggers gave no event (filled for `explain`)
    # shared by all the sentences of one document (the coder passes the same dict to each)
    memo: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, build: Callable[[], T]) -> T:
        """A value of the whole document, built on the first call and kept in `memo`: a
        document-wide figure read per event (the document's setting) would otherwise make
        coding quadratic in the document's length."""
        if key not in self.memo:
            self.memo[key] = build()
        value: T = self.memo[key]
        return value

    def reject(self, trigger: str, reason: str) -> None:
        if self.trace is not None:
            self.trace.append(f"'{trigger}': {reason}")

    def attribution(self) -> Attribution | None:
        """The sentence's reporter, else the article's lead claim, else none (the article's
        own voice)."""
        if self.reporter is not None:
            return self.reporter.attribution
        if self.lead is not None:
            return self.lead.attribution.model_copy(update={"scope": "document"})
        return None
