"""Which actors a token names: itself, its possessor ("Iran's advance"), "X of Y" ("the
ambassadors of A, B and C": three), a modifier ("an Indian proposal", "US drone strikes"), and
coordinated modifiers folded into one phrase ("Israeli and Palestinian negotiators": two).
Pronouns resolve to the nearest earlier subject group that fits.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorRef

# pronoun -> what it may refer to
PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "his": "person",
    "it": "state",
    "its": "state",
    "they": "any",
    "them": "any",
    "their": "any",
}
_MODIFIER_DEPS = {"compound", "amod", "nmod"}
# lower-case country adjective or name -> (ISO3, country name)
Demonyms = dict[str, tuple[str, str]]


def _of_object(token: Token, preps: tuple[str, ...] = ("of",)) -> Token | None:
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in preps:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _anchor(token: Token, index: dict[int, ActorRef], depth: int = 2) -> Token | None:
    """The token that carries the actor a token names, or None: itself, its possessor, the
    object of its "of" or "by" ("leaders of Romania's government", "calls by Belarus"), or a
    modifier ("US drone strikes")."""
    if token.i in index:
        return token
    for child in token.children:
        if child.dep_ == "poss" and child.i in index:
            return child
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    pobj = _of_object(token, ("of", "by")) if token.pos_ == "NOUN" else None
    if pobj is not None and depth > 1 and (found := _anchor(pobj, index, depth - 1)):
        return found
    if depth < 2 and token.pos_ == "NOUN":  # "the use of the Russian language": not Russia
        return None
    modifiers = [c for c in token.children if c.dep_ in _MODIFIER_DEPS]
    nested = [g for m in modifiers for g in m.children if g.dep_ in _MODIFIER_DEPS]
    return next((w for w in [*modifiers, *nested] if w.i in index), None)


def actor_at(token: Token, index: dict[int, ActorRef]) -> ActorRef | None:
    """The first actor a token names."""
    anchor = _anchor(token, index)
    return index[anchor.i] if anchor is not None else None


def actors_at(token: Token, index: dict[int, ActorRef], demonyms: Demonyms) -> list[ActorRef]:
    """Every actor a token names: the anchor's actor, the actors coordinated with the anchor
    ("the ambassadors of France, Germany and Italy"), each country of a phrase that coordinates
    several ("Israeli and Palestinian negotiators")."""
    anchor = _anchor(token, index)
    if anchor is None:
        return []
    hit = index[anchor.i]
    found = [hit]
    # the token's own conjuncts are arguments in their own right; those of "of X" are not
    anchors = [anchor] if anchor.i != token.i else [t for t in [_of_object(token)] if t]
    for other in _coordinated_hits(token, anchors, index):
        if all(other is not f and other.tokens != f.tokens for f in found):
            found.append(other.model_copy(update={"sector": other.sector or hit.sector}))
    return [split for h in found for split in split_coordinated(h, token, demonyms)]


def _coordinated_hits(
    token: Token, anchors: list[Token], index: dict[int, ActorRef]
) -> list[ActorRef]:
    """Actors coordinated with an anchor, and separate actors headed by the token itself
    ("Israeli and Palestinian negotiators" found as two phrases)."""
    words = [c for a in anchors for c in a.conjuncts] + [
        t for t in token.subtree if t.i < token.i and t.i in index and index[t.i].head == token.i
    ]
    return [index[w.i] for w in words if w.i in index]


def split_coordinated(hit: ActorRef, token: Token, demonyms: Demonyms) -> list[ActorRef]:
    """One actor per country when a phrase coordinates several nationality words."""
    doc = token.doc
    countries: dict[str, str] = {}
    for i in sorted(hit.tokens):
        word = doc[i]
        if word.dep_ in {"amod", "compound", "conj", "nmod"} and word.lower_ in demonyms:
            iso3, name = demonyms[word.lower_]
            countries.setdefault(iso3, name)
    if len(countries) < 2:
        return [hit]
    head = doc[hit.head].text if hit.head is not None and 0 <= hit.head < len(doc) else ""
    return [
        hit.model_copy(
            update={
                "country": iso3,
                "name": f"{name} {head}".strip(),
                "rules": (*hit.rules, "coordinated"),
            }
        )
        for iso3, name in countries.items()
    ]


def possessive_pronoun(token: Token) -> Token | None:
    """'its nuclear program' -> 'its'."""
    return next((c for c in token.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)


def resolve_pronoun(token: Token, groups: list[list[ActorRef]]) -> list[ActorRef]:
    """A pronoun -> the nearest earlier subject group that fits ("they" may be two actors)."""
    wanted = PRONOUNS.get(token.lower_)
    if wanted is None:
        return []
    # nearest first, lazily: the groups of the whole document are kept, and most pronouns find
    # theirs a sentence or two back
    earlier = (g for g in reversed(groups) if g and g[-1].end <= token.idx)
    for group in earlier:
        if wanted == "any":
            return group
        fitting = [h for h in group if (h.kind == "person") == (wanted == "person")]
        if fitting and len(group) == 1:
            return fitting
    return []
