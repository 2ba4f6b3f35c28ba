"""A date without a year in a text that tells of a past year takes that year ("In 1939 ... in
September" is September 1939), as TimeML resolves it against the time the text is at, not the
publication date. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.time import find_timexes

ANCHOR = dt.date(2013, 3, 6)  # a Wednesday


def values(text: str, tense: str = "past") -> list[str]:
    return [t.value for t in find_timexes(text, ANCHOR, lambda _offset: tense)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The war began in 1939. In September, the army crossed the border.",
            ["1939", "1939-09"],
        ),
        (
            "On Dec. 7, 1941, the fleet was attacked. On Dec. 11, war was declared.",
            [
                "1941-12-07",
                "1941-12-11",
            ],
        ),
        ("In 1987 the firm lost money, and that summer it cut jobs.", ["1987", "1987-SU"]),
        (
            "The deal closed in 1995. Two years later, in the spring, it collapsed.",
            ["1995", "1997", "1997-SP"],
        ),
        (
            "The treaty was signed on June 28, 1919. On Monday, the envoys left.",
            ["1919-06-28", "1919-06-30"],
        ),
        ("He was re-elected in 2009 and again in November.", ["2009", "2009-11"]),
    ],
)
def test_a_date_without_a_year_takes_the_year_the_text_tells_of(
    text: str, expected: list[str]
) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # since 1980 runs up to now; an attributive year names a thing, not when the text is
        ("Profits have doubled since 1980. In September, it bought a rival.", ["1980", "2012-09"]),
        (
            "Rebels broke the August 1988 truce. On Tuesday, they attacked.",
            ["1988-08", "2013-03-05"],
        ),
        # a date told from the publication date ends the story of that year
        (
            "It was founded in 1950. On Monday it said that in January sales rose.",
            ["1950", "2013-03-04", "2013-01"],
        ),
        # a text that has told a date from the publication date is news about now
        (
            "Officials said on Tuesday that the dam, finished in 1950, was repaired in May.",
            ["2013-03-05", "1950", "2012-05"],
        ),
        # a recent year is no story of its own: news names this year's months without one
        ("Sales fell in 2012, and in January they rose.", ["2012", "2013-01"]),
    ],
)
def test_a_date_without_a_year_stays_with_the_publication_date(
    text: str, expected: list[str]
) -> None:
    assert values(text) == expected


def test_a_clause_that_looks_ahead_is_told_from_the_publication_date() -> None:
    assert (
        values("The plant opened in 1990. It will close in May.", tense="future")[-1] == "2013-05"
    )


def test_the_story_fades_after_a_few_sentences() -> None:
    filler = "Nothing else was said about it. " * 20
    assert values("The war began in 1939. " + filler + "In September, talks resumed.") == [
        "1939",
        "2012-09",
    ]
