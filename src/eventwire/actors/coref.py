"""Nominal coreference inside a document: the actor a phrase stands for when it names none itself.

- a surname or a short form of a person named before ("Tobias Ellwood ... Mr Ellwood");
- a title or group noun without a country ("the minister", "the regime"): the actor who last
  bore it in the document, else (titles) the next, else the one person in the knowledge base
  who holds that title on the day (in a country the document names, when several do);
- a state noun ("the two powers, Russia and China", "both countries", "the country"): the
  states beside it or the ones named just before;
- an institution after a possessive pronoun ("his government"): the possessor's country.
What is left without a country takes its document's context (`context`).
Pronouns themselves are the events stage's (argument roles)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from ..kb import weight
from ..nlp import sentence_starts
from .hits import ActorHit
from .matcher import ActorMatcher
from .names import fold
from .people import role_on

_GROUP_SECTORS = {"REB"}  # "these terrorists" after "ISIL"
_PLACE_PREPS = {"in", "at", "into", "inside", "across", "throughout", "near", "around", "within"}
STATE_WINDOW = 3  # sentences back in which a state noun looks for its states
_DEFINITE = {"the", "this", "that", "these", "those", "both"}
_INDEFINITE = {"a", "an", "some", "any", "another", "other", "many", "several"}
_TITLE_TAIL = re.compile(r" (?:of|for|to|on|at) ")
_TWO = {"two", "both", "2"}
_PRONOUN_KIND = {"his": "person", "her": "person", "its": "any", "their": "any"}


def _anaphor_score() -> float:
    """The score of an actor named again by a title, a surname or a pronoun (data/weights.tsv)."""
    return weight("actors.coref.anaphor_score")


def link_names(hits: list[ActorHit]) -> None:
    """All mentions of one person share its best resolution, before or after it: "Minister for
    the Middle East, Tobias Ellwood" ... "FCO Minister Tobias Ellwood" ... "Mr Ellwood"."""
    by_surname: dict[str, list[ActorHit]] = {}
    for hit in hits:
        words = fold(hit.name).split() if hit.kind == "person" else []
        if words:
            by_surname.setdefault(words[-1], []).append(hit)
    for group in by_surname.values():
        _surnames_of_the_named(group)
        known = [h for h in group if h.country is not None]
        if not known:
            continue
        best = max(known, key=lambda h: (h.sector is not None, "ner-person" not in h.rules))
        for hit in group:
            if hit.country is None and _same_person(hit, best):
                own_sector = hit.sector  # "Minister Ellwood": the title still counts
                hit.resolve_as(best, "same-name", _anaphor_score())
                hit.sector = hit.sector or own_sector


def _surnames_of_the_named(group: list[ActorHit]) -> None:
    """A bare surname is the one person the text names in full under that surname ("Iftikhar
    Mohammad Chaudhry ... Chaudhry"), known or not, not a namesake the knowledge base holds
    (Mahendra Chaudhry, a Fijian prime minister)."""
    full = [h for h in group if h.kind == "person" and len(h.tokens) > 1]
    if len({h.name for h in full}) != 1:
        return  # no one, or several people, named in full
    named = max(full, key=lambda h: h.country is not None)
    for hit in group:
        bare = len(hit.tokens) == 1 and hit.rules[:1] and hit.rules[0].startswith("person:")
        if bare and hit.name != named.name:
            hit.resolve_as(named, "same-name", _anaphor_score())
            hit.candidates = []


def _same_person(a: ActorHit, b: ActorHit) -> bool:
    """Two full names must share the first name; a surname alone fits any."""
    first_a, first_b = fold(a.name).split(), fold(b.name).split()
    return len(first_a) < 2 or len(first_b) < 2 or first_a[0] == first_b[0]


