"""Find: the lexicon's predicates in a sentence (pure: reads the parse, changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicon import Lexicon, Match


@dataclass(frozen=True)
class Predicate:
    token: Token
    match: Match

    @property
    def is_verb(self) -> bool:
        return self.match.entry.pos == "VERB"


@dataclass(frozen=True)
class Predicates:
    """A sentence's predicates, verbs first (an event noun may be part of a coded verb's phrase),
    with the token sets the roles and checks consult."""

    items: tuple[Predicate, ...]
    light_objects: frozenset[int]  # "held talks": 'talks' is part of the verb's phrase
    verbs: frozenset[int]
    nouns: frozenset[int]


def find_predicates(sent: Span, lexicon: Lexicon, skip: int | None = None) -> Predicates:
    """Every token of the sentence that a lexicon pattern fits, but the token at `skip` (the
    reporting verb: "said" reports, it is no event)."""
    found = [Predicate(t, m) for t in sent if t.i != skip and (m := lexicon.match(t)) is not None]
    found.sort(key=lambda p: not p.is_verb)
    return Predicates(
        tuple(found),
        frozenset(p.match.object_token.i for p in found if p.match.object_token is not None),
        frozenset(p.token.i for p in found if p.is_verb),
        frozenset(p.token.i for p in found if p.match.entry.pos == "NOUN"),
    )
