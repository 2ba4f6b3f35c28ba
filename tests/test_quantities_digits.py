"""Quantities, issue 16, fourth round: numbers written with the minus sign U+2212 ("−5 °C"), in
scientific notation ("1.99×10−30 kg", "2.5e6 tonnes"), the scales "bln", "cr" (crore) and "b"
after a currency sign ("$5b"), ranges in one token ("$10-$20", "5–7"), "a quarter of a
million" and "two and a half". Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention
from eventwire.quantities.numbers import split_number

Find = Callable[[str], list[QuantityMention]]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Overnight it fell to −5 °C in the valley.", -5, "°C"),
        ("The hills saw −12C on Monday.", -12, "°C"),
        ("An electron weighs about 9.11×10−31 kg.", 9.11e-31, "kg"),
        ("The mine shipped 2.5e6 tonnes last year.", 2.5e6, "t"),
        ("Exports reached 1.5 bln dollars.", 1.5e9, "USD"),
        ("The state cleared a budget of Rs 1.5 cr.", 1.5e7, "INR"),
        ("He signed a $5b deal with the club.", 5e9, "USD"),
    ],
)
def test_numbers_written_in_digits(find: Find, text: str, value: float, unit: str) -> None:
    found = [q for q in find(text) if q.value == pytest.approx(value)]
    assert len(found) == 1, find(text)
    assert found[0].unit == unit


def test_a_times_sign_without_a_power_is_no_scientific_number() -> None:
    assert split_number("2x100") is None  # a relay, not 2 × 10⁰
    assert split_number("6.02x10^23") == ("", pytest.approx(6.02e23), "")


def test_b_alone_is_no_billion(find: Find) -> None:
    assert all(q.value != 5e9 for q in find("Row 5b of the stand was empty."))


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Tickets cost $10-$20 at the door.", 10, 20, "USD"),
        ("Seats go for £5-£10 each.", 5, 10, "GBP"),
        ("Analysts expect $1.5-$2 billion in sales.", 1.5e9, 2e9, "USD"),
        ("Rates of 5–7 per cent apply.", 5, 7, "%"),
    ],
)
def test_a_range_in_one_token(find: Find, text: str, low: float, high: float, unit: str) -> None:
    found = find(text)
    assert [(q.value, q.value_max, q.unit) for q in found] == [(low, high, unit)]


def test_a_score_with_a_dash_is_no_range(find: Find) -> None:
    assert find("The home side won 3–1 on Sunday.") == []


def test_a_fraction_of_a_scale_is_a_number(find: Find) -> None:
    found = find("A quarter of a million people marched.")
    assert [(q.value, q.unit, q.unit_name) for q in found] == [(250_000, None, "people")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("He served two and a half years in jail.", 2.5, "year"),
        ("The trip took two-and-a-half hours by bus.", 2.5, "hour"),
        ("Some one and a half million people voted.", 1.5e6, None),
        ("He paid 2 and a half million dollars for it.", 2.5e6, "USD"),
    ],
)
def test_and_a_half(find: Find, text: str, value: float, unit: str | None) -> None:
    assert [(q.value, q.unit) for q in find(text)] == [(value, unit)]


def test_and_between_numbers_is_still_two_numbers(find: Find) -> None:
    assert [q.value for q in find("They sent 40 tanks and 12 jets.")] == [40, 12]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Some 1.5m people voted on Sunday.", 1.5e6, None),
        ("The silos hold 20m tonnes of grain.", 2e7, "t"),
        ("The budget is 5m euros this year.", 5e6, "EUR"),
        ("The river is 5m deep here.", 5, "m"),  # metres: no count or unit follows
        ("They built a 2m wall around it.", 2, "m"),
    ],
)
def test_m_stuck_to_a_number_before_a_count_is_millions(
    find: Find, text: str, value: float, unit: str | None
) -> None:
    assert [(q.value, q.unit) for q in find(text)] == [(value, unit)]
