"""Forms of temporal expressions in wire news: times in GMT after a local time, an amount "a
year" (a set), vague counts after "over", "fiscal year 2013", "a hundred years", "the next year
or so". Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.time import find_dates, find_timexes

ANCHOR = dt.date(2013, 3, 6)  # a Wednesday


def found(text: str, tense: str = "past") -> list[tuple[str, str, str]]:
    return [(t.text, t.kind, t.value) for t in find_timexes(text, ANCHOR, lambda _o: tense)]


def test_a_time_in_gmt_and_the_day_after_the_aside() -> None:
    assert found("The blast came at 3 p.m. local time (0700 GMT) on Tuesday.") == [
        ("3 p.m. local time", "time", "2013-03-05T15:00"),
        ("0700 GMT", "time", "2013-03-05T07:00"),
        ("Tuesday", "date", "2013-03-05"),
    ]


def test_four_digits_before_gmt_are_a_time_not_a_year() -> None:
    assert found("Polls close at 2000 GMT.") == [("2000 GMT", "time", "2013-03-06T20:00")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mill earns about $40 million a year.", [("a year", "set", "P1Y")]),
        ("The port handles 50,000 ships a year.", [("a year", "set", "P1Y")]),
        ("Thousands of pilgrims a month visit it.", [("a month", "set", "P1M")]),
        ("He stayed for a year.", [("a year", "duration", "P1Y")]),
    ],
)
def test_an_amount_a_year_is_a_set(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_over_before_a_vague_count_is_a_preposition() -> None:
    assert found("The rules changed over several years, and the strike lasted over a week.") == [
        ("several years", "duration", "PXY"),
        ("over a week", "duration", "P1W"),
    ]


def test_fiscal_year_and_its_number_are_a_year_whatever_follows() -> None:
    assert found("Fiscal year 2014 looks better.") == [("Fiscal year 2014", "date", "2014")]


def test_a_hundred_years() -> None:
    assert found("The bridge has stood for almost a hundred years.") == [
        ("almost a hundred years", "duration", "P100Y")
    ]


def test_the_next_year_or_so() -> None:
    assert found("The plant will close over the next year or so.", "future") == [
        ("the next year or so", "date", "2014")
    ]


def test_within_is_a_preposition_outside_the_expression() -> None:
    assert found("The bonds must be sold within five years.", "future") == [
        ("five years", "duration", "P5Y")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Over the years the port grew.", [("the years", "duration", "PXY")]),
        ("The truce ends decades of feuding.", [("decades", "duration", "PXE")]),
        ("The vote follows months of haggling.", [("months", "duration", "PXM")]),
        ("The years of the siege were hard.", []),
        ("The years ahead look hard.", [("The years ahead", "duration", "PXY")]),
    ],
)
def test_a_stretch_of_years_without_a_count(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(text) == expected


def test_a_time_on_a_day_is_two_expressions_and_one_date_mention() -> None:
    text = "Trading opens at 10:30 a.m. ET on Thursday."
    assert found(text, "future") == [
        ("10:30 a.m. ET", "time", "2013-03-07T10:30"),
        ("Thursday", "date", "2013-03-07"),
    ]
    mentions = find_dates(text, ANCHOR, lambda _o: "future")
    assert [(d.text, d.value) for d in mentions] == [
        ("10:30 a.m. ET on Thursday", "2013-03-07T10:30")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The country votes every four years.", [("every four years", "set", "P4Y")]),
        ("The buses come every other week.", [("every other week", "set", "P2W")]),
        ("Reports come every three months.", [("every three months", "set", "P3M")]),
    ],
)
def test_every_count_of_units_is_a_set(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike could last three days.", [("three days", "duration", "P3D")]),
        ("The truce did not last five years.", [("five years", "duration", "P5Y")]),
        ("Prices rose in the last three years.", [("the last three years", "duration", "P3Y")]),
    ],
)
def test_last_after_a_modal_is_the_verb(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2011 was a hard year for the port.", [("2011", "date", "2011")]),
        ("Strikes grew. 2014 will be harder.", [("2014", "date", "2014")]),
        ("1500 were hurt in the riots.", []),
    ],
)
def test_a_year_opening_a_sentence_as_its_subject(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The decade-long feud ended.", [("decade-long", "duration", "P1E")]),
        ("It ended a months-long standoff.", [("months-long", "duration", "PXM")]),
        ("It ended a year-long siege.", [("year-long", "duration", "P1Y")]),
    ],
)
def test_long_adjectives_of_units(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_a_term_adjective_is_no_reference() -> None:
    assert found("The long-term outlook is poor, but in the long term it will improve.") == [
        ("the long term", "date", "FUTURE_REF")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hours later, the roof fell.", [("Hours", "duration", "PTXH")]),
        ("The deal came days after the vote.", [("days", "duration", "PXD")]),
        ("In the days before the vote, the mood soured.", []),
        ("In the first days after the flood, aid was scarce.", []),
    ],
)
def test_units_later_without_a_count(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The polls closed at 9 p.m. sharp.", "2013-03-06T21:00"),
        ("The polls closed at 9 P.M. sharp.", "2013-03-06T21:00"),
        ("The polls closed at 9pm sharp.", "2013-03-06T21:00"),
        ("The polls opened at 7 a.m. sharp.", "2013-03-06T07:00"),
        ("The polls opened at 7am sharp.", "2013-03-06T07:00"),
    ],
)
def test_a_time_of_day_with_its_half_of_the_day(text: str, value: str) -> None:
    # the clock rule runs near "m", "am", "pm": "p.m." is read as the words "p" and "m"
    assert [(kind, v) for _, kind, v in found(text)] == [("time", value)]
