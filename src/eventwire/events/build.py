"""From resolved roles to `Event` records: dyads, modality, date, place, quantities, evidence,
confidence and the notes that say which rules fired."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase, PloverType, weight
from ..model import (
    INFERRED_COUNTRY_RULES,
    LENT_COUNTRY_RULES,
    Actor,
    ActorRef,
    Event,
    EventLocation,
    Evidence,
    Mention,
)
from .assign import RoleAssignment
from .context import event_date, event_location, event_quantities
from .dyads import (
    _MAX_PAIRS,
    Resolved,
    SentenceState,
    carry_target,
    confidence,
    is_symmetric,
    pairs,
)
from .lexicon import Match
from .modality import ModalityCues, announced_threat, modality_of
from .modes import contexts_of
from .plover import THREATENED_ACTS
from .predicates import Predicate
from .sentence import SentenceContext

VERSION = "eventwire.events.v14"
_QUALIFIERS = frozenset({"amod", "compound", "nmod"})
_STATE_AGENTS = frozenset({"GOV", "MIL"})  # a state's officials and forces: the state itself
_ARMED_GROUPS = frozenset({"REB"})  # rebels, insurgents, militants (sectors.tsv)


class EventBuilder:
    def __init__(self, kb: KnowledgeBase, cues: ModalityCues) -> None:
        self.kb = kb
        self.cues = cues

    def events(
        self,
        pred: Predicate,
        kind: PloverType,
        roles: RoleAssignment,
        extra: list[str],
        ctx: SentenceContext,
        state: SentenceState,
    ) -> list[Event]:
        token, match = pred.token, pred.match
        entry = match.entry
        mode, typed = pred.mode(self.kb.modes)
        # a rule's predicate (`Predicate.rule`) names the rule among `typed`, not a pattern
        pattern = f"pattern {entry.pos.lower()} '{_pattern_text(match)}'"
        notes = [
            *([] if pred.rule else [f"{pattern} -> {entry.type} {entry.cameo}"]),
            *typed,
            *roles.notes,
            *extra,
        ]
        sources = list(roles.sources)
        targets = [t for t in roles.targets if not _own(t, sources)]
        if len(targets) < len(roles.targets):
            notes.append("target: the source's own ('its', 'their'), no target of its own")
        symmetric = is_symmetric(kind, entry.cameo)
        reciprocal = symmetric and len({r.country_code for r in sources}) > 1
        if not targets and state.events and "campaign" in kind.properties and not reciprocal:
            carried = carry_target(state.events, sources)
            if carried is not None:
                targets = [Resolved(carried, token, ["target carried from previous sentence"])]
                notes.append("target carried from previous sentence")
        dyads = pairs(symmetric, sources, targets)
        type_p = pred.typed.scores.of(entry.type) if pred.typed else None
        return [
            self.event(token, match, s, t, notes, ctx, state, mode, type_p)
            for s, t in dyads[:_MAX_PAIRS]
        ]

    def event(
        self,
        token: Token,
        match: Match,
        source: Resolved | None,
        target: Resolved | None,
        notes: list[str],
        ctx: SentenceContext,
        state: SentenceState,
        mode: str = "",
        type_p: float | None = None,
    ) -> Event:
        entry, doc = match.entry, ctx.doc
        plover = self.kb.plover[entry.type]
        hostile = plover.quad_class == 4 or entry.type in THREATENED_ACTS
        mod = announced_threat(modality_of(token, self.cues), token, self.cues, hostile)
        trigger = _trigger_span(token, match)
        date = event_date(token, ctx.dates, state.reference, ctx.document.published_at)
        location = event_location(token, ctx.places)
        place_less = location is None or location.country is None
        setting = (
            ctx.once("setting", lambda: document_setting(ctx.index.values(), self.kb))
            if place_less
            else None
        )
        placed = [self._placed(r, location, doc, setting) for r in (source, target)]
        all_notes = [
            *notes,
            *mod.cues,
            *(source.notes if source else []),
            *(target.notes if target else []),
            *(note for _, note in placed if note),
        ]
        sentence = [t.lemma_.lower() for t in ctx.sent]
        return Event(
            id=_event_id(ctx.document.id, trigger.start_char, source, target),
            type=entry.type,
            cameo=entry.cameo,
            mode=mode or None,
            context=contexts_of(entry.cameo, sentence, self.kb.contexts),
            quad_class=plover.quad_class,
            intensity=plover.intensity,
            trigger=Mention(text=trigger.text, start=trigger.start_char, end=trigger.end_char),
            source=placed[0][0],
            target=placed[1][0],
            modality=mod.modality,
            negated=mod.negated,
            attribution=ctx.attribution(),
            date=date,
            location=location,
            quantities=event_quantities(token, ctx.quantities),
            evidence=Evidence(
                sentence=ctx.index_of_sentence,
                start=ctx.sent.start_char,
                end=ctx.sent.end_char,
                text=ctx.sent.text,
            ),
            confidence=confidence(
                match, token, source, target, bool(date and not date.inferred), type_p=type_p
            ),
            coder=VERSION,
            notes=list(dict.fromkeys(all_notes)),
        )

    def _placed(
        self,
        resolved: Resolved | None,
        location: EventLocation | None,
        doc: Doc,
        setting_country: str | None = None,
    ) -> tuple[Actor | None, str | None]:
        """The actor of a role; civilians or residents with no country of their own (or only the
        document's setting) are those of the state the event happens in ("civilians in Madaya"
        in a British statement are Syrians)."""
        if resolved is None:
            return None, None
        actor = resolved.actor(doc)
        setting = any(r.startswith("setting:") for r in resolved.hit.rules)
        at = resolved.hit.head
        head = doc[at].lemma_.lower() if at is not None else ""
        words = self.kb.event_words  # local and away people: event_words.tsv
        local = head in words.local_people
        # any actor without a country ("gunmen", "protesters") is placed where the event is;
        # local people are placed there even against the document's setting; a person the
        # text names but no knowledge file knows ("Li", "Nwodo") is, like a group, most likely
        # of where the event is, or of the state the document is about, unless the "person"
        # is the event's place misread ("withdrew from Kherson")
        unknown = resolved.hit.kind == "person" and resolved.hit.rules[:1] == ("ner-person",)
        if unknown and location is not None and actor.text in {location.text, location.name}:
            return actor, None
        roles = resolved.hit.kind in {"role", "role_person"} or unknown
        group = roles and head not in words.away_people
        stateless = actor.sector in self.kb.stateless_sectors  # aid agencies have no state
        place_less = location is None or location.country is None
        if actor.country is None and group and place_less and not stateless:
            return self._in_setting(actor, setting_country)
        # an armed group whose code names no state (ISIS, al-Qaeda) fights where the event is
        transnational = actor.sector in _ARMED_GROUPS and not self._state(actor.country)
        placeable = (actor.country is None and group) or (local and setting) or transnational
        if location is None or not placeable:
            return actor, None
        where = location.country
        if where is None or where == actor.country or self.kb.country(where) is None:
            return actor, None
        note = f"{actor.text}: country {where} from the event's place {location.name} (inferred)"
        return actor.model_copy(update={"country": where, "country_inferred": True}), note

    def _state(self, code: str | None) -> bool:
        return code is None or self.kb.country(code) is not None

    def _in_setting(
        self, actor: Actor, setting_country: str | None
    ) -> tuple[Actor | None, str | None]:
        """A group with no country in an event with no place: those of the document's setting
        ("authorities blocked lawyers" in a report on China), marked inferred."""
        if setting_country is None:
            return actor, None
        note = f"{actor.text}: country {setting_country} from the document's setting (inferred)"
        update = {"country": setting_country, "country_inferred": True}
        return actor.model_copy(update=update), note


def document_setting(refs: Iterable[ActorRef], kb: KnowledgeBase) -> str | None:
    """The state the document is mostly about: named at least as often as the actors stage's
    setting needs, and more often than any other. A country the actors stage inferred or lent
    from another word ("China's ambassador") is not counted again."""
    not_named = INFERRED_COUNTRY_RULES + LENT_COUNTRY_RULES
    counts = Counter(
        h.country
        for h in {id(h): h for h in refs}.values()
        if h.country
        and kb.country(h.country) is not None
        and not any(r.startswith(not_named) for r in h.rules)
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < weight("actors.context.setting_min"):
        return None
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


def _own(target: Resolved, sources: list[Resolved]) -> bool:
    """ "China defended its rights", "the two countries coordinate their policies": a
    possessive pronoun that points back to the source is the source's own, not a target."""
    country = target.country_code
    if country is None or all((s.country_code) != country for s in sources):
        return False
    token = target.token
    if token.tag_ == "PRP$":
        return True
    # "recalled its ambassador", "pressed its military operations": the source's own officials
    # or forces are the source itself ("arrested its citizens" has a target: its citizens)
    noun = token.head if token.dep_ in _QUALIFIERS else token
    owned = any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in noun.children)
    return owned and target.hit.sector in _STATE_AGENTS


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
