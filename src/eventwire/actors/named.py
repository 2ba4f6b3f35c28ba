"""Organisations the knowledge base does not know, read from their names: a named organisation
says what it is in its head noun ("the Umma Party", "the Nigerian Union of Teachers", "the
Zimbabwe Congress of Trade Unions", "the Oromo Liberation Front"), and which state it is of in
the country, demonym or region its name holds.

The head nouns and their sectors are data/roles_modifiers.tsv's `organisation` rows. Such an
organisation is one actor of kind `role`: a group with a sector and, when its name holds no
state, no country of its own, so that the document's context (actors/context.py) and the
event's place may still give it one. Only names the entity recogniser calls an organisation
are read, and only when no knowledge-base organisation or person is inside them."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..kb import Modifier, weight
from .hits import ActorHit
from .matcher import ActorMatcher
from .resolve import trim_entity

HEAD_KIND = "organisation"  # roles_modifiers.tsv: a head noun of organisations' names
_LINKS = {"of", "for", "in", "against", "to", "on"}  # "Union of Teachers", "League for Democracy"
_KNOWN_KINDS = {"organisation", "person"}  # a known name inside: not ours to read
_STATE_KINDS = {"country", "demonym"}
_WIDTHS = (2, 1)


def name_groups(doc: Doc, hits: list[ActorHit], am: ActorMatcher) -> list[ActorHit]:
    """The hits, with each unknown organisation whose head noun says what it is made one actor
    out of the country, demonym and role words inside its name."""
    by_token: dict[int, list[ActorHit]] = {}
    for hit in hits:
        for i in hit.tokens:
            by_token.setdefault(i, []).append(hit)
    replaced: set[int] = set()  # ids of the hits a group's name took in
    groups = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        edge = set(range(ent.start, ent.end))
        inside = list({id(h): h for i in edge for h in by_token.get(i, ())}.values())
        if any(h.kind in _KNOWN_KINDS or not h.tokens <= edge for h in inside):
            continue
        span = _trimmed(ent)
        found = _head(span, am.modifiers, inside) if span is not None else None
        if span is None or found is None:
            continue
        groups.append(_group(span, *found, inside, am))
        replaced |= {id(h) for h in inside}
    return [h for h in hits if id(h) not in replaced] + groups


def _trimmed(ent: Span) -> Span | None:
    """The name without a leading "the" or a trailing possessive, of two words at least: one
    word is no name of this kind."""
    span = trim_entity(ent)
    return span if span is not None and len(span) >= 2 else None


def _head(
    span: Span, modifiers: dict[str, Modifier], inside: list[ActorHit]
) -> tuple[str, str] | None:
    """The head noun that says what the organisation is, and its sector: the last such word
    before the name's first link word ("Union" of "Union of Teachers"), else the first after it
    ("Trade Unions" of "Congress of Trade Unions"). A role word the head is part of keeps its
    own sector ("the Kenya Bar Association")."""
    words = [t.lower_ for t in span]
    link = next((i for i, w in enumerate(words) if i > 0 and w in _LINKS), len(words))
    before, after = _phrases(words, 0, link), _phrases(words, link + 1, len(words))
    for i, phrase in [*reversed(before), *after]:
        modifier = modifiers.get(phrase)
        if modifier is None or modifier.kind != HEAD_KIND or not modifier.sector:
            continue
        role = next((h for h in inside if span.start + i in h.tokens and h.sector), None)
        return phrase, role.sector if role is not None and role.sector else modifier.sector
    return None


def _phrases(words: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """(position, words) of every one- and two-word run in words[start:end], left to right; a
    two-word run before the one word it starts with."""
    found = []
    for i in range(start, end):
        for width in _WIDTHS:
            if i + width <= end:
                found.append((i, " ".join(words[i : i + width])))
    return found


def _group(
    span: Span, word: str, sector: str, inside: list[ActorHit], am: ActorMatcher
) -> ActorHit:
    states: set[str | None] = {
        h.country for h in inside if h.kind in _STATE_KINDS and h.country in am.states
    }
    states |= _regions(span, am.modifiers)
    country = next(iter(states)) if len(states) == 1 else None
    rules = [f"named-group:{word}"]
    rules += [h.rules[0] for h in inside if h.kind in _STATE_KINDS and h.country == country]
    return ActorHit(
        tokens=set(range(span.start, span.end)),
        head=span.root.i,
        start=span.start_char,
        end=span.end_char,
        name=span.text,
        country=country,
        sector=sector,
        kind="role",
        score=weight("actors.named.group_score"),
        rules=rules,
        titles=[word],  # "the union", "the party" may refer back to it
    )


def _regions(span: Span, modifiers: dict[str, Modifier]) -> set[str | None]:
    """The states of the regions and peoples a name holds ("the Oromo Liberation Front")."""
    words = [t.lower_ for t in span]
    found: set[str | None] = set()
    for _, phrase in _phrases(words, 0, len(words)):
        modifier = modifiers.get(phrase)
        if modifier is not None and modifier.kind == "region" and modifier.country:
            found.add(modifier.country)
    return found
