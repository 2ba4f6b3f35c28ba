"""Knowledge of events: the PLOVER types and their properties (`plover_types.tsv`), the trigger
lexicon, modality and reporting cues, the modes and contexts of events (`event_modes.tsv`,
`event_contexts.tsv`) and the words the role rules use (`event_words.tsv`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar, get_args

from ..errors import KnowledgeError
from ..model import Modality
from .tables import number, read_table, split

TYPE_PROPERTIES = (
    "symmetric",
    "clause_target",
    "complement_target",
    "moves_forces",
    "needs_actor_object",
    "campaign",
)
PLOVER_COLUMNS = ("type", "quad_class", "intensity", "cameo", "properties", "partner_preps")
LEXICON_COLUMNS = ("type", "cameo", "pos", "lemma", "particle", "object", "example")
MODE_COLUMNS = ("type", "mode", "cameo", "cues", "acled", "acled_civilians", "description")
CONTEXT_COLUMNS = ("context", "cameo", "cues", "description")
# where a modality cue is looked for (events/modality.py reads each scope)
MODALITY_SCOPES = ("aux", "governor", "modifier", "marker", "periphrastic", "reported", "negator")
MODALITIES = frozenset(get_args(Modality)) | {"negated"}
# what a reporting cue says of its claim (events/attribution.py reads each kind)
ATTRIBUTION_KINDS = ("verb", "prep", "anonymous", "anonymity", "intelligence", "media")
EVENT_WORD_KINDS = (
    "local_people",
    "away_people",
    "verb_partner_prep",
    "noun_partner_prep",
    "from_is_source",
    "obligation",
)


@dataclass(frozen=True)
class PloverType:
    type: str
    quad_class: int
    intensity: float
    cameo: str
    properties: frozenset[str] = frozenset()  # of TYPE_PROPERTIES (see plover_types.tsv)
    partner_preps: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LexiconEntry:
    type: str
    cameo: str
    pos: str
    lemma: str
    particle: str
    object: str
    example: str


@dataclass(frozen=True)
class ModalityCue:
    cue: str
    modality: str
    scope: str  # one of MODALITY_SCOPES


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


class _Cued(Protocol):
    @property
    def cues(self) -> tuple[tuple[str, ...], ...]: ...


Cued = TypeVar("Cued", bound=_Cued)


class CueTable(tuple[Cued, ...]):
    """The rows of a table of cue phrases, and the length of its longest cue (in lemmas): how
    long the runs of a clause's lemmas must be to find every cue, counted once, on load."""

    longest: int

    def __new__(cls, rows: Iterable[Cued]) -> CueTable[Cued]:
        table = super().__new__(cls, rows)
        table.longest = max((len(c) for row in table for c in row.cues), default=1)
        return table


def longest_cue(rows: Sequence[EventMode] | Sequence[EventContext]) -> int:
    """The longest cue of a table: counted on load for the package's tables."""
    if isinstance(rows, CueTable):
        return rows.longest
    return max((len(c) for row in rows for c in row.cues), default=1)


@dataclass(frozen=True)
class EventWords:
    """Words the events stage's rules use (`event_words.tsv`)."""

    local_people: frozenset[str] = frozenset()  # belong where they are: civilians, residents
    away_people: frozenset[str] = frozenset()  # often not of their place: prisoners, refugees
    verb_partner_preps: frozenset[str] = frozenset()  # "talks with Iran", "fired on the police"
    noun_partner_preps: frozenset[str] = frozenset()  # of event nouns only: "the invasion of"
    from_is_source: frozenset[str] = frozenset()  # "expelled from the US": the US expelled
    obligations: frozenset[str] = frozenset()  # "said Iran must": lemmas, "have to" for "has to"

    @property
    def partner_preps(self) -> frozenset[str]:
        return self.verb_partner_preps | self.noun_partner_preps


def load_plover(path: Path) -> dict[str, PloverType]:
    types = {}
    for where, r in read_table(path, PLOVER_COLUMNS):
        properties = frozenset(split(r["properties"]))
        if unknown := properties - set(TYPE_PROPERTIES):
            raise KnowledgeError(f"{where}: {r['type']}: unknown properties {sorted(unknown)}")
        if r["quad_class"] not in {"1", "2", "3", "4"}:
            raise KnowledgeError(f"{where}: {r['type']}: quad_class must be 1 to 4")
        types[r["type"]] = PloverType(
            r["type"],
            int(r["quad_class"]),
            number(r["intensity"], where),
            r["cameo"],
            properties,
            frozenset(split(r["partner_preps"])),
        )
    return types


def load_lexicon(path: Path) -> list[LexiconEntry]:
    lowered = {"lemma", "particle", "object"}
    return [
        LexiconEntry(**{k: (v.lower() if k in lowered else v) for k, v in r.items()})
        for _, r in read_table(path, LEXICON_COLUMNS)
    ]


def load_modality(path: Path) -> list[ModalityCue]:
    cues = []
    for where, r in read_table(path, ("cue", "modality", "scope")):
        if r["scope"] not in MODALITY_SCOPES:
            raise KnowledgeError(
                f"{where}: {r['cue']}: scope must be one of {', '.join(MODALITY_SCOPES)}"
            )
        if r["modality"] not in MODALITIES:
            raise KnowledgeError(f"{where}: {r['cue']}: unknown modality {r['modality']!r}")
        cues.append(ModalityCue(r["cue"].lower(), r["modality"], r["scope"]))
    return cues


def load_attribution(path: Path) -> dict[str, str]:
    """Reporting cue -> its kind ("verb", "prep", ...)."""
    cues = {}
    for where, r in read_table(path, ("cue", "kind")):
        if r["kind"] not in ATTRIBUTION_KINDS:
            raise KnowledgeError(
                f"{where}: {r['cue']}: kind must be one of {', '.join(ATTRIBUTION_KINDS)}"
            )
        cues[r["cue"]] = r["kind"]
    return cues


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


def load_event_modes(path: Path, types: set[str]) -> CueTable[EventMode]:
    modes = []
    for where, row in read_table(path, MODE_COLUMNS):
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
    return CueTable(modes)


def load_event_contexts(path: Path) -> CueTable[EventContext]:
    return CueTable(
        EventContext(row["context"], _codes(row["cameo"]), _cues(row["cues"]), row["description"])
        for _, row in read_table(path, CONTEXT_COLUMNS)
    )


def load_event_words(path: Path) -> EventWords:
    found: dict[str, set[str]] = {kind: set() for kind in EVENT_WORD_KINDS}
    for where, row in read_table(path, ("kind", "words")):
        if row["kind"] not in found:
            raise KnowledgeError(
                f"{where}: kind must be one of {', '.join(EVENT_WORD_KINDS)}, not {row['kind']!r}"
            )
        found[row["kind"]].update(w.lower() for w in split(row["words"]))
    return EventWords(
        frozenset(found["local_people"]),
        frozenset(found["away_people"]),
        frozenset(found["verb_partner_prep"]),
        frozenset(found["noun_partner_prep"]),
        frozenset(found["from_is_source"]),
        frozenset(found["obligation"]),
    )
