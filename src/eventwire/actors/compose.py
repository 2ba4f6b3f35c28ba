"""Composition: countries, organisations, titles and names that modify one another make one
actor ("US National security adviser Jake Sullivan" -> USA GOV; "the IDF chief of staff Lt Gen
Herzi Halevi" -> ISR MIL); a coordinated pair of countries on one group noun makes two
("Israeli and Palestinian negotiators")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .hits import ROLE_KINDS, ActorHit
from .matcher import ActorMatcher

_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
_ORIGIN_PREPS = {"in", "from", "of"}
_NAMED = {"person", "organisation"}
_HOLDERS = {"role", "role_person", "person"}  # "Prime Minister Ali Sabri of Iraq"
# An institution's sector names the role it modifies ("Hamas spokesman" is REB, "Pentagon
# spokesman" MIL), except a government's or an IGO's armed forces ("Coalition forces" are MIL).
_FORCE_SECTORS = {"MIL", "SPY", "COP"}


def fold_into_names(hits: list[ActorHit]) -> list[ActorHit]:
    """A role word inside a named person's or organisation's span ("Lt Gen Herzi Halevi",
    "the Iraqi Security Forces") is part of the name: its sector and country fill gaps."""
    owners = [h for h in hits if h.kind in _NAMED]
    kept = []
    for hit in hits:
        owner = next((o for o in owners if o is not hit and hit.tokens <= o.tokens), None)
        if owner is None:
            kept.append(hit)
            continue
        if owner.kind == "person" and max(hit.tokens) == max(owner.tokens):
            continue  # a surname that is also a role word: "Julie Bishop"
        owner.sector = owner.sector or hit.sector
        owner.country = owner.country or hit.country
        owner.titles += hit.titles
        owner.rules.append(hit.rules[0])
    return kept


def attach_modifiers(doc: Doc, hits: list[ActorHit], am: ActorMatcher) -> list[ActorHit]:
    """Fold countries, organisations and titles into the role or person they modify, left to
    right; a second, coordinated country on a group noun makes a second actor instead."""
    hits = sorted(hits, key=lambda h: h.start)
    index = {i: h for h in hits for i in h.tokens}
    kept: list[ActorHit] = []
    twins: list[ActorHit] = []
    for hit in hits:
        target, via = _absorber(doc, hit, index)
        if target is None:
            kept.append(hit)
        elif via == "poss":
            _lend(target, hit, am)
            kept.append(hit)
        elif via == "origin" and (partners := _coordinated_roles(doc, target, index)):
            for holder in (target, *partners):  # "the government and people of Iraq"
                _lend(holder, hit, am, "shared")
            kept.append(hit)
        elif _splits(doc, target, hit):
            twins.append(_twin(target, hit, am))
        else:
            _merge(target, hit, via, am)
            for i in hit.tokens:
                index[i] = target
    return [h for h in kept if all(index[i] is h for i in h.tokens)] + twins


def _absorber(doc: Doc, hit: ActorHit, index: dict[int, ActorHit]) -> tuple[ActorHit | None, str]:
    head = doc[hit.head]
    if _of_origin(hit, head):
        holder = index.get(head.head.head.i)  # "protesters in Georgia", "the ambassador of Iran"
        if holder is not None and holder.kind in _HOLDERS and holder.country is None:
            return holder, "origin"
    owned = index.get(max(hit.tokens) + 2)  # "Khameini’s advisers", whatever the parse says
    if _possessive_after(doc, hit) and owned is not None and owned.kind in {"role", "role_person"}:
        return owned, "poss"
    if _after_preposition(doc, hit):
        return None, ""  # "In Turkey Minister Ellwood met ...": a place, whatever the parse says
    governor = _governor(head)
    other = index.get(governor.i)
    if (
        other is not None
        and other is not hit
        and _can_absorb(other, hit)
        and _near(doc, hit, other)
    ):
        return other, head.dep_
    named = _apposed_name(doc, hit, index)
    if named is not None:
        return named, "appos"
    # parse errors split titles from names: "chief of staff Lt Gen Herzi Halevi"
    nxt = index.get(max(hit.tokens) + 1)
    if (
        nxt is not None
        and nxt.kind in {"person", "role_person"}
        and hit.kind != "person"
        and _title_like(hit, head)
        and _near(doc, hit, nxt)
    ):
        return nxt, "next"
    return None, ""


def _apposed_name(doc: Doc, hit: ActorHit, index: dict[int, ActorHit]) -> ActorHit | None:
    """'the Prime Minister-designate, Haider al-Abadi,' or 'Tobias Ellwood, Minister for the
    Middle East,': a title and a name side by side, set off by a comma, whatever the parse."""
    if hit.kind != "role_person":
        return None
    for comma, other in ((max(hit.tokens) + 1, max(hit.tokens) + 2), (min(hit.tokens) - 1, -1)):
        if not 0 <= comma < len(doc) or doc[comma].text != ",":
            continue
        person = index.get(other if other >= 0 else comma - 1)
        if person is not None and person.kind == "person" and _near(doc, hit, person):
            return person
    return None


def _after_preposition(doc: Doc, hit: ActorHit) -> bool:
    before = min(hit.tokens) - 1
    return hit.kind == "country" and before >= 0 and doc[before].dep_ == "prep"


def _near(doc: Doc, a: ActorHit, b: ActorHit) -> bool:
    """One sentence, no line break between: headlines and bylines are not modifiers."""
    lo, hi = sorted((a, b), key=lambda h: h.start)
    gap = range(max(lo.tokens), min(hi.tokens))
    if any("\n" in doc[i].text_with_ws for i in gap):  # (doc.text is rebuilt on each call)
        return False
    first, last = sorted((a.head, b.head))
    return not any(doc[i].is_sent_start for i in range(first + 1, last + 1))