def resolve_definites(
    doc: Doc, hits: list[ActorHit], am: ActorMatcher, day: dt.date | None
) -> None:
    """A title or group noun with no country of its own ("the minister", "the regime", "these
    terrorists") is the actor that last bore that noun, else (titles) the next one to bear it,
    else the one person the knowledge base says holds that title on the day."""
    ordered = sorted(hits, key=lambda h: h.start)
    countries = {h.country for h in hits if h.country is not None and h.country in am.states}
    for hit in ordered:
        if hit.kind not in {"role", "role_person"} or hit.country is not None or not hit.titles:
            continue
        determiner = _determiner(doc[hit.head])
        if determiner in _INDEFINITE or (hit.kind == "role" and determiner not in _DEFINITE):
            continue
        title = hit.titles[0]
        bearer = _bearer(hit, title, ordered) or _group_like(doc, hit, ordered)
        if bearer is not None:
            hit.resolve_as(bearer, f"anaphor:{title}", _anaphor_score())
        elif hit.kind == "role_person" and (
            determiner in _DEFINITE or (not determiner and len(title.split()) > 1)
        ):
            _take_holder(doc, hit, am, day, countries)


def _take_holder(
    doc: Doc, hit: ActorHit, am: ActorMatcher, day: dt.date | None, countries: set[str]
) -> None:
    for phrase in dict.fromkeys((_full_title(doc, hit), hit.titles[0])):
        holder = _holder(phrase, am, day, countries)
        if holder is not None:
            hit.name, hit.country, hit.sector, hit.kind = holder
            hit.rules.append(f"title-holder:{phrase}")
            hit.score = min(hit.score, weight("actors.coref.holder_score"))
            return


def _full_title(doc: Doc, hit: ActorHit) -> str:
    """The title with its complement: "the Minister for Widgets" -> "minister for widgets"."""
    words = [t for t in doc[hit.head].subtree if t.dep_ not in {"det", "predet", "punct"}]
    return fold(" ".join(t.text for t in words))


def _determiner(head: Token) -> str:
    return next((c.lower_ for c in head.children if c.dep_ in {"det", "predet"}), "")


def _bearer(hit: ActorHit, title: str, ordered: list[ActorHit]) -> ActorHit | None:
    wanted = {"person", "role_person"} if hit.kind == "role_person" else {"role", "organisation"}
    fitting = [
        h
        for h in ordered
        if h is not hit and h.kind in wanted and h.country is not None and _bore(h, title)
    ]
    before = [h for h in fitting if h.end <= hit.start]
    if before:
        return before[-1]
    after = [h for h in fitting if h.start >= hit.end and hit.kind == "role_person"]
    return after[0] if after else None


def _group_like(doc: Doc, hit: ActorHit, ordered: list[ActorHit]) -> ActorHit | None:
    """'these terrorists', 'the militants': the armed group named just before (a few sentences
    back at most)."""
    if hit.kind != "role" or hit.sector not in _GROUP_SECTORS:
        return None
    starts = sentence_starts(doc)
    here = bisect_right(starts, hit.head) - 1
    window = starts[max(0, here - STATE_WINDOW)]
    earlier = [
        h
        for h in ordered
        if h.end <= hit.start
        and h.head >= window
        and h.kind == "organisation"
        and h.sector == hit.sector
    ]
    return earlier[-1] if earlier else None


def _bore(other: ActorHit, title: str) -> bool:
    """Did this actor appear with this title? A one-word title matches any title with that head
    noun ("minister": "minister for the middle east"; "regime": "syrian regime")."""
    if len(title.split()) > 1:  # "the foreign secretary" is not "the secretary of state"
        return any(t == title or t.endswith(f" {title}") for t in other.titles)
    return any(_title_head(t) == title for t in other.titles if t)


def _title_head(title: str) -> str:
    return _TITLE_TAIL.split(title)[0].split()[-1] if title.split() else ""


def _holder(
    title: str, am: ActorMatcher, day: dt.date | None, countries: set[str]
) -> tuple[str, str | None, str | None, str] | None:
    """The one person the knowledge base says holds this title on the day; a one-word title
    ("the president"), or any title in a document that names states, only where the holder's
    country is one of them: "the home minister" in a report on Malaysia is not India's."""
    rows = [p for p in am.holders.get(fold(title), []) if p.holds_role_on(day)]
    if len(title.split()) < 2 or len({p.name for p in rows}) > 1 or countries:
        rows = [p for p in rows if p.country in countries]
    if len({p.name for p in rows}) != 1:
        return None
    reading = role_on(rows, day, am.states)
    return reading.person.name, reading.country, reading.sector, "person"


