"""The record types every stage reads and writes: the public contract of `code --format json`.

Field names follow the event record in docs/BRIEF (kept stable; new fields are added, never
renamed). Offsets are character offsets into `Document.text`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal[
    "asserted", "planned", "intended", "threatened", "feared", "hypothetical", "denied"
]
Granularity = Literal[
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "year",
    "decade",
    "fuzzy",
    "half",
    "century",
    "hour",
    "minute",
    "part_of_day",
]
TimexKind = Literal["date", "time", "duration", "set"]
Direction = Literal["past", "present", "future"]
AttributionKind = Literal[
    "named_official", "official", "anonymous_source", "intelligence", "media", "outlet"
]
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset one past the last character.")


class Document(Record):
    id: str
    title: str | None = None
    text: str
    outlet: str | None = None
    url: str | None = None
    published_at: dt.date | None = None
    language: str = Field(
        "en",
        description="ISO 639-1 code, detected from the text (short or uncertain texts: en); "
        "documents in another language are stored but not coded.",
    )
    anchor_date: dt.date | None = Field(
        None,
        description="The date 'yesterday', 'on Monday', 'January 23' were resolved against: the "
        "publication date, else (anchor_fallback) the day the document was first coded.",
    )
    anchor_fallback: bool = Field(
        False,
        description="True when the document had no publication date: its anchor is the day it "
        "was first coded (kept when re-coded), and dates resolved against it are inferred.",
    )


class Mention(Record):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ActorMention(Mention):
    name: str = Field(description="Canonical name.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 or organisation code.")
    sector: str | None = Field(None, description="GOV, MIL, REB, OPP, BUS, MED, CVL, IGO, ...")
    kind: Literal["country", "organisation", "person", "group"] = "group"
    score: float = Field(1.0, ge=0, le=1)
    rule: str = Field("", description="The rule or knowledge entry that resolved it.")


# Rules of the actors stage that give a group noun its document's country ("police" ... "in
# Lagos", "ISIL ... fighters", the state the text is about): the country is inferred.
INFERRED_COUNTRY_RULES = ("place:", "context-actor:", "setting:")
# Rules by which a word lends its country to another ("China's ambassador" names China once): a
# document's setting counts such a country on its own, not again.
LENT_COUNTRY_RULES = ("possessor:", "shared")


class ActorRef(Record):
    """An actor the actors stage found, as the events stage reads it: the tokens it covers in
    the parse (`head` is None for an actor carried from an earlier sentence) and its resolution.
    Not part of the output; `ActorMention` is."""

    tokens: tuple[int, ...]
    head: int | None
    start: int
    end: int
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str = "group"
    score: float = 1.0
    rules: tuple[str, ...] = ()

    @property
    def country_inferred(self) -> bool:
        """The country came from the document's context (actors/context.py), not the words."""
        return any(r.startswith(INFERRED_COUNTRY_RULES) for r in self.rules)


class PlaceMention(Mention):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None
    feature: Literal["country", "admin", "city", "custom", "continent", "region"] = Field(
        "city",
        description="admin: state, province or county; region: a sea, strait, peninsula, "
        "disputed territory or region of the world; custom: from a user's places file.",
    )
    score: float = Field(1.0, ge=0, le=1)
    admin1: str | None = Field(None, description="First-level region (state, province) name.")
    approximate: bool = Field(
        False,
        description="The name is not in the gazetteer and the point is a guess: a US county at "
        "the document's towns in its state (else its namesake town, else the state); a "
        "facility or area at the town the document is about.",
    )
    rule: str = Field("", description="The features that decided the choice, strongest first.")


class DateMention(Mention):
    # `start`/`end` are character offsets like every mention; the dates are `date_start`/`date_end`.
    date_start: dt.date
    date_end: dt.date
    granularity: Granularity
    direction: Direction = "past"
    rule: str = ""
    value: str | None = Field(
        None,
        description="TimeML (ISO 8601) value: 2023-01-05, 2023-W05, 2023-Q1, 2022-SP, "
        "2023-01-05T15:00, PAST_REF, P3D (a duration), ...",
    )
    kind: TimexKind = Field("date", description="date, time (of day), duration or set.")
    modifier: str | None = Field(
        None, description="TimeML mod: START, MID, END (early, mid, late), APPROX, MORE_THAN, ..."
    )
    inferred: bool = Field(
        False,
        description="True when resolved against a fallback anchor (no publication date known): "
        "'yesterday' in a document of unknown date is a guess.",
    )


