"""Quantities, issue 16, unit classes: tons against tonnes, a bare "rupee", pence named 'penny',
the rand stuck to its digits ("R3.5bn", not the "R18" of a model name), more currency signs,
British spellings ("microgrammes"), misspelt temperatures ("celcius"), "per annum" named 'per
year' and ages written "yo". Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention

Find = Callable[[str], list[QuantityMention]]


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("The barge carried 400 tons of gravel.", 400, "ton"),
        ("The barge carried 400 tonnes of gravel.", 400, "metric ton"),
        ("He paid 900 rupees for the ticket.", 900, "rupee"),
        ("The stock slipped to 245 pence.", 245, "penny"),
        ("The mine is worth R3.5bn, analysts said.", 3.5e9, "south african rand"),
        ("A flight to Perth costs AU$ 420.", 420, "australian dollar"),
        ("The fare is 300 ₡ on the bus.", 300, "costa rican colón"),
        ("A ride costs 40₾ there.", 40, "georgian lari"),
        ("The wallet holds 3.2 BTC.", 3.2, "bitcoin"),
        ("The soil held 12 microgrammes of lead.", 12, "microgram"),
        ("The pool is kept at 28 degrees celcius.", 28, "celsius"),
        ("The oven reached 400 degrees farenheit.", 400, "fahrenheit"),
        ("The kettle boils at 100° Celsius.", 100, "celsius"),
        ("It was 31 deg celsius in the shade.", 31, "celsius"),
        ("Sales grew 4% per annum.", 4, "percentage per year"),
        ("A 64 yo man was treated.", 64, "year of age"),
        ("The pipe is 8 dm long.", 8, "decimetre"),
    ],
)
def test_unit_classes_with_their_names(find: Find, text: str, value: float, name: str) -> None:
    found = [q for q in find(text) if q.value == pytest.approx(value)]
    assert len(found) == 1, find(text)
    assert found[0].unit_name == name


def test_a_sign_after_a_hyphen_names_a_model(find: Find) -> None:
    assert not [q for q in find("The trial of XT-R20 starts soon.") if q.value == 20]


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("The ticket cost eleven dollars and twenty cents.", 11.2, "dollar"),
        ("The toll is $4 and 75 cents.", 4.75, "dollar"),
        ("A coffee costs 2 euros 40 cents here.", 2.4, "euro"),
        ("Cleaners earn 15 euros and 60 cents an hour.", 15.6, "euro per hour"),
    ],
)
def test_dollars_and_cents_are_one_amount(find: Find, text: str, value: float, name: str) -> None:
    found = find(text)
    assert [(q.value, q.unit_name) for q in found] == [(pytest.approx(value), name)]


def test_cents_after_a_separate_amount_stay_apart(find: Find) -> None:
    found = find("The bus fare rose 12 cents to $3.")
    assert [q.value for q in found] == [12, 3]


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("Lambs are weaned at 8 weeks of age.", 8, "week of age"),
        ("The calf was 20 days of age.", 20, "day of age"),
        ("Most children walk by 15 months of age.", 15, "month of age"),
        ("The centre stands 7ft 1in tall.", 1, "inch"),
        ("The gate is 4 feet 6 in wide.", 6, "inch"),
    ],
)
def test_ages_in_weeks_and_inches_after_feet(
    find: Find, text: str, value: float, name: str
) -> None:
    found = [q for q in find(text) if q.value == value]
    assert len(found) == 1, find(text)
    assert found[0].unit_name == name


def test_in_after_a_bare_number_is_a_preposition(find: Find) -> None:
    assert [q.unit_name for q in find("The team scored 3 in the second half.")] == [None]


@pytest.mark.parametrize(
    ("text", "value", "concept"),
    [
        ("The 300-page book sold 2 million copies.", 300, "book"),
        ("The 300-page book sold 2 million copies.", 2e6, "book"),
        ("The club offered a $5m-a-year contract.", 5e6, "contract"),
        ("A 1,200 year-old church stands 3 miles from the town.", 3, "church"),
    ],
)
def test_a_concept_leaves_out_what_is_hyphened_to_a_number(
    find: Find, text: str, value: float, concept: str
) -> None:
    found = [q for q in find(text) if q.value == value]
    assert [q.concept for q in found] == [concept]


def test_a_change_with_an_aside_in_another_unit(find: Find) -> None:
    found = find("The index dropped 420 points, or 1.5%, to 27,600.")
    assert [(q.value, q.change, q.unit_name) for q in found] == [
        (420, "down", "point"),
        (1.5, "down", "percentage"),
        (27600, "=", "point"),
    ]


def test_a_count_that_says_by_how_much(find: Find) -> None:
    assert [(q.value, q.change) for q in find("The index slid 212 points on Friday.")] == [
        (212, "down")
    ]


@pytest.mark.parametrize(
    ("text", "low", "high", "name"),
    [
        ("The fix will cost $2.5-3bn.", 2.5e9, 3e9, "dollar"),
        ("The club paid €20-25m for the winger.", 20e6, 25e6, "euro"),
        ("Repairs may cost £1-2m.", 1e6, 2e6, "pound sterling"),
        ("The ridge is 3-4 km long.", 3, 4, "kilometre"),
    ],
)
def test_scaled_ranges(find: Find, text: str, low: float, high: float, name: str) -> None:
    assert [(q.value, q.value_max, q.unit_name) for q in find(text)] == [(low, high, name)]


def test_a_wave_in_metres_stays_metres(find: Find) -> None:
    assert [(q.value, q.value_max, q.unit) for q in find("A 5-10m wave hit the pier.")] == [
        (5, 10, "m")
    ]


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("The Fed lifted rates by half a percentage point.", 0.5, "percentage point"),
        ("The bank cut by a quarter of a percentage point.", 0.25, "percentage point"),
        ("The number of cases climbed to 41,000.", 41000, "case"),
        ("The governor, 58, was re-elected.", 58, "year of age"),
    ],
)
def test_parts_of_units_counts_of_number_and_roles(
    find: Find, text: str, value: float, name: str
) -> None:
    found = [q for q in find(text) if q.value == value]
    assert [q.unit_name for q in found] == [name]


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("The trust will pay a 9-cent-a-share dividend.", 9, "cent per share"),
        ("Holders were offered a $45-a-share price.", 45, "dollar per share"),
        ("The airline burns 3 billion gallons of fuel a year.", 3e9, "gallon per year"),
        ("The smelter makes 20,000 tonnes of zinc a year.", 20000, "metric ton per year"),
        ("The crane lifts 80t at full reach.", 80, "metric ton"),
        ("Tickets cost AUD$ 35 online.", 35, "australian dollar"),
    ],
)
def test_rates_after_a_hyphen_or_a_measured_noun(
    find: Find, text: str, value: float, name: str
) -> None:
    found = [q for q in find(text) if q.value == value]
    assert [q.unit_name for q in found] == [name]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The flat sold for a quarter million dollars.", 250000),
        ("The fund lost three quarters billion dollars.", 7.5e8),
        ("The county spent half million dollars on roads.", 500000),
    ],
)
def test_a_fraction_of_a_scale(find: Find, text: str, value: float) -> None:
    assert [(q.value, q.unit_name) for q in find(text)] == [(value, "dollar")]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The driver is believed to be in his 40s.", 40, 49),
        ("The woman, in her late 60s, was unhurt.", 60, 69),
        ("Both brothers are in their mid-50s.", 50, 59),
        ("Pupils aged six to 11 took part.", 6, 11),
    ],
)
def test_ages_by_decade_and_ranges_of_ages(find: Find, text: str, low: float, high: float) -> None:
    found = [q for q in find(text) if q.value == low]
    assert [(q.value_max, q.unit_name) for q in found] == [(high, "year of age")]


def test_a_decade_of_no_one_is_no_age(find: Find) -> None:
    assert not [q for q in find("Highs will be in the 30s all week.") if q.unit == "age"]


def test_degrees_below_zero_are_negative(find: Find) -> None:
    assert [(q.value, q.unit_name) for q in find("Lows reached 8 degrees below zero.")] == [
        (-8, "degree")
    ]


@pytest.mark.parametrize(
    "text",
    ["Route 9 runs along the coast.", "Leave the motorway at junction 12.", "Take exit 40 north."],
)
def test_a_number_that_names_a_road_or_exit(find: Find, text: str) -> None:
    assert find(text) == []


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("The bank trimmed rates by 50bp.", 50, "basis point"),
        ("Approval slipped 4 ppts in a month.", 4, "percentage point"),
    ],
)
def test_short_forms_of_points(find: Find, text: str, value: float, name: str) -> None:
    assert [(q.value, q.unit_name) for q in find(text)] == [(value, name)]


@pytest.mark.parametrize(
    "text", ["Cases topped 5,000 on Friday.", "Snowfall exceeded 40 cm overnight."]
)
def test_a_figure_passed_is_a_floor(find: Find, text: str) -> None:
    assert [q.change for q in find(text)] == [">"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("She will be 61 next spring.", True),
        ("He was 23 when he moved to Paris.", True),
        ("He was 2 of 9 finalists.", False),
        ("They were 4 points behind.", False),
    ],
)
def test_a_person_who_is_a_number(find: Find, text: str, age: bool) -> None:
    assert any(q.unit == "age" for q in find(text)) == age


@pytest.mark.parametrize(
    ("text", "inches"),
    [("The lock is 5ft 11 and quick.", 11), ("She stands 5 feet 4.", 4), ("It is 6ft 2in.", 2)],
)
def test_inches_after_feet(find: Find, text: str, inches: float) -> None:
    found = [q for q in find(text) if q.value == inches]
    assert [q.unit_name for q in found] == ["inch"]
    assert found[0].concept not in {"ft", "feet"}  # the feet are no concept of the inches


def test_a_number_after_feet_that_is_no_inches(find: Find) -> None:
    found = find("The boat sank 9 feet 300 yards offshore.")
    assert [q.unit_name for q in found] == ["foot", "yard"]


def test_a_sign_is_no_concept(find: Find) -> None:
    assert [q.concept for q in find("floor space ≈ 45m2.")] != ["≈"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("They paid two and a half million for it.", [2.5e6]),
        ("Tens of thousands marched, and a hundred and five were held.", [1e4, 105]),
        ("The club spent £300m on four-, five- and six-year deals.", [300e6, 4, 5, 6]),
        ("Half a million people and 3.5M viewers watched.", [5e5, 3.5e6]),
    ],
)
def test_numbers_with_joining_words_survive_the_quick_test(
    parse: Callable[[str], object], text: str, values: list[float]
) -> None:
    """Runs skip tokens that are no digit, number word or joining word ('of', 'and', 'a',
    '-', 'm'); the numbers made with such words are still read whole."""
    from eventwire.quantities import _after_currency
    from eventwire.quantities.runs import number_runs

    doc = parse(text)
    found = [run.value for run in number_runs(doc, set(), _after_currency(doc))]
    assert found == values
