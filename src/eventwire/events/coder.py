"""The events stage's driver: for each sentence, the lexicon's matches, their argument roles
and the checks that keep implausible ones out; `build` turns what survives into events."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..actors import ActorHit
from ..kb import KnowledgeBase
from ..model import DateMention, Document, Event, EventDate, PlaceMention, QuantityMention
from ..nlp import text_of
from .attribution import Reporter, ReportingCues, find_reporter
from .build import EventBuilder
from .dyads import (
    CLAUSE_TARGET,
    COMPLEMENT_TARGET,
    MOVES_FORCES,
    NEEDS_ACTOR_OBJECT,
    TYPE_PREPS,
    Resolved,
    SentenceState,
    split_forces,
    topic_country,
)
from .lexicon import Lexicon, Match
from .modality import ModalityCues
from .naming import (
    PRONOUNS,
    Demonyms,
    actor_at,
    actors_at,
    possessive_pronoun,
    resolve_pronoun,
)
from .roles import Arguments, noun_arguments, verb_arguments
from .sentence import SentenceContext

AGENT_NOTE = "actor is the agent of an event noun"


class EventCoder:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lexicon = Lexicon(kb.lexicon)
        self.reporting = ReportingCues.from_table(kb.reporting)
        self.cues = ModalityCues(kb.modality_cues, self.reporting.verbs)
        self.demonyms: Demonyms = {
            word.lower(): (c.iso3, c.name)
            for c in kb.countries
            for word in (c.name, *c.aliases, *c.adjectives)
        }
        self.builder = EventBuilder(kb, self.cues)
        self.trace: dict[int, list[str]] | None = None  # sentence -> rejections, for `explain`

    def code(
        self,
        doc: Doc,
        document: Document,
        hits: list[ActorHit],
        places: list[PlaceMention],
        dates: list[DateMention],
        quantities: list[QuantityMention],
    ) -> list[Event]:
        index = {i: h for h in hits for i in h.tokens}
        persons = {i for h in hits if h.kind == "person" for i in h.tokens}
        media = {i for h in hits if h.sector == "MED" for i in h.tokens}
        state = SentenceState()
        lead: Reporter | None = None
        events: list[Event] = []
        text = text_of(doc)
        paragraph, counted_to = 0, 0
        for s_idx, sent in enumerate(doc.sents):
            paragraph += text.count("\n", counted_to, sent.start_char)
            counted_to = sent.start_char
            if paragraph != state.paragraph:
                state = SentenceState(groups=state.groups, paragraph=paragraph)
            reporter = find_reporter(sent, self.reporting, persons, media)
            if reporter is not None and lead is None and s_idx < 2:
                lead = reporter
            ctx = SentenceContext(
                doc, document, s_idx, sent, index, reporter, lead, places, dates, quantities
            )
            if self.trace is not None:
                ctx.trace = self.trace.setdefault(s_idx, [])
            sent_events = answer_accusations(self._code_sentence(ctx, state), state.events)
            events.extend(sent_events)
            state.events = sent_events or state.events
            state.reference = _last_date(sent, dates) or state.reference
        return events

    def _code_sentence(self, ctx: SentenceContext, state: SentenceState) -> list[Event]:
        matches = [
            (t, m)
            for t in ctx.sent
            if (ctx.reporter is None or ctx.reporter.verb is None or t.i != ctx.reporter.verb.i)
            and (m := self.lexicon.match(t)) is not None
        ]
        ctx.event_nouns = frozenset(t.i for t, m in matches if m.entry.pos == "NOUN")
        light = {m.object_token.i for _, m in matches if m.object_token is not None}
        verbs = frozenset(t.i for t, m in matches if m.entry.pos == "VERB")
        coded_verbs: set[int] = set()
        matches.sort(key=lambda tm: tm[1].entry.pos != "VERB")  # verbs first, nouns may be subsumed
        events: list[Event] = []
        subjects = [
            h
            for t in ctx.sent
            if t.dep_ == "nsubj"
            and t.head.dep_ == "ROOT"
            and (h := actor_at(t, ctx.index)) is not None
        ]
        if subjects:  # "Russia readies its offensive": 'its' may point back to this subject
            state.groups.append(subjects)
        for token, match in matches:
            # "rejected the proposal": an event noun that is the object of a coded verb is part of it
            if token.i in light or (token.dep_ == "dobj" and token.head.i in coded_verbs):
                ctx.reject(token.text, "part of the phrase of a coded verb")
                continue
            args = (
                verb_arguments(
                    token,
                    match.object_token,
                    match.particle_token,
                    TYPE_PREPS.get(match.entry.type, frozenset()),
                )
                if match.entry.pos == "VERB"
                else noun_arguments(token, verbs)
            )
            sources = self._resolve(args.sources, ctx, state)
            if not sources and args.fallback_sources:
                sources = self._resolve(args.fallback_sources, ctx, state)
                args.direct_source = False
                args.notes += ["source from governing clause"] if sources else []
            targets = self._resolve(args.targets, ctx, state)
            if not targets and match.entry.type in CLAUSE_TARGET:  # "demanded that the US leave"
                targets = self._resolve(args.clause_subjects, ctx, state)
            if not targets and match.entry.type in COMPLEMENT_TARGET:  # "offered to meet Armenia"
                targets = self._resolve(args.complement_targets, ctx, state)
            if any(r.hit.country for r in targets):  # "ceded villages to Azerbaijan": the actor
                targets = (
                    [r for r in targets if r.hit.country]
                    if match.entry.type not in MOVES_FORCES
                    else targets
                )
            extra: list[str] = []
            if match.entry.type in MOVES_FORCES:
                sources, targets, extra = split_forces(sources, targets)
            self._add_topic(sources, state)
            reason = self._implausible(match, args, sources, targets)
            if reason is not None:
                ctx.reject(token.text, f"{match.entry.type} pattern, {reason}")
                continue
            new_events = self.builder.events(
                token, match, args, sources, targets, extra, ctx, state
            )
            events.extend(new_events)
            coded_verbs |= {token.i} if new_events else set()
            if match.entry.pos == "VERB" and args.direct_source and sources:
                state.groups.append([r.hit for r in sources])
        return sorted(events, key=lambda e: e.trigger.start)

    @staticmethod
    def _add_topic(sources: list[Resolved], state: SentenceState) -> None:
        """A role with no country ("new recruits") takes the country the paragraph is about,
        when no other source names one."""
        if any(r.hit.country for r in sources):
            return
        for r in sources:
            if r.hit.country is None and r.hit.kind in {"role", "role_person"}:
                topic = topic_country(state)
                if topic:
                    r.country = topic
                    r.notes.append("country from the paragraph's topic")

    def _resolve(
        self, tokens: list[Token], ctx: SentenceContext, state: SentenceState
    ) -> list[Resolved]:
        found: list[Resolved] = []
        reporter = ctx.reporter.tokens if ctx.reporter else frozenset()
        for token in tokens:
            if token.i in reporter:
                continue
            if token.lower_ in PRONOUNS:
                found += [
                    Resolved(h, token, ["pronoun resolved"])
                    for h in resolve_pronoun(token, state.groups)
                ]
            elif named := actors_at(token, ctx.index, self.demonyms):
                # "rejected an Indian proposal": the agent of an event noun, not the noun itself
                agent = token.i in ctx.event_nouns and token.i not in ctx.index
                found += [Resolved(hit, token, [AGENT_NOTE] if agent else []) for hit in named]
            elif (pronoun := possessive_pronoun(token)) is not None:
                found += [
                    Resolved(h, pronoun, ["pronoun resolved"])
                    for h in resolve_pronoun(pronoun, state.groups)
                ]
        unique = {id(r.hit): r for r in found}
        return list(unique.values())

    @staticmethod
    def _implausible(
        match: Match, args: Arguments, sources: list[Resolved], targets: list[Resolved]
    ) -> str | None:
        """Why a match gives no event, or None when it does."""
        if not sources and not targets:
            return "no actor among its arguments"
        if match.entry.lemma == "be" and not targets:
            return "'be in' is a visit only when the place is an actor"
        actors = [t for t in targets if AGENT_NOTE not in t.notes]  # "meet an Israeli offensive"
        if (
            match.entry.type in NEEDS_ACTOR_OBJECT
            and match.entry.pos == "VERB"
            and args.objects
            and not actors
        ):
            return "its object is not an actor"
        return None


def answer_accusations(events: list[Event], before: list[Event]) -> list[Event]:
    """A denial with no target answers the accusation against its source in this sentence or
    the one before: "Britain blames Russia, which Russia denies" is Russia rejecting Britain."""
    accusations = [e for e in (*before, *events) if e.type == "ACCUSE" and e.source and e.target]
    answered = []
    for event in events:
        denier = event.source.country if event.source else None
        unanswered = event.type == "REJECT" and event.target is None and denier is not None
        accuser = next(
            (
                a.source
                for a in reversed(accusations)
                if a.source and a.target and a.target.country == denier != a.source.country
            ),
            None,
        )
        if unanswered and accuser is not None:
            note = f"target: the accuser ({accuser.text}) of the accusation it answers"
            event = event.model_copy(update={"target": accuser, "notes": [*event.notes, note]})
        answered.append(event)
    return answered


def _last_date(sent: Span, dates: list[DateMention]) -> EventDate | None:
    """The last date a sentence names: the reference time for the sentences that follow."""
    inside = [d for d in dates if sent.start_char <= d.start < sent.end_char]
    if not inside:
        return None
    d = inside[-1]
    return EventDate(text=d.text, start=d.date_start, end=d.date_end, granularity=d.granularity)
