"""Calendar constructions: centuries named by their first year ("the 1800s"). Sentences written
for these tests."""

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
