"""From resolved roles to `Event` records: dyads, modality, date, place, quantities, evidence,
confidence and the notes that say which rules fired."""

from __future__ import annotations

import hashlib

from spacy.tokens import Span, Token

from ..kb import KnowledgeBase
from ..model import Event, Evidence, Mention
from .context import event_date, event_location, event_quantities
from .dyads import (
    _MAX_PAIRS,
    CAMPAIGN,
    Resolved,
    SentenceState,
    carry_target,
    confidence,
    is_symmetric,
    pairs,
)
from .lexicon import Match
from .modality import ModalityCues, modality_of
from .roles import Arguments
from .sentence import SentenceContext

VERSION = "eventwire.events.v2"


class EventBuilder:
    def __init__(self, kb: KnowledgeBase, cues: ModalityCues) -> None:
        self.kb = kb
        self.cues = cues

    def events(
        self,
        token: Token,
        match: Match,
        args: Arguments,
        sources: list[Resolved],
        targets: list[Resolved],
        extra: list[str],
        ctx: SentenceContext,
        state: SentenceState,
    ) -> list[Event]:
        entry = match.entry
        notes = [
            f"pattern {entry.pos.lower()} '{_pattern_text(match)}' -> {entry.type} {entry.cameo}",
            *args.notes,
            *extra,
        ]
        reciprocal = (
            is_symmetric(entry.type, entry.cameo)
            and len({r.country or r.hit.country for r in sources}) > 1
        )
        if not targets and state.events and entry.type in CAMPAIGN and not reciprocal:
            carried = carry_target(state.events, sources)
            if carried is not None:
                targets = [Resolved(carried, token, ["target carried from previous sentence"])]
                notes.append("target carried from previous sentence")
        dyads = pairs(is_symmetric(entry.type, entry.cameo), sources, targets)
        return [self.event(token, match, s, t, notes, ctx, state) for s, t in dyads[:_MAX_PAIRS]]

    def event(
        self,
        token: Token,
        match: Match,
        source: Resolved | None,
        target: Resolved | None,
        notes: list[str],
        ctx: SentenceContext,
        state: SentenceState,
    ) -> Event:
        entry, doc = match.entry, ctx.doc
        plover = self.kb.plover[entry.type]
        mod = modality_of(token, self.cues)
        trigger = _trigger_span(token, match)
        date = event_date(token, ctx.dates, state.reference, ctx.document.published_at)
        all_notes = [
            *notes,
            *mod.cues,
            *(source.notes if source else []),
            *(target.notes if target else []),
        ]
        return Event(
            id=_event_id(ctx.document.id, trigger.start_char, source, target),
            type=entry.type,
            cameo=entry.cameo,
            quad_class=plover.quad_class,
            intensity=plover.intensity,
            trigger=Mention(text=trigger.text, start=trigger.start_char, end=trigger.end_char),
            source=source.actor(doc) if source else None,
            target=target.actor(doc) if target else None,
            modality=mod.modality,
            negated=mod.negated,
            attribution=ctx.attribution(),
            date=date,
            location=event_location(token, ctx.places),
            quantities=event_quantities(token, ctx.quantities),
            evidence=Evidence(
                sentence=ctx.index_of_sentence,
                start=ctx.sent.start_char,
                end=ctx.sent.end_char,
                text=ctx.sent.text,
            ),
            confidence=confidence(match, token, source, target, bool(date and not date.inferred)),
            coder=VERSION,
            notes=list(dict.fromkeys(all_notes)),
        )


def _pattern_text(match: Match) -> str:
    e = match.entry
    return " ".join(p for p in (e.lemma, e.particle, e.object) if p)


def _trigger_span(token: Token, match: Match) -> Span:
    parts = [token] + [t for t in (match.particle_token, match.object_token) if t is not None]
    start, end = min(t.i for t in parts), max(t.i for t in parts)
    return token.doc[start : end + 1] if end - start <= 4 else token.doc[token.i : token.i + 1]


def _event_id(doc_id: str, start: int, source: Resolved | None, target: Resolved | None) -> str:
    key = (
        f"{doc_id}:{start}:{source.hit.name if source else ''}:{target.hit.name if target else ''}"
    )
    return hashlib.sha1(key.encode()).hexdigest()[:16]
