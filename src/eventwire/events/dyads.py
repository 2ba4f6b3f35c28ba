"""Who did it to whom: resolved arguments, reciprocal and crossed dyads, carried targets, and
the confidence of an event from how it was found."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..kb import PloverType, derived, in_force
from ..model import Actor, ActorRef, Event, EventDate
from ..model import Span as CharSpan
from ..nlp import text_of
from .lexicon import Match
from .naming import PRONOUNS

SYMMETRIC_CAMEO = {"057"}  # signing an agreement is mutual, praise (051, also SUPPORT) is not
_MAX_PAIRS = 6
_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod"})


@dataclass
class Resolved:
    hit: ActorRef
    token: Token
    notes: list[str] = field(default_factory=list)
    country: str | None = None

    @property
    def country_code(self) -> str | None:
        """The country it stands for: the one the rules gave it, else its actor's own."""
        return self.country or self.hit.country

    def actor(self, doc: Doc) -> Actor:
        # a pronoun stands for its antecedent; the antecedent's words are the actor when they are
        # in the same sentence ("the ministry said it would"), the pronoun's when further back
        sent = self.token.sent
        here = sent.start_char <= self.hit.start and self.hit.end <= sent.end_char
        use_token = self.token.lower_ in PRONOUNS and not here
        start, end = (
            (self.token.idx, self.token.idx + len(self.token))
            if use_token
            else (self.hit.start, self.hit.end)
        )
        return Actor(
            text=text_of(doc)[start:end],
            name=self.hit.name,
            country=self.country_code,
            sector=self.hit.sector,
            span=CharSpan(start=start, end=end),
            # a country given here (the paragraph's topic) is always an inference
            country_inferred=self.country is not None or self.hit.country_inferred,
        )


@dataclass
class SentenceState:
    """What a sentence leaves for the next: subjects for pronouns, a reference date, a topic."""

    groups: list[list[ActorRef]] = field(default_factory=list)
    reference: EventDate | None = None
    paragraph: int = 0
    events: list[Event] = field(default_factory=list)


def split_forces(
    sources: list[Resolved], targets: list[Resolved]
) -> tuple[list[Resolved], list[Resolved], list[str]]:
    """For MOBILIZE, troops and weapons being moved are the source's forces, not a target."""
    forces = [
        t
        for t in targets
        if t.hit.sector == "MIL"
        and (t.hit.country is None or any(t.hit.country == s.hit.country for s in sources))
    ]
    if not forces:
        return sources, targets, []
    rest = [t for t in targets if t not in forces]
    return (sources or forces), rest, ["mobilized forces are not the target"]


def topic_country(state: SentenceState) -> str | None:
    for group in reversed(state.groups[-2:]):
        countries = [h.country for h in group if h.country]
        if countries:
            return countries[0]
    return None


def carry_target(previous: list[Event], sources: list[Resolved]) -> ActorRef | None:
    """A sentence that goes on about the same source often leaves its target implicit
    ("Russia readies an offensive in Ukraine. 300,000 recruits will be hurled into action.")."""
    countries = {s.country_code for s in sources}
    for event in reversed(previous):
        if event.source and event.target and event.source.country in countries:
            t = event.target
            return ActorRef(
                tokens=(),
                head=None,
                start=t.span.start,
                end=t.span.end,
                name=t.name,
                country=t.country,
                sector=t.sector,
                kind="country",
                score=0.6,
                rules=("carried",),
            )
    return None


def is_symmetric(kind: PloverType, cameo: str) -> bool:
    return "symmetric" in kind.properties or cameo in SYMMETRIC_CAMEO


def pairs(
    symmetric: bool, sources: list[Resolved], targets: list[Resolved]
) -> list[tuple[Resolved | None, Resolved | None]]:
    """Source-target pairs, one per pair of countries: two words for the same
    partner ("a deal with Tehran for Iranian drones") make one event."""
    unique: dict[tuple[object, ...], tuple[Resolved | None, Resolved | None]] = {}
    for s, t in _pairs(symmetric, sources, targets):
        unique.setdefault((*_key(s), *_key(t)), (s, t))
    return list(unique.values())


def _key(role: Resolved | None) -> tuple[str | None]:
    return (role.country_code or role.hit.name,) if role else (None,)


def _pairs(
    symmetric: bool, sources: list[Resolved], targets: list[Resolved]
) -> list[tuple[Resolved | None, Resolved | None]]:
    targets = [t for t in targets if all(t.hit is not s.hit for s in sources)]
    if any(s.country_code for s in sources):  # "US-Israeli military offensive"
        # a modifier without a country goes; a party in its own right stays ("police officers
        # and Indonesian soldiers conducted joint patrols")
        sources = [s for s in sources if s.country_code or s.token.dep_ not in _MODIFIERS]
    if not targets and len(sources) > 1 and symmetric:  # "Iran and Russia signed a deal"
        # one event per pair, the first named as source: a symmetric type has no direction,
        # and two events for one deal would count it twice
        return [(a, b) for n, a in enumerate(sources) for b in sources[n + 1 :] if _parties(a, b)]
    if not sources:
        return [(None, t) for t in targets]
    if not targets:
        return [(s, None) for s in sources]
    # a source and target of one country and sector make no event ("the government fired the
    # minister"); a state and its own government are one actor: the source acts alone
    dyads = [(s, t) for s in sources for t in targets if not _same_side(s, t)]
    kept: list[tuple[Resolved | None, Resolved | None]] = [
        (s, t) for s, t in dyads if not one_actor(s, t)
    ]
    if dyads:
        return kept or [(s, None) for s, _ in dyads]
    # every target on the source's own side: the source acts alone ("supporters gathered to
    # demand the release of detained protesters"); a government acting on its own officials
    # ("the government fired the minister", "the president met his prime minister") is the
    # state's internal business, no event
    return [(s, None) for s in sources if s.hit.sector != "GOV"]


