"""Units, currencies and the words around numbers (`data/quantities_*.tsv`): read by the
knowledge layer (`eventwire.kb.quantities`), once per process."""

from __future__ import annotations

from ..kb import in_force
from ..kb.quantities import (
    SIGNS,
    WORD_KINDS,
    QuantityWords,
    Unit,
    load_unit_names,
    load_units,
    load_words,
)

__all__ = [
    "SIGNS",
    "WORD_KINDS",
    "QuantityWords",
    "Unit",
    "load_unit_names",
    "load_units",
    "load_words",
    "quantity_words",
    "unit_of",
]


def quantity_words() -> QuantityWords:
    """The package's units and quantity words: part of the knowledge in force (`kb.in_force()`)."""
    return in_force().quantities


_NO_RATE = {"currency_prefix", "currency_glued", "currency_country", "percent"}


def unit_of(text: str) -> Unit | None:
    """The unit a word names: as written first ("Nm", "PS", "C"), then in any case ("KM"); a
    rate written with a slash from two units ("A/cm2", "g/km") when the table has no entry."""
    words = quantity_words()
    found = words.cased_units.get(text) or words.units.get(text.lower())
    if found is not None or "/" not in text[1:-1]:
        return found
    top, _, per = text.partition("/")
    first = words.cased_units.get(top) or words.units.get(top.lower())
    second = words.cased_units.get(per) or words.units.get(per.lower())
    if first is None or second is None or {first.kind, second.kind} & _NO_RATE:
        return None
    return Unit(f"{first.code} per {second.code}", first.kind)
