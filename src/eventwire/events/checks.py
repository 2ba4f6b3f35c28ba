"""Checks: the named reasons a predicate with its roles gives no event. Each check returns its
rejection reason, or None when it passes; `explain` prints the reasons."""

from __future__ import annotations

from collections.abc import Callable

from ..kb import PloverType
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
