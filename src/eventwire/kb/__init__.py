"""The knowledge layer: every data file under `eventwire/data/`, read and validated here into one
immutable `Knowledge` that the coder holds and passes to its stages.

`load()` reads the package's files (and users' actor files, `load(extra_actors=[Path(...)])`,
see `kb.user.user_actors`); `default()` is the package's knowledge, loaded once per process on
first use (never at import). `in_force()` is the knowledge the stages code with: the coder's
own, set around each document it codes (`with using(knowledge):`), else `default()`; what a
stage builds from it (compiled patterns, indexes) is cached per knowledge with `derived`. `content_hash()` is a hash of the files' bytes: it is part of the
coder's version key, so that `eventwire recode` re-codes what an edited lexicon would code
otherwise. A malformed file is a `KnowledgeError` (E007) naming the file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache, wraps
from pathlib import Path
from typing import TypeVar
from weakref import WeakKeyDictionary

from .actors import (
    COUNTRY_COLUMNS,
    COUNTRY_STATUS,
    METONYM_SECTORS,
    ORGANISATION_COLUMNS,
    PEOPLE_COLUMNS,
    ROLE_REFERS,
    Country,
    Modifier,
    Organisation,
    Person,
    Role,
    Sector,
    country_from_row,
    load_countries,
    load_modifiers,
    load_organisations,
    load_people,
    load_roles,
    load_sectors,
    organisation_from_row,
    package_people,
    person_from_row,
    with_generated_people,
)
from .analysis import load_blocs
from .events import (
    ATTRIBUTION_KINDS,
    MODALITY_SCOPES,
    TYPE_PROPERTIES,
    AcledType,
    CueTable,
    EventContext,
    EventMode,
    EventWords,
    LexiconEntry,
    ModalityCue,
    PloverType,
    load_attribution,
    load_event_contexts,
    load_event_modes,
    load_event_words,
    load_lexicon,
    load_modality,
    load_plover,
)
from .language import load_common_words, load_field_aliases, load_stopwords
from .places import PlaceKnowledge, load_place_knowledge
from .quantities import QuantityWords, load_quantity_words
from .tables import (
    DATA_PACKAGE,
    content_hash,
    data_dir,
    data_path,
    provenance,
    read_rows,
    read_table,
    read_tsv,
)
from .time import TimeWords, load_time_words
from .weights import Weights, load_weights


@dataclass(frozen=True, eq=False)  # identity hash: what a stage derives from it is cached by it
class Knowledge:
    """Everything the coder knows, by stage. The actors' and events' parts keep the names
    they have always had (`kb.countries`, `kb.plover`, ...); the other stages have one part
    each (`kb.time`, `kb.quantities`, `kb.places`, ...)."""

    # actors
    countries: tuple[Country, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    roles: tuple[Role, ...] = ()
    people: tuple[Person, ...] = ()
    sectors: dict[str, Sector] = field(default_factory=dict)
    modifiers: dict[str, Modifier] = field(default_factory=dict)  # "Rakhine" in "Rakhine rebels"
    # events
    plover: dict[str, PloverType] = field(default_factory=dict)
    lexicon: tuple[LexiconEntry, ...] = ()
    modality_cues: tuple[ModalityCue, ...] = ()
    reporting: dict[str, str] = field(default_factory=dict)  # cue -> "verb" | "prep" | ...
    modes: CueTable[EventMode] = field(default_factory=lambda: CueTable[EventMode](()))
    contexts: CueTable[EventContext] = field(default_factory=lambda: CueTable[EventContext](()))
    event_words: EventWords = field(default_factory=EventWords)
    # the other stages
    time: TimeWords = field(default_factory=TimeWords)
    quantities: QuantityWords = field(default_factory=QuantityWords)
    places: PlaceKnowledge = field(default_factory=PlaceKnowledge)
    field_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ingest
    common_words: dict[str, frozenset[str]] = field(default_factory=dict)  # language
    stopwords: frozenset[str] = frozenset()  # analysis
    blocs: dict[str, frozenset[str]] = field(default_factory=dict)  # analysis: alignment
    weights: Weights = field(default_factory=Weights)  # every stage's tuning weights
    content_hash: str = ""  # of the package's files this was read from

    @cached_property
    def _by_iso3(self) -> dict[str, Country]:
        return {c.iso3: c for c in self.countries}

    def country(self, iso3: str) -> Country | None:
        return self._by_iso3.get(iso3)

    @property
    def civilian_sectors(self) -> frozenset[str]:
        """Sectors of unarmed people: attacks on them are ACLED's violence against civilians."""
        return frozenset(code for code, s in self.sectors.items() if s.civilian)

    @property
    def stateless_sectors(self) -> frozenset[str]:
        """Sectors whose groups belong to no state by default: they take no document's country."""
        return frozenset(code for code, s in self.sectors.items() if s.stateless)


KnowledgeBase = Knowledge  # the name it had before the knowledge layer


