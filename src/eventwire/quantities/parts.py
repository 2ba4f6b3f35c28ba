"""Fractions written in words: "two-thirds of", "a third of", "three quarters of", "half of",
"one out of three", "one in five". Their value is the fraction (0.667); what they are a part
of is counted as for any number ("a third of the population")."""

from __future__ import annotations

import re
from typing import Any

from .lexicon import quantity_words, unit_of
from .numbers import number_words, parse_number
from .runs import Run

Doc = Any  # spacy.tokens.Doc
Token = Any
_MAX_WHOLE = 1000  # "one in five", not "one in 2019"
_STARTS = {"a", "an", "half"}
_SLASH = re.compile(r"^(\d{1,2})[/⁄](\d{1,3})$")  # "1/16", "3⁄4" (the fraction slash)
_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100, 128}  # not "9/11", "24/7"
_ARTICLES = {"a", "an"}
_SYSTEMS = {"us", "u.s.", "uk", "imperial", "metric"}  # "1/16 of a US pint"
_NOT_MEASURES = {"fraction", "percent", "currency_prefix", "currency_glued", "currency_country"}


def fraction_runs(doc: Doc, excluded: set[int]) -> list[Run]:
    """Every fraction in words in the document, none over `excluded` tokens."""
    runs: list[Run] = []
    for token in doc:  # only numbers, "a" and "half" start a fraction
        starts = token.like_num or token.lower_ in _STARTS or _SLASH.match(token.text)
        if not starts or (runs and token.i < runs[-1].end):
            continue
        found = _slashed(doc, token.i) or _out_of(doc, token.i) or _parts(doc, token.i)
        if found is not None and not excluded.intersection(range(found.start, found.end)):
            runs.append(found)
    return runs


def _number(token: Token | None) -> float | None:
    if token is None or not (token.like_num or token.lower_ in {"a", "an"}):
        return None
    return parse_number(token.text)


def _at(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def _out_of(doc: Doc, i: int) -> Run | None:
    """'one out of three Germans', 'one in five adults': the part and the whole; not 'one in
    five years' (a unit follows) or 'one in 2019'."""
    part = _number(doc[i]) if doc[i].lower_ not in {"a", "an"} else None
    words = [t.lower_ for t in doc[i + 1 : i + 3]]
    size = 2 if words == ["out", "of"] else 1 if words[:1] == ["in"] else 0
    whole = _number(_at(doc, i + 1 + size)) if size and part is not None else None
    if part is None or whole is None or not 0 < part < whole <= _MAX_WHOLE:
        return None
    if part != int(part) or whole != int(whole) or _word(doc, i + 2 + size) in _units():
        return None
    return Run(i, i + 2 + size, part / whole, fraction=True)


def _units() -> dict[str, object]:
    return quantity_words().units  # type: ignore[return-value]


def _denominator(token: Token | None) -> float | None:
    """'third' and 'thirds' 3, 'quarter' 4, 'half' and 'halves' 2; not 'first' or 'second'."""
    if token is None:
        return None
    words = number_words()
    for word in (token.lower_, token.lower_[:-1], token.lower_[:-3] + "f"):  # halves -> half
        entry = words.get(word)
        if entry is not None and entry.kind == "fraction":
            return 1 / entry.value
        if entry is not None and entry.kind == "ordinal" and entry.value >= 3:
            return entry.value
    return None


def _slashed(doc: Doc, i: int) -> Run | None:
    """'1/16 of a pint', '3/4 mile', '1/3 of voters', '2 1/2 miles': a proper fraction with a
    usual denominator, maybe after a whole number."""
    found = _SLASH.match(doc[i].text)
    if found is None:
        return None
    part, whole = int(found[1]), int(found[2])
    if not 0 < part < whole or whole not in _DENOMINATORS:
        return None
    before = _at(doc, i - 1)
    if before is not None and before.text.isdigit() and len(before.text) < 4 and before.whitespace_:
        whole_part = float(before.text)  # "2 1/2 miles", "$20 1/2": a mixed number
        return _of_unit(doc, Run(i - 1, i + 1, whole_part + part / whole))
    return _of_unit(doc, Run(i, i + 1, part / whole, fraction=True))


def _of_unit(doc: Doc, run: Run) -> Run:
    """A fraction of a unit is an amount in that unit: 'a quarter of an hour' 0.25 hour,
    'half a mile' 0.5 mile, '1/16 of a US pint'; of a scale, a number: 'a quarter of a
    million' 250,000; else the fraction as it is."""
    i = run.end + (_word(doc, run.end) == "of")
    i += _word(doc, i) in _ARTICLES
    i += _word(doc, i) in _SYSTEMS
    token = _at(doc, i)
    scale = number_words().get(token.lower_) if token is not None else None
    if token is not None and scale is not None and scale.kind == "scale" and i > run.end:
        return Run(run.start, i + 1, run.value * scale.value)  # "a quarter of a million"
    if token is None:
        return run
    for size in (2, 1):  # "half a percentage point", "a quarter of a mile"
        words = doc[i : i + size]
        unit = unit_of(words.text) if len(words) == size else None
        if unit is not None and unit.kind not in _NOT_MEASURES - {"percent"}:
            return Run(run.start, i + size, run.value, unit=words.text)
    return run


def _parts(doc: Doc, i: int) -> Run | None:
    """'two-thirds', 'a third of', 'three quarters of', 'half of', 'half a mile'."""
    if doc[i].lower_ == "half" and _word(doc, i + 1) in _ARTICLES:
        measured = _of_unit(doc, Run(i, i + 1, 0.5, fraction=True))
        return measured if not measured.fraction else None  # "half a mile", not "half a loaf"
    if doc[i].lower_ == "half" and _word(doc, i + 1) == "of":
        before = _at(doc, i - 1)
        if before is not None and (before.text == "-" or before.pos_ in {"DET", "ADJ", "PRON"}):
            return None  # "the second half of the match", "a half of"
        return _of_unit(doc, Run(i, i + 1, 0.5, fraction=True))
    after_and = _word(doc, i - 1) in {"and", "-"} or _word(doc, i - 2) in {"and", "-"}
    half_of = _scale(doc, i + 1) if doc[i].lower_ == "half" and not after_and else None
    if half_of is not None:
        return Run(i, i + 2, 0.5 * half_of)  # "half million"
    part = _number(doc[i])
    if part is None or not 0 < part < 100:
        return None
    hyphen = _word(doc, i + 1) == "-"
    denominator = _denominator(_at(doc, i + 1 + hyphen))
    end = i + 2 + hyphen
    if denominator is None or part >= denominator:
        return None
    scale = _scale(doc, end) if not after_and else None
    if scale is not None:  # "a quarter million dollars"; not "one and a half million"
        return Run(i, end + 1, part / denominator * scale)
    if _word(doc, end) != "of" and not (hyphen and doc[i].lower_ not in {"a", "an"}):
        return None  # "a third time"; but "cut by two-thirds"
    return _of_unit(doc, Run(i, end, part / denominator, fraction=True))


def _scale(doc: Doc, i: int) -> float | None:
    """The value of the scale word at token i ('million'), if it is one."""
    entry = number_words().get(_word(doc, i))
    return entry.value if entry is not None and entry.kind == "scale" else None


def _word(doc: Doc, i: int) -> str:
    token = _at(doc, i)
    return str(token.lower_) if token is not None else ""
