"""Quantities, issue 16, round 3: NewsQuant change signs and units of constructions that were
misread: 'nearly'/'almost' (about, from below: '~', but a rise said with it stays a rise),
money raised (no rise), and the 'm' of race distances ('400m runners': metres, not millions).
Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.errors import KnowledgeError
from eventwire.model import QuantityMention
from eventwire.quantities.lexicon import QuantityWords, load_words

Find = Callable[[str], list[QuantityMention]]
model = pytest.mark.model


def _only(find: Find, text: str) -> QuantityMention:
    found = find(text)
    assert len(found) == 1, found
    return found[0]


@model
@pytest.mark.parametrize(
    ("text", "qualifier", "change"),
    [
        ("Nearly 90 villagers were moved to the school.", "nearly", "~"),
        ("Almost 40% of the ballots were spoiled.", "almost", "~"),
        ("Close to 3,000 fans waited at the gate.", "close to", "~"),
        ("Exports shrank by nearly 4% in March.", "nearly", "down"),  # the fall wins
        ("Just under 20 percent of the loans were repaid.", "just under", "<"),
    ],
)
def test_nearly_is_about_from_below(find: Find, text: str, qualifier: str, change: str) -> None:
    q = _only(find, text)
    assert (q.qualifier, q.change) == (qualifier, change)


@model
@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The treasury raised $3 billion in new bonds.", "="),
        ("The start-up raised £40m from its investors.", "="),
        ("The central bank raised rates by 0.25 percentage points.", "up"),
        ("The council raised the fee 5% this spring.", "up"),
        ("The chain raised its prices 20 cents a cup.", "up"),
    ],
)
def test_money_raised_is_no_rise(find: Find, text: str, change: str) -> None:
    assert _only(find, text).change == change


@model
@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("The 400m runners lined up in the rain.", 400, "metre"),
        ("She took the 100m hurdles by a stride.", 100, "metre"),
        ("The 800m swimmers dived in at noon.", 800, "metre"),
        ("About 1.5m people live in the province.", 1_500_000, "people"),
    ],
)
def test_race_distances_are_metres(find: Find, text: str, value: float, name: str) -> None:
    q = _only(find, text)
    assert (q.value, q.unit_name) == (value, name)


def test_a_qualifier_sign_is_checked_on_load(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("word\tkind\tvalue\nnearly\tqualifier\t<~\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="needs a sign"):
        load_words(path, QuantityWords())
    path.write_text("word\tkind\tvalue\nnearly\tqualifier\t~<\nsprinter\trace\t\n")
    words = QuantityWords()
    load_words(path, words)
    assert (words.qualifiers["nearly"], words.races) == ("~<", {"sprinter"})


@model
@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("He spent 12 straight years in the job.", 12, "year"),
        ("The strike lasted two full days.", 2, "day"),
        ("The singer turns 40 next week.", 40, "year of age"),  # no time after 'next'
    ],
)
def test_a_unit_of_time_after_an_adjective(find: Find, text: str, value: float, name: str) -> None:
    q = _only(find, text)
    assert (q.value, q.unit_name) == (value, name)


@model
def test_a_rise_year_on_year(find: Find) -> None:
    assert _only(find, "Wages rose 4.1% year on year.").change == "up"


@model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The index added 45 points to 7,520.", "point"),
        ("Its shares rose $2 to 50 in early trade.", "dollar"),
        ("Pluristem rose 8% to 3.65 on Monday.", None),  # a level is no percentage
    ],
)
def test_a_bare_level_takes_the_unit_of_its_change(find: Find, text: str, name: str | None) -> None:
    level = find(text)[-1]
    assert (level.change, level.unit_name) == ("=", name)


@model
@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("The firm was fined 25 million US dollars.", "USD", "dollar"),
        ("He still owes his brother 300 quid.", "GBP", "pound sterling"),
        ("The prize is 2,000 pounds sterling.", "GBP", "pound sterling"),
        ("The stake is worth 10 billion kronor.", "SEK", "swedish krona"),
    ],
)
def test_currencies_named_in_words(find: Find, text: str, code: str, name: str) -> None:
    q = _only(find, text)
    assert (q.unit, q.unit_name) == (code, name)


@model
@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("The suspect, 34, was charged on Friday.", 34, "year of age"),
        ("The teenager, 16, was detained.", 16, "year of age"),
        ("The foal was only 8 weeks old.", 8, "week of age"),
        ("A 3-day-old calf was rescued.", 3, "day of age"),
    ],
)
def test_ages(find: Find, text: str, value: float, name: str) -> None:
    q = _only(find, text)
    assert (q.value, q.unit_name) == (value, name)


@model
def test_a_number_between_commas_after_a_thing_is_no_age(find: Find) -> None:
    assert all(q.unit != "age" for q in find("The company, 34, was fined."))


@model
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A 5,000-square-foot house was sold.", "ft2"),
        ("The 300-square-mile park reopened.", "mi2"),
        ("The 275 pound-feet engine roars.", "lb-ft"),
    ],
)
def test_a_unit_of_several_words_joined_by_hyphens(find: Find, text: str, code: str) -> None:
    assert _only(find, text).unit == code


@model
@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Sales slumped 8% in the quarter.", "down"),
        ("The rand weakened 1.5% against the dollar.", "down"),
        ("The shares rocketed 40% on the news.", "up"),
        ("The ad firm earned $3 million.", "="),  # 'firm' the noun
    ],
)
def test_more_verbs_of_rises_and_falls(find: Find, text: str, change: str) -> None:
    assert _only(find, text).change == change


@model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The trail is 12 mi long.", "mile"),
        ("It took 30 secs to load.", "second"),
        ("The filter stops 0.3 µm particles.", "micrometre"),  # the micro sign
        ("The drive holds 512 GiB of photos.", "gibibyte"),
        ("The camera shoots 60 fps in low light.", "frames per second"),
    ],
)
def test_unit_symbols_and_short_forms(find: Find, text: str, name: str) -> None:
    assert _only(find, text).unit_name == name


@model
def test_in_after_a_number_is_no_inch(find: Find) -> None:
    assert _only(find, "Put the kettle on at 5 in the morning.").unit is None


@model
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The club was sold for 2 billion pounds.", "GBP"),
        ("The deal is worth 30m pounds.", "GBP"),
        ("Officials recalled 2 million pounds of beef.", "lb"),
        ("The lineman weighs 308 pounds.", "lb"),
    ],
)
def test_pounds_after_a_scale_are_money(find: Find, text: str, code: str) -> None:
    assert _only(find, text).unit == code


def test_scaled_money_needs_a_currency(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("word\tkind\tvalue\npounds\tscaled_money\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="needs a value"):
        load_words(path, QuantityWords())


@model
@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The stock trades at barely 7 times earnings.", "~"),
        ("The deal values the firm north of $2 billion.", ">"),
        ("Tickets cost as little as $5 at the door.", ">"),  # the cheapest: at least $5
        ("Waves were as high as 9 metres in the bay.", "<"),
        ("The palace has circa 300 rooms.", "~"),
    ],
)
def test_more_qualifiers(find: Find, text: str, change: str) -> None:
    assert find(text)[0].change == change


@model
def test_a_bracketed_conversion_glued_to_a_hyphen(find: Find) -> None:
    found = find("The 12m (39ft)-high wall fell in the storm.")
    assert [(q.value, q.unit) for q in found] == [(12, "m"), (39, "ft")]


@model
def test_a_range_written_with_hyphens(find: Find) -> None:
    q = _only(find, "A 10-to-12-week course starts soon.")
    assert (q.value, q.value_max, q.unit) == (10, 12, "week")
    assert _only(find, "The board approved it by a 3-to-1 vote.").value == 3  # a ratio


@model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The bank earned $1.20 a share in the quarter.", "dollar per share"),
        ("Dinner costs £40 a head.", "pound sterling per head"),
        ("The rooms go for $200 a night.", "dollar per night"),
        ("The firm earned $3 a year ago.", "dollar"),  # no rate: 'a year ago'
    ],
)
def test_a_rate_after_a(find: Find, text: str, name: str) -> None:
    assert _only(find, text).unit_name == name


@model
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The fine is ₦50,000 for each offence.", "NGN"),
        ("A meal there is ₱250.", "PHP"),
        ("The bill came to 2 million dong.", "VND"),
    ],
)
def test_more_currency_signs_and_names(find: Find, text: str, code: str) -> None:
    assert _only(find, text).unit == code
