"""Two quantities that make one range: "200 to 300", "between $62 and $68", "from 1 per cent
to 1.5 per cent", "5-10W", "two or three days"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import QuantityMention
from .lexicon import quantity_words
from .numbers import number_words, split_number

Doc = Any  # spacy.tokens.Doc
_JOINERS = {"to", "-", "–", "and", "or", "through"}
_OPENERS = {"from", "between"}
_MAX_RATIO = 20  # "200 to 300" is a range; "rose 10% to 250" joins two different numbers
_MAX_GAP = 7  # tokens between "from X" and "to Y"
_BREAKS = {",", ";", "(", ")", ":"}
_TO_LEVEL = (["at"], ["to"], ["to", "close", "at"], ["to", "end", "at"], ["to", "finish", "at"])
_YEAR = re.compile(r"^(18|19|20)\d\d$")
_STUCK_M = re.compile(r"^\d+(\.\d+)?[mM]\.?$")  # "40m", "2m." (one token or two, no space)


@dataclass(frozen=True)
class Found:
    mention: QuantityMention
    start: int  # token span of the mention
    end: int


def merge_ranges(doc: Doc, found: list[Found]) -> list[Found]:
    merged: list[Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        if previous is not None and _score(doc, previous, item):
            merged.pop()  # "tied at 89-89", "won 3-1": a score, not two quantities
            continue
        millions = _millions_after_money(doc, previous, item) if previous is not None else None
        if millions is not None:
            previous, item = millions
        scaled = _scaled(doc, previous, item) if previous is not None else None
        if scaled is not None and _joined(doc, scaled, item):
            merged[-1] = _range(doc, scaled, item)
        else:
            merged.append(_unit_carried(doc, previous, item) if previous is not None else item)
    return merged


def _score(doc: Doc, first: Found, second: Found) -> bool:
    """Two whole numbers without units joined by a hyphen, the first not below the second."""
    a, b = first.mention, second.mention
    between = doc[first.end : second.start]
    if len(between) != 1 or between[0].text != "-" or between[0].whitespace_:
        return False
    if doc[first.end - 1].whitespace_ or a.unit is not None or b.unit is not None:
        return False
    whole = all(m.value == int(m.value) and m.value_max is None for m in (a, b))
    return whole and a.value >= b.value


def _unit_carried(doc: Doc, previous: Found, item: Found) -> Found:
    """'from 14-18 mpg to 24': a bare number after 'to' has the unit of the one before; not
    after a change by so much ('rose 8.15% to 3.65': a share price, not a percentage)."""
    a, b = previous.mention, item.mention
    between = doc[previous.end : item.start]
    if b.unit is not None or b.counted is not None or a.unit is None:
        return item
    if a.change in {"up", "down"} and not _opened(doc, previous.start):
        return item
    if len(between) != 1 or between[0].lower_ != "to":
        return item
    return Found(
        b.model_copy(update={"unit": a.unit, "unit_name": a.unit_name}), item.start, item.end
    )


def _opened(doc: Doc, start: int) -> bool:
    """'from' or 'between' just before a quantity's first token."""
    return start > 0 and doc[start - 1].lower_ in _OPENERS


def _scaled(doc: Doc, first: Found, second: Found) -> Found:
    """'$89 to $93 billion', '1 to 2 thousand', '$1.5-2bn': the first number takes the
    second's scale."""
    a, b = first.mention, second.mention
    words = number_words()
    scale = next(
        (words[w].value for t in doc[second.start : second.end] if _is_scale(w := _scale_of(t))),
        None,
    )
    if scale is None or any(_is_scale(_scale_of(t)) for t in doc[first.start : first.end]):
        return first
    if not 0 < a.value < 1000 or b.value < a.value * scale / 20:
        return first
    return Found(a.model_copy(update={"value": a.value * scale}), first.start, first.end)


def _scale_of(token: Any) -> str:
    """The scale word of a token: 'billion', or the one stuck to digits ('2bn': 'bn')."""
    split = split_number(token.text)
    return split[2].lower() if split is not None and split[2] else str(token.lower_)


def _is_scale(word: str) -> bool:
    entry = number_words().get(word)
    return entry is not None and entry.kind == "scale"


def _joined(doc: Doc, first: Found, second: Found) -> bool:
    a, b = first.mention, second.mention
    between = doc[first.end : second.start]
    opener = doc[first.start - 1].lower_ if first.start > 0 else ""
    if not between or between[-1].lower_ not in _JOINERS or a.value_max is not None:
        return False  # "from 5 to 7 per cent to 3 to 5 per cent": a range is not an end
    if len(between) > 1 and not (opener == "from" and _from_gap(between)):
        return False
    if a.unit is not None and b.unit is not None and not _same_unit(a.unit, b.unit):
        return False
    word = between[-1].lower_
    low, high = min(a.value, b.value), max(a.value, b.value)
    if opener == "by" and word == "to" and (a.unit is not None or low <= 0 or high / low > 3):
        return False  # "increased by $43.6 billion to $419.2 billion", "cut by 200 to 1,800"
    if word == "and":
        return opener == "between"
    if word == "or":  # "two or three days"
        return b.value == a.value + 1 and a.value == int(a.value)
    if opener in _OPENERS:
        return True
    return a.value < b.value and (low <= 0 or high / low < _MAX_RATIO)


