"""Checks: the named reasons a predicate with its roles gives no event. Each check returns its
rejection reason, or None when it passes; `explain` prints the reasons."""

from __future__ import annotations

from collections.abc import Callable

from ..kb import PloverType, in_force
from ..model import Actor, Event
from .assign import AGENT_NOTE, RoleAssignment
from .predicates import Predicate

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


def is_not_the_content_of_another(
    pred: Predicate, kind: PloverType, roles: RoleAssignment
) -> str | None:
    """ "Libya offered to hand over the suspects to Britain": the handing over is what Libya
    offered, coded with the offer (AGREE Libya -> Britain), not an event of its own."""
    gov = roles.governor
    if gov is None:
        return None
    return f"the content of '{gov.token.text}' ({gov.match.entry.type}), coded with it"


CHECKS: tuple[tuple[str, Check], ...] = (
    ("has-an-actor", has_an_actor),
    ("be-in-names-an-actor", be_in_names_an_actor),
    ("object-is-an-actor", object_is_an_actor),
    ("a-journey-is-a-visit-of-officials", a_journey_is_a_visit_of_officials),
    ("is-not-the-content-of-another", is_not_the_content_of_another),
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
