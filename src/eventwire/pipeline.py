"""The coder: one function from text to a `CodedDocument`, used by the CLI, the API and tests.

Stages run in one direction: nlp -> actors, places, time, quantities -> events. Heavy resources
(the spaCy pipeline, the knowledge, the gazetteer, the matchers) are built once per process; the
coder holds one `Knowledge` (`eventwire.kb`) and builds each stage's parts from it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from spacy.language import Language
from spacy.tokens import Doc

from . import actors as actors_stage
from . import events as events_stage
from . import kb as kb_module
from . import lang
from . import nlp as nlp_module
from . import places as places_stage
from . import quantities as quantities_stage
from . import time as time_stage
from .actors import ActorMatcher, find_actors
from .events import EventCoder
from .ingest import make_document
from .kb import Knowledge
from .model import CodedDocument, DateMention, Document, Event, Mentions
from .places import Gazetteer, find_places, gazetteer
from .quantities import date_tokens, find_quantities
from .time import find_dates
from .time.tense import tense_at

if TYPE_CHECKING:
    from .results import CodedBatch, CodeResult

T = TypeVar("T")
DateArgument = dt.date | str | None  # a date, or YYYY-MM-DD as `--date` takes it

# Each stage names its own version; a bump there re-codes stored documents (`eventwire recode`).
VERSIONS = {
    "actors": actors_stage.VERSION,
    "places": places_stage.VERSION,
    "time": time_stage.VERSION,
    "quantities": quantities_stage.VERSION,
    "events": events_stage.VERSION,
}
KNOWLEDGE_KEY = "knowledge"


def versions(knowledge: Knowledge | None = None) -> dict[str, str]:
    """The stage versions and the hash of the knowledge files: what a stored document's coder
    key is made of, so that an edited lexicon re-codes as a version bump does."""
    digest = knowledge.content_hash if knowledge is not None else kb_module.content_hash()
    return {**VERSIONS, KNOWLEDGE_KEY: digest}


class _StageClock:
    """Calls a stage and, when asked to, adds its wall time to a per-stage total."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings

    def __call__(self, stage: str, fn: Callable[..., T], *args: Any) -> T:
        if self.timings is None:
            return fn(*args)
        start = time.perf_counter()
        result = fn(*args)
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start
        return result


@dataclass
class Coder:
    """Everything needed to code documents, built once."""

    nlp: Language
    kb: Knowledge
    actors: ActorMatcher
    gazetteer: Gazetteer
    events: EventCoder
    # which documents are coded: "en" (others are stored with their language, uncoded) or "any"
    language: str = lang.ENGLISH

    @classmethod
    def create(
        cls,
        model: str | None = None,
        kb: Knowledge | None = None,
        places: tuple[str | Path, ...] = (),
    ) -> Coder:
        """Build a coder; `kb` replaces the package knowledge (see `kb.load` for user actor
        files) and `places` names user place files that win over the gazetteer's."""
        nlp = nlp_module.load(model)
        knowledge = kb or kb_module.default()
        return cls(
            nlp,
            knowledge,
            ActorMatcher(nlp, knowledge),
            gazetteer(knowledge, places),
            EventCoder(knowledge),
        )

    def versions(self) -> dict[str, str]:
        """What this coder stores as its key: stage versions and its knowledge's hash."""
        return versions(self.kb)

    def code_doc(
        self,
        doc: Doc,
        document: Document,
        timings: dict[str, float] | None = None,
        trace: dict[int, list[str]] | None = None,
    ) -> CodedDocument:
        """Run the stages on a parsed document; `timings` (optional) accumulates seconds per stage,
        `trace` (optional) collects, per sentence, why its triggers gave no event (`explain`).
        The document comes back with the anchor its dates were resolved against. Every stage
        codes with this coder's knowledge (`kb.using`), whatever another coder holds."""
        with kb_module.using(self.kb):
            return self._code_doc(doc, document, timings, trace)

    def _code_doc(
        self,
        doc: Doc,
        document: Document,
        timings: dict[str, float] | None,
        trace: dict[int, list[str]] | None,
    ) -> CodedDocument:
        clock = _StageClock(timings)
        document = anchored(document)
        anchor, known = document.anchor_date or dt.date.today(), not document.anchor_fallback
        hits = clock("actors", find_actors, doc, self.actors, document.published_at)
        context = {h.country for h in hits if h.country}
        places = clock("places", find_places, doc, self.gazetteer, context)
        dates = clock("time", find_dates, doc.text, anchor, tense_at(doc), known)
        quantities = clock("quantities", find_quantities, doc, *date_tokens(doc, dates))
        events = clock(
            "events",
            self.events.code,
            doc,
            document,
            [h.ref() for h in hits],
            places,
            dates,
            quantities,
            trace,
        )
        mentions = Mentions(
            actors=[h.mention(doc) for h in hits], places=places, dates=dates, quantities=quantities
        )
        return CodedDocument(document=document, events=_inferred(events, dates), mentions=mentions)

    def code_documents(
        self, documents: Iterable[Document], language: str | None = None
    ) -> Iterator[CodedDocument]:
        """Code documents in English (or every one, with `language="any"`; by default the
        coder's `language`); a document in another language comes back with its language, its
        anchor and nothing coded."""
        with kb_module.using(self.kb):  # its common words tell the language
            docs = [_with_language(d) for d in documents]
        wanted = [_codes(d, language or self.language) for d in docs]
        texts = [d.text for d, to_code in zip(docs, wanted, strict=True) if to_code]
        parsed = iter(nlp_module.parse(self.nlp, texts))
        for document, to_code in zip(docs, wanted, strict=True):
            if to_code:
                yield self.code_doc(next(parsed), document)
            else:
                yield CodedDocument(document=anchored(document))


