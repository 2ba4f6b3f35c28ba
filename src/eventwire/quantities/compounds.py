"""Money written in two units that is one amount: "13 dollars and 45 cents", "3 euros 50
cents" is 13.45 dollars, 3.5 euros (a cent is a hundredth of the unit before it)."""

from __future__ import annotations

from typing import Any

from .lexicon import quantity_words
from .ranges import Found

Doc = Any  # spacy.tokens.Doc
_CENT = "cent"
_JOINERS = {"and"}
_MONEY_KINDS = {"currency", "currency_prefix", "currency_glued"}


def join_cents(doc: Doc, found: list[Found]) -> list[Found]:
    """Each whole-unit amount followed at once (or after 'and') by an amount of cents, as one."""
    joined: list[Found] = []
    for item in found:
        previous = joined[-1] if joined else None
        if previous is not None and _cents_of(doc, previous, item):
            joined[-1] = _joined(doc, previous, item)
        else:
            joined.append(item)
    return joined


def _cents_of(doc: Doc, whole: Found, cents: Found) -> bool:
    a, b = whole.mention, cents.mention
    cent = (b.unit or "").partition(" per ")[0]
    if cent != _CENT or a.unit in {None, _CENT} or " per " in (a.unit or ""):
        return False
    if a.value_max is not None or b.value_max is not None or not 0 < b.value < 100:
        return False
    if a.value != int(a.value) or b.value != int(b.value):
        return False  # "2.5 dollars, 30 cents" are two amounts
    between = [t.lower_ for t in doc[whole.end : cents.start]]
    return len(between) <= 1 and set(between) <= _JOINERS and _money(doc, whole)


def _money(doc: Doc, whole: Found) -> bool:
    """The first amount names a currency (not '3 km 50 cents')."""
    words = quantity_words().units
    return any(
        (unit := words.get(t.lower_)) is not None and unit.kind in _MONEY_KINDS
        for t in doc[whole.start : whole.end]
    )


def _joined(doc: Doc, whole: Found, cents: Found) -> Found:
    span = doc[whole.start : cents.end]
    a, b = whole.mention, cents.mention
    rate = (b.unit or "").partition(" per ")[2]  # "20 euros and 10 cents an hour"
    rate_name = (b.unit_name or "").partition(" per ")[2]
    update = {"text": span.text, "end": span.end_char, "value": a.value + b.value / 100}
    if rate:
        update |= {"unit": f"{a.unit} per {rate}", "unit_name": f"{a.unit_name} per {rate_name}"}
    mention = a.model_copy(update=update)
    return Found(mention, whole.start, cents.end)
