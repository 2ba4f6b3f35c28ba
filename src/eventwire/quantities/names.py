"""The normalised name of a quantity's unit ("USD" -> "dollar", "km per hour" -> "kilometre per
hour", a count of "European countries" -> "european country") and its NewsQuant change sign
(=, ~, >, <, up, down)."""

from __future__ import annotations

from typing import Any

from ..model import QuantityChange
from .lexicon import quantity_words

Span = Any  # spacy.tokens.Span
_SIGNS: dict[str, QuantityChange] = {"~": "~", ">": ">", ">=": ">", "<": "<", "<=": "<", "=": "="}


def unit_name(code: str | None, counted: Span | None) -> str | None:
    """A unit code's name from data/quantities_unit_names.tsv; for a count, its counted noun
    phrase in the singular, lower case."""
    if code:
        names = quantity_words().unit_names
        base, _, per = code.partition(" per ")
        name = names.get(base, base.lower())
        return f"{name} per {names.get(per, per.lower())}" if per else name
    if counted is None or not len(counted):
        return None
    words = [t.lower_ for t in counted[:-1]] + [counted[-1].lemma_.lower()]
    return " ".join(words)


def change_sign(change: str | None, qualifier: str | None, sign: str) -> QuantityChange:
    """A rise or a fall wins; else the qualifier's sign ('more than' >, 'up to' <); else '='."""
    if change in {"up", "down"}:
        return "up" if change == "up" else "down"
    if qualifier:
        return _SIGNS.get(quantity_words().qualifiers.get(qualifier.lower(), "="), "=")
    return "~" if sign == "~" else "="
