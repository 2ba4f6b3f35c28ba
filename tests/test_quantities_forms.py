"""Quantities, issue 16, second round: signs stuck to the digits ("RM45.90", "USD25m", "Y=1,200",
"minus-20", "sub-5"), pence, fractions in words, amounts of time inside durations, ranges written
"from X ... to Y" or "by X to Y", the unit of a bare second end, and count names. Sentences
written for these tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventwire.model import QuantityMention
from eventwire.quantities import date_tokens, find_quantities
from eventwire.time import find_dates

Find = Callable[[str], list[QuantityMention]]


@pytest.fixture(scope="module")
def find_after_dates(parse: Callable[[str], Doc]) -> Find:
    """As the pipeline does: dates first, their tokens left out."""

    def run(text: str) -> list[QuantityMention]:
        doc = parse(text)
        dates = find_dates(text, dt.date(2024, 3, 1))
        return find_quantities(doc, *date_tokens(doc, dates))

    return run


def one(find: Find, text: str) -> QuantityMention:
    found = find(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The handbag sold for RM45.90 at the market.", 45.9, "MYR"),
        ("The lender approved a USD25m loan for the port.", 25_000_000, "USD"),
        ("Toyota stock closed at Y=1,200 in Tokyo.", 1200, "JPY"),
        ("The club was sold for PS3.4bn last spring.", 3.4e9, "GBP"),
        ("The villa was valued at $A12,500,000 by the agent.", 12_500_000, "AUD"),
        ("The house was listed at $US2,300,000 by the agent.", 2_300_000, "USD"),
        ("Shares in the grocer closed at 243p on Friday.", 243, "GBX"),
    ],
)
def test_currency_signs_stuck_to_the_digits(find: Find, text: str, value: float, unit: str) -> None:
    found = one(find, text)
    assert (found.value, found.unit) == (pytest.approx(value), unit)


def test_a_sign_stuck_to_one_digit_names_a_model(find: Find) -> None:
    assert all(q.unit != "GBP" for q in find("He bought a PS4 and a PS5 for his sons."))


def test_pence_after_the_number_and_at_the_end(find: Find) -> None:
    found = find("The bank fell 12 p to close at 340 p.")
    assert [(q.value, q.unit) for q in found] == [(12, "GBX"), (340, "GBX")]
    assert found[0].change == "down"


def test_minus_sub_and_a_leading_point(find: Find) -> None:
    cold = one(find, "The lake froze at minus-20 degrees last winter.")
    assert cold.value == -20 and cold.unit == "degree"
    chips = one(find, "The plant will make sub-5 nanometre chips.")
    assert (chips.value, chips.unit, chips.change) == (5, "nm", "<")
    rate = one(find, "The error rate fell to .5 per cent this year.")
    assert rate.value == 0.5 and rate.unit == "%"


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("Two-thirds of the voters stayed at home.", 2 / 3, "voters"),
        ("A quarter of the budget went to roads.", 0.25, "budget"),
        ("One in four adults owns a bicycle.", 0.25, "adults"),
        ("Almost half of the workers stayed at home.", 0.5, "workers"),
        ("Three out of five nurses said they were tired.", 0.6, "nurses"),
    ],
)
def test_fractions_in_words(find: Find, text: str, value: float, counted: str) -> None:
    found = one(find, text)
    assert (found.value, found.unit) == (pytest.approx(value), "fraction")
    assert found.counted == counted and found.unit_name is not None
    assert found.unit_name.startswith("%")


def test_what_is_not_a_fraction(find: Find) -> None:
    assert [q.unit for q in find("He came third of the runners.")] == []
    assert [(q.value, q.unit) for q in find("It rains one in five years.")] == [(5, "year")]
    assert [q.value for q in find("The second half of the match was dull.")] == []


def test_amounts_of_time_inside_durations(find_after_dates: Find) -> None:
    assert find_after_dates("Three weeks later, the talks resumed in Oslo.") == []
    past = one(find_after_dates, "Prices have doubled over the past two years.")
    assert (past.value, past.unit) == (2, "year")
    long = one(find_after_dates, "Rents have risen over the past twenty-five years.")
    assert (long.value, long.unit) == (25, "year")
    assert find_after_dates("The border closed twenty-five years ago.") == []
    assert find_after_dates("The talks resumed on 4 March 2023.") == []


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("The sea warmed by 2 to 3 degrees over the century.", 2, 3, "degree"),
        ("The coin slid from $12,400 at noon to $9,800 by the evening.", 9800, 12400, "USD"),
        ("Cooking takes ~30 – 45min in a hot oven.", 30, 45, "minute"),
    ],
)
def test_more_ranges(find: Find, text: str, low: float, high: float, unit: str) -> None:
    found = one(find, text)
    assert (found.value, found.value_max, found.unit) == (low, high, unit)


def test_a_range_is_not_the_end_of_another(find: Find) -> None:
    found = find("The bank cut its forecast from 4 to 6 per cent to 2 to 3 per cent.")
    assert [(q.value, q.value_max) for q in found] == [(4, 6), (2, 3)]
    carried = find("Mileage rose from about 30-32 mpg to 41 for the new model.")
    assert [(q.value, q.value_max, q.unit) for q in carried] == [(30, 32, "mpg"), (41, None, "mpg")]


def test_a_change_then_a_level_is_no_range(find: Find) -> None:
    found = find("Exports increased by $2.1 billion to $40.5 billion.")
    assert [q.value_max for q in found] == [None, None]


def test_count_names_leave_out_hyphens_participles_and_figures(find: Find) -> None:
    engines = find("The firm sells four-cylinder and six-cylinder engines.")
    assert "cylinder" in {q.unit_name for q in engines}
    songs = one(find, "She wrote 120 recorded songs before she retired.")
    assert songs.unit_name == "song"


def test_scores_are_not_quantities(find: Find) -> None:
    assert find("The match was tied at 89-89 with a minute left.") == []
    assert find("The court ruled 5-4 against the state.") == []
    spread = one(find, "Prices rose 5-10% in the spring.")
    assert (spread.value, spread.value_max) == (5, 10)


def test_multiples_and_rates_of_counts(find: Find) -> None:
    multiple = one(find, "The stock trades at 12 times earnings.")
    assert (multiple.unit, multiple.unit_name) == ("times", "count")
    tests = one(find, "The lab will run four thousand tests per day.")
    assert tests.unit_name == "test per day"
    refinery = [q for q in find("The port has a 90,000 barrel-a-day refinery.") if q.value == 90000]
    assert refinery[0].unit == "barrel per day"
