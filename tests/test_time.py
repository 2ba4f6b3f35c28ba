"""Temporal expressions resolved against a publication date (Sunday 2023-02-12 unless a test
says otherwise). Every rule of the time stage has a sentence of its own here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.errors import KnowledgeError
from eventwire.model import DateMention
from eventwire.time import find_dates, find_timexes
from eventwire.time.lexicon import load_time_words, time_words
from eventwire.time.tense import tense_at

ANCHOR = dt.date(2023, 2, 12)  # a Sunday
D = dt.date


def only(text: str, tense: str = "past", anchor: dt.date = ANCHOR) -> DateMention:
    found = find_dates(text, anchor, lambda _offset: tense)
    assert len(found) == 1, found
    return found[0]


def span(text: str, tense: str = "past", anchor: dt.date = ANCHOR) -> tuple[D, D]:
    found = only(text, tense, anchor)
    return found.date_start, found.date_end


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("They met on Jan 5 in Geneva.", D(2023, 1, 5), D(2023, 1, 5), "day"),
        ("It was signed on January 5, 2021.", D(2021, 1, 5), D(2021, 1, 5), "day"),
        ("It was signed on 3 February 2021.", D(2021, 2, 3), D(2021, 2, 3), "day"),
        ("It was signed on the 3rd of February, 2021.", D(2021, 2, 3), D(2021, 2, 3), "day"),
        ("The report is dated 2022-11-30.", D(2022, 11, 30), D(2022, 11, 30), "day"),
        ("The letter is dated 11/30/2022.", D(2022, 11, 30), D(2022, 11, 30), "day"),
        ("Talks began in March 2022.", D(2022, 3, 1), D(2022, 3, 31), "month"),
        ("Talks began in June of 2018.", D(2018, 6, 1), D(2018, 6, 30), "month"),
        ("The ministers met last week.", D(2023, 1, 30), D(2023, 2, 5), "week"),
        ("Last month, the envoy resigned.", D(2023, 1, 1), D(2023, 1, 31), "month"),
        ("Elections are due next month.", D(2023, 3, 1), D(2023, 3, 31), "month"),
        ("Exports fell last year.", D(2022, 1, 1), D(2022, 12, 31), "year"),
        ("The border was closed yesterday.", D(2023, 2, 11), D(2023, 2, 11), "day"),
        ("Fighting has raged since 2019.", D(2019, 1, 1), D(2019, 12, 31), "year"),
        ("The plant opened two weeks ago.", D(2023, 1, 26), D(2023, 2, 1), "week"),
        ("The plant opened three months ago.", D(2022, 11, 1), D(2022, 11, 30), "month"),
        ("The rebels advanced last summer.", D(2022, 6, 1), D(2022, 8, 31), "season"),
        ("Officials met recently.", D(2023, 1, 13), D(2023, 2, 12), "fuzzy"),
        ("Profit fell in the third quarter.", D(2022, 7, 1), D(2022, 9, 30), "quarter"),
        ("Profit fell in Q3 2021.", D(2021, 7, 1), D(2021, 9, 30), "quarter"),
        ("Sales rose in the second half of 2021.", D(2021, 7, 1), D(2021, 12, 31), "half"),
        ("The city grew in the 1990s.", D(1990, 1, 1), D(1999, 12, 31), "decade"),
        ("The city grew in the 20th century.", D(1900, 1, 1), D(1999, 12, 31), "century"),
        ("Prices rose in nineteen ninety-six.", D(1996, 1, 1), D(1996, 12, 31), "year"),
        ("The ceasefire broke down on Christmas Day.", D(2022, 12, 25), D(2022, 12, 25), "day"),
    ],
)
def test_dates_resolve_against_publication_date(
    text: str, start: dt.date, end: dt.date, granularity: str
) -> None:
    found = only(text)
    assert (found.date_start, found.date_end, found.granularity) == (start, end, granularity)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ministers met last week.", "2023-W05"),
        ("Talks began in March 2022.", "2022-03"),
        ("The rebels advanced last summer.", "2022-SU"),
        ("Profit fell in the third quarter.", "2022-Q3"),
        ("The city grew in the 1990s.", "199"),
        ("Officials met recently.", "PAST_REF"),
        ("The border is closed now.", "PRESENT_REF"),
        ("Talks will resume soon.", "FUTURE_REF"),
        ("They met the weekend before last weekend.", "2023-W05-WE"),
    ],
)
def test_timeml_values(text: str, value: str) -> None:
    assert find_dates(text, ANCHOR, lambda _o: "past")[-1].value == value


def test_month_day_without_year_after_anchor_is_last_year_in_the_past() -> None:
    assert only("The deal was signed on March 3.").date_start == D(2022, 3, 3)


def test_month_day_without_year_in_future_clause_is_ahead() -> None:
    assert only("The summit will open on January 20.", "future").date_start == D(2024, 1, 20)


def test_jan_5_in_february_is_this_january_but_in_december_future_it_is_next_year() -> None:
    assert only("They met on Jan 5.", anchor=D(2023, 2, 20)).date_start == D(2023, 1, 5)
    december = D(2022, 12, 10)
    assert only("They will meet on Jan 5.", "future", december).date_start == D(2023, 1, 5)
    assert only("They met on Jan 5.", "past", december).date_start == D(2022, 1, 5)


def test_year_boundaries() -> None:
    new_year = D(2023, 1, 3)
    assert only("The strike began on Dec. 28.", anchor=new_year).date_start == D(2022, 12, 28)
    assert only("Last year was hard.", anchor=D(2023, 1, 1)).date_start == D(2022, 1, 1)
    assert span("Talks resume next month.", "future", D(2022, 12, 15)) == (
        D(2023, 1, 1),
        D(2023, 1, 31),
    )
    found = only("They met last week.", anchor=D(2023, 1, 2))  # a Monday
    assert (found.date_start, found.date_end, found.value) == (
        D(2022, 12, 26),
        D(2023, 1, 1),
        "2022-W52",
    )
    assert only("in December", anchor=D(2023, 1, 10)).date_start == D(2022, 12, 1)


def test_last_week_on_a_monday_is_the_week_that_just_ended() -> None:
    found = only("The ministers met last week.", anchor=D(2023, 2, 13))
    assert (found.date_start, found.date_end, found.value) == (
        D(2023, 2, 6),
        D(2023, 2, 12),
        "2023-W06",
    )


def test_weekday_past_and_future() -> None:
    assert only("He spoke on Monday.").date_start == D(2023, 2, 6)
    assert only("He will speak on Monday.", "future").date_start == D(2023, 2, 13)
    assert only("on Monday").text == "Monday"


def test_weekday_names_around_the_publication_date() -> None:
    # the anchor is a Sunday: news names the day of publication by its weekday
    assert only("Rebels attacked on Sunday.").date_start == D(2023, 2, 12)
    assert only("Rebels will attack on Sunday.", "future").date_start == D(2023, 2, 19)
    assert only("Rebels attacked on Saturday.").date_start == D(2023, 2, 11)
    assert only("Rebels will attack on Saturday.", "future").date_start == D(2023, 2, 18)
    assert only("They met last Sunday.").date_start == D(2023, 2, 5)
    assert only("They meet next Friday.", "present").date_start == D(2023, 2, 17)
    wednesday = D(2023, 2, 15)
    assert only("They meet this Friday.", "present", wednesday).date_start == D(2023, 2, 17)
    assert only("The vote is on Monday.", "present", wednesday).date_start == D(2023, 2, 13)


def test_times_of_day() -> None:
    found = only("The blast came at 3 p.m. on Friday.")
    assert (found.date_start, found.value, found.kind, found.granularity) == (
        D(2023, 2, 10),
        "2023-02-10T15:00",
        "time",
        "hour",
    )
    assert only("Shelling resumed at 14:30 GMT.").value == "2023-02-12T14:30"
    assert only("Shelling resumed Friday evening.").value == "2023-02-10TEV"
    assert only("Shelling resumed this morning.").value == "2023-02-12TMO"
    assert only("Shelling resumed last night.").value == "2023-02-11TNI"
    assert only("Shelling resumed late yesterday.").modifier == "END"


def test_parts_of_a_period_narrow_the_range_but_keep_the_value() -> None:
    found = only("Troops will withdraw in early March.", "future")
    assert (found.date_start, found.date_end, found.value, found.modifier) == (
        D(2023, 3, 1),
        D(2023, 3, 10),
        "2023-03",
        "START",
    )
    assert span("It happened in late 2021.") == (D(2021, 9, 2), D(2021, 12, 31))
    assert span("The talks stalled in mid-November.")[0] == D(2022, 11, 11)
    earlier = only("Earlier this year, the army retreated.")
    assert (earlier.date_start, earlier.date_end, earlier.value) == (D(2023, 1, 1), ANCHOR, "2023")


def test_season_in_present_clause_is_the_coming_one() -> None:
    found = only("Moscow is planning a spring offensive.", "present")
    assert (found.date_start, found.date_end, found.direction) == (
        D(2023, 3, 1),
        D(2023, 5, 31),
        "future",
    )


def test_winter_spans_the_new_year() -> None:
    found = only("The troops withdrew last winter.")
    assert (found.date_start, found.date_end) == (D(2021, 12, 1), D(2022, 2, 28))
    assert span("The offensive stalled this winter.") == (D(2022, 12, 1), D(2023, 2, 28))
    assert only("The winter of 1994 was cold.").value == "1994-WI"


def test_relative_month_names() -> None:
    found = only("The vote was held last March.")
    assert (found.date_start, found.date_end) == (D(2022, 3, 1), D(2022, 3, 31))
    assert only("Talks resume next June.", "future").date_start == D(2023, 6, 1)
    assert only("It fell in July last year.").value == "2022-07"


def test_dates_told_from_the_date_in_focus() -> None:
    text = "In March 2021 the rebels took the town. A year earlier they had lost it."
    assert [d.value for d in find_dates(text, ANCHOR)] == ["2021-03", "2020-03"]
    text = "On March 3, they met. Two days later they signed a deal."
    assert [d.date_start for d in find_dates(text, ANCHOR)] == [D(2022, 3, 3), D(2022, 3, 5)]
    text = "In 2019 they met. The following year they signed a deal."
    assert [d.value for d in find_dates(text, ANCHOR)] == ["2019", "2020"]
    text = "Profit fell in the third quarter, compared with a year earlier."
    assert [d.value for d in find_dates(text, ANCHOR)] == ["2022-Q3", "2021-Q3"]


def test_ranges_are_one_mention() -> None:
    found = only("Inflation rose between 2019 and 2021.")
    assert (found.text, found.date_start, found.date_end, found.value) == (
        "between 2019 and 2021",
        D(2019, 1, 1),
        D(2021, 12, 31),
        "2019/2021",
    )
    assert span("The siege lasted from March to May 2022.") == (D(2022, 3, 1), D(2022, 5, 31))
    assert span("It ran in 2019-2021.") == (D(2019, 1, 1), D(2021, 12, 31))


def test_fuzzy_references_are_ranges_with_a_direction() -> None:
    found = only("Talks will resume in the coming weeks.", "future")
    assert (found.date_start, found.date_end, found.granularity, found.direction) == (
        ANCHOR,
        D(2023, 3, 26),
        "fuzzy",
        "future",
    )
    assert only("Officials met recently.").direction == "past"
    assert only("Prices have risen in recent years.").date_start == D(2018, 2, 13)


def test_a_vague_stretch_of_weeks_or_months_is_a_duration_with_a_range() -> None:
    found = only("Fighting has intensified in recent weeks.")
    assert (found.kind, found.value, found.direction) == ("duration", "PXW", "past")
    assert (found.date_start, found.date_end) == (D(2023, 1, 1), ANCHOR)
    found = only("Talks are expected in the coming months.", "future")
    assert (found.kind, found.value, found.direction) == ("duration", "PXM", "future")
    # years and quarters stay vague references
    assert only("Prices have risen in recent years.").value == "PAST_REF"
    assert only("Sales should grow in coming quarters.", "future").value == "FUTURE_REF"


def test_durations_tied_to_the_publication_date_have_a_range() -> None:
    found = only("Prices doubled over the past two years.")
    assert (found.date_start, found.date_end, found.kind, found.value) == (
        D(2021, 2, 12),
        ANCHOR,
        "duration",
        "P2Y",
    )
    assert span("Troops will stay for the next six months.", "future") == (ANCHOR, D(2023, 8, 12))


def test_free_durations_and_sets_have_values_but_no_date() -> None:
    text = "The siege lasted three years; convoys arrive every week and fuel is delivered daily."
    assert find_dates(text, ANCHOR) == []
    timexes = {t.text: (t.kind, t.value) for t in find_timexes(text, ANCHOR)}
    assert timexes == {
        "three years": ("duration", "P3Y"),
        "every week": ("set", "P1W"),
        "daily": ("set", "P1D"),
    }


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It took 2 1/2 years.", "P2Y6M"),
        ("It took a minute and a half.", "PT1M30S"),
        ("It took twenty-four hours.", "PT24H"),
        ("It took a decade.", "P1E"),
        ("It took several weeks.", "PXW"),
        ("They fought for years.", "PXY"),
        ("a 10-year plan", "P10Y"),
    ],
)
def test_duration_values_with_number_words(text: str, value: str) -> None:
    assert [t.value for t in find_timexes(text, ANCHOR)] == [value]


def test_rates_are_sets_only_after_a_count() -> None:
    assert [t.value for t in find_timexes("It costs $5 a year.", ANCHOR)] == ["P1Y"]
    assert [t.kind for t in find_timexes("It took a year.", ANCHOR)] == ["duration"]


def test_may_and_march_are_not_months_in_lower_case_or_as_names() -> None:
    assert find_dates("Iran may march on its neighbours.", ANCHOR) == []
    assert find_dates("Theresa May said March was coming.", ANCHOR) == []
    assert only("The vote was held in May.").value == "2022-05"


def test_fall_the_verb_is_not_a_season() -> None:
    assert find_dates("Prices fall when supply rises.", ANCHOR) == []
    assert only("Prices rose last fall.").value == "2022-FA"


def test_as_soon_as_and_current_account_are_not_dates() -> None:
    assert find_dates("As soon as the snows melt, tanks will move.", ANCHOR) == []
    assert find_dates("The current account deficit widened.", ANCHOR) == []


def test_years_need_a_temporal_cue() -> None:
    assert find_dates("They deployed 2019 soldiers.", ANCHOR) == []
    assert find_dates("It cost $1990.", ANCHOR) == []
    assert only("Sales rose 5% from 2019.").value == "2019"


@pytest.mark.parametrize(
    "text",
    [
        "The militia killed more than 1600 civilians.",
        "A force of 1800 troops crossed the border.",
        "Between 1500 and 2000 people fled the town.",
        "Around 1700 Palestinians were arrested.",
        "Police said the death toll reached 1600.",
        "Aid reached 2000-2010 families.",
        "The army says it lost some 1900.",
        "Police arrested a man of 1935 Orchard St., Alexandria.",
    ],
)
def test_counts_are_not_years(text: str) -> None:
    # TimeML marks a number as a year only where the words make it one; a count never is
    assert find_dates(text, D(2018, 5, 1)) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Fighting has raged since 2003.", ["2003"]),
        ("Sanctions were lifted in 1990 and 1991.", ["1990", "1991"]),
        ("The wall was built around 1600.", ["1600"]),
        ("Emissions must fall to 1990 levels.", ["1990"]),
        ("The treaty must be ratified no later than 2025.", ["2025"]),
        ("Markets fell after the 1987 crash.", ["1987"]),
        ("It was hurt by its 1990 invasion of Kuwait.", ["1990"]),
        ("The company's 1989 results were weak.", ["1989"]),
        ("A law on the books since 1980 requires it.", ["1980"]),
        ("Bills were rejected in 1777, 1779 and 1780.", ["1777", "1779", "1780"]),
        ("She worked there from 1986 to 1998. Investigators said so.", ["1986/1998"]),
    ],
)
def test_years_with_a_cue(text: str, values: list[str]) -> None:
    assert [d.value for d in find_dates(text, D(2018, 5, 1))] == values


def test_a_number_after_a_determiner_and_before_a_unit_is_not_a_year() -> None:
    assert find_dates("They built a 1500 km pipeline.", ANCHOR) == []


def test_an_age_in_words_is_not_a_decade() -> None:
    assert find_dates("A man in his fifties was killed.", ANCHOR) == []
    assert find_dates("She is in her late twenties.", ANCHOR) == []
    assert only("The town was built in the fifties.").value == "195"


def test_the_financial_quarter_in_focus() -> None:
    text = "Profit rose in the third quarter. In the year-ago quarter it fell."
    assert [d.value for d in find_dates(text, D(1989, 10, 26))] == ["1989-Q3", "1988-Q3"]
    assert only("Profit rose in the latest quarter.", anchor=D(1989, 10, 26)).value == "1989-Q3"


def test_time_words_file_is_checked(tmp_path: Path) -> None:
    words = time_words()
    assert words.months["sept"] == 9 and words.weekdays["sunday"] == 7
    assert words.seasons["winter"] == ("WI", 12, 2)
    assert "more than" in words.count_cues and "people" in words.counted
    assert "levels" in words.not_counted
    bad = tmp_path / "time_words.tsv"
    bad.write_text("kind\twords\tcode\textra\nseason\tspring\tSP\tMarch\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_time_words(bad)
    bad.write_text("kind\twords\tcode\textra\nplanet\tmars\t4\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_time_words(bad)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        ("The talks were held on Monday.", "Monday", "past"),
        ("The talks will be held on Monday.", "Monday", "future"),
        ("The talks could resume on Monday.", "Monday", "future"),
        ("The dividend is payable Dec. 7.", "Dec.", "future"),
        ("The company extended its offer to Nov. 20.", "Nov.", "future"),
        ("The company announced its offer on Nov. 20.", "Nov.", "past"),
        ("The deal is scheduled to close Monday.", "Monday", "future"),
        ("He said Saddam will begin withdrawing troops on Friday.", "Friday", "future"),
        ("Shares bought from Sept. 14 to Thursday rose.", "Thursday", "past"),
    ],
)
def test_clause_tense_from_the_parse(
    parse: Callable[[str], Doc], text: str, word: str, tense: str
) -> None:
    assert tense_at(parse(text))(text.index(word)) == tense


def test_a_date_off_the_calendar_is_no_date_and_no_failure() -> None:
    # before year 1 (Python's dates run from 1 to 9999): the rest of the text is still read
    text = "The tools are dated to 3.3 million years ago; digging began 2,500 years ago on June 3."
    found = {m.text: m.value for m in find_dates(text, ANCHOR)}
    assert "3.3 million years ago" not in found and "500 years ago" not in found
    assert found.get("June 3") == "2022-06-03"


def test_a_count_with_thousands_separators_is_read_whole() -> None:
    found = {m.text: m.value for m in find_dates("It opened 1,000 days ago.", ANCHOR)}
    assert found == {"1,000 days ago": "2020-05-18"}
