"""Events as ACLED rows: PLOVER type and mode → ACLED event type and sub-event type (the table in
`eventwire/data/event_modes.tsv`), actors, place with its precision, fatalities and notes.

Verbal events (CONSULT, ACCUSE, ...) have no ACLED counterpart and give no row. The actors then
decide what ACLED's codebook makes of the event (`eventwire/data/acled_actors.tsv`): an attack
on someone unarmed is violence against civilians, violence by demonstrators or a mob is a riot,
force used on demonstrators is a protest sub-event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby, pairwise
from typing import Any

from ..kb import AcledType, KnowledgeBase
from ..kb.tables import data_dir, read_tsv

COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
    "plover_type",
    "mode",
    "modality",
    "confidence",
)
# ACLED's geo_precision: 1 the town itself, 2 near it or part of a region, 3 a larger region
GEO_PRECISION = {"point": 1, "admin1": 3, "country": 3, "region": 3}


def acled_type(
    kb: KnowledgeBase, event_type: str, mode: str | None, target_sector: str | None
) -> AcledType | None:
    """The ACLED event and sub-event type of a PLOVER type and mode (the type's fallback row when
    the mode has none); the civilian reading when the target is unarmed."""
    rows = [m for m in kb.modes if m.type == event_type]
    row = next((m for m in rows if m.mode == (mode or "")), None)
    if row is None or row.acled is None:
        row = next((m for m in rows if m.mode == "" and m.acled is not None), row)
    if row is None:
        return None
    return row.acled_civilians if target_sector in kb.civilian_sectors else row.acled


ACTOR_COLUMNS = ("kind", "words", "acled", "description")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class AcledActors:
    """`acled_actors.tsv`: for each kind, its words (or sectors, types, modes) and ACLED type."""

    words: dict[str, frozenset[str]]
    types: dict[str, AcledType | None]
    listed: dict[str, tuple[str, ...]]  # each kind's words in the table's order


def _type(value: str) -> AcledType | None:
    event_type, _, sub_event_type = value.partition("|")
    return AcledType(event_type, sub_event_type) if value else None


@lru_cache(maxsize=1)
def acled_actors() -> AcledActors:
    rows = list(read_tsv(data_dir() / "acled_actors.tsv", ACTOR_COLUMNS))
    listed = {r["kind"]: tuple(w.strip() for w in r["words"].split("|")) for r in rows}
    words = {kind: frozenset(found) for kind, found in listed.items()}
    return AcledActors(words, {r["kind"]: _type(r["acled"]) for r in rows}, listed)


def crowd(actor: dict[str, Any] | None, table: AcledActors) -> str | None:
    """'demonstrators' or 'mob' when the actor's name names such a crowd (an armed actor never
    does), else None."""
    if not actor or actor.get("sector") in table.words["armed"]:
        return None
    words = [w[:-1] if w.endswith("s") else w for w in _WORD.findall(_name(actor).lower())]
    phrases = set(words) | {" ".join(pair) for pair in pairwise(words)}
    for kind in ("mob", "demonstrators"):
        if phrases & table.words[kind]:
            return kind
    return None


def _name(actor: dict[str, Any]) -> str:
    return f"{actor.get('text') or ''} {actor.get('name') or ''}"


def _trigger_says(record: dict[str, Any], beginnings: frozenset[str]) -> bool:
    """A word of the trigger begins with one of these: "regained control", "lynched"."""
    words = _WORD.findall(str((record.get("trigger") or {}).get("text") or "").lower())
    return any(w.startswith(tuple(beginnings)) for w in words)


def _mob_violence(
    kb: KnowledgeBase, record: dict[str, Any], by: str | None, kind: AcledType | None
) -> AcledType | None:
    """Mob violence, whatever else the event's type says: a lynching by anyone unarmed, or a
    demonstrating crowd's violence against civilians ("rioters attacked residents and burned
    homes"; against the police or the state it stays a violent demonstration)."""
    table = acled_actors()
    source, target = record.get("source") or {}, record.get("target") or {}
    if source.get("sector") in table.words["armed"]:
        return None
    if _trigger_says(record, table.words["mob_acts"]):
        return table.types["mob_acts"]
    violent = (kind is not None and _violent(kind, table)) or _crowd_coercion(record, table)
    on_civilians = bool(target) and target.get("sector") in kb.civilian_sectors
    if by in table.words["crowd_on_civilians"] and violent and on_civilians:
        return table.types["crowd_on_civilians"]
    return None


def _crowd_coercion(record: dict[str, Any], table: AcledActors) -> bool:
    return record["type"] in table.words["crowd_coercion"] and not record.get("mode")


def _violent(kind: AcledType, table: AcledActors) -> bool:
    return bool({kind.event_type, kind.sub_event_type} & table.words["violent"])


