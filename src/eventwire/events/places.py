"""Targets a sentence leaves to its place: an event with a source and no target that happens
in a state is done to that state ("lifted the curfew in Montenegro", "opened fire on
demonstrators in Cairo" with no actor named for them), a protest with no target named is
against the government of the protesters' own state, and a coercion in the passive with no
agent is that state's act (PLOVER codes such events so)."""

from __future__ import annotations

from spacy.tokens import Token

from ..kb import PloverType, in_force
from ..model import ActorRef, PlaceMention
from .context import event_place
from .dyads import Resolved, is_symmetric
from .roles import is_passive_like

PLACE_NOTE = "target: the state the event happens in"
PROTEST_NOTE = "target: the government of the protesters' state"
AGENTLESS_NOTE = "source: the government of the state a coercion with no agent happens in"
_PROTEST = "14"  # CAMEO 14x: protest
_NOT_IN = frozenset({"from", "near", "outside"})
_COERCION = "17"  # CAMEO 17x: coerce (arrest, detain, ban, impose restrictions)
_GOVERNMENT = "GOV"
# CAMEO 18x-20x: violence with no agent named ("a car bomb exploded in Kabul") is still done
# to the state it happens in (the brief: events without a source are kept)
_VIOLENCE = ("18", "19", "20")


def place_target(
    trigger: Token,
    kind: PloverType,
    cameo: str,
    sources: list[Resolved],
    places: list[PlaceMention],
) -> list[Resolved]:
    """The government of the state the event happens in (a protest: else of its source's
    state), as the target of a one-sided event of a directed type; none where it would be the
    source itself (a government acting in its own state)."""
    if is_symmetric(kind, cameo) or not (sources or cameo.startswith(_VIOLENCE)):
        return []
    place = event_place(trigger, places)
    place = None if place is not None and _origin(trigger, place) else place
    country, note = (place.country, PLACE_NOTE) if place is not None else (None, "")
    if country is None and cameo.startswith(_PROTEST):
        country, note = _source_country(sources), PROTEST_NOTE
    state = in_force().country(country) if country else None
    if state is None or (sources and all(_same(r, state.iso3) for r in sources)):
        return []
    start, end = (place.start, place.end) if place is not None else _span(sources[0])
    return [Resolved(_government(state.name, state.iso3, start, end), trigger, [note])]


def _government(name: str, iso3: str, start: int, end: int) -> ActorRef:
    """The government of a state the sentence names no word for (at the words of its place,
    or of the actor it is inferred from)."""
    return ActorRef(
        tokens=(),
        head=None,
        start=start,
        end=end,
        name=name,
        country=iso3,
        sector=_GOVERNMENT,
        kind="country",
        score=0.6,
        rules=("place's state",),
    )


def _origin(trigger: Token, place: PlaceMention) -> bool:
    """A place under "from" is where a role comes from, not where the event is done ("the
    proposal from Colombia", "withdrew from Lebanon"); one "near" or "outside" a state is not
    in it ("deployed warships near Taiwan")."""
    span = trigger.doc.char_span(place.start, place.end, alignment_mode="expand")
    head = span.root.head if span is not None else None
    return head is not None and head.dep_ == "prep" and head.lower_ in _NOT_IN


def _source_country(sources: list[Resolved]) -> str | None:
    return next((c for r in sources if (c := r.country_code)), None)


def _same(source: Resolved, country: str) -> bool:
    """A government source in the state itself: the pair would be no dyad."""
    return (source.country_code) == country and source.hit.sector == _GOVERNMENT


def _span(source: Resolved) -> tuple[int, int]:
    return source.hit.start, source.hit.end


def agentless_source(
    trigger: Token, cameo: str, targets: list[Resolved], places: list[PlaceMention]
) -> list[Resolved]:
    """The government of the state a coercion happens in (else of its target's state) as the
    source of a passive with no agent: arrests, detentions and bans are the state's acts
    ("activists were detained in Lima" -> Peru)."""
    agent = any(c.dep_ == "agent" for c in trigger.children)
    if not cameo.startswith(_COERCION) or not is_passive_like(trigger) or agent or not targets:
        return []
    place = event_place(trigger, places)
    country = place.country if place is not None else None
    country = country or next((c for r in targets if (c := r.country_code)), None)
    state = in_force().country(country) if country else None
    if state is None:
        return []
    start, end = (place.start, place.end) if place is not None else _span(targets[0])
    hit = _government(state.name, state.iso3, start, end)
    return [Resolved(hit, trigger, [AGENTLESS_NOTE])]