def load(extra_actors: Sequence[Path] = ()) -> Knowledge:
    """Load the package's knowledge files, then each user actor file in order (later files win)."""
    sectors = load_sectors(data_path("sectors.tsv"))
    codes = {*sectors, ""}
    plover = load_plover(data_path("plover_types.tsv"))
    knowledge = Knowledge(
        countries=tuple(load_countries(data_path("countries.tsv"))),
        organisations=tuple(
            load_organisations(data_path("organisations.tsv"), codes)
            + load_organisations(data_path("organisations_states.tsv"), codes)
        ),
        roles=tuple(load_roles(data_path("roles.tsv"), codes)),
        people=tuple(package_people(codes)),
        sectors=sectors,
        modifiers=load_modifiers(data_path("roles_modifiers.tsv")),
        plover=plover,
        lexicon=tuple(load_lexicon(data_path("event_lexicon.tsv"))),
        modality_cues=tuple(load_modality(data_path("modality.tsv"))),
        reporting=load_attribution(data_path("attribution.tsv")),
        modes=load_event_modes(data_path("event_modes.tsv"), set(plover)),
        contexts=load_event_contexts(data_path("event_contexts.tsv")),
        event_words=load_event_words(data_path("event_words.tsv")),
        time=load_time_words(data_path("time_words.tsv")),
        quantities=load_quantity_words(),
        places=load_place_knowledge(),
        field_aliases=load_field_aliases(data_path("ingest_fields.tsv")),
        common_words=load_common_words(data_path("language_words.tsv")),
        stopwords=load_stopwords(data_path("analysis_stopwords.txt")),
        blocs=load_blocs(data_path("blocs.yaml"), "blocs.yaml (package data)"),
        weights=load_weights(data_path("weights.tsv")),
        content_hash=content_hash(),
    )
    return with_user_actors(knowledge, extra_actors) if extra_actors else knowledge


def with_user_actors(knowledge: Knowledge, files: Sequence[Path]) -> Knowledge:
    """The knowledge with users' actor files folded in, in order (later files win)."""
    from .user import Actors, merge_user_actors, user_actors

    actors = Actors(knowledge.countries, knowledge.organisations, knowledge.people)
    codes = {*knowledge.sectors, ""}
    for path in files:
        actors = merge_user_actors(actors, user_actors(Path(path)), codes)
    return replace(
        knowledge,
        countries=actors.countries,
        organisations=actors.organisations,
        people=actors.people,
    )


@lru_cache(maxsize=1)
def default() -> Knowledge:
    """The package's knowledge, loaded once per process (the only cache of knowledge files)."""
    return load()


T = TypeVar("T")
# the knowledge the stages code with; per thread and per task, so that two coders with their
# own knowledge (user actor files, a test's edited lexicon) never code with each other's
_IN_FORCE: ContextVar[Knowledge | None] = ContextVar("eventwire_knowledge", default=None)


def in_force() -> Knowledge:
    """The knowledge in force: the coder's, while it codes a document, else `default()`."""
    return _IN_FORCE.get() or default()


@contextmanager
def using(knowledge: Knowledge) -> Iterator[Knowledge]:
    """Code with `knowledge` inside the block (the coder does this around each document)."""
    token = _IN_FORCE.set(knowledge)
    try:
        yield knowledge
    finally:
        _IN_FORCE.reset(token)


def weight(name: str) -> float:
    """One weight of the knowledge in force, by its full name ("actors.context.near_score")."""
    return in_force().weights[name]


def derived(build: Callable[[], T]) -> Callable[[], T]:
    """A value a stage builds from the knowledge in force (a compiled pattern, an index),
    built once per knowledge: two knowledges never share it, and it goes with its knowledge."""
    built: WeakKeyDictionary[Knowledge, T] = WeakKeyDictionary()

    @wraps(build)
    def get() -> T:
        knowledge = in_force()
        try:
            return built[knowledge]
        except KeyError:
            value = built[knowledge] = build()
            return value

    return get


__all__ = [
    "ATTRIBUTION_KINDS",
    "COUNTRY_COLUMNS",
    "COUNTRY_STATUS",
    "DATA_PACKAGE",
    "METONYM_SECTORS",
    "MODALITY_SCOPES",
    "ORGANISATION_COLUMNS",
    "PEOPLE_COLUMNS",
    "ROLE_REFERS",
    "TYPE_PROPERTIES",
    "AcledType",
    "Country",
    "CueTable",
    "EventContext",
    "EventMode",
    "EventWords",
    "Knowledge",
    "KnowledgeBase",
    "LexiconEntry",
    "ModalityCue",
    "Modifier",
    "Organisation",
    "Person",
    "PlaceKnowledge",
    "PloverType",
    "QuantityWords",
    "Role",
    "Sector",
    "TimeWords",
    "Weights",
    "content_hash",
    "country_from_row",
    "data_dir",
    "data_path",
    "default",
    "derived",
    "in_force",
    "load",
    "load_countries",
    "load_event_contexts",
    "load_event_modes",
    "load_lexicon",
    "load_modality",
    "load_organisations",
    "load_people",
    "load_plover",
    "load_roles",
    "organisation_from_row",
    "package_people",
    "person_from_row",
    "provenance",
    "read_rows",
    "read_table",
    "read_tsv",
    "using",
    "weight",
    "with_generated_people",
    "with_user_actors",
]
