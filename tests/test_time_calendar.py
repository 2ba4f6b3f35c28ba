"""Calendar constructions: centuries named by their first year ("the 1800s"), holidays whose
date moves from year to year (Thanksgiving, Easter, Memorial Day) and sets of every other
period ("biweekly", "semiannually"). Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.time import find_dates, find_timexes

ANCHOR = dt.date(2013, 3, 6)  # a Wednesday


def found(text: str, tense: str = "past") -> list[tuple[str, str, str]]:
    return [(t.text, t.kind, t.value) for t in find_timexes(text, ANCHOR, lambda _o: tense)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mill was built in the 1800s.", [("the 1800s", "date", "18")]),
        ("Farms spread in the early 1900s.", [("the early 1900s", "date", "19")]),
        ("Prices rose in the 1980s.", [("the 1980s", "date", "198")]),
        ("Phones spread in the 2000s.", [("the 2000s", "date", "200")]),
    ],
)
def test_a_hundred_years_named_by_their_first_year(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(text) == expected


def test_the_1800s_span_the_century() -> None:
    (mention,) = find_dates("The mill was built in the 1800s.", ANCHOR)
    assert (mention.date_start, mention.date_end) == (dt.date(1800, 1, 1), dt.date(1899, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shops closed on Thanksgiving 2012.", [("Thanksgiving 2012", "date", "2012-11-22")]),
        ("Flags flew on Memorial Day, 2010.", [("Memorial Day, 2010", "date", "2010-05-31")]),
        ("The march was held at Easter 2016.", [("Easter 2016", "date", "2016-03-27")]),
        ("Rebels struck on Good Friday 2001.", [("Good Friday 2001", "date", "2001-04-13")]),
        ("Talks resumed after Labor Day 2011.", [("Labor Day 2011", "date", "2011-09-05")]),
    ],
)
def test_holidays_that_move_with_the_year(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_a_moving_holiday_without_a_year_by_the_tense() -> None:
    # published on 2013-03-06: Easter 2013 is March 31, Thanksgiving 2012 was November 22
    assert found("Pilgrims will gather at Easter.", "future") == [("Easter", "date", "2013-03-31")]
    assert found("Pilgrims gathered at Easter.") == [("Easter", "date", "2012-04-08")]
    assert found("Sales slumped after Thanksgiving.") == [("Thanksgiving", "date", "2012-11-22")]


def test_an_island_named_for_easter_is_no_date() -> None:
    assert found("Divers reached Easter Island.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The board meets semiannually.", [("semiannually", "set", "P6M")]),
        ("Dividends are paid semi-annually to holders.", [("semi-annually", "set", "P6M")]),
        ("The envoys meet biweekly.", [("biweekly", "set", "P2W")]),
        ("Inspectors call fortnightly.", [("fortnightly", "set", "P2W")]),
        ("A ferry sails every fortnight.", [("every fortnight", "set", "P2W")]),
        ("He writes a fortnightly column.", []),
    ],
)
def test_sets_of_halves_and_fortnights(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected", "days"),
    [
        (
            "Troops left in the last week of May 2012.",
            "past",
            ("the last week of May 2012", "date", "2012-W22"),
            (dt.date(2012, 5, 25), dt.date(2012, 5, 31)),
        ),
        (
            "Envoys met in the second week of January.",
            "past",
            ("the second week of January", "date", "2013-W02"),
            (dt.date(2013, 1, 8), dt.date(2013, 1, 14)),
        ),
        (
            "They will vote in the first week of April.",
            "future",
            ("the first week of April", "date", "2013-W14"),
            (dt.date(2013, 4, 1), dt.date(2013, 4, 7)),
        ),
    ],
)
def test_a_week_of_a_month_is_seven_of_its_days(
    text: str, tense: str, expected: tuple[str, str, str], days: tuple[dt.date, dt.date]
) -> None:
    (timex,) = find_timexes(text, ANCHOR, lambda _o: tense)
    assert (timex.text, timex.kind, timex.value) == expected
    assert timex.period is not None and (timex.period.start, timex.period.end) == days
