"""From words to resolved hits: knowledge-base phrases first (people as of the publication date),
then named entities the phrases missed: folded exact names, fuzzy names, unknown people."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..kb import Person, weight
from ..nlp import entities
from .hits import ActorHit, Candidate, Entry, hit_from_entry
from .matcher import ActorMatcher
from .names import FuzzyMatch, fold
from .people import RoleOnDay, people_named, role_on

# the scores of fuzzy and unknown people, and the closer match a single word the parser did not
# call a person needs: actors.resolve.* in data/weights.tsv
_ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_NAME_LABELS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "PERSON", "PRODUCT"}
_STATE_KINDS = {"country", "demonym"}
ADJECTIVE_KIND = "adjective"  # roles_modifiers.tsv: a title that is an adjective before a noun
_NOT_A_NAME = {"GPE", "LOC", "FAC", "ORG", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL"}


def phrase_hits(doc: Doc, am: ActorMatcher, day: dt.date | None) -> list[ActorHit]:
    """Every knowledge-base phrase in the text, longest first, no overlaps."""
    found = []
    for matcher in (am.names, am.long_names, am.roles):
        for key, start, end in matcher(doc):
            found.append(Span(doc, start, end, label=key))
    # an organisation's name that is also a seat-of-government metonym ("the Knesset") is the
    # organisation: of two spans alike, filter_spans keeps the first
    found.sort(key=lambda span: am.entries[span.label_][0].rule == "metonym")
    spans = [(span, am.entries[span.label_]) for span in filter_spans(found)]
    context = {e[0].country or "" for _, e in spans if e[0].kind in _STATE_KINDS} & am.states
    hits = []
    for span, entries in spans:
        metonym = entries[0].rule == "metonym"
        if _plausible(span, entries, am) and (not metonym or plausible_metonym(span, am)):
            hits.append(_resolved(span, entries, am, day, 1.0, context))
    return hits


def states_named(hits: list[ActorHit], am: ActorMatcher) -> set[str]:
    """The document's country context: the states its country names and demonyms name."""
    return {h.country or "" for h in hits if h.kind in _STATE_KINDS} & am.states


def head_of(span: Span) -> int:
    """The head token of a name (countries, people, named entities): spaCy's span root, unless
    that is a determiner the parse hung outside the name ("the UK Special Representative": "the"
    and "UK" both modify "Representative"); then the last word with its head outside the span.
    Knowledge-base organisations and roles keep the root (see `_resolved`): "the Jaish al-Islam
    rebel group" stays the group, not a title of it."""
    root = span.root
    if root.dep_ != "det" or len(span) < 2:
        return int(root.i)
    outside = [t.i for t in span if not span.start <= t.head.i < span.end]
    return int(outside[-1])


def _plausible(span: Span, entries: list[Entry], am: ActorMatcher) -> bool:
    """Guard for short, ambiguous names: a bare surname must be a proper noun, not a place or a
    date ("in May"). A capitalised word inside a sentence that the tagger took for a
    nationality ("Asad" as NORP) is still a name when no country has it as a demonym."""
    token = span[0]
    if entries[0].kind == "person" and len(span) == 1:
        mistaken_nationality = (
            token.ent_type_ == "NORP"
            and token.is_title
            and not token.is_sent_start
            and not am.knows("demonym", token.text)
        )
        proper = token.pos_ == "PROPN" or mistaken_nationality
        return (
            proper and token.ent_type_ not in _NOT_A_NAME and not _in_other_name(span, entries, am)
        )
    if entries[0].rule == "metonym":
        return not _inside_longer_name(span)
    if entries[0].kind == "role_person" and len(span) == 1 and token.dep_ == "amod":
        # a title that is also an adjective names no one before a noun: "a general strike",
        # "general elections" (roles_modifiers.tsv's `adjective` words; "militant camps" are
        # still the militants')
        modifier = am.modifiers.get(token.lower_)
        return modifier is None or modifier.kind != ADJECTIVE_KIND
    return True


def _in_other_name(span: Span, entries: list[Entry], am: ActorMatcher) -> bool:
    """A surname inside a longer name whose other words are names, not titles, and whose
    first name is none of the known people's: "Samia Suluhu Hassan" is not Mohammed Waheed
    Hassan (the whole name is then looked up as an entity)."""
    for ent in entities(span.doc):
        if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end:
            others = [t for t in ent if t.i < span.start or t.i >= span.end]
            firsts = {fold(e.person.name).split()[0] for e in entries if e.person is not None}
            return (
                bool(others)
                and fold(ent[0].text) not in firsts
                and all(t.is_title and t.lower_ not in am.role_words for t in others)
            )
    return False


