"""Knowledge base: the readable data files under `eventwire/data/`, loaded once and validated.

Every file is UTF-8, tab-separated, with a header row; list-valued fields are `|`-separated and
lines starting with `#` are comments. Users add or override actors with their own files, without
touching the package: `load(extra_actors=[Path("my_actors.tsv")])` (see `kb_user.user_actors`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .cache import cache_dir, cached, fingerprint
from .errors import KnowledgeError
from .kb_events import EventContext, EventMode, load_event_contexts, load_event_modes

DATA_PACKAGE = "eventwire.data"


COUNTRY_STATUS = ("member", "observer", "other")  # UN membership


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str
    metonyms: tuple[tuple[str, str], ...]  # (phrase, sector)
    lat: float
    lon: float
    status: str = "other"


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    kind: str


ROLE_REFERS = ("person", "group", "state")


@dataclass(frozen=True)
class Role:
    """A role word: `refers` says what it names: one person ("minister"), a group of people
    ("officials"), or a state named before or beside it ("the two powers", "the country")."""

    phrase: str
    sector: str
    refers: str = "group"

    @property
    def person(self) -> bool:
        return self.refers == "person"


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    start: dt.date | None
    end: dt.date | None

    def holds_role_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


TYPE_PROPERTIES = (
    "symmetric",
    "clause_target",
    "complement_target",
    "moves_forces",
    "needs_actor_object",
    "campaign",
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
    scope: str  # "aux", "governor", "modifier", "marker"


@dataclass(eq=False)  # identity hash: one KB object is cached per process
class KnowledgeBase:
    countries: list[Country] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    plover: dict[str, PloverType] = field(default_factory=dict)
    lexicon: list[LexiconEntry] = field(default_factory=list)
    modality_cues: list[ModalityCue] = field(default_factory=list)
    reporting: dict[str, str] = field(default_factory=dict)  # cue -> "verb" | "prep"
    modes: list[EventMode] = field(default_factory=list)
    contexts: list[EventContext] = field(default_factory=list)

    def country(self, iso3: str) -> Country | None:
        if len(self._by_iso3) != len(self.countries):
            self._by_iso3 = {c.iso3: c for c in self.countries}
        return self._by_iso3.get(iso3)

    _by_iso3: dict[str, Country] = field(default_factory=dict, repr=False)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def read_rows(path: Path | str, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line number, fields) of the data rows; comments and blanks skipped."""
    rows = []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = [h.strip() for h in next(reader, [])]
            for line_no, row in enumerate(reader, start=2):
                if not row or row[0].startswith("#") or not any(f.strip() for f in row):
                    continue
                if len(row) != len(header):
                    raise KnowledgeError(
                        f"{source}:{line_no}: expected {len(header)} fields, got {len(row)}"
                    )
                rows.append((line_no, [f.strip() for f in row]))
    except (UnicodeDecodeError, csv.Error) as err:
        raise KnowledgeError(f"{source}: cannot read: {err}") from None
    return header, rows


def read_tsv(
    path: Path | str, columns: Sequence[str], source: str | None = None
) -> Iterator[dict[str, str]]:
    """Rows of a TSV file as dicts; raises KnowledgeError naming the file and line."""
    name = source or str(path)
    header, rows = read_rows(path, name)
    if header != list(columns):
        raise KnowledgeError(f"{name}: header must be {' '.join(columns)!r}")
    for _, row in rows:
        yield dict(zip(columns, row, strict=True))


def _data_path(filename: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE).joinpath(filename)))