def resolve_states(doc: Doc, hits: list[ActorHit], am: ActorMatcher) -> list[ActorHit]:
    """State nouns become the states they stand for (one hit per state); unresolved, dropped."""
    index = {i: h for h in hits for i in h.tokens}
    starts_of_sentences = sentence_starts(doc)
    states = sorted(
        (h for h in hits if h.country in am.states and not _as_place(doc, h)),
        key=lambda h: h.start,
    )
    out: list[ActorHit] = []
    for hit in hits:
        if hit.kind != "role_state":
            out.append(hit)
            continue
        for state in _states_for(doc, hit, index, states, starts_of_sentences):
            out.append(_as_state(hit, state, am))
    return out


def _states_for(
    doc: Doc,
    hit: ActorHit,
    index: dict[int, ActorHit],
    states: list[ActorHit],
    sentence_starts: list[int],
) -> list[ActorHit]:
    head = doc[hit.head]
    beside = [
        index[t.i]
        for child in head.children
        if _apposed(child)
        for t in (child, *child.conjuncts)
        if t.i > head.i and t.i in index and index[t.i].kind == "country"
    ]
    if beside:
        return beside
    if not _is_definite(head):
        return []
    window = sentence_starts[max(0, bisect_right(sentence_starts, head.i) - 1 - STATE_WINDOW)]
    before = [s for s in states if s.end <= hit.start and s.head >= window]
    wanted = 2 if any(c.lower_ in _TWO for c in head.children) else 1
    if head.tag_ in {"NNS", "NNPS"} and wanted == 1:
        return []  # "the countries": how many is not said
    distinct: list[ActorHit] = []
    for state in reversed(before):
        if all(state.country != d.country for d in distinct):
            distinct.append(state)
    return distinct[:wanted] if len(distinct) >= wanted else []


def _apposed(child: Token) -> bool:
    """An apposition, or what the parser often makes of one: a conjunct right after a comma."""
    previous = child.doc[child.i - 1]
    return child.dep_ == "appos" or (child.dep_ == "conj" and previous.text == ",")


def _is_definite(head: Token) -> bool:
    return any(
        c.lower_ in _DEFINITE and c.dep_ in {"det", "predet", "nummod"} for c in head.children
    )


def _as_place(doc: Doc, hit: ActorHit) -> bool:
    """'the situation in Ukraine': a country named as a place is no antecedent for 'both
    countries' (the states of the actors named are)."""
    head = doc[hit.head]
    return hit.kind == "country" and head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS


def _as_state(hit: ActorHit, state: ActorHit, am: ActorMatcher) -> ActorHit:
    country = am.countries[state.country or ""]
    return ActorHit(
        tokens=set(hit.tokens),
        head=hit.head,
        start=hit.start,
        end=hit.end,
        name=country.name,
        country=country.iso3,
        sector=state.sector if state.kind == "country" else None,
        kind="country",
        score=_anaphor_score(),
        rules=[*hit.rules, f"anaphor:{state.name}"],
        titles=list(hit.titles),
    )


def resolve_possessors(doc: Doc, hits: list[ActorHit]) -> None:
    """'his government', 'its forces': an institution owned by the actor the pronoun names."""
    ordered = sorted(hits, key=lambda h: h.start)
    for hit in ordered:
        if hit.kind not in {"role", "role_person"} or hit.country or not hit.sector:
            continue
        pronoun = next((c for c in doc[hit.head].children if c.dep_ == "poss"), None)
        if pronoun is None or pronoun.lower_ not in _PRONOUN_KIND:
            continue
        owner = _nearest_owner(doc, hit, pronoun, ordered)
        if owner is not None:
            hit.country = owner.country
            hit.rules.append(f"possessor:{owner.name}")
            hit.score = min(hit.score, _anaphor_score())


def _nearest_owner(
    doc: Doc, hit: ActorHit, pronoun: Token, ordered: list[ActorHit]
) -> ActorHit | None:
    wanted = _PRONOUN_KIND[pronoun.lower_]
    sentence_start = doc[hit.head].sent.start
    window_start = max(0, sentence_start - 60)  # about the sentence before
    for other in reversed(ordered):
        if other.end > pronoun.idx or other.head < window_start or other.country is None:
            continue
        if wanted == "any" or other.kind == "person":
            return other
    return None
