"""Which actors a role's words name, for the role assignment: named actors, pronouns, possessive
pronouns, and a bare definite description of the reporter's own side ("the government")."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import INFERRED_COUNTRY_RULES, LENT_COUNTRY_RULES, ActorRef
from .dyads import Resolved, SentenceState
from .naming import PRONOUNS, Demonyms, actors_at, possessive_pronoun, resolve_pronoun
from .roles import SUBJECT_DEPS, acts_as
from .sentence import SentenceContext

AGENT_NOTE = "actor is the agent of an event noun"
SPEAKER_NOTE = "actor: the reporter's own side ('said the government had')"
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
# not "it": an object "it" is more often a thing ("Belarus denied it") than a state
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
_GOVERNMENT = "GOV"
_STATE_SECTORS = frozenset({"GOV", "ELI", "MIL", "COP", "SPY", "JUD", "LEG"})
_NAMING_DEPS = frozenset(
    {"amod", "compound", "poss", "nmod", "nummod", "prep", "appos", "acl", "relcl"}
)
_PLURAL = frozenset({"NNS", "NNPS"})
_CLAUSES = frozenset({"relcl", "acl"})  # clauses on a noun: "the coalition conducting strikes"


class Resolver:
    """Tokens -> the actors they name: named actors, pronouns, possessive pronouns."""

    def __init__(self, demonyms: Demonyms, ctx: SentenceContext, state: SentenceState) -> None:
        self.demonyms, self.ctx, self.state = demonyms, ctx, state

    def __call__(self, tokens: list[Token], reporter_acts: bool = False) -> list[Resolved]:
        """The actors `tokens` name; the reporter's words name none, unless the event is the
        reporter's own act (`reporter_acts`: "X said ..., accusing Y")."""
        found: list[Resolved] = []
        reporter = self.ctx.reporter.tokens if self.ctx.reporter else frozenset()
        reporter = frozenset() if reporter_acts else reporter
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

    def reporter_acts(self, token: Token, speech: bool) -> bool:
        """The trigger is an act of the sentence's reporter: "X said ..., accusing Y", "X
        announced a suspension of ties"; a `speech` act also where the parser hung it off the
        reported clause."""
        verb = self.ctx.reporter.verb if self.ctx.reporter else None
        if verb is None:
            return False
        announced = token.dep_ == "dobj" and token.head.i == verb.i  # "announced a suspension"
        return announced or acts_as(token, verb, through_report=speech) or self._told_of(token)

    def _told_of(self, token: Token) -> bool:
        """The trigger is in a clause on the reporter's own words, which tells of the reporter's
        act: "the coalition conducting air strikes against X said", "the UN, which delivered
        aid to X, said"."""
        reporter = self.ctx.reporter
        clause = next((a for a in [token, *token.ancestors] if a.dep_ in _CLAUSES), None)
        return reporter is not None and clause is not None and clause.head.i in reporter.tokens

    def speakers(self, found: list[Resolved]) -> list[Resolved]:
        """A bare definite description of the reporter's own state or sector is the reporter's
        side, named by the reporter ("X, the Somali president, said the country had lent",
        "... said the government had called up reservists")."""
        reporter = self.ctx.reporter.tokens if self.ctx.reporter else frozenset()
        own = [h for i in sorted(reporter) if (h := self.ctx.index.get(i)) and _named_state(h)]
        if not own:
            return found
        return [
            Resolved(own[0], r.token, [*r.notes, SPEAKER_NOTE])
            if _bare_definite(r.token) and _of_side(r.hit, own[0])
            else r
            for r in found
        ]

    def is_report(self, token: Token) -> bool:
        """The trigger is the reporting verb itself, coded as an event ("X said Y must"), or an
        act a relative clause on the reporter's words tells of ("the UN, which delivered aid
        to X, said"): the reporter's own acts, whose words name their source."""
        reporter = self.ctx.reporter
        if reporter is None:
            return False
        if reporter.verb is not None and reporter.verb.i == token.i:
            return True
        clause = next((a for a in [token, *token.ancestors] if a.dep_ == "relcl"), None)
        return clause is not None and clause.head.i in reporter.tokens

    def _pronoun(self, token: Token) -> list[Resolved]:
        groups = self.state.groups
        if subject := self._clause_subject(token):  # "he urged them": not his own group
            taken = {(h.start, h.end) for h in subject}
            groups = [g for g in groups if any((h.start, h.end) not in taken for h in g)]
        return [Resolved(h, token, ["pronoun resolved"]) for h in resolve_pronoun(token, groups)]

    def _clause_subject(self, token: Token) -> list[ActorRef]:
        """The actors of the subject of the clause whose object the pronoun is: a pronoun
        object is not its own clause's subject ("he urged them", "they asked him")."""
        if token.dep_ not in _OBJECT_DEPS or token.lower_ not in _OBJECT_PRONOUNS:
            return []
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            return []
        if subject.lower_ in PRONOUNS:
            return resolve_pronoun(subject, self.state.groups)
        return actors_at(subject, self.ctx.index, self.demonyms)


def _named_state(hit: ActorRef) -> bool:
    """An actor whose state its own words name ("the Somali president"), not one placed or
    lent ("officials" in a report from Namibia)."""
    return hit.country is not None and not any(
        r.startswith(INFERRED_COUNTRY_RULES + LENT_COUNTRY_RULES) for r in hit.rules
    )


def _bare_definite(token: Token) -> bool:
    """ "the country", "the government": one definite noun with no word of its own that names
    whose it is (not "the two governments", "the Peruvian government")."""
    children = list(token.children)
    return (
        token.pos_ == "NOUN"
        and token.tag_ not in _PLURAL
        and any(c.dep_ == "det" and c.lower_ == "the" for c in children)
        and not any(c.dep_ in _NAMING_DEPS for c in children)
    )


def _of_side(hit: ActorRef, speaker: ActorRef) -> bool:
    """The speaker's state itself, or a role of no country of the speaker's sector, or the
    government where the speaker speaks for a state (an official, a former president)."""
    if hit.kind == "country":
        return hit.country == speaker.country
    if hit.country is not None or hit.sector is None:
        return False
    of_state = speaker.sector in _STATE_SECTORS or speaker.kind == "country"
    return hit.sector == speaker.sector or (hit.sector == _GOVERNMENT and of_state)
