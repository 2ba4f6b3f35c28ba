"""Phrases around a trigger's words: coordinated actors, prepositional partners, and the partners
of the nouns a verb's roles and background name ("aid to Bosnia", "for a war against Iraq",
"after talks with X", "to show their disapproval of X")."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from spacy.tokens import Token

BETWEEN = frozenset({"between", "among"})
# the partner prepositions of event nouns: "the attack on X", "talks with X"
NOUN_PARTNERS = frozenset(
    {"with", "against", "on", "to", "toward", "towards", "of", "into", "in", "upon", "at", "for"}
)


def coordinated(token: Token) -> list[Token]:
    """The token and its conjuncts: "Iran and Russia" -> [Iran, Russia]."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def prep_objects(token: Token, preps: AbstractSet[str]) -> list[Token]:
    """The objects of a token's prepositions among `preps`, with their conjuncts, and those of
    the prepositions conjoined to them ("spoke to X and to Y")."""
    found = []
    for child in token.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            conjoined = [c for c in child.conjuncts if c.i > child.i and c.lower_ in preps]
            for prep in (child, *conjoined):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    found.extend(coordinated(pobj))
    return found


_OBJECT_PARTNERS = frozenset({"to", "for", "with", "against", "on", "toward", "towards"})


def object_partners(nouns: list[Token]) -> list[Token]:
    """The partners of role nouns, and of the nouns they are part of: "aid to Bosnia", "part
    of a military aid program for Bosnia"."""
    inner = [o for n in nouns for o in prep_objects(n, {"of"}) if o.pos_ == "NOUN"]
    return [t for n in [*nouns, *inner] for t in prep_objects(n, _OBJECT_PARTNERS)]


# a verb's background event ("mobilized for a war against Iraq") and the partners it names
# "for a war against X"; "in defiance of X", "in protest against X", "in an attack on X"
_BACKGROUND_PREPS = frozenset({"for", "in"})
_BACKGROUND_PARTNERS = frozenset({"against", "on", "with", "toward", "towards", "of", "to"})
# what the act answers: "after talks with X", "following a row with X" (not "after reports of")
_ANSWERED_PREPS = frozenset({"after", "following"})
_ANSWERED_PARTNERS = frozenset({"against", "on", "with", "toward", "towards"})


def holders_of(light_object: Token | None) -> list[Token]:
    return [light_object] if light_object is not None else []


def background_partners(verb: Token, objects: list[Token]) -> list[Token]:
    """The partners of the nouns a verb or its objects are for: "mobilized reservists for a war
    against Iraq" -> Iraq."""
    holders = [verb, *objects]
    found = []
    for preps, partners in (
        (_BACKGROUND_PREPS, _BACKGROUND_PARTNERS),
        (_ANSWERED_PREPS, _ANSWERED_PARTNERS),
    ):
        nouns = [t for h in holders for t in prep_objects(h, preps) if t.pos_ == "NOUN"]
        if preps is _ANSWERED_PREPS:  # "after a Russian attack on Estonia": Russia's, not its
            nouns = [n for n in nouns if not _own_agent(n)]
        found += [t for n in nouns for t in prep_objects(n, partners)]
    return found + _purpose_partners(verb)


def _purpose_partners(verb: Token) -> list[Token]:
    """The partners of what a verb's purpose clause does: "blocked a road to show their
    disapproval of (for) the US' policies" -> the policies (the US's)."""
    nouns = [o for c in _purpose_clauses(verb) for o in c.children if _noun_object(o)]
    return [t for n in nouns for t in prep_objects(n, _BACKGROUND_PARTNERS | {"for"})]


def purpose_objects(verb: Token) -> list[Token]:
    """Whom a verb's adverbial purpose clause acts on: "opened fire to disperse protesters"."""
    clauses = [c for c in _purpose_clauses(verb) if c.dep_ == "advcl"]
    return [t for c in clauses for o in c.children if _noun_object(o) for t in coordinated(o)]


def _noun_object(token: Token) -> bool:
    return token.dep_ == "dobj" and token.pos_ == "NOUN"


def _purpose_clauses(verb: Token) -> list[Token]:
    """A verb's "to" clauses: "blocked a road to show", "opened fire to disperse"."""
    return [
        c
        for c in verb.children
        if c.dep_ in {"advcl", "xcomp"}
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
    ]


def _own_agent(noun: Token) -> bool:
    """A noun with an agent of its own: a possessor, a "by" phrase, or a name or proper
    adjective modifying it ("Iran's attack", "the attack by Iran", "a Russian attack")."""
    return any(
        c.dep_ == "poss"
        or (c.dep_ == "prep" and c.lower_ == "by")
        or (c.dep_ in {"amod", "compound", "nmod"} and c.text[:1].isupper())
        for c in noun.children
    )


def condition_clauses(verbs: list[Token], markers: AbstractSet[str]) -> list[Token]:
    """The conditional clauses of the verbs ("threatened to stop the talks if the US goes
    ahead", "unless the EU lifts its sanctions"): adverbial clauses a marker opens."""
    return [
        c
        for v in verbs
        for c in v.children
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in markers for m in c.children)
    ]
