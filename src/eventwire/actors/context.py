"""The document's context for a group noun or title that has a sector and no country after every
other rule ("police", "the rebels", "troops", "protesters", "a minister"), in this order:

1. `place:` the one state the sentence names as a place ("rebels in Syria", "protesters in
   Darfur"; for a state's own sectors, "the army", "ministers", the one state the sentence names
   at all: "the UK is sending 125 soldiers");
2. `context-actor:` the nearest actor of the same sector named a few sentences before it with a
   country ("ISIL ... fighters", "Nigerian police ... the police");
3. `setting:` the state the document is mostly about, when it is named clearly more often than
   any other: civilians and refugees, and "the army" or "the regime", when it leads; any other
   group noun only when it leads by far.

States are the actors stage's own: country names, capitals, demonyms and the regions of
data/roles_modifiers.tsv; the places stage's gazetteer is not this stage's to read. A country
found so is inferred (`ActorRef.country_inferred`); the events stage may still put a group with
no country of its own where its event happens."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ..kb import in_force, weight
from ..model import INFERRED_COUNTRY_RULES, LENT_COUNTRY_RULES
from ..nlp import sentence_starts
from .hits import ActorHit
from .matcher import ActorMatcher

SETTING_LEAD = 2.0  # how many times the next state's mentions the setting needs for any group
ACTOR_WINDOW = 3  # sentences back in which a group looks for an actor of its sector
PEOPLE_SECTORS = {"CVL", "REF"}
STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
_THE_STATE_SECTORS = {"GOV", "MIL", "COP"}  # "the army", "the regime": the setting when it leads
_AWAY_SECTORS = {"REF"}  # refugees in Turkey are seldom Turkish
_PLACE_PREPS = {"in", "at", "inside", "across", "throughout", "near", "around", "within"}
_OPEN_KINDS = {"role", "role_person"}
_STATE_KINDS = {"country", "demonym"}  # a demonym on its own is a country by the end
_TOWARDS = {"into", "to", "towards", "toward", "onto"}
_NOT_THE_SAME = {"other", "another", "local", "foreign", "international"}
_PARTY = "PTY"


def resolve_context(doc: Doc, hits: list[ActorHit], am: ActorMatcher) -> None:
    """Give each open group noun or title the country its document context gives it."""
    open_hits = [h for h in hits if _open(h)]
    if not open_hits:
        return
    starts = sentence_starts(doc)
    ordered = sorted(hits, key=lambda h: h.start)
    setting, lead = _setting(hits, am)
    near_score = weight("actors.context.near_score")  # a clue in the sentence or a few back
    setting_score = weight("actors.context.setting_score")  # the document as a whole
    for hit in open_hits:
        sentence = bisect_right(starts, hit.head) - 1
        found = _sentence_state(doc, hit, ordered, starts, sentence, am)
        rule, score = f"place:{found}", near_score
        if found is None and (actor := _same_sector(doc, hit, ordered, starts, sentence)):
            found, rule = actor.country, f"context-actor:{actor.name}"
        if found is None and setting and _takes_setting(doc, hit, lead):
            found, rule, score = setting, f"setting:{setting}", setting_score
        if found is not None:
            hit.country = found
            hit.rules.append(rule)
            hit.score = min(hit.score, score)


def local_parties(doc: Doc, hits: list[ActorHit], am: ActorMatcher) -> None:
    """A party known by a name many states' parties share ("the Conservative Party", "the
    Labor Party"), said without its state's name or demonym, in a document that never names
    that state but is clearly about another one, is that other state's party, inferred (a
    report on Georgia's opposition names Georgia's Conservative Party, not Britain's)."""
    parties = [h for h in hits if h.kind == "organisation" and h.sector == _PARTY]
    if not parties:
        return
    setting, lead = _setting(hits, am)
    if setting is None or lead < SETTING_LEAD:
        return
    named = {h.country for h in hits if h.kind in _STATE_KINDS or h.rules[:1] == ["metonym"]}
    shared = shared_party_names(am)
    for hit in parties:
        if hit.country in named or hit.country == setting or _names_a_state(doc, hit, am):
            continue
        bare = _bare_name(doc[i].text for i in sorted(hit.tokens))
        if bare not in shared and f"{bare} party" not in shared:  # "Labor": the Labor Party
            continue  # a party of its own name ("the ANC") is its own state's
        hit.name, hit.country = doc[min(hit.tokens) : max(hit.tokens) + 1].text, setting
        hit.rules.append(f"setting:{setting}")
        hit.score = min(hit.score, weight("actors.context.setting_score"))


