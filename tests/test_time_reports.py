"""Financial reports: which period "the quarter", "the latest period", "a year earlier" are about
when the report names a fiscal quarter or turns to the year so far. Sentences written for these
tests."""

from __future__ import annotations

import datetime as dt

from eventwire.time import find_timexes

NOVEMBER = dt.date(1995, 11, 2)  # a publication date in the fourth calendar quarter


def found(text: str, anchor: dt.date = NOVEMBER) -> list[tuple[str, str]]:
    ahead = text.find(" will ")  # the clause of "will" looks ahead, up to its full stop
    end = text.find(".", ahead) if ahead >= 0 else -1

    def tense(offset: int) -> str:
        return "future" if ahead <= offset <= end else "past"

    return [(t.text, t.value) for t in find_timexes(text, anchor, tense)]


def test_a_fiscal_quarter_outlasts_the_day_it_ended() -> None:
    text = (
        "The mill earned $3 million in the fiscal second quarter. Sales in the quarter "
        "ended Sept. 30 rose from a year earlier. The latest period included a tax gain."
    )
    assert found(text) == [
        ("the fiscal second quarter", "1995-Q2"),
        ("the quarter", "1995-Q2"),
        ("Sept. 30", "1995-09-30"),
        ("a year earlier", "1994-Q2"),
        ("The latest period", "1995-Q2"),
    ]


def test_a_calendar_quarter_gives_way_to_the_day_outside_it() -> None:
    # not fiscal: after Sept. 30 the period reported on is the third quarter, not the second
    text = "It lost money in the second quarter. Sales fell until Sept. 30. The latest period was weak."
    assert found(text)[-1] == ("The latest period", "1995-Q3")


def test_a_fiscal_quarter_a_year_ago_and_the_period_of_a_year() -> None:
    text = (
        "The chain posted a profit for the fiscal-first quarter ended Aug. 31. It had a loss "
        "a year ago. In the 1994 period, it earned less."
    )
    values = [value for _, value in found(text)]
    assert values == ["1995-Q1", "1995-08-31", "1994-Q1", "1994-Q1"]


def test_the_nine_months_turn_a_report_to_the_year_so_far() -> None:
    text = (
        "Profit rose in the third quarter from a year earlier. For the nine months, net "
        "income fell from a year earlier, and year-earlier sales were higher."
    )
    assert found(text) == [
        ("the third quarter", "1995-Q3"),
        ("a year earlier", "1994-Q3"),
        ("the nine months", "P9M"),
        ("a year earlier", "1994"),
        ("year-earlier", "1994"),
    ]


def test_the_first_six_months_and_the_period_a_year_back() -> None:
    text = "It lost $5 million in the second quarter. In the first six months, net fell from the 1994 period."
    assert found(text, dt.date(1995, 8, 1))[-1] == ("the 1994 period", "1994")


def test_nine_months_outside_a_report_or_of_a_named_year_are_durations_only() -> None:
    # no quarter reported on: nothing to turn to
    assert found("For the nine months, the plant was idle. A year earlier it ran.")[-1] == (
        "A year earlier",
        "1994",
    )
    # nine months of something else: the quarter before stays the report's period
    text = "Sales fell in the third quarter. In the first nine months of operation, costs rose from a year earlier."
    assert found(text)[-1] == ("a year earlier", "1994-Q3")


def test_the_nine_months_after_a_year_named_in_between() -> None:
    # "last year" moved the focus off the quarter; the report is still on this year so far
    text = (
        "Profit rose in the third quarter. It lost money last year. In the first nine "
        "months, net rose from the 1994 period."
    )
    assert found(text)[-1] == ("the 1994 period", "1994")


def test_prior_is_a_step_back_from_the_date_in_focus() -> None:
    text = "Sales rose in the third quarter from the prior-year period and the prior quarter."
    assert found(text) == [
        ("the third quarter", "1995-Q3"),
        ("the prior-year period", "1994-Q3"),
        ("the prior quarter", "1995-Q2"),
    ]
    text = "The treaty was signed on March 3, 1987. The prior week, talks had failed."
    assert found(text)[-1] == ("The prior week", "1987-W09")
    assert found("He left prior to the vote.") == []


def test_the_first_two_quarters_are_a_half() -> None:
    assert found("Losses will narrow in the first two quarters of 1996.") == [
        ("the first two quarters of 1996", "1996-H1")
    ]
    assert found("Sales rose in the first two quarters.") == [("the first two quarters", "1995-H1")]
    assert found("The first quarters of the match were dull.") == []


def test_for_the_year_before_a_comma_is_the_year_reported_on() -> None:
    text = "Profit fell in the third quarter. For the year, volume was flat."
    assert found(text)[-1] == ("the year", "1995")
    # "for the year ended Sept. 30" stays a year of accounts, a duration
    assert found("Sales rose for the year ended Sept. 30.")[0] == ("the year", "P1Y")


def test_the_determiner_of_a_noun_after_a_time_adjective_is_left_out() -> None:
    text = "It took a third-quarter charge. The year-ago results and its 30-day notes were weak."
    assert [t for t, _ in found(text)] == ["third-quarter", "year-ago", "30-day"]
    # a time noun keeps its determiner
    assert found("Sales rose in the third quarter from the year-ago quarter.") == [
        ("the third quarter", "1995-Q3"),
        ("the year-ago quarter", "1994-Q3"),
    ]


def test_results_told_for_a_quarter_still_under_way_are_of_a_fiscal_one() -> None:
    # in November the fourth calendar quarter has not ended: results for it are fiscal ones
    text = "The brewer reported lower fourth-quarter profit. Sales in the latest period fell."
    assert found(text) == [("fourth-quarter", "1995-Q4"), ("the latest period", "1995-Q4")]
    # a quarter ahead in a clause that looks ahead is not the one reported on
    text = "It will book a fourth-quarter charge. Profit fell in the latest quarter."
    assert [v for _, v in found(text)] == ["1995-Q4", "1995-Q3"]


def test_the_year_ago_results_are_of_the_quarter_reported_on() -> None:
    text = (
        "The bank earned $2 million in the third quarter ended Sept. 30, up from $1 million in "
        "the year-ago quarter. The year-ago results were restated."
    )
    assert found(text) == [
        ("the third quarter", "1995-Q3"),
        ("Sept. 30", "1995-09-30"),
        ("the year-ago quarter", "1994-Q3"),
        ("year-ago", "1994-Q3"),
    ]


def test_a_figure_compared_with_last_year_is_the_quarter_a_year_back() -> None:
    text = (
        "The brewer earned $12 million in the third quarter, compared with a loss of $2 "
        "million last year. Revenue rose from last year's $80 million."
    )
    assert [value for _, value in found(text)] == ["1995-Q3", "1994-Q3", "1994-Q3"]


def test_last_year_without_a_compared_figure_is_the_year() -> None:
    text = "The brewer earned $12 million in the third quarter. Last year, it sold two breweries."
    assert found(text)[-1] == ("Last year", "1994")


def test_last_year_after_the_nine_months_is_named_by_the_year() -> None:
    text = (
        "Profit rose in the third quarter. For the nine months, net was $40 million, up from "
        "$31 million last year."
    )
    assert found(text)[-1] == ("last year", "1994")
