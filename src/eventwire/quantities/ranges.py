"""Two quantities that make one range: "200 to 300", "between $62 and $68", "from 1 per cent
to 1.5 per cent", "5-10W", "two or three days"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import QuantityMention
from .lexicon import quantity_words
from .numbers import number_words

Doc = Any  # spacy.tokens.Doc
_JOINERS = {"to", "-", "–", "and", "or", "through"}
_OPENERS = {"from", "between"}
_MAX_RATIO = 20  # "200 to 300" is a range; "rose 10% to 250" joins two different numbers


@dataclass(frozen=True)
class Found:
    mention: QuantityMention
    start: int  # token span of the mention
    end: int


def merge_ranges(doc: Doc, found: list[Found]) -> list[Found]:
    merged: list[Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        scaled = _scaled(doc, previous, item) if previous is not None else None
        if scaled is not None and _joined(doc, scaled, item):
            merged[-1] = _range(doc, scaled, item)
        else:
            merged.append(item)
    return merged


def _scaled(doc: Doc, first: Found, second: Found) -> Found:
    """'$89 to $93 billion', '1 to 2 thousand': the first number takes the second's scale."""
    a, b = first.mention, second.mention
    words = number_words()
    scale = next(
        (words[t.lower_].value for t in doc[second.start : second.end] if _is_scale(t.lower_)),
        None,
    )
    if scale is None or any(_is_scale(t.lower_) for t in doc[first.start : first.end]):
        return first
    if not 0 < a.value < 1000 or b.value < a.value * scale / 20:
        return first
    return Found(a.model_copy(update={"value": a.value * scale}), first.start, first.end)


def _is_scale(word: str) -> bool:
    entry = number_words().get(word)
    return entry is not None and entry.kind == "scale"


def _joined(doc: Doc, first: Found, second: Found) -> bool:
    a, b = first.mention, second.mention
    between = doc[first.end : second.start]
    if len(between) != 1 or between[0].lower_ not in _JOINERS:
        return False
    if a.unit is not None and b.unit is not None and not _same_unit(a.unit, b.unit):
        return False
    word = between[0].lower_
    opener = doc[first.start - 1].lower_ if first.start > 0 else ""
    if opener == "by" and word == "to":
        return False  # "increased by $43.6 billion to $419.2 billion": a change, then a level
    low, high = min(a.value, b.value), max(a.value, b.value)
    if word == "and":
        return opener == "between"
    if word == "or":  # "two or three days"
        return b.value == a.value + 1 and a.value == int(a.value)
    if opener in _OPENERS:
        return True
    return a.value < b.value and (low <= 0 or high / low < _MAX_RATIO)


def _range(doc: Doc, first: Found, second: Found) -> Found:
    a, b = first.mention, second.mention
    span = doc[first.start : second.end]
    top = max(a.value, b.value_max if b.value_max is not None else b.value)
    unit = b.unit or a.unit
    counted = b.counted or a.counted
    if unit is not None and counted is not None and counted.split()[-1].lower() in _unit_words():
        counted = None  # "two or three days": days are the unit
    mention = a.model_copy(
        update={
            "text": span.text,
            "end": span.end_char,
            "value": min(a.value, b.value),
            "value_max": top,
            "unit": unit,
            "unit_name": b.unit_name if b.unit else a.unit_name,
            "concept": a.concept or b.concept,
            "counted": counted,
            "casualty": b.casualty or a.casualty,
            "change": b.change or a.change,
        }
    )
    return Found(mention, first.start, second.end)


def _same_unit(first: str, second: str) -> bool:
    """'between $62 and $68 per share': the rate written once, after the second."""
    return first == second or second.startswith(f"{first} per ")


def _unit_words() -> dict[str, object]:
    return quantity_words().units  # type: ignore[return-value]
