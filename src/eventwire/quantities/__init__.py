"""Quantities stage: numbers in digits and words with their scale ("1.2 million", "a dozen",
"tens of thousands"), ranges ("200 to 300"), approximations kept as a qualifier ("at least"),
units ("960 km", "$6 billion", "10%"), the noun they count ("300,000 new military recruits" ->
"military recruits"), rises and falls ("rose 5%") and casualty counts ("40 were killed").

Numbers are found on the token sequence; what they count, and whether they are casualties or
changes, comes from the dependency parse. Word lists live in `data/quantities_*.tsv`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model import DateMention, QuantityMention
from .ages import decade_ages
from .attach import (
    casualty_of,
    change_of,
    counted_head,
    country_after,
    currency_before,
    noun_phrase_span,
    qualifier_before,
    rate_after,
    unit_after,
)
from .casualties import casualties_in_words
from .compounds import join_cents
from .concept import concept_of
from .filters import not_a_quantity, stray_word
from .hyphens import shared_tail
from .levels import changes_to_levels
from .lexicon import Unit, quantity_words, unit_of
from .names import change_sign, counted_words, number_of, unit_name
from .numbers import split_number
from .parts import fraction_runs
from .ranges import Found, carry_into_asides, carry_to_levels, merge_ranges
from .runs import Run, number_runs, number_token_or_word, suspended

VERSION = "eventwire.quantities.v11"

__all__ = ["VERSION", "date_tokens", "find_quantities"]

Doc = Any  # spacy.tokens.Doc (spaCy ships no type information)
Token = Any
_AGE = Unit("age", "age")
_FRACTION = Unit("fraction", "fraction")
_INCH = Unit("inch", "length")
_PERSONAL = {"he", "she", "i", "you", "we", "they"}
_PARTS_OF = {"of", "out", "in", "%", "-"}
# "8 years of age", "6 weeks of age": the codes of data/quantities_units.tsv's "-old" ages
_AGES = {"year": _AGE, **{t: Unit(f"{t} of age", "age") for t in ("month", "week", "day")}}
_SIGN_CHANGE = {"+": "up"}
_OF_KINDS = {"mass", "volume", "area", "fraction"}  # "2 tons of rice", "a third of voters"


@dataclass(frozen=True)
class _Place:
    unit: Unit | None
    start: int  # first token of the mention (a currency sign, a number)
    end: int  # one past its last token (a unit word)


def find_quantities(
    doc: Doc, excluded: set[int] | None = None, durations: Sequence[tuple[int, int]] = ()
) -> list[QuantityMention]:
    """Quantities in a parsed document; `excluded` holds token indices already used by dates,
    `durations` the token ranges (start, end) of those dates that are amounts of time."""
    money = _after_currency(doc)
    found = []
    excluded = _durations_freed(doc, excluded or set(), durations)
    fractions = fraction_runs(doc, excluded)
    taken_by_fractions = {i for run in fractions for i in range(run.start, run.end)}
    runs = number_runs(doc, excluded | taken_by_fractions, money)
    for run in sorted([*runs, *fractions], key=lambda r: r.start):
        item = _found(doc, run)
        if item is not None:
            found.append(item)
    asides = carry_into_asides(doc, join_cents(doc, merge_ranges(doc, found)))
    levels = changes_to_levels(doc, carry_to_levels(doc, asides))
    mentions = [item.mention for item in levels]
    taken = [(m.start, m.end) for m in mentions]
    in_words = [*casualties_in_words(doc, taken, mentions), *decade_ages(doc, taken)]
    return sorted([*mentions, *in_words], key=lambda m: m.start) if in_words else mentions


def date_tokens(doc: Doc, dates: Sequence[DateMention]) -> tuple[set[int], list[tuple[int, int]]]:
    """The tokens of the dates found (quantities leave them out) and the token ranges of those
    that are amounts of time: what `find_quantities` takes after the time stage."""
    spans = [(d, doc.char_span(d.start, d.end, alignment_mode="expand")) for d in dates]
    tokens = {t.i for _, span in spans if span is not None for t in span}
    durations = [(span.start, span.end) for d, span in spans if span and d.kind == "duration"]
    return tokens, durations


def _durations_freed(
    doc: Doc, excluded: set[int], durations: Sequence[tuple[int, int]]
) -> set[int]:
    """The date tokens left out, less the amounts of time inside durations: 'twenty-five years'
    of 'over the past twenty-five years' is a quantity too (from its first number to its unit
    of time); 'two years ago' names a day, and the time stage typed it as a date."""
    units = quantity_words().units
    freed: set[int] = set()
    for start, end in durations:
        numbers = [i for i in range(start, end) if number_token_or_word(doc[i])]
        times = [
            i
            for i in range(start, end)
            if (unit := units.get(doc[i].lower_)) is not None and unit.kind == "time"
        ]
        if numbers and times and numbers[0] < times[-1]:
            freed |= set(range(numbers[0], times[-1] + 1))
    return excluded - freed if freed else excluded


def _after_currency(doc: Doc) -> set[int]:
    """Indices of the tokens right after a currency sign."""
    return {
        t.i + 1
        for t in doc
        if (unit := unit_of(t.text)) is not None and unit.kind == "currency_prefix"
    }


def _place(doc: Doc, run: Run) -> _Place:
    """The unit, where the mention starts (a currency sign) and where it ends (a unit word)."""
    if run.prefix is not None:
        return _Place(run.prefix, run.prefix_start, run.end)  # "RM23.50", "$US55"
    if run.fraction:
        return _Place(_FRACTION, run.start, run.end)
    before = currency_before(doc, run)
    if before is not None:
        return _Place(before[0], before[1], country_after(doc, before[0], run.end))
    if run.unit:
        return _Place(unit_of(run.unit) or Unit(run.unit, ""), run.start, run.end)
    after = unit_after(doc, run)
    if after is not None and after[0].code in _AGES and _words_at(doc, after[1], 2) == "of age":
        return _Place(_AGES[after[0].code], run.start, after[1] + 2)  # "8 years of age"
    if after is not None:
        return _Place(after[0], run.start, after[1])
    inches = _inches_after_feet(doc, run)
    if inches is not None:
        return _Place(_INCH, run.start, inches)
    return _Place(_AGE if _is_age(doc, run) else None, run.start, run.end)


def _inches_after_feet(doc: Doc, run: Run) -> int | None:
    """'6ft 2in', '5 feet 3 in', 'he is 5ft 10': a number right after a number of feet is
    inches, with 'in' (as a word alone a preposition, which the unit table leaves out) or
    alone below 12; where the mention ends."""
    if run.start == 0:
        return None
    before = doc[run.start - 1]
    split = split_number(before.text)
    unit = unit_of(split[2] if split is not None else before.text)
    if unit is None or unit.code != "ft":
        return None
    after = doc[run.end] if run.end < len(doc) else None
    if after is not None and after.lower_ in {"in", "in."}:
        return run.end + 1
    alone = after is None or after.is_punct or after.pos_ in {"CCONJ", "ADP", "VERB", "ADV"}
    small = run.high is None and run.value == int(run.value) and 0 < run.value < 12
    return run.end if alone and small else None


def _is_age(doc: Doc, run: Run) -> bool:
    """'Chiquita Henry, 19, of Alexandria', 'aged 19'."""
    number = doc[run.start]
    whole = run.value == int(run.value) and 0 < run.value < 120 and run.high is None
    before = doc[run.start - 1] if run.start else None
    if run.end - run.start != 1 or not whole:
        return False
    if before is not None and before.lower_ in {"aged", "age", "ages"}:
        return True  # "aged 19", "aged five to 18"
    if not number.text.isdigit():
        return False
    after = doc[run.end] if run.end < len(doc) else None
    if before is not None and before.lemma_.lower() == "turn" and before.pos_ == "VERB":
        return after is None or after.pos_ not in {"NOUN", "PROPN"}  # "turns 40", not "40 pages"
    if _bracketed(doc, run) and run.start > 1 and doc[run.start - 2].pos_ == "PROPN":
        return True  # "John Smith (42) was charged"
    if before is not None and before.lower_ == "of" and run.start > 1:
        return bool(doc[run.start - 2].lower_ == "age")  # "at the age of 12"
    commas = before is not None and before.text == "," and after is not None and after.text == ","
    person = number.head.pos_ == "PROPN" or number.head.lemma_.lower() in quantity_words().persons
    if commas and person:
        return True  # "Flores, 26, had just left", "the teenager, 16, was held"
    return _a_person_is(number, after)


def _a_person_is(number: Token, after: Token | None) -> bool:
    """'he will be 35 by the end of the year', 'she was 19 when': a bare number that a person
    (a personal pronoun, a person's name) is."""
    verb = number.head
    if number.dep_ not in {"attr", "acomp"} or verb.lemma_ != "be":
        return False
    if after is not None and (after.pos_ in {"NOUN", "PROPN", "NUM"} or after.lower_ in _PARTS_OF):
        return False  # "he was 5 points clear", "he was 1 of 5 candidates"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.lower_ in _PERSONAL or subject.ent_type_ == "PERSON"


def _bracketed(doc: Doc, run: Run) -> bool:
    """The number alone in brackets: '(42)'."""
    before = doc[run.start - 1] if run.start else None
    after = doc[run.end] if run.end < len(doc) else None
    return bool(
        before is not None and before.text == "(" and after is not None and after.text == ")"
    )


def _found(doc: Doc, run: Run) -> Found | None:
    place = _place(doc, run)
    shared_unit, shared_noun = shared_tail(doc, place.end) if place.unit is None else (None, None)
    if shared_unit is not None:  # "10- and 20-year bonds"
        place = _Place(shared_unit, place.start, place.end)
    elif shared_noun is None and suspended(doc[place.end - 1]):
        return None  # "won 2- 1": a hyphen left hanging, with nothing to take from the list
    unit = place.unit
    counted = None
    measured_of = unit is not None and unit.kind in _OF_KINDS and _of_follows(doc, place.end)
    if unit is None or unit.kind == "fraction" or measured_of:
        counted = shared_noun or counted_head(doc, run, place.end)  # "four-, five-cylinder"
    rate = rate_after(doc, place.end)
    if rate is None and measured_of and counted is not None:
        rate = rate_after(doc, counted.i + 1)  # "2.4 billion gallons of jet fuel a year"
    code = None if unit is None else unit.code + (f" per {rate}" if rate else "")
    if not_a_quantity(doc, run, unit, counted):
        return None
    casualty = casualty_of(counted, doc[run.end - 1]) if unit is None else None
    if unit is None and counted is None and casualty is None and stray_word(doc, run):
        return None
    minus = _minus_before(doc, place.start)
    qualifier = _qualifier(doc, run, place.start - minus)
    span = doc[place.start : place.end]
    phrase = noun_phrase_span(counted, run.end) if counted is not None else None
    before = place.start - minus - (len(qualifier[0].split()) if qualifier else 0)
    change = _SIGN_CHANGE.get(run.sign) or _change(doc, before, place, counted)
    below = unit is not None and unit.kind == "temperature" and _words_at(doc, place.end, 2)
    sign = -1.0 if minus or below == "below zero" else 1.0  # "5 degrees below zero"
    counts = counted if unit is None or unit.kind == "fraction" else None  # not "50 mL of acid"
    words_end = _words_end(doc, place.end, counted)
    concept = concept_of(doc, place.start, words_end, counts, change, before)
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
        unit_name=_rated(
            unit_name(
                code, counted_words(doc, place.end, counted, place.start) if counted else None
            ),
            rate_after(doc, counted.i + 1) if code is None and counted is not None else None,
        )
        or (number_of(doc, place.start) if code is None and counted is None else None),
        concept=concept,
    )
    return Found(mention, place.start, place.end)