QuantityChange = Literal["up", "down", "=", "~", ">", "<"]


class QuantityMention(Mention):
    value: float
    unit: str | None = None
    counted: str | None = Field(None, description="The noun counted: 'drones', 'tanks'.")
    qualifier: str | None = Field(None, description="about, at least, up to, ...")
    value_max: float | None = Field(
        None, description="Top of a range ('200 to 300', 'hundreds of': 100 to 1000)."
    )
    change: QuantityChange | None = Field(
        None,
        description="As NewsQuant: 'up' or 'down' for a rise or a fall ('rose 5%', 'down 19 "
        "cents'); '~', '>', '<' for an approximate or bounded amount ('about', 'more than', "
        "'up to'); '=' for an exact one.",
    )
    casualty: str | None = Field(
        None, description="killed, wounded, arrested, displaced, missing, ... when people counted."
    )
    concept: str | None = Field(
        None,
        description="What the quantity is about, as a noun phrase: 'revenue' in '60% of its "
        "revenue', 'driving range' in 'boost the driving range by 35 miles', the owner in "
        "'Ford has 13,000 workers'.",
    )
    unit_name: str | None = Field(
        None,
        description="The unit's normalised name (data/quantities_unit_names.tsv): 'dollar', "
        "'kilometre', 'percentage'; for a count, the counted noun in the singular ('soldier').",
    )
    note: str | None = Field(
        None,
        description="How a value not written as a number was read: 'counted: the officer and "
        "her daughter', 'vague: dozens'.",
    )


class Actor(Record):
    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    span: Span
    country_inferred: bool = Field(
        False,
        description="True when neither the actor's words nor the knowledge base give it a "
        "country and it takes the country of the place the event happens in ('gunmen' in Kidal) "
        "or of its document: the one state its sentence names as a place, the group of its "
        "sector named just before ('ISIL ... fighters'), the state the text is mostly about.",
    )


class Attribution(Record):
    text: str
    kind: AttributionKind
    span: Span | None = None
    scope: Literal["sentence", "document"] = "sentence"


class EventDate(Record):
    text: str | None
    start: dt.date
    end: dt.date
    granularity: Granularity
    inferred: bool = Field(False, description="True when taken from context, not the sentence.")


class EventLocation(Record):
    text: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None
    admin1: str | None = Field(None, description="First-level region (state, province) name.")
    precision: Literal["point", "admin1", "country", "region"] = Field(
        "point",
        description="What the point stands for: a town or site (point), a state or province "
        "(admin1), a whole country, or a wider region; approximate points are not 'point'.",
    )


class EventQuantity(Record):
    text: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    counted: str | None = None
    concept: str | None = None
    casualty: str | None = Field(
        None, description="killed, wounded, ... when the quantity counts an event's casualties."
    )
    note: str | None = None


class Evidence(Record):
    sentence: int
    start: int
    end: int
    text: str


class Event(Record):
    id: str
    type: str
    cameo: str
    mode: str | None = Field(
        None,
        description="PLOVER mode: the form the event takes (ASSAULT: aerial, heavy-weapons, "
        "firearms, explosives, suicide-attack, ...; PROTEST: demo, riot, strike, hunger, boycott; "
        "COERCE: arrest, curfew, seize, deport, ...); see eventwire/data/event_modes.tsv.",
    )
    context: list[str] = Field(
        default_factory=list,
        description="PLOVER contexts: what the event is about (military, economic, election, "
        "humanitarian, ...); see eventwire/data/event_contexts.tsv.",
    )
    quad_class: int = Field(ge=1, le=4)
    intensity: float = Field(ge=-10, le=10)
    trigger: Mention
    source: Actor | None = None
    target: Actor | None = None
    modality: Modality = "asserted"
    negated: bool = False
    attribution: Attribution | None = None
    date: EventDate | None = None
    location: EventLocation | None = None
    quantities: list[EventQuantity] = Field(default_factory=list)
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)
    coder: str = Field(description="Versioned name of the stage that coded the event.")
    notes: list[str] = Field(default_factory=list, description="Why: the rules that fired.")


class Mentions(Record):
    actors: list[ActorMention] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    quantities: list[QuantityMention] = Field(default_factory=list)


class CodedDocument(Record):
    document: Document
    events: list[Event] = Field(default_factory=list)
    mentions: Mentions = Field(default_factory=Mentions)


def event_json_schema() -> dict[str, object]:
    """JSON Schema of one coded document (the output of `code --format json`)."""
    return CodedDocument.model_json_schema(mode="serialization")