def event_acled_type(kb: KnowledgeBase, record: dict[str, Any]) -> AcledType | None:
    """The ACLED type of an event record: its type and mode's (`acled_type`), the civilian
    reading when it has a target that is not armed, then what its actors make of it."""
    table = acled_actors()
    source, target = record.get("source") or {}, record.get("target") or {}
    armed = table.words["armed"]
    unarmed = bool(target) and target.get("sector") not in armed
    kind = acled_type(kb, record["type"], record.get("mode"), "CVL" if unarmed else None)
    by = crowd(source, table)
    if (mob := _mob_violence(kb, record, by, kind)) is not None:
        return mob
    if by is not None and _crowd_coercion(record, table):
        return table.types[by]
    if kind is None:
        return None
    if (
        crowd(target, table) == "demonstrators"
        and record["type"] in table.words["force_on_demonstrators"]
    ):
        control = record.get("mode") in table.words["control_of_demonstrators"]
        found = table.types["control_of_demonstrators" if control else "force_on_demonstrators"]
        return found or kind
    if (
        record["type"] == "COERCE"
        and source.get("sector") in armed
        and _trigger_says(record, table.words["territory"])
    ):
        non_state = source.get("sector") in table.words["non_state_territory"]
        return table.types["non_state_territory" if non_state else "territory"] or kind
    if by is not None and _violent(kind, table):
        return table.types[by] or kind
    if kind.event_type == "Riots" and source.get("sector") in armed:
        return table.types["armed"] or kind
    return kind


def _actor(actor: dict[str, Any] | None) -> str:
    if not actor:
        return ""
    name = str(actor.get("name") or actor.get("text") or "")
    sector = actor.get("sector")
    return f"{name} ({sector})" if sector and sector not in name else name


def fatalities(record: dict[str, Any]) -> int:
    killed = [q for q in record.get("quantities") or [] if q.get("casualty") == "killed"]
    return int(max((q.get("value") or 0 for q in killed), default=0))


def acled_row(
    kb: KnowledgeBase, record: dict[str, Any], document: dict[str, Any]
) -> dict[str, Any] | None:
    """One ACLED row for an event record (as stored: the JSON of `model.Event`), or None."""
    target = record.get("target") or {}
    kind = event_acled_type(kb, record)
    if kind is None:
        return None
    place = record.get("location") or {}
    country = kb.country(place["country"]) if place.get("country") else None
    date = (record.get("date") or {}).get("start") or document.get("published_at")
    return {
        "event_id": record["id"],
        "event_date": str(date) if date else "",
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "actor1": _actor(record.get("source")),
        "actor2": _actor(target),
        "country": country.name if country else (place.get("country") or ""),
        "admin1": place.get("admin1") or "",
        "location": place.get("name") or "",
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": GEO_PRECISION.get(place.get("precision") or "point") if place else None,
        "fatalities": fatalities(record),
        "notes": (record.get("evidence") or {}).get("text", ""),
        "source": document.get("outlet") or document.get("url") or "",
        "plover_type": record["type"],
        "mode": record.get("mode") or "",
        "modality": record.get("modality") or "asserted",
        "confidence": record.get("confidence"),
    }


def acled_rows(
    kb: KnowledgeBase, events: Iterable[tuple[dict[str, Any], dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    """ACLED rows of (event record, document) pairs; asserted events only (ACLED codes what
    happened, not what was feared, planned or denied). A peaceful protest coded in the sentence
    of force used on a protest is that protest, intervened in (`intervened`)."""
    rows = (
        (row, record, _sentence_of(record, document))
        for record, document in events
        if record.get("modality", "asserted") == "asserted" and not record.get("negated")
        if (row := acled_row(kb, record, document)) is not None
    )
    for _, group in groupby(rows, key=lambda triple: triple[2]):
        yield from intervened([(row, record) for row, record, _ in group])


def _sentence_of(record: dict[str, Any], document: dict[str, Any]) -> tuple[str, int | None]:
    """The document and sentence an event was coded from (its evidence)."""
    name = document.get("id") or document.get("url") or document.get("published_at")
    return str(name or ""), (record.get("evidence") or {}).get("sentence")


def intervened(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[dict[str, Any]]:
    """The rows of one sentence's (row, event record) pairs, a peaceful protest among them
    retyped as the protest force was used on when another row says force was used on a protest
    (`intervened_protest` in acled_actors.tsv): ACLED codes one event, "police dispersed
    protesters who were marching" is a protest with intervention, not a peaceful protest and an
    intervention. Force that the state's forces (`intervening`) use on the protest's own
    marchers is force used on a protest, whatever they are called ("police arrested youths who
    marched")."""
    table = acled_actors()
    protest = table.types["intervened_protest"]
    rows = [row for row, _ in pairs]
    if protest is None:
        return rows
    peaceful = [
        (r, e) for r, e in pairs if (r["event_type"], r["sub_event_type"]) == _pair(protest)
    ]
    marchers = {_who(e.get("source")) for _, e in peaceful} - {None}
    for row, record in pairs:
        by = (record.get("source") or {}).get("sector")
        if _who(record.get("target")) in marchers and by in table.words["intervening"]:
            _as_force_on_demonstrators(row, record, table)
    subs = {row["sub_event_type"] for row in rows}
    force = next((s for s in table.listed["intervened_protest"] if s in subs), None)
    for row, _ in peaceful if force is not None else []:
        row["sub_event_type"] = force
    return rows


def _who(actor: dict[str, Any] | None) -> tuple[str, str, str] | None:
    """An actor's identity within a sentence: its words, name and country."""
    if not actor:
        return None
    return str(actor.get("text") or ""), str(actor.get("name") or ""), str(actor.get("country"))


def _as_force_on_demonstrators(
    row: dict[str, Any], record: dict[str, Any], table: AcledActors
) -> None:
    if record["type"] not in table.words["force_on_demonstrators"]:
        return
    control = record.get("mode") in table.words["control_of_demonstrators"]
    found = table.types["control_of_demonstrators" if control else "force_on_demonstrators"]
    if found is not None:
        row["event_type"], row["sub_event_type"] = _pair(found)


def _pair(kind: AcledType) -> tuple[str, str]:
    return kind.event_type, kind.sub_event_type
