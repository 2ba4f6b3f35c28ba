"""Actors stage: find who is named (countries, capitals and seats of government, organisations,
people, role words, organisations the knowledge base does not know, by their head noun) and
resolve each to a canonical name, a country code and a sector, as of the article's publication
date.

`find_actors(doc, matcher, day)` is pure: it reads a parsed Doc and returns `ActorHit`s, which
carry the token indices that later stages use to map parse arguments to actors. Steps: knowledge
phrases (`resolve`), named entities they missed (folded or fuzzy names, unknown people),
composition of modifiers and titles (`compose`), nominal coreference (`coref`), and the
document's context for group nouns left without a country (`context`).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from .compose import attach_modifiers, fold_into_names
from .context import local_parties, resolve_context
from .coref import (
    link_names,
    resolve_definites,
    resolve_possessors,
    resolve_states,
)
from .explain import ActorExplanation, Explanation, explain_actor
from .hits import ActorHit, Candidate, Entry
from .matcher import ActorMatcher
from .named import name_groups
from .people import RoleOnDay, pick_person, role_on
from .resolve import entity_hits, phrase_hits, states_named
from .words import mark_former, qualify_groups

__all__ = [
    "VERSION",
    "ActorExplanation",
    "ActorHit",
    "ActorMatcher",
    "Candidate",
    "Entry",
    "Explanation",
    "RoleOnDay",
    "explain_actor",
    "find_actors",
    "pick_person",
    "role_on",
]

VERSION = "eventwire.actors.v9"
_NAME_KINDS = {"person", "organisation", "country", "demonym"}
_ROLE_KINDS = {"role", "role_person"}
_LOCATIVE = {"in", "at", "near", "inside", "outside", "around"}
_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
_ORDINARY = {"ordinary", "average", "everyday", "common"}  # "ordinary Kazakhs": civilians


def find_actors(doc: Doc, am: ActorMatcher, day: dt.date | None = None) -> list[ActorHit]:
    """All actor mentions in a parsed document, resolved as of `day` (the publication date)."""
    hits = phrase_hits(doc, am, day)
    taken = {i for h in hits if h.kind in _NAME_KINDS for i in h.tokens}
    roles = {(min(h.tokens), max(h.tokens) + 1) for h in hits if h.kind in _ROLE_KINDS}
    hits += entity_hits(doc, am, day, taken, states_named(hits, am), roles)
    hits = name_groups(doc, hits, am)
    hits = attach_modifiers(doc, fold_into_names(hits), am)
    qualify_groups(doc, hits, am.modifiers)
    mark_former(doc, hits)
    local_parties(doc, hits, am)
    link_names(hits)
    resolve_definites(doc, hits, am, day)
    resolve_possessors(doc, hits)
    hits = resolve_states(doc, hits, am)
    resolve_context(doc, hits, am)
    return [_finish(h, doc, am) for h in sorted(hits, key=lambda h: (h.start, h.end))]


def _finish(hit: ActorHit, doc: Doc, am: ActorMatcher) -> ActorHit:
    head = doc[hit.head]
    if hit.kind == "demonym":
        hit.kind = "country"
        if _people_noun(doc, hit):  # "hundreds of thousands of Syrians"
            hit.sector, hit.name = "CVL", f"{am.adjective(hit.country)} people"
            hit.rules.append("ordinary" if _ordinary(doc, hit) else "people")
    if hit.rules[0] == "metonym" and head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE:
        hit.score, hit.rules = min(hit.score, 0.6), [*hit.rules, "locative"]
    return hit


def _people_noun(doc: Doc, hit: ActorHit) -> bool:
    """A plural demonym heading its own phrase, without "the": the people, not the state."""
    head = doc[hit.head]
    if len(hit.tokens) != 1 or head.dep_ in _MODIFIER_DEPS:
        return False
    if _ordinary(doc, hit):
        return True  # "ordinary Lebanese": the people, whatever the plural
    if not head.lower_.endswith("s"):
        return False
    return not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _ordinary(doc: Doc, hit: ActorHit) -> bool:
    before = min(hit.tokens) - 1
    return before >= 0 and doc[before].lower_ in _ORDINARY
