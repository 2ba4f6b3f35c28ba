"""Points ahead told as an amount of time: 'in five years' in a clause that looks ahead is a
date (TimeML DATE), 'in a year or two' and 'will one day' some time ahead (FUTURE_REF); 'within
five years', 'for one day', 'the highest in five years' stay durations. Sentences written for
these tests."""

from __future__ import annotations

import datetime as dt

from eventwire.time import find_timexes

D = dt.date
THURSDAY = D(1995, 3, 16)


def found(text: str, tense: str = "past", anchor: dt.date = THURSDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.kind, t.value) for t in find_timexes(text, anchor, lambda _offset: tense)]


def test_in_a_count_of_units_ahead_is_a_date() -> None:
    assert found("The notes will be repaid in five years.", "future") == [
        ("five years", "date", "2000")
    ]
    assert found("The plant will reopen in three months.", "future") == [
        ("three months", "date", "1995-06")
    ]
    # in a past clause, after a superlative or with 'within' it is how long
    assert found("The plant was rebuilt in five years.") == [("five years", "duration", "P5Y")]
    assert found("Exports will reach their highest level in five years.", "future") == [
        ("five years", "duration", "P5Y")
    ]
    assert found("The debt will be cut within five years.", "future") == [
        ("five years", "duration", "P5Y")  # 'within' is a preposition outside it
    ]
    # 'in a year or two' is some time ahead
    assert found("Prices may fall in a year or two.", "future") == [
        ("a year", "date", "FUTURE_REF")
    ]


def test_one_day_after_a_modal_is_some_day_ahead() -> None:
    assert found("She said the city would one day host the games.", "future") == [
        ("one day", "date", "FUTURE_REF")
    ]
    assert found("The strike lasted one day.") == [("one day", "duration", "P1D")]