def _float(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise KnowledgeError(f"{where}: not a number: {value!r}") from None


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise KnowledgeError(f"{where}: not an ISO date: {value!r}") from None


COUNTRY_COLUMNS = (
    "iso3",
    "iso2",
    "name",
    "aliases",
    "adjectives",
    "capital",
    "metonyms",
    "lat",
    "lon",
    "status",
)
ORGANISATION_COLUMNS = ("code", "name", "aliases", "country", "sector", "kind")
PEOPLE_COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end")
METONYM_SECTORS = {"GOV", "MIL", "SPY"}


def _metonyms(value: str, where: str) -> tuple[tuple[str, str], ...]:
    metonyms = []
    for item in _split(value):
        phrase, _, sector = item.rpartition("=")
        if not phrase or sector not in METONYM_SECTORS:
            raise KnowledgeError(f"{where}: bad metonym {item!r} (want phrase=GOV|MIL|SPY)")
        metonyms.append((phrase, sector))
    return tuple(metonyms)


def country_from_row(row: dict[str, str], where: str) -> Country:
    status = row.get("status") or "other"
    if status not in COUNTRY_STATUS:
        raise KnowledgeError(f"{where}: status must be one of {', '.join(COUNTRY_STATUS)}")
    return Country(
        iso3=row["iso3"],
        iso2=row.get("iso2", ""),
        name=row.get("name", ""),
        aliases=_split(row.get("aliases", "")),
        adjectives=_split(row.get("adjectives", "")),
        capital=row.get("capital", ""),
        metonyms=_metonyms(row.get("metonyms", ""), where),
        lat=_float(row.get("lat") or "0", where),
        lon=_float(row.get("lon") or "0", where),
        status=status,
    )


def organisation_from_row(row: dict[str, str]) -> Organisation:
    return Organisation(
        row["code"], row["name"], _split(row["aliases"]), row["country"], row["sector"], row["kind"]
    )


def person_from_row(row: dict[str, str], where: str) -> Person:
    return Person(
        row["name"],
        _split(row["aliases"]),
        row["country"],
        row["sector"],
        row["role"],
        _date(row["start"], f"{where}: {row['name']}"),
        _date(row["end"], f"{where}: {row['name']}"),
    )


def load_countries(path: Path) -> list[Country]:
    return [country_from_row(r, f"{path}: {r['iso3']}") for r in read_tsv(path, COUNTRY_COLUMNS)]


def load_organisations(path: Path) -> list[Organisation]:
    return [organisation_from_row(r) for r in read_tsv(path, ORGANISATION_COLUMNS)]


def load_roles(path: Path) -> list[Role]:
    roles = []
    for r in read_tsv(path, ("phrase", "sector", "refers")):
        if r["refers"] not in ROLE_REFERS:
            raise KnowledgeError(f"{path}: {r['phrase']}: refers must be person, group or state")
        roles.append(Role(r["phrase"].lower(), r["sector"], r["refers"]))
    return roles


def load_people(path: Path) -> list[Person]:
    return [person_from_row(r, str(path)) for r in read_tsv(path, PEOPLE_COLUMNS)]


def with_generated_people(written: list[Person], generated: list[Person]) -> list[Person]:
    """The hand-written people, then the generated ones (people_wikidata.tsv): a generated row
    of a person written by hand is kept only for a time no hand-written row of theirs covers
    (their earlier posts), under the hand-written name; the hand-written rows win."""
    by_name: dict[str, list[Person]] = {}
    for p in written:
        for name in (p.name, *p.aliases):
            by_name.setdefault(_folded(name), []).append(p)
    kept = []
    for row in generated:
        own = by_name.get(_folded(row.name))
        if not own:
            kept.append(row)
            continue
        clipped: Person | None = replace(row, name=own[0].name, aliases=own[0].aliases)
        for hand in own:
            clipped = _before(clipped, hand)
        if clipped is not None:
            kept.append(clipped)
    return written + kept


def _before(row: Person | None, hand: Person) -> Person | None:
    """A generated row as far as a hand-written one leaves it: ended the day before the
    hand-written role starts (an open Wikidata holding of a post since left), or dropped."""
    if row is None:
        return None
    row_start, row_end = row.start or dt.date.min, row.end or dt.date.max
    hand_start, hand_end = hand.start or dt.date.min, hand.end or dt.date.max
    if row_end < hand_start or hand_end < row_start:
        return row
    if row_start < hand_start:
        return replace(row, end=hand_start - dt.timedelta(days=1))
    return None


def package_people() -> list[Person]:
    """The hand-written people (people.tsv, people_gaps.tsv) with the rows generated from
    Wikidata (people_wikidata.tsv, 28,000 rows, by scripts/build_people.py) that they do not
    correct: read once, then from the cache (keyed by the files' bytes)."""
    files = [_data_path(f) for f in ("people.tsv", "people_gaps.tsv", "people_wikidata.tsv")]
    key = fingerprint(hashlib.sha256(p.read_bytes()).hexdigest() for p in files)
    return cached(
        cache_dir() / f"people-{key}.pickle",
        lambda: with_generated_people(
            load_people(files[0]) + load_people(files[1]), load_people(files[2])
        ),
    )


def _folded(name: str) -> str:
    """Case, accents and hyphens away: "Recep Tayyip Erdoğan" is "recep tayyip erdogan"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("-", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def load_plover(path: Path) -> dict[str, PloverType]:
    columns = ("type", "quad_class", "intensity", "cameo", "properties", "partner_preps")
    types = {}
    for r in read_tsv(path, columns):
        properties = frozenset(_split(r["properties"]))
        if unknown := properties - set(TYPE_PROPERTIES):
            raise KnowledgeError(f"{path.name}: {r['type']}: unknown properties {sorted(unknown)}")
        types[r["type"]] = PloverType(
            r["type"],
            int(r["quad_class"]),
            _float(r["intensity"], str(path)),
            r["cameo"],
            properties,
            frozenset(_split(r["partner_preps"])),
        )
    return types


def load_lexicon(path: Path) -> list[LexiconEntry]:
    cols = ("type", "cameo", "pos", "lemma", "particle", "object", "example")
    return [
        LexiconEntry(
            **{k: (v.lower() if k in {"lemma", "particle", "object"} else v) for k, v in r.items()}
        )
        for r in read_tsv(path, cols)
    ]


def load_modality(path: Path) -> list[ModalityCue]:
    return [
        ModalityCue(r["cue"].lower(), r["modality"], r["scope"])
        for r in read_tsv(path, ("cue", "modality", "scope"))
    ]


def load(extra_actors: Sequence[Path] = ()) -> KnowledgeBase:
    """Load the package's knowledge files, then each user actor file in order (later files win)."""
    kb = KnowledgeBase(
        countries=load_countries(_data_path("countries.tsv")),
        organisations=load_organisations(_data_path("organisations.tsv"))
        + load_organisations(_data_path("organisations_states.tsv")),
        roles=load_roles(_data_path("roles.tsv")),
        people=package_people(),
        plover=load_plover(_data_path("plover_types.tsv")),
        lexicon=load_lexicon(_data_path("event_lexicon.tsv")),
        modality_cues=load_modality(_data_path("modality.tsv")),
        reporting={
            r["cue"]: r["kind"] for r in read_tsv(_data_path("attribution.tsv"), ("cue", "kind"))
        },
    )
    kb.modes = load_event_modes(_data_path("event_modes.tsv"), set(kb.plover))
    kb.contexts = load_event_contexts(_data_path("event_contexts.tsv"))
    if extra_actors:
        from .kb_user import merge_user_actors, user_actors  # only for users' files

        for path in extra_actors:
            merge_user_actors(kb, user_actors(Path(path)))
    return kb


@lru_cache(maxsize=1)
def default() -> KnowledgeBase:
    """The package knowledge base, loaded once per process."""
    return load()
