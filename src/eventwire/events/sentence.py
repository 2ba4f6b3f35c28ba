"""What the coder knows while coding one sentence, and the trace that `explain` reads."""

from __future__ import annotations

from dataclasses import dataclass

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