def _codes(document: Document, language: str) -> bool:
    return language == lang.ANY or document.language == language


def _with_language(document: Document) -> Document:
    return document.model_copy(update={"language": lang.language_of(document.text)})


def anchored(document: Document) -> Document:
    """The document with the date its dates are resolved against: its publication date; else
    the anchor stored when it was first coded (so that `recode` gives the same dates); else
    today, as a fallback."""
    if document.published_at is not None:
        update: dict[str, Any] = {"anchor_date": document.published_at, "anchor_fallback": False}
    else:
        update = {"anchor_date": document.anchor_date or dt.date.today(), "anchor_fallback": True}
    return document.model_copy(update=update)


def _inferred(events: list[Event], dates: list[DateMention]) -> list[Event]:
    """An event dated by a mention resolved against a fallback anchor has an inferred date."""
    guessed = {(d.text, d.date_start, d.date_end) for d in dates if d.inferred}
    if not guessed:
        return events
    return [
        e.model_copy(update={"date": e.date.model_copy(update={"inferred": True})})
        if e.date is not None and (e.date.text, e.date.start, e.date.end) in guessed
        else e
        for e in events
    ]


@dataclass(frozen=True)
class CoderSpec:
    """What a coder is built from, in plain values: pool and Dask workers are sent this, so
    that each builds the coder the run asked for (the same model, the same user files)."""

    model: str | None = None
    actors: tuple[str, ...] = ()  # user actor files (.tsv/.yaml), absolute paths
    places: tuple[str, ...] = ()  # user place files (.tsv/.csv)
    language: str = lang.ENGLISH  # "any": code documents in every language as English


_CODERS: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Coder] = {}


def coder(
    model: str | CoderSpec | None = None,
    actors: Iterable[str | Path] = (),
    places: Iterable[str | Path] = (),
    language: str | None = None,
) -> Coder:
    """The process-wide coder for a model and user files (built on first use); `actors` are
    user actor files (.tsv/.yaml), `places` user place files (.tsv/.csv); `language` "any"
    codes documents in every language as English. `model` may be a `CoderSpec`, which names
    them all."""
    if isinstance(model, CoderSpec):
        spec = model
        model, actors, places, language = spec.model, spec.actors, spec.places, spec.language
    actor_files = tuple(str(p) for p in actors)
    place_files = tuple(str(p) for p in places)
    # the files are part of the key: a worker codes many jobs with one coder, built once
    key = (nlp_module.model_name(model), actor_files, place_files)
    if key not in _CODERS:
        knowledge = (
            kb_module.load(extra_actors=[Path(p) for p in actor_files]) if actor_files else None
        )
        _CODERS[key] = Coder.create(model, kb=knowledge, places=place_files)
    built = _CODERS[key]
    # the same heavy parts, another choice of documents to code
    return built if language in (None, built.language) else replace(built, language=language)


@overload
def code(  # type: ignore[overload-overlap]  # a str is an Iterable[str]: this one wins
    text: str,
    date: DateArgument = None,
    model: str | None = None,
    *,
    actors: Iterable[str | Path] = (),
    places: Iterable[str | Path] = (),
    language: str = lang.ENGLISH,
) -> CodeResult: ...


@overload
def code(
    text: Iterable[str],
    date: DateArgument | Iterable[DateArgument] = None,
    model: str | None = None,
    *,
    actors: Iterable[str | Path] = (),
    places: Iterable[str | Path] = (),
    language: str = lang.ENGLISH,
) -> CodedBatch: ...


def code(
    text: str | Iterable[str],
    date: DateArgument | Iterable[DateArgument] = None,
    model: str | None = None,
    *,
    actors: Iterable[str | Path] = (),
    places: Iterable[str | Path] = (),
    language: str = lang.ENGLISH,
) -> CodeResult | CodedBatch:
    """Code one article, `eventwire.code(text, date="2023-02-12")` (a `CodeResult`), or a list
    of texts in one `nlp.pipe` batch (a `CodedBatch`; `date` one for all, or one per text).
    `actors` and `places` name user files, as `--actors` and `--places` do; `language="any"`
    codes a text in another language as English (else it comes back uncoded, with its language).
    A date that is not YYYY-MM-DD is an `InvalidDate` (E005), as with `eventwire code --date`."""
    from .errors import InvalidOption
    from .ingest import parse_date
    from .results import CodedBatch, as_result

    texts = [text] if isinstance(text, str) else list(text)
    given = [date] * len(texts) if date is None or isinstance(date, str | dt.date) else list(date)
    if len(given) != len(texts):
        raise InvalidOption(f"date: {len(given)} dates for {len(texts)} texts")
    dates = [d if isinstance(d, dt.date) else parse_date(d) for d in given]
    documents = [make_document(t, published_at=d) for t, d in zip(texts, dates, strict=True)]
    chosen = coder(model, actors, places, lang.option(language))
    coded = list(chosen.code_documents(documents))
    return as_result(coded[0]) if isinstance(text, str) else CodedBatch(coded)
