"""The events stage's driver: for each sentence, find the lexicon's predicates, assign their
roles, run the checks that keep implausible ones out, and build events from what survives."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ..kb import KnowledgeBase
from ..model import (
    ActorRef,
    DateMention,
    Document,
    Event,
    EventDate,
    PlaceMention,
    QuantityMention,
)
from ..nlp import starting_in, text_of
from .assign import Resolver, RoleAssignment, arguments, assign_roles
from .attribution import Reporter, ReportingCues, find_reporter
from .build import EventBuilder
from .checks import is_not_a_mentioned_state, is_not_a_repeat, is_not_background, rejections
from .dyads import Resolved, SentenceState
from .lexicon import Lexicon
from .modality import ModalityCues
from .naming import Demonyms, actor_at
from .predicates import Predicate, find_predicates, reported_demand
from .role_model import RoleModel, shipped_model
from .sentence import SentenceContext
from .type_model import TypeModel
from .type_model import shipped_model as shipped_type_model

Trace = dict[int, list[str]]  # sentence -> why its triggers gave no event (for `explain`)


class EventCoder:
    """find (predicates) -> roles (assign) -> checks -> build, sentence by sentence."""

    def __init__(self, kb: KnowledgeBase, use_model: bool = True) -> None:
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
        self.roles: RoleModel | None = shipped_model() if use_model else None
        self.types: TypeModel | None = shipped_type_model() if use_model else None
        self.codes = {name: kind.cameo for name, kind in kb.plover.items()}

    def code(
        self,
        doc: Doc,
        document: Document,
        hits: list[ActorRef],
        places: list[PlaceMention],
        dates: list[DateMention],
        quantities: list[QuantityMention],
        trace: Trace | None = None,
    ) -> list[Event]:
        index = {i: h for h in hits for i in h.tokens}
        persons = {i for h in hits if h.kind == "person" for i in h.tokens}
        media = {i for h in hits if h.sector == "MED" for i in h.tokens}
        state = SentenceState()
        lead: Reporter | None = None
        events: list[Event] = []
        text = text_of(doc)
        memo: dict[str, object] = {}  # the document's values, shared by its sentences
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
            ctx.memo = memo
            if trace is not None:
                ctx.trace = trace.setdefault(s_idx, [])
            sent_events = answer_accusations(self._code_sentence(ctx, state), state.events)
            events.extend(sent_events)
            state.events = sent_events or state.events
            state.reference = _last_date(sent, dates) or state.reference
        return events

    def _code_sentence(self, ctx: SentenceContext, state: SentenceState) -> list[Event]:
        verb = ctx.reporter.verb if ctx.reporter is not None else None
        skip = verb.i if verb is not None else None
        demand = self._demand(ctx)
        predicates = find_predicates(
            ctx.sent, self.lexicon, skip, self.types, self.codes, (demand,) if demand else ()
        )
        for token, reason in predicates.dropped:
            ctx.reject(token.text, reason)
        ctx.event_nouns = predicates.nouns
        resolve = Resolver(self.demonyms, ctx, state)
        subjects = [
            h
            for t in ctx.sent
            if t.dep_ == "nsubj"
            and t.head.dep_ == "ROOT"
            and (h := actor_at(t, ctx.index)) is not None
        ]
        if subjects:  # "Russia readies its offensive": 'its' may point back to this subject
            state.groups.append(subjects)
        coded_verbs: set[int] = set()
        built: list[tuple[Predicate, Event]] = []
        for pred in predicates.items:
            token, kind = pred.token, self.kb.plover[pred.match.entry.type]
            # "rejected the proposal": an event noun that is the object of a coded verb is part of it
            if token.i in predicates.light_objects or (
                token.dep_ == "dobj" and token.head.i in coded_verbs
            ):
                ctx.reject(token.text, "part of the phrase of a coded verb")
                continue
            if demand is not None and token.i in demand.content:
                ctx.reject(
                    token.text, f"the content of '{demand.token.text}' (REQUEST), coded with it"
                )
                continue
            args = arguments(pred, kind, predicates)
            roles, extra = assign_roles(pred, kind, args, resolve, self.roles)
            if pred is demand:
                roles = _demanded_of(roles, resolve(args.clause_subjects))
            if reasons := rejections(pred, kind, roles):
                ctx.reject(token.text, f"{kind.type} pattern, {reasons[0]}")
                continue
            new_events = self.builder.events(pred, kind, roles, extra, ctx, state)
            built.extend((pred, e) for e in new_events)
            coded_verbs |= {token.i} if new_events else set()
            if pred.is_verb and roles.direct_source and roles.sources:
                state.groups.append([r.hit for r in roles.sources])
        return _distinct(built, ctx)

    def _demand(self, ctx: SentenceContext) -> Predicate | None:
        """ "Russia said Ukraine must withdraw": the reporting verb as Russia's demand."""
        reporter = ctx.reporter
        if reporter is None or reporter.verb is None:
            return None
        words = self.kb.event_words.obligations
        return reported_demand(reporter.verb, reporter.tokens, ctx.index, words)


def _demanded_of(roles: RoleAssignment, subjects: list[Resolved]) -> RoleAssignment:
    """A reported demand is of the reported clause's subject ("told reporters that Iran must"):
    its actors are the targets, whatever else the verb's object or the role model names."""
    if not subjects:
        return roles
    note = "target: the subject of the reported obligation"
    return replace(roles, targets=tuple(subjects), notes=(*roles.notes, note))


def _distinct(built: list[tuple[Predicate, Event]], ctx: SentenceContext) -> list[Event]:
    """The sentence's events less background nouns, mentioned states and repeats, in text
    order (the checks on events of one sentence together; the reasons go to `explain`)."""
    kept, background = is_not_background(built)
    kept, states = is_not_a_mentioned_state(kept)
    events = sorted((e for _, e in kept), key=lambda e: e.trigger.start)
    events, repeats = is_not_a_repeat(events)
    for event, reason in (*background, *states, *repeats):
        ctx.reject(event.trigger.text, f"{event.type} event, {reason}")
    return events


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
    inside = starting_in(sent.doc, dates, sent.start_char, sent.end_char)
    if not inside:
        return None
    d = inside[-1]
    return EventDate(text=d.text, start=d.date_start, end=d.date_end, granularity=d.granularity)