def _parties(a: Resolved, b: Resolved) -> bool:
    """Two parties to a symmetric act: of two states, or, where the words name no state of their
    own (local actors: "tribal elders and the district governor reached an accord"), two
    actors of other names; two of one named state are one side ("Iran's president and
    foreign minister signed")."""
    if a.hit.country != b.hit.country:
        return True
    if {a.hit.sector, b.hit.sector} - _OWN_SIDE and a.hit.sector != b.hit.sector:
        return True  # a state's government and its rebels, opposition or courts: two sides
    named = a.hit.country is not None and not (a.hit.country_inferred or b.hit.country_inferred)
    return not named and a.hit.name != b.hit.name


# a state named as a whole (no sector: "Russia", "the United States") acts through its
# government: the two are one actor
_STATE_SECTORS = frozenset({None, "GOV"})
_NOUNS = frozenset({"NOUN", "PROPN"})
# a state, its government and its leading figures (ELI) sign or talk as one side
_OWN_SIDE = _STATE_SECTORS | {"ELI"}


def _qualifies(role: Resolved) -> bool:
    """ "Banned Ugandan opposition candidates", "Sri Lankan nurses rally": the state's name
    qualifies a noun; the actor is what it names, not the state."""
    if role.hit.head is None:
        return False
    word = role.token.doc[role.hit.head]
    return word.dep_ in _MODIFIERS and word.head.pos_ in _NOUNS


def _inferred(role: Resolved) -> bool:
    """ "The government accused Egypt": a government whose state is only inferred (from the
    paragraph's topic, the document's setting) may be another state's; the government of the
    state a protest or an event happens in (events/places.py) is a target the rules chose."""
    return role.country is not None or role.hit.country_inferred or not role.hit.tokens


def one_actor(source: Resolved, target: Resolved) -> bool:
    """ "Trump offered the United States a timetable", "Moscow suspended Russia's contacts": a
    state named as a whole and its own government (its country named, not inferred) are one
    actor; a dyad between them is a misread role."""
    country = source.country_code
    if country is None or country != (target.country_code):
        return False
    sectors = {source.hit.sector, target.hit.sector}
    return (
        None in sectors
        and sectors <= _STATE_SECTORS
        and not any(_qualifies(r) or _inferred(r) for r in (source, target))
    )


def _same_side(source: Resolved, target: Resolved) -> bool:
    """A source and a target of one country and one sector; of no country, of one name too
    (local actors: "a truce between rebels and militia fighters" has two sides)."""
    same = (source.country_code) == (target.country_code)
    if same and source.country_code is None and source.hit.name != target.hit.name:
        return False
    return same and source.hit.sector == target.hit.sector


def path_length(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree (through their lowest common head)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return len(up_a) + len(up_b)


@dataclass(frozen=True)
class ConfidenceWeights:
    """What each piece of evidence adds to an event's confidence (`data/weights.tsv`,
    `events.confidence.*`: set by hand on the dev gold of bench/events.py; PLOVER GSR and re3d
    stay held out)."""

    base: float
    specificity: float  # per part of the pattern beyond the word (particle, object)
    role: float  # per role, times its actor's resolution score
    inference: float  # per inference a role needed (pronoun, carried target, ...)
    path: float  # per dependency edge beyond two between the trigger and the role
    same_actor: float  # a source and target of one country: more often a misread role
    no_country: float  # no actor with a country (sub-national events)
    dated: float  # the sentence dates the event
    type_model: float  # times (P - 0.5), P the type model's probability of the event's type


@derived
def confidence_weights() -> ConfidenceWeights:
    """The confidence weights of the knowledge in force."""
    return ConfidenceWeights(**in_force().weights.of("events.confidence"))


def confidence(
    match: Match,
    trigger: Token,
    source: Resolved | None,
    target: Resolved | None,
    dated: bool,
    weights: ConfidenceWeights | None = None,
    type_p: float | None = None,
) -> float:
    """How the event was found, as a score users can filter on: a specific pattern (a verb
    with its particle or light-verb object) raises it; each role adds its actor's resolution
    score, less the inferences it needed (a pronoun, a carried target, a governing clause's
    subject) and the length of its path in the parse; a source and target of the same country
    lower it (such dyads are more often misread roles than domestic events)."""
    w = weights or confidence_weights()
    score = w.base + w.specificity * match.specificity
    roles = [r for r in (source, target) if r is not None]
    for role in roles:
        distance = path_length(trigger, role.token) if role.token.doc is trigger.doc else 0
        score += w.role * role.hit.score - w.inference * len(role.notes)
        score -= w.path * max(0, distance - 2)
    if source is not None and target is not None and _key(source) == _key(target):
        score -= w.same_actor
    if not any(r.country_code for r in roles):
        score -= w.no_country
    score += w.dated if dated else 0.0
    score += w.type_model * (type_p - 0.5) if type_p is not None else 0.0
    return round(max(0.05, min(0.99, score)), 3)
