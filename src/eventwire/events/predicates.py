"""Find: the lexicon's predicates in a sentence (pure: reads the parse, changes nothing), with
the type model's word on each (the lexicon's type, another of the word's patterns, a type none
of them gives, or no event at all)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..kb import EventMode, LexiconEntry
from ..model import ActorRef
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
    rule: str = ""  # the note of the rule that made it, where no lexicon pattern did
    content: frozenset[int] = frozenset()  # a rule's: the verbs of the act coded with it

    @property
    def is_verb(self) -> bool:
        return self.match.entry.pos == "VERB"

    def mode(self, modes: Sequence[EventMode]) -> tuple[str, list[str]]:
        """The event's mode ("" for none) and the notes that say what decided its type and mode."""
        entry = self.match.entry
        rule = [self.rule] if self.rule else []
        if self.typed is None:
            return event_mode(self.token, entry.type, entry.cameo, modes)[0], rule
        typed = self.typed
        mode, note = event_mode(
            self.token, entry.type, entry.cameo, modes, typed.model, typed.features
        )
        return mode, [*rule, typed.note(), *([note] if note else [])]


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
    extra: Sequence[Predicate] = (),
) -> Predicates:
    """Every token of the sentence that a lexicon pattern fits, but the token at `skip` (the
    reporting verb: "said" reports, it is no event); with a type `model`, each takes the type
    it decides (`codes`: the CAMEO code of a type the word's patterns do not give). The `extra`
    predicates of rules (`reported_demand`) join them as they are."""
    found = [Predicate(t, m) for t in sent if t.i != skip and (m := lexicon.match(t)) is not None]
    dropped: list[tuple[Token, str]] = []
    if model is not None:
        typed = [typed_predicate(p, lexicon, model, codes or {}) for p in found]
        kept = [p for p in typed if not _no_event(p)]
        # a sentence's only predicate stays, whatever the model says: it is what the news tells
        found = kept or [_kept(p) for p in typed]
        dropped = [(p.token, p.typed.note()) for p in typed if kept and p.typed and _no_event(p)]
    found += extra
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


DEMAND_RULE = "reported-obligation"
_PERFECT = "have"  # "should have stopped", "must have known": a reproach or an inference


def reported_demand(
    verb: Token,
    reporter: AbstractSet[int],
    actors: Mapping[int, ActorRef],
    obligations: AbstractSet[str],
) -> Predicate | None:
    """ "Russia said Ukraine must withdraw": the reporting `verb` as the reporter's demand
    (REQUEST 100) of the subject of its reported clause, where an obligation word is on that
    clause's verb (`obligations`: event_words.tsv) and the subject is an actor (`actors`, by
    token) other than the reporter's side (not "Iran said it must", "we should", "Iran must"
    in the words of an Iranian official). The reporter is its source, the subject its target
    (the roles)."""
    own = [actors[i] for i in reporter if i in actors]
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        word = obligation(clause, obligations)
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if word is None or subject is None or subject.i in reporter:
            continue
        actor = actors.get(subject.i)
        if actor is None or any(_same_side(actor, o) for o in own):
            continue
        entry = LexiconEntry("REQUEST", "100", "VERB", verb.lemma_.lower(), "", "", "")
        note = (
            f"rule {DEMAND_RULE}: '{verb.text}' reports an obligation ('{word}') of "
            f"{subject.text}: the reporter's demand of it (REQUEST 100)"
        )
        return Predicate(verb, Match(entry, None, None), rule=note, content=_chain(clause))
    return None


def _chain(verb: Token) -> frozenset[int]:
    """The verb and the infinitives under it: "has to stop supporting" -> has, stop, supporting."""
    found, stack = set(), [verb]
    while stack:
        token = stack.pop()
        found.add(token.i)
        stack.extend(c for c in token.children if c.dep_ == "xcomp")
    return frozenset(found)


def _same_side(actor: ActorRef, other: ActorRef) -> bool:
    """One state's actors of one sector ("the Iranian president said Iran must"); rebels are
    not their government ("Rwandan rebels said President Kagame must")."""
    if actor.country is None or actor.country != other.country:
        return False
    return actor.sector is None or other.sector is None or actor.sector == other.sector


def obligation(clause: Token, words: AbstractSet[str]) -> str | None:
    """The obligation word of `words` on a clause's verb: an auxiliary ("must stop"), or the
    verb or an auxiliary with a "to" infinitive ("has to stop", "ought to stop"); none on a
    perfect ("should have stopped")."""
    auxes = [c.lemma_.lower() for c in clause.children if c.dep_ == "aux" and c.i < clause.i]
    if _PERFECT in auxes:
        return None
    infinitive = "to" in auxes or any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in clause.children
    )
    heads = [*auxes, clause.lemma_.lower()] if infinitive else []
    found = [a for a in auxes if a in words] + [f"{h} to" for h in heads if f"{h} to" in words]
    return found[0] if found else None
