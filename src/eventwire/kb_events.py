"""Knowledge of event forms: the modes of each PLOVER type (an ASSAULT by air strike, a PROTEST as
a strike) with their ACLED counterparts, and the contexts events are about
(`event_modes.tsv`, `event_contexts.tsv`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import KnowledgeError

MODE_COLUMNS = ("type", "mode", "cameo", "cues", "acled", "acled_civilians", "description")
CONTEXT_COLUMNS = ("context", "cameo", "cues", "description")


@dataclass(frozen=True)
class AcledType:
    event_type: str
    sub_event_type: str


@dataclass(frozen=True)
class EventMode:
    """One mode of a type: the CAMEO codes that imply it and the lemma phrases that show it."""

    type: str
    mode: str  # "" for the type's fallback row
    cameo: frozenset[str]
    cues: tuple[tuple[str, ...], ...]
    acled: AcledType | None
    acled_civilians: AcledType | None
    description: str


@dataclass(frozen=True)
class EventContext:
    context: str
    cameo: frozenset[str]
    cues: tuple[tuple[str, ...], ...]
    description: str


def _cues(value: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c.lower().split()) for c in value.split("|") if c.strip())


def _codes(value: str) -> frozenset[str]:
    return frozenset(c.strip() for c in value.split("|") if c.strip())


def _acled(value: str, where: str) -> AcledType | None:
    if not value:
        return None
    parts = value.split("|")
    if len(parts) != 2 or not all(parts):
        raise KnowledgeError(f"{where}: ACLED type must be 'event type|sub-event type': {value!r}")
    return AcledType(parts[0], parts[1])


def load_event_modes(path: Path, types: set[str]) -> list[EventMode]:
    from .kb import read_tsv

    modes = []
    for n, row in enumerate(read_tsv(path, MODE_COLUMNS), start=1):
        where = f"{path.name} row {n}"
        if row["type"] not in types:
            raise KnowledgeError(f"{where}: unknown PLOVER type {row['type']!r}")
        modes.append(
            EventMode(
                row["type"],
                row["mode"],
                _codes(row["cameo"]),
                _cues(row["cues"]),
                _acled(row["acled"], where),
                _acled(row["acled_civilians"], where) or _acled(row["acled"], where),
                row["description"],
            )
        )
    return modes


def load_event_contexts(path: Path) -> list[EventContext]:
    from .kb import read_tsv

    return [
        EventContext(row["context"], _codes(row["cameo"]), _cues(row["cues"]), row["description"])
        for row in read_tsv(path, CONTEXT_COLUMNS)
    ]
