"""Composition from the words around a group noun, when no knowledge-base entry names the whole
phrase: a region or people gives its state ("Rakhine rebels" -> MMR REB), a religion the
religious sector ("Muslim leaders in France" -> FRA REL), a party adjective its state
("Republican lawmakers" -> USA LEG); "former" makes an office holder one of the elites ("former
President Evo Morales" -> BOL ELI). The words are in data/roles_modifiers.tsv."""

from __future__ import annotations

from spacy.tokens import Doc

from ..kb import Modifier  # read by the knowledge layer from data/roles_modifiers.tsv
from .hits import ActorHit

FORMER_WORDS = {"former", "ex", "ex-", "erstwhile"}
FORMER_SECTOR = "ELI"
_AREA_NOUNS = {"state", "region", "province", "regional", "provincial"}  # "Rakhine state officials"
_RELIGION_TAKES = {None, "GOV", "CVL"}  # leaders, officials, communities; not rebels or students
_QUALIFIED_KINDS = {"role", "role_person"}


def qualify_groups(doc: Doc, hits: list[ActorHit], modifiers: dict[str, Modifier]) -> None:
    """Regions, religions and parties written just before a group noun or title."""
    taken = {i for h in hits for i in h.tokens}
    for hit in hits:
        if hit.kind not in _QUALIFIED_KINDS:
            continue
        for modifier, first in _modifiers_before(doc, min(hit.tokens), modifiers, taken):
            if _apply(hit, modifier):
                hit.tokens.update(range(first, min(hit.tokens)))
                hit.start = min(hit.start, doc[first].idx)


def _modifiers_before(
    doc: Doc, start: int, modifiers: dict[str, Modifier], taken: set[int]
) -> list[tuple[Modifier, int]]:
    """The modifiers ending right before `start` (through "state", "region"), right to left."""
    found = []
    end = start
    if end > 0 and doc[end - 1].lower_ in _AREA_NOUNS:
        end -= 1
    while end > 0:
        match = None
        for width in (2, 1):
            first = end - width
            if first < 0 or any(i in taken for i in range(first, end)):
                continue
            words = " ".join(t.lower_ for t in doc[first:end])
            if words in modifiers:
                match = (modifiers[words], first)
                break
        if match is None:
            break
        found.append(match)
        end = match[1]
    return found


def _apply(hit: ActorHit, modifier: Modifier) -> bool:
    """Whether the modifier told the hit something (its words then join the hit)."""
    if modifier.kind in {"region", "party"} and hit.country is None and modifier.country:
        hit.country = modifier.country
    elif modifier.kind == "religion" and hit.sector in _RELIGION_TAKES:
        hit.sector = modifier.sector
    else:
        return False
    hit.rules.append(f"{modifier.kind}:{modifier.word}")
    return True


def mark_former(doc: Doc, hits: list[ActorHit]) -> None:
    """'former President Evo Morales', 'the ex-minister': out of office, whatever the date."""
    for hit in hits:
        if hit.kind not in {"person", "role_person"}:
            continue
        first = min(hit.tokens)
        words = [doc[i].lower_ for i in range(max(0, first - 2), first)]
        inside = [doc[i].lower_ for i in sorted(hit.tokens)]
        if any(w in FORMER_WORDS for w in words[-1:]) or any(
            w in FORMER_WORDS or w.startswith("ex-") for w in inside
        ):
            hit.sector = FORMER_SECTOR
            hit.rules.append("former")
