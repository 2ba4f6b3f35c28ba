"""Quantities stage: numbers in digits and words with their scale ("1.2 million", "a dozen",
"tens of thousands"), ranges ("200 to 300"), approximations kept as a qualifier ("at least"),
units ("960 km", "$6 billion", "10%"), the noun they count ("300,000 new military recruits" ->
"military recruits"), rises and falls ("rose 5%") and casualty counts ("40 were killed").

Numbers are found on the token sequence; what they count, and whether they are casualties or
changes, comes from the dependency parse. Word lists live in `data/quantities_*.tsv`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import QuantityMention
from .attach import (
    casualty_of,
    change_of,
    counted_head,
    currency_before,
    noun_phrase_span,
    qualifier_before,
    rate_after,
    unit_after,
)
from .casualties import casualties_in_words
from .concept import concept_of
from .filters import not_a_quantity, stray_word
from .lexicon import Unit, quantity_words
from .names import change_sign, counted_words, unit_name
from .ranges import Found, merge_ranges
from .runs import Run, number_runs

VERSION = "eventwire.quantities.v3"

__all__ = ["VERSION", "find_quantities"]

Doc = Any  # spacy.tokens.Doc (spaCy ships no type information)
Token = Any
_AGE = Unit("age", "age")
_SIGN_CHANGE = {"+": "up"}


@dataclass(frozen=True)
class _Place:
    unit: Unit | None
    start: int  # first token of the mention (a currency sign, a number)
    end: int  # one past its last token (a unit word)


def find_quantities(doc: Doc, excluded: set[int] | None = None) -> list[QuantityMention]:
    """Quantities in a parsed document; `excluded` holds token indices already used by dates."""
    money = _after_currency(doc)
    found = []
    for run in number_runs(doc, excluded or set(), money):
        item = _found(doc, run)
        if item is not None:
            found.append(item)
    mentions = [item.mention for item in merge_ranges(doc, found)]
    taken = [(m.start, m.end) for m in mentions]
    in_words = casualties_in_words(doc, taken)
    return sorted([*mentions, *in_words], key=lambda m: m.start) if in_words else mentions


def _after_currency(doc: Doc) -> set[int]:
    """Indices of the tokens right after a currency sign."""
    units = quantity_words().units
    return {
        t.i + 1
        for t in doc
        if (unit := units.get(t.lower_)) is not None and unit.kind == "currency_prefix"
    }


def _place(doc: Doc, run: Run) -> _Place:
    """The unit, where the mention starts (a currency sign) and where it ends (a unit word)."""
    units = quantity_words().units
    before = currency_before(doc, run)
    if before is not None:
        return _Place(before[0], before[1], run.end)
    if run.unit:
        return _Place(units.get(run.unit.lower(), Unit(run.unit, "")), run.start, run.end)
    after = unit_after(doc, run)
    if after is not None and after[0].code == "year" and _words_at(doc, after[1], 2) == "of age":
        return _Place(_AGE, run.start, after[1] + 2)  # "8 years of age"
    if after is not None:
        return _Place(after[0], run.start, after[1])
    return _Place(_AGE if _is_age(doc, run) else None, run.start, run.end)


def _is_age(doc: Doc, run: Run) -> bool:
    """'Chiquita Henry, 19, of Alexandria', 'aged 19'."""
    number = doc[run.start]
    if run.end - run.start != 1 or not number.text.isdigit() or not 0 < int(number.text) < 120:
        return False
    before = doc[run.start - 1] if run.start else None
    after = doc[run.end] if run.end < len(doc) else None
    if before is not None and before.lower_ in {"aged", "age"}:
        return True
    if before is not None and before.lower_ == "of" and run.start > 1:
        return bool(doc[run.start - 2].lower_ == "age")  # "at the age of 12"
    commas = before is not None and before.text == "," and after is not None and after.text == ","
    return commas and number.head.pos_ == "PROPN"  # "Flores, 26, had just left"


def _found(doc: Doc, run: Run) -> Found | None:
    place = _place(doc, run)
    unit = place.unit
    rate = rate_after(doc, place.end)
    code = None if unit is None else unit.code + (f" per {rate}" if rate else "")
    counted = None
    if unit is None or (unit.kind in {"mass", "volume", "area"} and _of_follows(doc, place.end)):
        counted = counted_head(doc, run, place.end)
    if not_a_quantity(doc, run, unit, counted):
        return None
    casualty = casualty_of(counted, doc[run.end - 1]) if unit is None else None
    if unit is None and counted is None and casualty is None and stray_word(doc, run):
        return None
    qualifier = qualifier_before(doc, place.start)
    span = doc[place.start : place.end]
    phrase = noun_phrase_span(counted, run.end) if counted is not None else None
    before = place.start - len(qualifier[0].split()) if qualifier else place.start
    change = _SIGN_CHANGE.get(run.sign) or change_of(doc, before, doc[place.end - 1])
    sign = -1.0 if _minus_before(doc, place.start) else 1.0
    mention = QuantityMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        value=sign * run.value,
        value_max=sign * run.high if run.high is not None else None,
        unit=code,
        counted=phrase.text if phrase is not None else None,
        qualifier=qualifier[0] if qualifier else ("~" if run.sign == "~" else None),
        change=change_sign(change, qualifier[0] if qualifier else None, run.sign),
        casualty=casualty,
        note=f"vague: {doc[run.start : run.end].text}" if run.vague else None,
        unit_name=unit_name(
            code, counted_words(doc, place.end, counted) if counted is not None else None
        ),
        concept=concept_of(doc, place.start, place.end, counted),
    )
    return Found(mention, place.start, place.end)


def _minus_before(doc: Doc, start: int) -> bool:
    """'minus 40 degrees', 'minus-5 yards': a negative amount."""
    if start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        return bool(doc[start - 2].lower_ == "minus")
    return start > 0 and doc[start - 1].lower_ == "minus"


def _words_at(doc: Doc, start: int, size: int) -> str:
    return str(doc[start : start + size].text.lower()) if start + size <= len(doc) else ""


def _of_follows(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].lower_ == "of"
