"""Roles: who is the source and who the target of a predicate, from its parse arguments and the
actors the tokens name. Returns a new `RoleAssignment`; the arguments are not changed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..kb import PloverType
from .dyads import Resolved, SentenceState, split_forces, topic_country
from .naming import PRONOUNS, Demonyms, actors_at, possessive_pronoun, resolve_pronoun
from .predicates import Predicate, Predicates
from .roles import Arguments, noun_arguments, verb_arguments
from .sentence import SentenceContext

AGENT_NOTE = "actor is the agent of an event noun"


@dataclass(frozen=True)
class RoleAssignment:
    sources: tuple[Resolved, ...]
    targets: tuple[Resolved, ...]
    objects: tuple[Token, ...]  # direct objects, actors or not ("meet a challenge")
    notes: tuple[str, ...] = ()
    direct_source: bool = True  # the predicate's own subject, not a governing clause's


def arguments(pred: Predicate, kind: PloverType, predicates: Predicates) -> Arguments:
    """The parse arguments of a verb or an event noun."""
    if pred.is_verb:
        return verb_arguments(
            pred.token, pred.match.object_token, pred.match.particle_token, kind.partner_preps
        )
    return noun_arguments(pred.token, predicates.verbs)


class Resolver:
    """Tokens -> the actors they name: named actors, pronouns, possessive pronouns."""

    def __init__(self, demonyms: Demonyms, ctx: SentenceContext, state: SentenceState) -> None:
        self.demonyms, self.ctx, self.state = demonyms, ctx, state

    def __call__(self, tokens: list[Token]) -> list[Resolved]:
        found: list[Resolved] = []
        reporter = self.ctx.reporter.tokens if self.ctx.reporter else frozenset()
        for token in tokens:
            if token.i in reporter:
                continue
            if token.lower_ in PRONOUNS:
                found += self._pronoun(token)
            elif named := actors_at(token, self.ctx.index, self.demonyms):
                # "rejected an Indian proposal": the agent of an event noun, not the noun itself
                agent = token.i in self.ctx.event_nouns and token.i not in self.ctx.index
                found += [Resolved(hit, token, [AGENT_NOTE] if agent else []) for hit in named]
            elif (pronoun := possessive_pronoun(token)) is not None:
                found += self._pronoun(pronoun)
        return list({id(r.hit): r for r in found}.values())

    def _pronoun(self, token: Token) -> list[Resolved]:
        return [
            Resolved(h, token, ["pronoun resolved"])
            for h in resolve_pronoun(token, self.state.groups)
        ]


def assign_roles(
    pred: Predicate, kind: PloverType, args: Arguments, resolve: Resolver
) -> tuple[RoleAssignment, list[str]]:
    """The predicate's sources and targets, and the notes on forces split off its targets."""
    notes = list(args.notes)
    sources, direct = resolve(args.sources), True
    if not sources and args.fallback_sources:
        sources = resolve(args.fallback_sources)
        direct = False
        notes += ["source from governing clause"] if sources else []
    targets = resolve(args.targets)
    if not targets and "clause_target" in kind.properties:  # "demanded that the US leave"
        targets = resolve(args.clause_subjects)
    if not targets and "complement_target" in kind.properties:  # "offered to meet Armenia"
        targets = resolve(args.complement_targets)
    moves_forces = "moves_forces" in kind.properties
    if any(r.hit.country for r in targets) and not moves_forces:
        targets = [r for r in targets if r.hit.country]  # "ceded villages to Azerbaijan"
    extra: list[str] = []
    if moves_forces:
        sources, targets, extra = split_forces(sources, targets)
    sources = with_topic(sources, resolve.state)
    roles = RoleAssignment(
        tuple(sources), tuple(targets), tuple(args.objects), tuple(notes), direct
    )
    return roles, extra


def with_topic(sources: list[Resolved], state: SentenceState) -> list[Resolved]:
    """A role with no country ("new recruits") takes the country the paragraph is about, when
    no other source names one."""
    if any(r.hit.country for r in sources):
        return sources
    topic = topic_country(state)
    if not topic:
        return sources
    return [
        replace(r, country=topic, notes=[*r.notes, "country from the paragraph's topic"])
        if r.hit.country is None and r.hit.kind in {"role", "role_person"}
        else r
        for r in sources
    ]