def plausible_metonym(span: Span, am: ActorMatcher) -> bool:
    """A capital followed by more of a proper name ("Westminster International University") is
    part of that name, unless what follows is a title ("White House Press Secretary")."""
    after = span.end
    if after >= len(span.doc) or span.doc[after].pos_ != "PROPN":
        return True
    words = [t.lower_ for t in span.doc[after : after + 3]]
    return any(" ".join(words[:n]) in am.role_words for n in (1, 2, 3))


def _inside_longer_name(span: Span) -> bool:
    """'Westminster International University', 'The Washington Post': not the government."""
    ents = [e for e in entities(span.doc) if e.start <= span.start and span.end <= e.end]
    return any(len(e) > len(span) and e.label_ in _NAME_LABELS for e in ents)


def _resolved(
    span: Span,
    entries: list[Entry],
    am: ActorMatcher,
    day: dt.date | None,
    score: float,
    context: set[str] | frozenset[str] = frozenset(),
) -> ActorHit:
    people = [e for e in entries if e.person is not None]
    if not people:
        head = head_of(span) if entries[0].kind == "country" else span.root.i
        hit = hit_from_entry(range(span.start, span.end), head, *_chars(span), entries[0])
        hit.score = score
        code = entries[0].rule.removeprefix("org:") if entries[0].kind == "organisation" else ""
        if code in am.org_titles:
            hit.titles.append(am.org_titles[code])
        return hit
    return _person_hit(span, people, am, day, score, context)


def _chars(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _person_hit(
    span: Span,
    entries: list[Entry],
    am: ActorMatcher,
    day: dt.date | None,
    score: float,
    context: set[str] | frozenset[str],
) -> ActorHit:
    """Among the people a name may mean, the one of a state the document names, then the one
    in office on the day, else the most recent. Namesakes of several states, all in office and
    none of them named by the document, stay unresolved, their candidates listed."""
    by_name = people_named(e.person for e in entries if e.person is not None)
    readings = [role_on(rows, day, am.states) for rows in by_name.values()]
    readings.sort(
        key=lambda r: (
            r.country in context,
            r.status == "in office",
            r.person.start or dt.date.min,
        ),
        reverse=True,
    )
    best = readings[0]
    if _ambiguous(readings, context):
        return _unresolved(span, [r.person for r in readings], score, "person:ambiguous")
    hit = ActorHit(
        tokens=set(range(span.start, span.end)),
        head=head_of(span),
        start=span.start_char,
        end=span.end_char,
        name=best.person.name,
        country=best.country,
        sector=best.sector,
        kind="person",
        score=score,
        rules=[f"person:{best.status}"],
        titles=[best.person.role.lower()] if best.status == "in office" else [],
    )
    for rows in by_name.values():
        for row in rows:
            note = f"{row.role} {row.start or '?'}..{row.end or ''}"
            hit.candidates.append(
                Candidate(
                    row.name, row.country, row.sector, score, "person", note, row is best.person
                )
            )
    return hit


def _ambiguous(readings: list[RoleOnDay], context: set[str] | frozenset[str]) -> bool:
    """Two people of different states hold office under this name and the text names neither."""
    if len(readings) < 2 or readings[0].country in context:
        return False
    in_office = [r for r in readings if r.status == "in office"]
    return len(in_office) >= 2 and len({r.country for r in in_office}) >= 2


def _unresolved(span: Span, people: list[Person], score: float, rule: str) -> ActorHit:
    """A person the text names but the knowledge base cannot tell apart: no country, no
    sector, the readings kept as candidates."""
    hit = ActorHit(
        tokens=set(range(span.start, span.end)),
        head=head_of(span),
        start=span.start_char,
        end=span.end_char,
        name=span.text,
        country=None,
        sector=None,
        kind="person",
        score=min(score, weight("actors.resolve.unknown_person_score")),
        rules=[rule],
    )
    for row in people:
        note = f"{row.role} {row.start or '?'}..{row.end or ''}"
        hit.candidates.append(Candidate(row.name, row.country, row.sector, score, "person", note))
    return hit


def entity_hits(
    doc: Doc,
    am: ActorMatcher,
    day: dt.date | None,
    taken: set[int],
    context: set[str] | frozenset[str] = frozenset(),
    role_spans: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
) -> list[ActorHit]:
    """Named entities no knowledge-base phrase covered: a folded exact name ("Al-Ja’afari"),
    a fuzzy one ("Khameini"), else, for people, an unknown person. An entity that is just a
    role word and not a person ("Christians", tagged a nationality) is that role word, not a
    namesake found by likeness."""
    hits = []
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS or any(t.i in taken for t in ent):
            continue
        span = trim_entity(ent)
        if span is None:
            continue
        if ent.label_ != "PERSON" and (span.start, span.end) in role_spans:
            continue
        hit = _entity_hit(span, ent.label_, am, day, context)
        if hit is not None:
            hits.append(hit)
    return hits


_PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "around", "outskirts"}


