"""Which date an underspecified expression means: the tense of its clause (an infinitive after a
past verb, a participle inside a clause that looks ahead), the financial quarter a report is
about, and anaphora that the text leaves open. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventwire.time import find_dates, find_timexes
from eventwire.time.tense import tense_at

D = dt.date
THURSDAY = D(1995, 3, 16)  # publication dates of the tests: a Thursday in March


def values(text: str, anchor: dt.date = THURSDAY, tense: str = "past") -> list[str]:
    return [t.value for t in find_timexes(text, anchor, lambda _offset: tense)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        # an infinitive after a past verb: its event may lie on either side of publication
        ("The airline agreed to buy the jets in June.", "June", "present"),
        ("The minister asked the unions to reply by March 20.", "March", "present"),
        ("The board approved a deal to sell the mill in May.", "May", "present"),
        ("The board approved a plan to sell the mill in May.", "May", "future"),  # a cue
        # a reduced relative keeps its past, unless the clause around it looks ahead
        ("The shares sold on Tuesday were worth less.", "Tuesday", "past"),
        ("The fund will redeem all units tendered through April 2.", "April", "future"),
        # an infinitive under a participle under a past verb
        ("The talks, set to resume on Monday, were postponed.", "Monday", "present"),
        # under a present passive or adjective it lies ahead; a perfect infinitive keeps its past
        ("The talks are set to resume on Monday.", "Monday", "future"),
        ("The envoy is likely to arrive on Friday.", "Friday", "future"),
        ("The rebel is said to have fled on Monday.", "Monday", "past"),
    ],
)
def test_clause_tense_of_infinitives_and_participles(
    parse: Callable[[str], Doc], text: str, word: str, tense: str
) -> None:
    assert tense_at(parse(text))(text.index(word)) == tense


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # in the present tense (an infinitive after a past verb): the nearer of the two
        ("to reply by March 20", "1995-03-20"),
        ("to sell the mill in January", "1995-01"),
        ("to sell the mill in April", "1995-04"),
        ("to meet on Friday", "1995-03-17"),
        ("to meet on Monday", "1995-03-13"),
    ],
)
def test_the_nearer_date_when_the_tense_leaves_it_open(text: str, value: str) -> None:
    assert values(text, tense="present") == [value]


def test_a_season_in_the_present_tense_is_the_nearer_one() -> None:
    autumn = D(1995, 10, 20)
    assert values("demand stayed high into the summer", autumn, "present") == ["1995-SU"]
    assert values("demand stays high into the winter", autumn, "present") == ["1995-WI"]
    assert values("demand stays high into the summer", D(1995, 4, 20), "present") == ["1995-SU"]


def test_the_latest_quarter_has_ended() -> None:
    text = "It will book a fourth-quarter charge. Profit fell in the latest quarter."

    def ahead_first(offset: int) -> str:  # the first sentence looks ahead, as its parse says
        return "future" if offset < text.index(".") else "past"

    found = find_timexes(text, D(1995, 11, 3), ahead_first)
    assert [t.value for t in found] == ["1995-Q4", "1995-Q3"]
    # and what the report compares it with is a year before that quarter
    text += " It rose a year ago."
    assert [t.value for t in find_timexes(text, D(1995, 11, 3), ahead_first)][-1] == "1994-Q3"


def test_a_quarter_ahead_is_not_the_quarter_a_report_is_about() -> None:
    text = (
        "Analysts expect losses through the second quarter of 1996. "
        "In the year-ago period, the mill earned $4 million."
    )
    assert values(text, D(1995, 10, 26)) == ["1996-Q2", "1994-Q3"]


def test_this_quarter_in_a_report_on_an_ended_quarter() -> None:
    text = "The firm lost $3 million in the third quarter. This quarter's loss includes charges."
    assert values(text, D(1995, 11, 2)) == ["1995-Q3", "1995-Q3"]
    # looking ahead, "this quarter" is the one under way
    assert values(text, D(1995, 11, 2), "future") == ["1995-Q3", "1995-Q4"]


def test_that_day_after_a_year_is_not_a_date() -> None:
    found = find_dates("The market crashed in 1987. Trades made that day lost money.", THURSDAY)
    assert [d.value for d in found] == ["1987"]
    # after a day, "that day" is that day
    found = find_dates("The market crashed on Oct. 19, 1987. Trades made that day lost.", THURSDAY)
    assert [d.value for d in found] == ["1987-10-19", "1987-10-19"]


def test_the_period_a_year_back_is_one_expression() -> None:
    anchor = D(1995, 11, 2)
    text = "Sales rose in the third quarter from the same period last year."
    assert values(text, anchor) == ["1995-Q3", "1994-Q3"]
    text = "Sales rose in the third quarter, above the quarter a year ago."
    assert values(text, anchor) == ["1995-Q3", "1994-Q3"]
    text = "Sales for the third quarter fell. Sales for last year's quarter were higher."
    assert values(text, anchor) == ["1995-Q3", "1994-Q3"]


def test_the_reported_quarter_outlasts_the_day_it_ended() -> None:
    text = "It lost $2 million in the third quarter ended Sept. 30. This quarter's loss was big."
    assert values(text, D(1995, 11, 2)) == ["1995-Q3", "1995-09-30", "1995-Q3"]


def test_a_later_day_of_the_publication_month_is_this_years_in_a_past_clause() -> None:
    assert values("The board has set Nov. 20 as the deadline.", D(1995, 11, 2)) == ["1995-11-20"]
    # a day of a later month in a past clause is still last year's
    assert values("The board met on Dec. 20.", D(1995, 11, 2)) == ["1994-12-20"]


def test_earlier_in_the_year_is_part_of_the_year_in_focus() -> None:
    assert values("Sales had risen earlier in the year.") == ["1995"]
    found = find_timexes("The mine closed in March 1987. Later in the year it reopened.", THURSDAY)
    assert [(t.value, t.mod) for t in found] == [("1987-03", None), ("1987", "END")]
    # a unit finer than the date in focus is the publication date's
    assert values("In 1987 it grew. Late in the week it fell.")[-1] == "1995-W11"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The company sold notes due 2004 at par.", "2004"),
        ("He lost his failed 1992 bid for office.", "1992"),
        ("She ran in the 1996 Olympics.", "1996"),
    ],
)
def test_years_cued_by_due_and_by_a_determiner_before_an_adjective(text: str, value: str) -> None:
    assert values(text) == [value]


def test_a_count_after_a_determiner_and_an_adjective_stays_a_count() -> None:
    assert values("The remaining 1500 soldiers left.") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The quarterly results were weak.", []),
        ("Its average daily volume fell.", []),
        ("The reserve is adjusted quarterly and reviewed.", ["P1Q"]),
        ("The magazine is published weekly.", ["P1W"]),
        ("He takes the pill twice daily with water.", ["P1D"]),
    ],
)
def test_a_set_word_before_a_noun_is_an_adjective(text: str, found: list[str]) -> None:
    assert values(text) == found


def test_future_as_an_adjective_is_no_date() -> None:
    assert values("Analysts doubt future demand for steel.") == []
    assert values("Prices may rise in the future.") == ["FUTURE_REF"]


def test_the_year_of_accounts_is_a_duration() -> None:
    found = find_timexes("Profit rose in the fiscal year ended June 30.", THURSDAY)
    assert [(t.text, t.kind, t.value) for t in found] == [
        ("the fiscal year", "duration", "P1Y"),
        ("June 30", "date", "1994-06-30"),
    ]
    assert values("It expects a loss for the year ending in March.") == ["P1Y", "1995-03"]
    # the quarter ended on a day is the quarter in focus, not a duration
    assert values("It lost money in the quarter ended Dec. 31.") == ["1994-Q4", "1994-12-31"]


def test_previously_is_no_date() -> None:
    # it tells that something came before something else, not when
    assert values("The firm cut the previously announced dividend.") == []
    assert values("Sales fell recently.") == ["PAST_REF"]


def texts_and_values(text: str, anchor: dt.date = THURSDAY) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_timexes(text, anchor, lambda _offset: "past")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "The shelling began on the night of Feb. 12.",
            [("the night of Feb. 12", "1995-02-12TNI")],
        ),
        ("They left on the morning of Tuesday.", [("the morning of Tuesday", "1995-03-14TMO")]),
        ("Earlier in the day, the army withdrew.", [("Earlier in the day", "1995-03-16")]),
        ("The day before, the army withdrew.", [("The day before", "1995-03-15")]),
        ("The gates opened at 9 o'clock.", [("9 o'clock", "1995-03-16T09:00")]),
    ],
)
def test_times_of_day_and_days_told_from_another_day(
    text: str, found: list[tuple[str, str]]
) -> None:
    assert texts_and_values(text) == found


def test_the_day_before_an_object_is_no_date() -> None:
    assert texts_and_values("The day before the vote was quiet.") == []


def test_over_before_a_determiner_is_a_preposition() -> None:
    found = find_timexes("Prices doubled over the last 12 months.", THURSDAY)
    assert [(t.text, t.value, t.mod) for t in found] == [("the last 12 months", "P12M", None)]
    found = find_timexes("The strike lasted over 12 months.", THURSDAY)
    assert [(t.text, t.mod) for t in found] == [("over 12 months", "MORE_THAN")]


def test_a_half_of_something_else_is_no_date() -> None:
    assert texts_and_values("Growth was slow in the first half of the decade.") == []
    assert texts_and_values("It lost money in the second half of 1994.") == [
        ("the second half of 1994", "1994-H2")
    ]
    # an amount after the quarter is not what it is a part of
    found = texts_and_values("It posted a loss for the third quarter of $2 million.")
    assert found == [("the third quarter", "1994-Q3")]


def test_a_year_after_a_modifier_and_a_hyphen() -> None:
    found = find_timexes("The bank failed in mid-2012.", THURSDAY)
    assert [(t.text, t.value, t.mod) for t in found] == [("mid-2012", "2012", "MID")]
    # after a number and a hyphen it is part of that number
    assert values("Call 555-2012 for help.") == []


def test_shortly_after_is_no_reference_to_the_future() -> None:
    assert texts_and_values("Shortly after midnight, the police left.") == [
        ("midnight", "1995-03-16T24:00")
    ]
    assert values("The police will leave shortly.") == ["FUTURE_REF"]


def test_the_end_of_the_year_ahead_is_not_that_of_a_past_year_in_focus() -> None:
    text = "The mill lost money in 1993. It will be sold by the end of the year."
    assert values(text, tense="future") == ["1993", "1995"]
    # told of the past, the end of the year is that of the year in focus
    assert values("The mill lost money in 1993. It was sold by the end of the year.") == [
        "1993",
        "1993",
    ]
