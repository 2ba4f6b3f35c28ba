"""Signs written stuck to the digits of one token: a currency ("RM23.50", "USD10m", "Y=28,030"
and "PS2.7m", the ASCII spellings of ¥ and £, "$US55,931,000" where spaCy splits "$" off), a
minus ("minus-5") or a qualifier ("sub-7")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .lexicon import Unit, quantity_words, unit_of
from .numbers import split_number

Token = Any  # spacy.tokens.Token
_GLUED = re.compile(r"^(\D+?)(\.?\d.*)$")
_MINUS = "minus-"
_TO = "to-"
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Glued:
    split: tuple[str, float, str]  # the number after the sign, as `split_number` gives it
    start: int  # the token where the sign starts ("$" of "$US55")
    unit: Unit | None = None  # a currency
    sign: str = ""  # "-" for "minus-5"
    qualifier: str = ""  # "sub" for "sub-7"


def glued_sign(token: Token) -> Glued | None:
    """The sign and the number of a token that starts with a sign stuck to the digits."""
    found = _GLUED.match(token.text) if _DIGIT.search(token.text) else None
    if found is None:
        return None
    written, rest = found[1], found[2]
    if rest.startswith(".") and unit_of(written + ".") is not None:
        written, rest = written + ".", rest[1:]  # "Rs.500" is 500 rupees, not 0.5
    prefix = written.lower()
    split = split_number(rest)
    if split is None or split[0]:
        return None
    if prefix == _MINUS:
        return Glued(split, token.i, sign="-")
    if prefix == _TO and _range_top(token, split[1]):
        return Glued(split, token.i)  # "an 18-to-24-month plan": the top of a range
    if prefix.endswith("-") and prefix[:-1] in quantity_words().qualifiers:
        return Glued(split, token.i, qualifier=prefix[:-1])
    currency = _currency(token, written)
    if currency is None or (rest.isdigit() and len(rest) == 1) or _after_hyphen(token):
        return None  # "PS4", "A4", "G7" name models and groups, so does "PLX-R18"
    return Glued(split, currency[1], unit=currency[0])


def _after_hyphen(token: Token) -> bool:
    """A sign stuck to the digits right after a hyphen is part of a model's name ("XT-R20")."""
    return token.i > 0 and token.doc[token.i - 1].text == "-" and not token.nbor(-1).whitespace_


def _range_top(token: Token, value: float) -> bool:
    """'to-24' after '18 -': the top of a range written with hyphens, above its bottom (not
    the '1' of 'a 3-to-1 vote')."""
    if token.i < 2 or token.doc[token.i - 1].text != "-":
        return False
    bottom = split_number(token.doc[token.i - 2].text)
    return bottom is not None and not bottom[2] and bottom[1] < value


def _currency(token: Token, prefix: str) -> tuple[Unit, int] | None:
    """'RM', 'USD', 'Y=', 'NZ$' on their own; 'US' and 'A' after a '$' with no space ('$US',
    '$A')."""
    units = quantity_words().units
    if token.i > 0 and not token.doc[token.i - 1].whitespace_:
        sign = token.doc[token.i - 1]
        unit = units.get(sign.lower_ + prefix.lower())
        if unit is not None and unit.kind in {"currency_glued", "currency_prefix"}:
            return unit, sign.i
    unit = units.get(prefix.lower()) or unit_of(prefix)  # "PS2.7m" (£); "CHF1.2m" as written
    if unit is None:
        return None
    word = prefix.rstrip("$.")  # "NZ$12", "S$300", "R$10", "Rs.500"
    alone = unit.kind == "currency_prefix" and word.isalpha() and len(prefix) > 1
    return (unit, token.i) if alone or unit.kind == "currency_glued" else None