def shared_party_names(am: ActorMatcher) -> frozenset[str]:
    """Party names that the knowledge base holds for two or more states once a state's name,
    demonym or bracket is taken off ("Labour Party (Norway)", "Australian Labor Party",
    "Conservative Party of Canada"), built once per matcher."""
    if am.shared_party_names is not None:
        return am.shared_party_names
    states: dict[str, set[str]] = {}
    for org in am.kb.organisations:
        if org.sector != _PARTY:
            continue
        for name in (org.name, *org.aliases):
            name = re.sub(r" \([^()]*\)$| of [A-Z].*$", "", name)
            words = name.split()
            while words and (am.knows("country", words[0]) or am.knows("demonym", words[0])):
                words = words[1:]
            if len(words) >= 2:
                states.setdefault(_bare_name(words), set()).add(org.country)
    found = frozenset(n for n, codes in states.items() if len(codes) >= 2)
    am.shared_party_names = found
    return found


def _bare_name(words: Iterable[str]) -> str:
    kept = list(words)
    if kept and kept[0].lower() == "the":
        kept = kept[1:]
    return " ".join(kept).lower()


def _names_a_state(doc: Doc, hit: ActorHit, am: ActorMatcher) -> bool:
    """Whether the hit's own words hold a state's name or demonym ("British Labour Party")."""
    words = [doc[i].text for i in hit.tokens]
    return any(am.knows("country", w) or am.knows("demonym", w) for w in words)


def country_inferred(rules: tuple[str, ...] | list[str]) -> bool:
    """Whether an actor's country came from its document's context rather than its words."""
    return any(r.startswith(INFERRED_COUNTRY_RULES) for r in rules)


def _open(hit: ActorHit) -> bool:
    return (
        hit.kind in _OPEN_KINDS
        and hit.country is None
        and hit.sector is not None
        and hit.sector not in in_force().stateless_sectors  # aid agencies have no state
    )


def _sentence_state(
    doc: Doc,
    hit: ActorHit,
    ordered: list[ActorHit],
    starts: list[int],
    sentence: int,
    am: ActorMatcher,
) -> str | None:
    """The one state the hit's sentence names as a place; for a state's own sectors, only as the
    place of a deed or an actor ("clashed in Conakry", not "the crisis in Syria"), or named at
    all but as where the hit itself goes ("troops crossed into Niger")."""
    if hit.sector in _AWAY_SECTORS:
        return None
    first = starts[sentence]
    last = starts[sentence + 1] if sentence + 1 < len(starts) else len(doc)
    inside = [h for h in ordered if first <= h.head < last and h is not hit]
    heads = {h.head for h in inside} | {hit.head}
    strict = hit.sector in STATE_SECTORS
    # a person's country is no place the sentence names ("in Durban" matched to a surname)
    hit_of = {
        i: h for h in inside for i in h.tokens if h.country in am.states and h.kind != "person"
    }
    states = {
        hit_of[t.i].country
        for t in doc[first:last]
        if t.i in hit_of and _place_word(t) and (not strict or _of_deed_or_actor(t.head, heads))
    }
    states |= _region_places(doc, first, last, heads if strict else None, am)
    if strict:
        states |= {
            h.country
            for h in inside
            if h.kind in _STATE_KINDS
            and h.country in am.states
            and not _place_word(doc[h.head])
            and not _destination(doc[hit.head], doc[h.head])
        }
    return next(iter(states)) if len(states) == 1 else None


