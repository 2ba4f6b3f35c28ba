"""Checks: the named reasons a predicate with its roles gives no event. Each check returns its
rejection reason, or None when it passes; `explain` prints the reasons."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..kb import Knowledge, PloverType, in_force, weight
from ..model import Actor, Event
from .assign import AGENT_NOTE, RoleAssignment
from .dyads import Resolved
from .lexicon import has_object, predicatives
from .predicates import Predicate
from .type_model import NONE

Check = Callable[[Predicate, PloverType, RoleAssignment], str | None]


def has_an_actor(pred: Predicate, kind: PloverType, roles: RoleAssignment) -> str | None:
    if not roles.sources and not roles.targets:
        return "no actor among its arguments"
    return None


def be_in_names_an_actor(pred: Predicate, kind: PloverType, roles: RoleAssignment) -> str | None:
    if pred.match.entry.lemma == "be" and not roles.targets:
        return "'be in' is a visit only when the place is an actor"
    return None


def object_is_an_actor(pred: Predicate, kind: PloverType, roles: RoleAssignment) -> str | None:
    """ "Meet a challenge", "meet an Israeli offensive": a meeting needs someone to meet."""
    if "needs_actor_object" not in kind.properties or not pred.is_verb or not roles.objects:
        return None
    actors = [t for t in roles.targets if AGENT_NOTE not in t.notes]
    return None if actors else "its object is not an actor"


VISIT = "042"  # CAMEO: make a visit
TRAVELLERS = frozenset({"person", "role_person"})  # actor kinds that make visits themselves


def a_journey_is_a_visit_of_officials(
    pred: Predicate, kind: PloverType, roles: RoleAssignment
) -> str | None:
    """ "Venezuelans arrived in Brazil", "protesters travelled to Islamabad", "Hezbollah is in
    Lebanon": a verb of motion with its preposition is a visit (CAMEO 042) only when someone
    who can make one goes: a person, or a group of a sector that is not civilian ("officials",
    "a delegation"), not a people, a civilian group or a state named as a whole."""
    entry = pred.match.entry
    if entry.cameo != VISIT or not pred.is_verb or entry.particle is None or not roles.sources:
        return None
    civilian = in_force().civilian_sectors
    for role in roles.sources:
        hit = role.hit
        if hit.kind in TRAVELLERS or (
            hit.kind == "role" and hit.sector is not None and hit.sector not in civilian
        ):
            return None
    return "a journey is a visit only of a person or of officials"


def is_not_a_date(pred: Predicate, kind: PloverType, roles: RoleAssignment) -> str | None:
    """ "Since 30 March, sites have stopped selling Bibles": a word of a date (the month March,
    May) is a time, not the event its homonym names."""
    # a verb is no date, whatever the tagger says ("nurses march over new tax")
    dated = not pred.is_verb and pred.token.ent_type_ == "DATE"
    return "a word of a date" if dated else None


VISITS = frozenset({VISIT, "043"})  # CAMEO: make a visit, host a visit


def _countries(roles: tuple[Resolved, ...]) -> set[str | None]:
    return {r.country_code for r in roles}


def a_visit_is_abroad(pred: Predicate, kind: PloverType, roles: RoleAssignment) -> str | None:
    """ "Diplomats left to fly to Moscow", "the embassy of Ukraine will receive a Ukrainian
    trade mission": a journey to one's own state, or a host receiving its own, is going home
    or a domestic call; a visit (CAMEO 042, 043) is one to, or of, another state."""
    if pred.match.entry.cameo not in VISITS or not roles.sources or not roles.targets:
        return None
    home, hosts = _countries(roles.sources), _countries(roles.targets)
    if None in home or None in hosts or not hosts <= home:
        return None
    return "a visit to its own state is no visit"


def is_not_the_content_of_another(
    pred: Predicate, kind: PloverType, roles: RoleAssignment
) -> str | None:
    """ "Libya offered to hand over the suspects to Britain": the handing over is what Libya
    offered, coded with the offer (AGREE Libya -> Britain), not an event of its own."""
    gov = roles.governor
    if gov is None:
        return None
    return f"the content of '{gov.token.text}' ({gov.match.entry.type}), coded with it"


# CAMEO codes of acts done to people: release persons (0841), kill by physical assault (1823)
PEOPLE_ACTS = frozenset({"0841", "1823"})
_PERSON_ENTITIES = frozenset({"PERSON", "NORP"})


def _a_person(token: Token, actors: set[int]) -> bool:
    """An actor, a name, a pronoun, a number ("released 20") or a word for people."""
    return (
        token.i in actors
        or token.pos_ in {"PRON", "PROPN", "NUM"}
        or token.ent_type_ in _PERSON_ENTITIES
        or token.lemma_.lower() in _people_words()
    )


def _people_nouns(knowledge: Knowledge) -> frozenset[str]:
    """Nouns for people: the events stage's (event_words.tsv), the counted persons of
    quantities_words.tsv and the one-word roles of roles.tsv ("activist", "fisherman")."""
    words = knowledge.event_words
    roles = {r.phrase for r in knowledge.roles if " " not in r.phrase}
    return frozenset(words.local_people | words.away_people | knowledge.quantities.persons | roles)


def _people_words() -> frozenset[str]:
    return _people_nouns(in_force())  # asked only of a release or an execution: rare


def acts_on_people(pred: Predicate, kind: PloverType, roles: RoleAssignment) -> str | None:
    """ "Peru released a statement", "the army executed the road project": a release of
    persons (CAMEO 0841) and an execution (1823) are done to someone. The word's general
    pattern (no object of its own) with objects that are all things (no actor, name, pronoun
    or word for people: event_words.tsv) is another sense of the word."""
    entry = pred.match.entry
    if entry.cameo not in PEOPLE_ACTS or has_object(entry) or not pred.is_verb or not roles.objects:
        return None
    actors = {r.token.i for r in (*roles.targets, *roles.sources)}
    if any(_a_person(t, actors) for t in roles.objects):
        return None
    return "its object is no person: not a release or an execution of people"


def is_not_a_judgement(pred: Predicate, kind: PloverType, roles: RoleAssignment) -> str | None:
    """ "Brazil called the election a fraud", "India called Japan a partner": a verb with an
    object predicative names or judges its object; it is no meeting or phone call (a type that
    needs someone to meet)."""
    if "needs_actor_object" not in kind.properties or not pred.is_verb:
        return None
    if not predicatives(pred.token, loose=False):
        return None
    return "it names or judges its object (an object predicative): no meeting or call"


CHECKS: tuple[tuple[str, Check], ...] = (
    ("has-an-actor", has_an_actor),
    ("be-in-names-an-actor", be_in_names_an_actor),
    ("object-is-an-actor", object_is_an_actor),
    ("a-journey-is-a-visit-of-officials", a_journey_is_a_visit_of_officials),
    ("is-not-a-date", is_not_a_date),
    ("a-visit-is-abroad", a_visit_is_abroad),
    ("is-not-the-content-of-another", is_not_the_content_of_another),
    ("acts-on-people", acts_on_people),
    ("is-not-a-judgement", is_not_a_judgement),
)


def rejections(
    pred: Predicate,
    kind: PloverType,
    roles: RoleAssignment,
    checks: tuple[tuple[str, Check], ...] = CHECKS,
) -> list[str]:
    """The reasons of every check that fails (empty: the predicate makes events)."""
    return [reason for _, check in checks if (reason := check(pred, kind, roles)) is not None]


def _actor_key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.name or actor.text.lower()


def repeat_key(event: Event) -> tuple[str | bool | None, ...]:
    """What makes two events of one sentence the same event: type, modality, negation, and
    source and target (their country, else their name). A threatened act is the threat itself
    ("threatened to ban": THREATEN, and the ban with modality threatened), as PLOVER reads it."""
    kind, modality = event.type, event.modality
    if modality == "threatened" and not event.negated:
        kind, modality = "THREATEN", "asserted"
    return (kind, modality, event.negated, _actor_key(event.source), _actor_key(event.target))


def is_not_a_repeat(events: list[Event]) -> tuple[list[Event], list[tuple[Event, str]]]:
    """ "Azerbaijan threatened to break relations with Russia": 'threatened' and 'break
    relations' are one THREATEN Azerbaijan -> Russia; of the events of one sentence with the same
    `repeat_key`, the most confident stays (the first on a tie) and the others are rejected with
    the reason `explain` prints."""
    best: dict[tuple[str | bool | None, ...], Event] = {}
    for event in events:
        key = repeat_key(event)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    kept = [e for e in events if best[repeat_key(e)] is e]
    repeats = [
        (e, f"repeats the {e.type} event of '{best[repeat_key(e)].trigger.text}'")
        for e in events
        if best[repeat_key(e)] is not e
    ]
    return kept, repeats


# The type model's P(no event) at which an event that adds no actor to a verb event of its
# sentence is background, and at which a target-less event noun is a mentioned state
# (data/weights.tsv, events.checks.*).
BACKGROUND_NONE = "events.checks.background_none"
STATE_NONE = "events.checks.noun_state_none"


def _words(actor: Actor | None) -> tuple[str, str | None] | None:
    return (actor.text, actor.country) if actor is not None else None


def _no_event(pred: Predicate) -> float:
    return pred.typed.scores.of(NONE) if pred.typed is not None else 0.0


def _hooks(pred: Predicate) -> set[int]:
    """The verb's trigger and particle: what its own arguments hang on ("agreed to a ceasefire":
    the ceasefire is what was agreed, its content, not background)."""
    particle = pred.match.particle_token
    return {pred.token.i} | ({particle.i} if particle is not None else set())


def is_not_background(
    built: list[tuple[Predicate, Event]], limit: float | None = None
) -> tuple[list[tuple[Predicate, Event]], list[tuple[Event, str]]]:
    """ "Iran defended Syria against criticism of its war", "demonstrators blocked a road in
    defiance of the police": an event the type model finds no event in (P(NONE) >= `limit`)
    whose source, and target if it has one, are those of a verb event of the same sentence
    that the model does take for an event and that is at least as confident, adds nothing to
    that event: it is background to what its actor does in the sentence, not an event of its
    own. An argument of that verb (its object, its particle's object, its complement) is the
    verb's content, not background."""
    limit = weight(BACKGROUND_NONE) if limit is None else limit
    witnesses = [
        (_hooks(p), _words(e.source), _words(e.target), e.confidence)
        for p, e in built
        if p.is_verb and e.source is not None and _no_event(p) < limit
    ]
    kept: list[tuple[Predicate, Event]] = []
    background: list[tuple[Event, str]] = []
    for pred, event in built:
        none, source, target = _no_event(pred), _words(event.source), _words(event.target)
        at, head = pred.token.i, pred.token.head.i
        adds_nothing = any(
            at not in hooks
            and head not in hooks
            and source == s
            and target in (None, t)
            and sure >= event.confidence
            for hooks, s, t, sure in witnesses
        )
        if event.source is not None and none >= limit and adds_nothing:
            reason = f"adds no actor to a verb event of its sentence (P(no event) {none:.2f})"
            background.append((event, reason))
        else:
            kept.append((pred, event))
    return kept, background


def is_not_a_mentioned_state(
    built: list[tuple[Predicate, Event]], limit: float | None = None
) -> tuple[list[tuple[Predicate, Event]], list[tuple[Event, str]]]:
    """ "The UN will provide aid to refugees fleeing the civil war", "Syria is willing to
    withdraw after fifteen years of occupation": an event noun that names no target, in which
    the type model finds no event (P(NONE) >= `limit`), beside a more confident verb event of
    its sentence, is a state or a past event the sentence mentions, not an event it reports.
    Alone in its sentence, or beside nouns only, it stays: it may be all the sentence says."""
    limit = weight(STATE_NONE) if limit is None else limit
    verbs = [e.confidence for p, e in built if p.is_verb]
    kept: list[tuple[Predicate, Event]] = []
    states: list[tuple[Event, str]] = []
    for pred, event in built:
        none = _no_event(pred)
        mentioned = not pred.is_verb and event.target is None and none >= limit
        if mentioned and any(sure > event.confidence for sure in verbs):
            reason = f"a state the sentence mentions: no target (P(no event) {none:.2f})"
            states.append((event, reason))
        else:
            kept.append((pred, event))
    return kept, states
