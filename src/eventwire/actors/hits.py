"""What the actors stage finds: knowledge entries, the candidates weighed for a mention, and the
actor hits (token indices + resolution) that later stages map parse arguments to."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..kb import Person
from ..model import ActorMention, ActorRef
from ..nlp import text_of

# Kinds: country, organisation, person, demonym (a country's adjective), role (a group noun:
# "officials"), role_person (a title: "minister"), role_state (a state noun: "the two powers").
ROLE_KINDS = {"role", "role_person", "role_state"}
MENTION_KINDS = {"country", "organisation", "person"}


@dataclass(frozen=True)
class Entry:
    """One knowledge-base phrase and what it resolves to."""

    name: str
    country: str | None
    sector: str | None
    kind: str
    rule: str
    person: Person | None = None


@dataclass(frozen=True)
class Candidate:
    """One reading weighed for a mention, kept so that `explain_actor` can show the choice."""

    name: str
    country: str | None
    sector: str | None
    score: float
    rule: str
    note: str = ""
    chosen: bool = False


@dataclass(eq=False)  # identity: one hit per actor phrase
class ActorHit:
    tokens: set[int]
    head: int
    start: int
    end: int
    name: str
    country: str | None
    sector: str | None
    kind: str
    score: float = 1.0
    rules: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # role words folded in, lower case
    candidates: list[Candidate] = field(default_factory=list)

    def ref(self) -> ActorRef:
        """The record the events stage reads."""
        return ActorRef(
            tokens=tuple(sorted(self.tokens)),
            head=self.head,
            start=self.start,
            end=self.end,
            name=self.name,
            country=self.country,
            sector=self.sector,
            kind=self.kind,
            score=self.score,
            rules=tuple(self.rules),
        )

    def mention(self, doc: Doc) -> ActorMention:
        kind = self.kind if self.kind in MENTION_KINDS else "group"
        span = doc.char_span(self.start, self.end)  # cheaper than slicing doc.text
        return ActorMention(
            text=span.text if span is not None else text_of(doc)[self.start : self.end],
            start=self.start,
            end=self.end,
            name=self.name,
            country=self.country,
            sector=self.sector,
            kind=kind,
            score=round(min(1.0, max(0.0, self.score)), 3),
            rule="+".join(self.rules),
        )

    def resolve_as(self, other: ActorHit, rule: str, score: float) -> None:
        """Take another hit's resolution (coreference): same actor, this hit's words."""
        self.name, self.country, self.sector = other.name, other.country, other.sector
        if other.kind in MENTION_KINDS:
            self.kind = other.kind
        self.score = min(score, other.score)
        self.rules.append(rule)


def hit_from_entry(tokens: range, head: int, start: int, end: int, entry: Entry) -> ActorHit:
    return ActorHit(
        tokens=set(tokens),
        head=head,
        start=start,
        end=end,
        name=entry.name,
        country=entry.country,
        sector=entry.sector or None,
        kind=entry.kind,
        rules=[entry.rule],
        # an organisation's name ends in its head noun: "the Coalition" may refer back to it
        titles=[entry.name.lower()] if entry.kind in ROLE_KINDS | {"organisation"} else [],
    )
