"""Quantities, issue 16, fourth round: fractions written with a slash ("1/16 of a pint", "3/4
mile", "1/3 of voters"), mixed numbers ("2 1/2 miles", "$20 1/2") and a fraction of a unit
read as an amount in that unit ("half a mile", "a quarter of an hour"). Sentences written for
these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention

Find = Callable[[str], list[QuantityMention]]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("A spoon holds 1/16 of a US pint.", 0.0625, "pint"),
        ("The path is 3/4 mile long.", 0.75, "mile"),
        ("The path is 2 1/2 miles long.", 2.5, "mile"),
        ("The stock closed at $20 1/2 on Friday.", 20.5, "USD"),
        ("The cafe is half a mile away.", 0.5, "mile"),
        ("The bus came after a quarter of an hour.", 0.25, "hour"),
        ("Stir in three quarters of a cup of milk.", 0.75, "cup"),
        ("About 1/3 of voters stayed home.", 1 / 3, "fraction"),
    ],
)
def test_fractions_and_fractions_of_a_unit(find: Find, text: str, value: float, unit: str) -> None:
    found = [q for q in find(text) if q.value == pytest.approx(value)]
    assert len(found) == 1, find(text)
    assert found[0].unit == unit


@pytest.mark.parametrize("text", ["He spoke about 9/11 on the radio.", "Staff are on call 24/7."])
def test_a_slash_that_is_no_usual_fraction(find: Find, text: str) -> None:
    assert all(q.unit != "fraction" for q in find(text))


def test_half_a_thing_that_is_no_unit_is_left_alone(find: Find) -> None:
    assert [q.value for q in find("He ate half a loaf of bread.")] == []
