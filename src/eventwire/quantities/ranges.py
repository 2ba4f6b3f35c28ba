"""Two quantities that make one range: "200 to 300", "between $62 and $68", "from 1 per cent
to 1.5 per cent", "5-10W", "two or three days"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import QuantityMention
from .lexicon import quantity_words

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
        if previous is not None and _joined(doc, previous, item):
            merged[-1] = _range(doc, previous, item)
        else:
            merged.append(item)
    return merged


def _joined(doc: Doc, first: Found, second: Found) -> bool:
    a, b = first.mention, second.mention
    between = doc[first.end : second.start]
    if len(between) != 1 or between[0].lower_ not in _JOINERS:
        return False
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return False
    word = between[0].lower_
    opener = doc[first.start - 1].lower_ if first.start > 0 else ""
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
            "counted": counted,
            "casualty": b.casualty or a.casualty,
            "change": b.change or a.change,
        }
    )
    return Found(mention, first.start, second.end)


def _unit_words() -> dict[str, object]:
    return quantity_words().units  # type: ignore[return-value]