def _from_gap(between: Any) -> bool:
    """'from $36,040 at 10.45pm last night to $34,935', 'from 20 mpg in 2008 to 29 mpg': a few
    words, none a number other than a year, then 'to'."""
    if between[-1].lower_ != "to" or len(between) > _MAX_GAP:
        return False
    return not any(
        t.text in _BREAKS or (t.like_num and not _YEAR.match(t.text)) for t in between[:-1]
    )


def _range(doc: Doc, first: Found, second: Found) -> Found:
    a, b = first.mention, second.mention
    span = doc[first.start : second.end]
    top = max(a.value, b.value_max if b.value_max is not None else b.value)
    named = a if a.unit is not None and (b.unit is None or " per " in a.unit) else b
    unit = named.unit  # the second's, unless only the first has one or says its rate
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
            "unit_name": named.unit_name,
            "concept": _outside(a.concept, span.text) or b.concept,
            "counted": counted,
            "casualty": b.casualty or a.casualty,
            "change": next((c for c in (b.change, a.change) if c not in {None, "="}), b.change),
        }
    )
    return Found(mention, first.start, second.end)


def _outside(concept: str | None, text: str) -> str | None:
    """A concept that is not a word of the range itself ('4bn' of '$3.5-4bn')."""
    return concept if concept and concept not in text else None


def _millions_after_money(doc: Doc, previous: Found, item: Found) -> tuple[Found, Found] | None:
    """'€30-40m', '£1-2m': after an amount of money and a hyphen, an 'm' stuck to the digits is
    millions of that money, not metres; both ends, in millions."""
    a, b = previous.mention, item.mention
    between = doc[previous.end : item.start]
    money = {"currency", "currency_prefix", "currency_glued"}
    if b.unit != "m" or len(between) != 1 or between[0].text != "-" or between[0].whitespace_:
        return None
    if not _STUCK_M.match(doc[item.start : item.end].text) or _unit_kind(a.unit) not in money:
        return None
    if a.value >= b.value or a.value_max is not None:
        return None
    update = {"value": b.value * 1e6, "unit": a.unit, "unit_name": a.unit_name, "counted": None}
    low = Found(a.model_copy(update={"value": a.value * 1e6}), previous.start, previous.end)
    return low, Found(b.model_copy(update=update), item.start, item.end)


def _unit_kind(code: str | None) -> str | None:
    """The kind of a unit code ('USD': currency), from any word of the unit table naming it."""
    if code is None:
        return None
    kinds = {u.kind for u in quantity_words().units.values() if u.code == code}
    return "currency" if kinds & {"currency", "currency_prefix", "currency_glued"} else None


def _same_unit(first: str, second: str) -> bool:
    """'between $62 and $68 per share', 'from $75 per barrel to $45.88': the rate written
    once, after either end."""
    return (
        first == second or second.startswith(f"{first} per ") or first.startswith(f"{second} per ")
    )


def _unit_words() -> dict[str, object]:
    return quantity_words().units  # type: ignore[return-value]


def carry_into_asides(doc: Doc, found: list[Found]) -> list[Found]:
    """'7.5 million Danish crowns (US $1.1 million)', 'just under 296 hp (224 kW / 300 PS)': an
    amount written again in other units, in brackets, has the change and the concept of the one
    it converts."""
    out: list[Found] = []
    main: QuantityMention | None = None
    for item in found:
        previous = out[-1] if out else None
        between = [t.text for t in doc[previous.end : item.start]] if previous else []
        if previous is None or not (between == ["("] or (between == ["/"] and main)):
            main = None
        if between == ["("] and previous is not None:
            main = previous.mention
        if main is not None and _same_kind(main.unit, item.mention.unit):
            update: dict[str, object] = {"concept": main.concept or item.mention.concept}
            if item.mention.change in {None, "="}:
                update["change"] = main.change
            item = Found(item.mention.model_copy(update=update), item.start, item.end)
        out.append(item)
    return out


def carry_to_levels(doc: Doc, found: list[Found]) -> list[Found]:
    """'JD Sports, down 1.95p at 125.8p', 'A2 Milk up 4 per cent to $13.60': the level reached
    right after a rise or a fall is about what rose or fell."""
    out: list[Found] = []
    for item in found:
        previous = out[-1] if out else None
        if previous is not None and _level_after(doc, previous, item):
            concept = previous.mention.concept
            item = Found(item.mention.model_copy(update={"concept": concept}), item.start, item.end)
        out.append(item)
    return out


def _level_after(doc: Doc, change: Found, item: Found) -> bool:
    between = [t.lower_ for t in doc[change.end : item.start]]
    moved = change.mention.change in {"up", "down"} and change.mention.concept is not None
    return moved and between in _TO_LEVEL


def _same_kind(first: str | None, second: str | None) -> bool:
    words = quantity_words()  # units in any case and as written ("PS", "Nm")
    kinds = {u.code: u.kind for u in (*words.units.values(), *words.cased_units.values())}
    a, b = kinds.get((first or "").split(" per ")[0]), kinds.get((second or "").split(" per ")[0])
    money = {"currency", "currency_prefix", "currency_glued", "currency_country"}
    return a is not None and b is not None and (a == b or {a, b} <= money)