def _place_object(span: Span) -> bool:
    """A name that no knowledge entry spells exactly, under a preposition of place and cited
    with its district and province in brackets, as wire notes cite places ("in Lagos (Lagos
    Island, Lagos)"): a place."""
    root, doc = span.root, span.doc
    under = root.dep_ in {"pobj", "appos", "compound"} and root.head.lower_ in _PLACE_PREPOSITIONS
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    bracket = span.end < len(doc) and doc[span.end].text == "("
    return (bracket and (under or before in _PLACE_PREPOSITIONS)) or _in_wire_bracket(span)


def _under_place_prep(span: Span) -> bool:
    """A lone name as the object of a preposition of place ("a strike in Durban"): a place
    more often than a surname, so not matched to a person by likeness alone."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS


def _in_wire_bracket(span: Span) -> bool:
    """A part of a place's "(district, province)" bracket, after the place's name."""
    doc = span.doc
    left = [t for t in doc[max(0, span.start - 6) : span.start] if t.text in "()"]
    right = [t for t in doc[span.end : span.end + 6] if t.text in "()"]
    if not left or not right or left[-1].text != "(" or right[0].text != ")":
        return False
    inside = doc[left[-1].i + 1 : right[0].i]
    opener = left[-1].i
    return any(t.text == "," for t in inside) and opener > 0 and doc[opener - 1].pos_ == "PROPN"


def trim_entity(ent: Span) -> Span | None:
    """The entity without a leading "the" or a trailing possessive."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ == "the":
        start += 1
    while end > start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[start:end] if end > start else None


def _entity_hit(
    span: Span,
    label: str,
    am: ActorMatcher,
    day: dt.date | None,
    context: set[str] | frozenset[str],
) -> ActorHit | None:
    exact = am.index.lookup(span.text)
    if exact and (label == "PERSON") == (exact[0].kind == "person"):
        return _resolved(span, exact, am, day, 0.9, context)
    if _place_object(span):
        return None  # "in Lagos", "near Patna": a place, not a person whose name looks like it
    fuzzy = am.index.fuzzy_person(span.text) if label == "PERSON" else []
    fuzzy = fuzzy or (am.index.fuzzy_name(span.text) if label in {"ORG", "GPE"} else [])
    if not fuzzy and len(span) == 1 and span[0].pos_ == "PROPN" and not _under_place_prep(span):
        # one proper noun is often mislabelled ("the Asad regime" as ORG): a surname, maybe
        fuzzy = [
            m
            for m in am.index.fuzzy_person(span.text)
            if m.similarity >= weight("actors.resolve.lone_cutoff")
        ]
    if fuzzy:
        hit = _fuzzy_hit(span, fuzzy[0], am, day, context)
        if not _against_context(hit, context, am):
            return hit
        if hit.kind != "person" or label != "PERSON":
            return None  # "Mexico's National Guard" is not the US National Guard; a lone
            # word ("Yazidi") is no person at all
        people = [e.person for e in fuzzy[0].entries if e.person is not None]
        return _unresolved(span, people, hit.score, f"context-conflict:{hit.name}")
    if label != "PERSON":
        return None
    return ActorHit(
        tokens=set(range(span.start, span.end)),
        head=head_of(span),
        start=span.start_char,
        end=span.end_char,
        name=span.text,
        country=None,
        sector=None,
        kind="person",
        score=weight("actors.resolve.unknown_person_score"),
        rules=["ner-person"],
    )


def _against_context(hit: ActorHit, context: set[str] | frozenset[str], am: ActorMatcher) -> bool:
    """A close name ("Ali Sabri" ~ Ali Sabry of Sri Lanka) of a state the document does not
    name, in a document that names others ("... of Iraq"): a namesake, not that person."""
    return (
        hit.kind in {"person", "organisation"}
        and bool(context)
        and am.is_state(hit.country)
        and hit.country not in context
    )


def _fuzzy_hit(
    span: Span,
    match: FuzzyMatch,
    am: ActorMatcher,
    day: dt.date | None,
    context: set[str] | frozenset[str],
) -> ActorHit:
    score = weight("actors.resolve.fuzzy_score") * match.similarity / 100
    hit = _resolved(span, list(match.entries), am, day, score, context)
    hit.rules = [f"fuzzy-{match.how.replace(' ', '-')}:{match.similarity:.0f}", *hit.rules]
    return hit
