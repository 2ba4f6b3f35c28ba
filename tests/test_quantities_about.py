"""Quantities, issue 16, second round: what a quantity is about (phrases after the noun, pronoun
subjects, gerund subjects, a unit's name as the subject, plans to do something, 'of' after a
conversion in brackets) and its change (an approximation or a floor before a rise, a change
read from the mention's top word, conversions in brackets, '$76 US'). Sentences written for
these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention

Find = Callable[[str], list[QuantityMention]]


def first(find: Find, text: str) -> QuantityMention:
    found = find(text)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("The price of the Brent benchmark was $82 on Monday.", "price of the Brent benchmark"),
        ("The bakery said it sold 400 loaves on Saturday.", "bakery"),
        ("Testing in the valley came back at 9 ppb last week.", "Testing in the valley"),
        ("Horsepower rose from 200 to 250 in the new model.", "Horsepower"),
        ("Acme announced plans to cut 300 jobs at its mill.", "Acme"),
        ("The city will build 5 miles (8 km) of new track.", "new track"),
    ],
)
def test_what_a_quantity_is_about(find: Find, text: str, concept: str) -> None:
    assert first(find, text).concept == concept


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The index was up about 12 per cent for the year.", "~"),
        ("Its shares have climbed more than 5% this year.", ">"),
        ("Its shares rose 4% on Friday.", "up"),
        ("Sea temperatures fell by 2 to 3 degrees Celsius in a century.", "down"),
    ],
)
def test_an_approximation_or_a_floor_before_a_rise(find: Find, text: str, change: str) -> None:
    assert first(find, text).change == change


def test_a_conversion_in_brackets_has_the_change_and_concept_of_the_amount(find: Find) -> None:
    found = find("Savers with more than 3 million euros (US $3.3 million) will pay the fee.")
    assert [q.change for q in found] == [">", ">"]
    assert found[1].concept == found[0].concept
    engine = find("The engine makes just under 300 hp (224 kW) at full power.")
    assert [q.change for q in engine] == ["<", "<"]


def test_the_country_after_a_dollar_amount(find: Find) -> None:
    found = first(find, "Crude peaked at $76 US a barrel in October.")
    assert (found.text, found.unit) == ("$76 US", "USD per barrel")
    assert [q.text for q in find("They told us 5 of them stayed.")] == ["5"]
