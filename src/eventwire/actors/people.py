"""People's dated roles, read as of the article's publication date: Blinken is the US secretary
of state (USA GOV) in 2023; in 2012, before that role, he is only known as American."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ..kb import Person

FORMER_SECTOR = "ELI"  # CAMEO's elites: former office holders


@dataclass(frozen=True)
class RoleOnDay:
    """What a person is on a day: the row that decided, and the country and sector it gives."""

    person: Person
    country: str | None
    sector: str | None
    status: str  # in office | former | not yet in office | latest known (no date given)


def pick_person(people: Iterable[Person], day: dt.date | None) -> Person | None:
    """The person whose role covers the day; else the most recent role."""
    ranked = sorted(
        people, key=lambda p: (p.holds_role_on(day), p.start or dt.date.min), reverse=True
    )
    return ranked[0] if ranked else None


def role_on(rows: Sequence[Person], day: dt.date | None, states: Collection[str]) -> RoleOnDay:
    """One person's rows (same name) as of `day`.

    A role that covers the day gives its country and sector. After a role has ended the person
    is a former office holder: their state, sector ELI. Before their first known role only their
    state is known. Without a date, the current (else the latest) role."""
    chosen = pick_person(rows, day)
    assert chosen is not None, "role_on needs at least one row"
    if day is None:
        status = "latest known" if chosen.end else "in office"
        return RoleOnDay(chosen, chosen.country, chosen.sector, status)
    if chosen.holds_role_on(day):
        return RoleOnDay(chosen, chosen.country, chosen.sector, "in office")
    ended = [p for p in rows if p.end is not None and p.end < day]
    if ended:
        last = max(ended, key=lambda p: p.end or dt.date.min)
        return RoleOnDay(last, _home(last, rows, states), FORMER_SECTOR, "former")
    first = min(rows, key=lambda p: p.start or dt.date.min)
    return RoleOnDay(first, _home(first, rows, states), None, "not yet in office")


def _home(row: Person, rows: Sequence[Person], states: Collection[str]) -> str | None:
    """The person's state: the row's country if it is a state, else any of their rows' state
    (the NATO secretary general is Dutch), else none."""
    if row.country in states:
        return row.country
    return next((p.country for p in rows if p.country in states), None)


def people_named(candidates: Iterable[Person]) -> dict[str, list[Person]]:
    """Rows grouped by person (their canonical name), in order."""
    grouped: dict[str, list[Person]] = {}
    for person in candidates:
        grouped.setdefault(person.name, []).append(person)
    return grouped
