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


def unit_of(text: str) -> Unit | None:
    """The unit a word names: as written first ("Nm", "PS", "C"), then in any case ("KM")."""
    words = quantity_words()
    return words.cased_units.get(text) or words.units.get(text.lower())
