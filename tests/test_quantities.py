"""Quantities: digits and words, scale words, vague amounts, ranges, qualifiers, units, the noun
counted, rises and falls, casualty counts, and numbers that are not quantities."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.errors import KnowledgeError
from eventwire.model import QuantityMention
from eventwire.quantities import find_quantities
from eventwire.quantities.lexicon import QuantityWords, load_words, quantity_words
from eventwire.quantities.numbers import parse_number, parse_ordinal, parse_words, split_number

Find = Callable[[str], list[QuantityMention]]


def one(find: Find, text: str) -> QuantityMention:
    found = find(text)
    assert len(found) == 1, found
    return found[0]


# ---- numbers without the parse ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("twenty-four", 24),
        ("a hundred and five", 105),
        ("two thousand", 2000),
        ("one million two hundred thousand", 1_200_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("1,200", 1200),
        ("3.5", 3.5),
        ("2 1/2", 2.5),
    ],
)
def test_numbers_in_words_and_digits(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_words_that_are_not_cardinals_give_nothing() -> None:
    assert parse_words("twenty apples") is None
    assert parse_ordinal("third") == 3 and parse_ordinal("twenty-first") == 21
    assert parse_ordinal("5th") == 5 and parse_ordinal("several") is None


def test_units_and_signs_stuck_to_numbers() -> None:
    assert split_number("10kW") == ("", 10.0, "kW")
    assert split_number("+0.2") == ("+", 0.2, "")
    assert split_number("1.7bn") == ("", 1.7, "bn")
    assert split_number("COVID-19") is None


def test_quantity_word_files_are_checked(tmp_path: Path) -> None:
    words = quantity_words()
    assert words.units["per cent"].code == "%" and words.units["$"].kind == "currency_prefix"
    assert words.qualifiers["at least"] == ">=" and words.casualties["kill"] == "killed"
    bad = tmp_path / "words.tsv"
    bad.write_text("word\tkind\tvalue\nabout\tqualifier\tmaybe\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_words(bad, QuantityWords())
    bad.write_text("word\tkind\tvalue\nabout\tadverb\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_words(bad, QuantityWords())


# ---- quantities in parsed sentences ------------------------------------------------------

pytestmark_model = pytest.mark.model


@pytestmark_model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army called up 250,000 reservists.", (250000, None, "reservists")),
        ("Rebels seized twelve trucks.", (12, None, "trucks")),
        ("The bank lent 1.2 million dollars.", (1200000, "USD", None)),
        ("Thousands of protesters marched.", (1000, None, "protesters")),
        ("The border is 960 km long.", (960, "km", None)),
        ("They bought 6,000 kamikaze drones.", (6000, None, "kamikaze drones")),
        ("Moscow readied 300,000 new military recruits.", (300000, None, "military recruits")),
        ("Russia sent twenty-five tanks.", (25, None, "tanks")),
        ("The navy lost a dozen ships.", (12, None, "ships")),
        ("The fund holds $1.7bn.", (1.7e9, "USD", None)),
        ("The council spent £300m on roads.", (3e8, "GBP", None)),
        ("The storm dumped 5 tons of wheat into the river.", (5, "ton", "wheat")),
        ("The ship unloaded 5 tonnes of wheat.", (5, "t", "wheat")),
        ("Turnout was 62 per cent.", (62, "%", None)),
        ("Oil traded at US$58.24 per barrel.", (58.24, "USD per barrel", None)),
        ("The plant has a 10kW turbine.", (10, "kW", None)),
        ("The march covered 12 miles.", (12, "mile", None)),
        ("A 15-year-old boy was hurt.", (15, "age", None)),
        ("John Smith, 19, of Alexandria was charged.", (19, "age", None)),
        ("Jane Doe (42) was charged on Friday.", (42, "age", None)),  # age in brackets
        ("The singer turns 40 next week.", (40, "age", None)),
        ("Kids ages 5 to 10 go free.", (5, "age", None)),
    ],
)
def test_values_units_and_counted_nouns(
    find: Find, text: str, expected: tuple[float, str | None, str | None]
) -> None:
    assert expected in [(q.value, q.unit, q.counted) for q in find(text)]


@pytestmark_model
def test_vague_amounts_are_ranges(find: Find) -> None:
    q = one(find, "Hundreds of protesters marched.")
    assert (q.value, q.value_max, q.counted) == (100, 1000, "protesters")
    q = one(find, "Tens of thousands of people fled.")
    assert (q.value, q.value_max) == (10_000, 100_000)
    q = one(find, "Several hundred soldiers deserted.")
    assert (q.value, q.value_max) == (300, 900)
    assert find("Several soldiers deserted.") == []


@pytestmark_model
@pytest.mark.parametrize(
    ("text", "value", "top", "unit"),
    [
        ("Between 200 and 300 tanks crossed.", 200, 300, None),
        ("They sent 200 to 300 tanks.", 200, 300, None),
        ("The front moved 5-10 km.", 5, 10, "km"),
        ("Talks lasted two or three days.", 2, 3, "day"),
        ("Bail ranged from $200 to $4 million.", 200, 4_000_000, "USD"),
    ],
)
def test_ranges(find: Find, text: str, value: float, top: float, unit: str | None) -> None:
    q = one(find, text)
    assert (q.value, q.value_max, q.unit) == (value, top, unit)


@pytestmark_model
@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("At least 40 soldiers were killed.", "at least"),
        ("About 2,200 people voted.", "about"),
        ("Nearly 300 prisoners escaped.", "nearly"),
        ("Up to 5,000 troops may deploy.", "up to"),
        ("More than 150,000 people signed.", "more than"),
    ],
)
def test_approximations_are_kept(find: Find, text: str, qualifier: str) -> None:
    assert one(find, text).qualifier == qualifier


@pytestmark_model
@pytest.mark.parametrize(
    ("text", "casualty"),
    [
        ("At least 40 soldiers were killed.", "killed"),
        ("The blast injured 30 people.", "wounded"),
        ("Police arrested 14 protesters.", "arrested"),
        ("5,000 residents were displaced by the fighting.", "displaced"),
        ("Three journalists are missing.", "missing"),
        ("Gunmen abducted 20 students.", "kidnapped"),
        ("The attack left 12 dead.", "killed"),
        ("Officials reported 39 deaths.", "killed"),
        ("Hundreds of thousands of Syrians have been killed.", "killed"),
    ],
)
def test_casualty_counts(find: Find, text: str, casualty: str) -> None:
    assert [q.casualty for q in find(text)] == [casualty]


@pytestmark_model
def test_counts_of_things_are_not_casualties(find: Find) -> None:
    assert [q.casualty for q in find("Russia delivered 30 tanks.")] == [None]
    assert [q.casualty for q in find("The army has 300 officers.")] == [None]


@pytestmark_model
def test_killing_and_wounding_in_one_sentence(find: Find) -> None:
    found = find("The bomb went off in the market, killing 12 and wounding 30.")
    assert [(q.value, q.casualty) for q in found] == [(12, "killed"), (30, "wounded")]


@pytestmark_model
@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Prices rose 10% last month.", "up"),
        ("Exports fell by 3 percent.", "down"),
        ("The stock closed down 19 cents.", "down"),
        ("The index was +0.2% at noon.", "up"),
        ("The index stood at 5%.", "="),
    ],
)
def test_rises_and_falls(find: Find, text: str, change: str) -> None:
    assert one(find, text).change == change


@pytestmark_model
@pytest.mark.parametrize(
    "text",
    [
        "One of them left.",
        "The 2019 election was close.",
        "Voters in District 2 chose him.",
        "The hurricane reached category 4.",
        "Call 624-6622 for details.",
        "The fire started at 1935 Orchard St. in the night.",
        "Apple showed the iPhone 11 Pro.",
        "He placed No. 5 on the list.",
        "Coastal towns could be under water by 2150, the report warns.",
        "The bank sold its office at 12 E 45th St to a developer.",
    ],
)
def test_numbers_that_are_not_quantities(find: Find, text: str) -> None:
    assert find(text) == []


@pytestmark_model
def test_lone_number_words_and_excluded_tokens(parse: Callable[[str], Doc]) -> None:
    doc = parse("On 5 January, 30 people fled.")
    values = [q.value for q in find_quantities(doc, excluded={1})]
    assert values == [30]


@pytestmark_model
def test_mentions_point_at_their_text(find: Find) -> None:
    text = "Iran sold about $6 billion of drones and 1,000 tanks to Russia."
    for q in find(text):
        assert text[q.start : q.end] == q.text
    assert [q.text for q in find(text)] == ["$6 billion", "1,000"]


@pytestmark_model
def test_a_number_in_brackets_after_a_noun_is_no_age(find: Find) -> None:
    assert all(q.unit != "age" for q in find("The team scored 3 goals (12) in the game."))
    assert all(q.unit != "age" for q in find("The book turned 40 pages into a film."))


@pytestmark_model
def test_a_model_number_after_a_count_is_no_quantity(find: Find) -> None:
    """'three new 777 Max planes': 'three' counts the planes, '777' names the model."""
    found = find("The carrier ordered three new 777 Max planes last week.")
    assert [q.value for q in found] == [3.0]


@pytestmark_model
def test_a_year_after_its_owner_is_no_count(find: Find) -> None:
    """'the firm's 2018 sales': the year of the sales, not 2,018 of them."""
    found = find("The firm's 2018 sales rose 9 per cent, and its 2019 orders fell.")
    assert [q.value for q in found] == [9.0]
    assert [q.value for q in find("The firm's 2500 workers went on strike.")] == [2500.0]


@pytestmark_model
def test_a_hyphened_number_after_an_acronym_names(find: Find) -> None:
    """'MERS -12' is a name written with a stray space; '-19' after a word is minus 19."""
    assert [q.value for q in find("Hospitals shipped hundreds of MERS -12 samples.")] == [100.0]
    assert [q.value for q in find("The temperature fell to -19 degrees overnight.")] == [-19.0]