def _words_end(doc: Doc, end: int, counted: Token | None) -> int:
    """Where the quantity's words end, past what is hyphened to it: the counted noun of 'a
    500-page report' and the rate of 'a $10m-a-year deal' are not the deal's name."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_:
        if counted is not None and counted.i == end + 1:
            return end + 2
        hyphened = doc[end + 1 : end + 4]
        if (
            len(hyphened) == 3
            and hyphened[0].lower_ in {"a", "an", "per"}
            and hyphened[1].text == "-"
        ):
            return end + 4
    return end


def _rated(name: str | None, rate: str | None) -> str | None:
    """'three thousand tests per day': a count's name with its rate ('test per day')."""
    if name is None or rate is None:
        return name
    return f"{name} per {quantity_words().unit_names.get(rate, rate)}"


def _change(doc: Doc, before: int, place: _Place, counted: Token | None) -> str | None:
    """Up or down, read from the last word of the mention or else from its top word ('dropped
    by 1.5 degrees Celsius': 'degrees'), or from the noun it counts right after it, where that
    says by how much ('the index fell 350 points')."""
    last = doc[place.end - 1]
    found = change_of(doc, before, last)
    if found is None:
        top = next((t for t in doc[place.start : place.end] if not _inside(t.head, place)), last)
        found = change_of(doc, before, top) if top.i != last.i else None
    if found is None and counted is not None and counted.i == place.end:
        # an adverbial count moves ('fell 350 points'); an object counts ('added ten users')
        found = change_of(doc, before, counted) if counted.dep_ == "npadvmod" else None
    return found


def _inside(token: Token, place: _Place) -> bool:
    return bool(place.start <= token.i < place.end)


def _qualifier(doc: Doc, run: Run, start: int) -> tuple[str, str] | None:
    """The qualifier stuck to the number ('sub-7') or written before it ('about 35 miles')."""
    if run.qualifier:
        return run.qualifier, quantity_words().qualifiers[run.qualifier]
    return qualifier_before(doc, start)


def _minus_before(doc: Doc, start: int) -> int:
    """'minus 40 degrees', 'minus-5 yards': how many tokens say the amount is negative (0, 1,
    2); 'minus-5' as one token is read with the number."""
    if start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        return 2 if doc[start - 2].lower_ == "minus" else 0
    return int(start > 0 and doc[start - 1].lower_ == "minus")


def _words_at(doc: Doc, start: int, size: int) -> str:
    return str(doc[start : start + size].text.lower()) if start + size <= len(doc) else ""


def _of_follows(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].lower_ == "of"