def _of_origin(hit: ActorHit, head: Token) -> bool:
    """'protesters in Georgia', 'the ambassador of Iran', 'senior officials of the EU'."""
    return (
        hit.kind in {"country", "organisation"}
        and head.dep_ == "pobj"
        and head.head.lower_ in _ORIGIN_PREPS
    )


def _title_like(hit: ActorHit, head: Token) -> bool:
    """A word that may qualify a following name: a title, or a modifier the parser attached
    elsewhere (not a place after "in": "In Turkey Minister Ellwood met ...")."""
    return hit.kind in ROLE_KINDS or head.dep_ in _MODIFIER_DEPS


def _coordinated_roles(doc: Doc, holder: ActorHit, index: dict[int, ActorHit]) -> list[ActorHit]:
    """Role nouns coordinated with this one and without a country of their own."""
    found = []
    for token in doc[holder.head].conjuncts:
        partner = index.get(token.i)
        if partner is not None and partner is not holder and partner.kind in ROLE_KINDS:
            found.append(partner)
    return [p for p in found if p.country is None]


def _possessive_after(doc: Doc, hit: ActorHit) -> bool:
    after = max(hit.tokens) + 1
    return after < len(doc) and doc[after].tag_ == "POS"


def _can_absorb(target: ActorHit, hit: ActorHit) -> bool:
    if target.kind == "role_state":
        return False  # "the two powers, Russia and China": coreference, not a modifier
    if hit.kind == "role" and target.kind in {"person", "role_person"}:
        return False  # a group noun does not describe one person (a parse error)
    if hit.kind == "role_person" and target.kind == "role":
        return False  # a title does not qualify a group: "the Secretary of State and partners"
    if target.kind in {"role", "role_person"}:
        return True
    if target.kind == "organisation":
        return hit.kind in {"role", "role_person"}  # "the terrorist group ISIL"
    # a person takes titles and countries, not another person or organisation it governs
    return target.kind == "person" and hit.kind not in _NAMED | {"role_state"}


def _governor(token: Token) -> Token:
    """The noun an actor word modifies, through coordinated modifiers ("American and Israeli
    officials") and appositions ("Tobias Ellwood, Minister for the Middle East")."""
    if token.dep_ == "conj" and token.head.dep_ in _MODIFIER_DEPS:
        return token.head.head
    if token.dep_ in _MODIFIER_DEPS | {"appos"}:
        return token.head
    return token


def _splits(doc: Doc, target: ActorHit, hit: ActorHit) -> bool:
    """A second country coordinated with the first on one group noun is a second actor."""
    return (
        target.kind == "role"
        and hit.kind in {"country", "demonym"}
        and target.country is not None
        and hit.country is not None
        and hit.country != target.country
        and doc[hit.head].dep_ == "conj"
    )


def _twin(target: ActorHit, hit: ActorHit, am: ActorMatcher) -> ActorHit:
    role = target.titles[0] if target.titles else target.name
    return ActorHit(
        tokens=set(hit.tokens),
        head=target.head,
        start=min(target.start, hit.start),
        end=max(target.end, hit.end),
        name=f"{_label(hit, am)} {role}",
        country=hit.country,
        sector=target.sector,
        kind=target.kind,
        score=min(target.score, hit.score),
        rules=[target.rules[0], *hit.rules, "coordinated"],
        titles=list(target.titles),
    )


def _merge(into: ActorHit, other: ActorHit, via: str, am: ActorMatcher) -> None:
    into.tokens |= other.tokens
    into.start, into.end = min(into.start, other.start), max(into.end, other.end)
    gives_country = into.country is None and other.country is not None
    if gives_country:
        into.country = other.country
    place = via == "origin" and other.rules[:1] == ["metonym"]  # "people in Baghdad": a place
    if other.sector and (
        into.sector is None or (_institution_sector_wins(into, other) and not place)
    ):
        into.sector = other.sector
    if into.kind == "role_person" and other.kind == "person" and via != "poss":
        into.name, into.kind = other.name, "person"  # "Secretary of State Antony Blinken"
        into.candidates += other.candidates
    elif into.kind in ROLE_KINDS and gives_country:
        into.name = f"{_label(other, am)} {into.titles[0] if into.titles else into.name}"
    into.titles += other.titles
    into.score = min(into.score, other.score)
    into.rules += other.rules


def _lend(owned: ActorHit, owner: ActorHit, am: ActorMatcher, rule: str = "possessor") -> None:
    """A possessor stays an actor of its own and lends its country to what it owns ("Iran's
    foreign ministry", "Khamenei's advisers")."""
    if owned.country is not None or owner.country is None:
        return
    owned.country = owner.country
    if owner.sector and (owned.sector is None or _institution_sector_wins(owned, owner)):
        owned.sector = owner.sector
    owned.name = f"{_label(owner, am)} {owned.titles[0] if owned.titles else owned.name}"
    owned.rules.append(f"{rule}:{owner.name}")


def _institution_sector_wins(role: ActorHit, modifier: ActorHit) -> bool:
    if role.kind not in ROLE_KINDS or modifier.kind not in {"organisation", "country"}:
        return False
    return not (modifier.sector in {"GOV", "IGO"} and role.sector in _FORCE_SECTORS)


def _label(hit: ActorHit, am: ActorMatcher) -> str:
    """How a modifier names the group it qualifies: "Iranian", "Israel Defense Forces"."""
    if hit.kind in {"country", "demonym"} or (hit.kind == "person" and hit.country):
        return am.adjective(hit.country) or hit.name
    return hit.name
