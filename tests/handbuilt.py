"""Hand-built spaCy `Doc`s and actors for rule tests that need no parser model: the parse is
written out, so a test says exactly which construction it is about."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.model import ActorRef

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case), no model
Row = tuple[str, int, str, str, str]  # word, head index, dependency, POS, lemma


def parse(rows: list[Row]) -> Doc:
    """A parse from (word, head index, dep, POS, lemma) rows."""
    words, heads, deps, pos, lemmas = (list(col) for col in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def actor_ref(
    doc: Doc, i: int, country: str | None, sector: str | None = "GOV", kind: str = "country"
) -> ActorRef:
    """The actor the actors stage would hand on for the one word `doc[i]`."""
    token = doc[i]
    return ActorRef(
        tokens=(i,),
        head=i,
        start=token.idx,
        end=token.idx + len(token),
        name=token.text,
        country=country,
        sector=sector,
        kind=kind,
    )
