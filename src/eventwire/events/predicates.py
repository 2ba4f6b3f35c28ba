"""Find: the lexicon's predicates in a sentence (pure: reads the parse, changes nothing), with
the type model's word on each (the lexicon's type, another of the word's patterns, a type none
of them gives, or no event at all)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..kb import EventMode
from .lexicon import Lexicon, Match
from .modes import clause_lemmas, event_mode
from .type_model import NONE, Decision, TypeModel, TypeScores, decide, trigger_features


@dataclass(frozen=True)
class TypeCall:
    """What the type model said of a predicate: its decision, its scores of every type, the
    features it read (the mode model reads them too) and the lexicon's own first pattern."""

    decision: Decision
    scores: TypeScores
    features: dict[str, float]
    lexicon: Match
    model: TypeModel

    def note(self) -> str:
        pattern = self.lexicon.entry
        how = {
            "lexicon": f"agrees with the pattern's {pattern.type}",
            "switch": f"prefers another pattern of the word to {pattern.type}",
            "overrule": f"overrules the pattern's {pattern.type}",
            "no event": "finds no event",
            "kept": "finds no event, but it is the sentence's only predicate,",
        }[self.decision.how]
        return (
            f"type {self.decision.type}: the type model {how} "
            f"(p={self.decision.probability:.2f}; {self.scores.summary()})"
        )


@dataclass(frozen=True)
class Predicate:
    token: Token
    match: Match
    typed: TypeCall | None = None  # None: the type model is off

    @property
    def is_verb(self) -> bool:
        return self.match.entry.pos == "VERB"

    def mode(self, modes: Sequence[EventMode]) -> tuple[str, list[str]]:
        """The event's mode ("" for none) and the notes that say what decided its type and mode."""
        entry = self.match.entry
        if self.typed is None:
            return event_mode(self.token, entry.type, entry.cameo, modes)[0], []
        typed = self.typed
        mode, note = event_mode(
            self.token, entry.type, entry.cameo, modes, typed.model, typed.features
        )
        return mode, [typed.note(), *([note] if note else [])]


@dataclass(frozen=True)
class Predicates:
    """A sentence's predicates, verbs first (an event noun may be part of a coded verb's phrase),
    with the token sets the roles and checks consult, and the words the type model found no
    event in (with its reason)."""

    items: tuple[Predicate, ...]
    light_objects: frozenset[int]  # "held talks": 'talks' is part of the verb's phrase
    verbs: frozenset[int]
    nouns: frozenset[int]
    dropped: tuple[tuple[Token, str], ...] = ()


def find_predicates(
    sent: Span,
    lexicon: Lexicon,
    skip: int | None = None,
    model: TypeModel | None = None,
    codes: Mapping[str, str] | None = None,
) -> Predicates:
    """Every token of the sentence that a lexicon pattern fits, but the token at `skip` (the
    reporting verb: "said" reports, it is no event); with a type `model`, each takes the type
    it decides (`codes`: the CAMEO code of a type the word's patterns do not give)."""
    found = [Predicate(t, m) for t in sent if t.i != skip and (m := lexicon.match(t)) is not None]
    dropped: list[tuple[Token, str]] = []
    if model is not None:
        typed = [typed_predicate(p, lexicon, model, codes or {}) for p in found]
        kept = [p for p in typed if not _no_event(p)]
        # a sentence's only predicate stays, whatever the model says: it is what the news tells
        found = kept or [_kept(p) for p in typed]
        dropped = [(p.token, p.typed.note()) for p in typed if kept and p.typed and _no_event(p)]
    found.sort(key=lambda p: not p.is_verb)
    return Predicates(
        tuple(found),
        frozenset(p.match.object_token.i for p in found if p.match.object_token is not None),
        frozenset(p.token.i for p in found if p.is_verb),
        frozenset(p.token.i for p in found if p.match.entry.pos == "NOUN"),
        tuple(dropped),
    )


def _no_event(pred: Predicate) -> bool:
    return pred.typed is not None and pred.typed.decision.type == NONE


def _kept(pred: Predicate) -> Predicate:
    """A predicate the model finds no event in, kept with the lexicon's type."""
    if pred.typed is None or not _no_event(pred):
        return pred
    kind = pred.match.entry.type
    decision = Decision(kind, pred.typed.scores.of(kind), "kept")
    return replace(pred, typed=replace(pred.typed, decision=decision))


def typed_predicate(
    pred: Predicate, lexicon: Lexicon, model: TypeModel, codes: Mapping[str, str]
) -> Predicate:
    """The predicate with the type the model decides: the most specific fitting pattern of that
    type, or (a type no pattern of the word gives) the lexicon's pattern with the type's code."""
    token, first = pred.token, pred.match
    features = trigger_features(token, lexicon, first, clause_lemmas(token))
    scores = model.type_scores(features)
    fitting = {e.type for e, why in lexicon.candidates(token) if why is None}
    decision = decide(scores, first.entry.type, fitting, first.specificity > 0, model.limits)
    match = first
    if decision.how == "switch":
        match = lexicon.match(token, types={decision.type}) or first
    elif decision.how == "overrule" and decision.type in codes:
        entry = replace(first.entry, type=decision.type, cameo=codes[decision.type])
        match = Match(entry, first.object_token, first.particle_token)
    return Predicate(token, match, TypeCall(decision, scores, features, first, model))