def _place_word(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS


def _of_deed_or_actor(preposition: Token, actor_heads: set[int]) -> bool:
    """A place said of a deed or of an actor, not of a thing ("the crisis in Syria")."""
    owner = preposition.head
    return owner.pos_ in {"VERB", "AUX"} or owner.i in actor_heads


def _destination(head: Token, state: Token) -> bool:
    """Where the hit itself goes ("troops crossed into Niger") is not its state."""
    preposition = state.head
    return (
        state.dep_ == "pobj"
        and preposition.lower_ in _TOWARDS
        and head.dep_ in {"nsubj", "nsubjpass"}
        and preposition.head.i == head.head.i
    )


def _region_places(
    doc: Doc, first: int, last: int, heads: set[int] | None, am: ActorMatcher
) -> set[str | None]:
    """Regions and peoples of one state named as places: "fighting in Darfur"."""
    found: set[str | None] = set()
    for token in doc[first:last]:
        if token.lower_ not in _PLACE_PREPS or token.i + 1 >= last:
            continue
        if heads is not None and not _of_deed_or_actor(token, heads):
            continue
        for width in (2, 1):
            words = " ".join(t.lower_ for t in doc[token.i + 1 : min(last, token.i + 1 + width)])
            modifier = am.modifiers.get(words)
            if modifier is not None and modifier.kind == "region" and modifier.country:
                found.add(modifier.country)
                break
    return found


def _same_sector(
    doc: Doc, hit: ActorHit, ordered: list[ActorHit], starts: list[int], sentence: int
) -> ActorHit | None:
    """The nearest earlier actor of the group's sector, when every actor of that sector named in
    the last few sentences is of one country and it is not a person; not for a title (another person of that state is
    no clue to this one's) nor for "other" or "local" forces."""
    if hit.kind != "role" or any(doc[i].lower_ in _NOT_THE_SAME for i in _words_before(doc, hit)):
        return None
    window = starts[max(0, sentence - ACTOR_WINDOW)]
    earlier = [
        h
        for h in ordered
        if h.end <= hit.start
        and h.head >= window
        and h.sector == hit.sector
        and h.country is not None
        and not country_inferred(h.rules)
    ]
    groups = [h for h in earlier if h.kind != "person"]  # a person is no group's antecedent
    return groups[-1] if groups and len({h.country for h in earlier}) == 1 else None


def _words_before(doc: Doc, hit: ActorHit) -> range:
    """The hit's own words and the few modifiers just before them ("other Coalition forces")."""
    first = min(hit.tokens)
    return range(max(doc[hit.head].left_edge.i, first - 3), max(hit.tokens) + 1)


def _setting(hits: list[ActorHit], am: ActorMatcher) -> tuple[str | None, float]:
    """The state named most often, if it is named clearly more often than any other, and by how
    many times the next one's mentions ("China's ambassador" names China once, not twice)."""
    counts = Counter(
        h.country
        for h in hits
        if h.country in am.states and not any(r.startswith(LENT_COUNTRY_RULES) for r in h.rules)
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < weight("actors.context.setting_min"):
        return None, 0.0
    second = ranked[1][1] if len(ranked) > 1 else 0
    if second >= ranked[0][1]:
        return None, 0.0
    return ranked[0][0], ranked[0][1] / second if second else float("inf")


def _takes_setting(doc: Doc, hit: ActorHit, lead: float) -> bool:
    if hit.kind != "role":
        return False
    if hit.sector in PEOPLE_SECTORS:
        return True
    if hit.sector in _THE_STATE_SECTORS and _determiner(doc[hit.head]) == "the":
        return True
    return lead >= SETTING_LEAD


def _determiner(head: Token) -> str:
    return next((c.lower_ for c in head.children if c.dep_ in {"det", "predet"}), "")
