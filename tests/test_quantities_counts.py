"""Quantities, issue 16, round 2: how a count is named when no unit word stands next to its
number (the counted noun with its describing words, before the number too), a share of
something unnamed, and a level after a change ('rose 8.15% to 3.65') that keeps no percent.
Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention

Find = Callable[[str], list[QuantityMention]]


def named(find: Find, text: str, value: float) -> str | None:
    found = [q for q in find(text) if q.value == pytest.approx(value)]
    assert len(found) == 1, find(text)
    return found[0].unit_name


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("The striker scored a record 41 goals in the spring.", 41, "record goal"),
        ("Only the top four teams go through to the final.", 4, "top team"),
        ("The last two elections were close.", 2, "last election"),
        ("She hired four different lawyers.", 4, "different lawyer"),
    ],
)
def test_a_count_is_named_with_its_describing_words(
    find: Find, text: str, value: float, name: str
) -> None:
    assert named(find, text, value) == name


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("An estimated 300 people marched.", 300, "people"),  # a participle is left out
        ("The combined 12 stores closed.", 12, "store"),
        ("Thousands of the protesters stayed.", 1000, "protester"),
    ],
)
def test_words_that_do_not_describe_the_count_stay_out(
    find: Find, text: str, value: float, name: str
) -> None:
    assert named(find, text, value) == name


def test_a_share_of_nothing_named_is_a_bare_percent_sign(find: Find) -> None:
    assert named(find, "The firm has 90 staff, almost half of whom work abroad.", 0.5) == "%"
    assert named(find, "A third of the voters stayed home.", 1 / 3) == "% voter"


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("Acme shares rose 6.2% to 4.15 after the results.", 4.15, None),
        ("Mileage rose from 14-18 mpg to 24 this year.", 24, "mile per gallon"),
    ],
)
def test_a_level_after_a_change_keeps_no_unit_of_the_change(
    find: Find, text: str, value: float, name: str | None
) -> None:
    assert named(find, text, value) == name


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 closed higher on Friday.",
        "London's FTSE 100 slipped at the open.",
        "Half of the Fortune 500 firms use the tool.",
    ],
)
def test_a_stock_index_or_list_number_is_a_name(find: Find, text: str) -> None:
    assert all(q.value not in {100, 500} for q in find(text)), find(text)


def test_a_count_after_an_index_name_is_still_a_count(find: Find) -> None:
    assert [q.value for q in find("The index rose 500 points.")] == [500]


def test_two_describing_words_joined_by_and_both_name_the_count(find: Find) -> None:
    text = "The band sold 4.3 million digital and physical albums."
    assert named(find, text, 4_300_000) == "digital physical album"


def test_an_and_between_numbers_does_not_join_their_names(find: Find) -> None:
    text = "The maker offers four-, five- and six-cylinder engines."
    assert named(find, text, 5) == "cylinder"


def test_an_amount_converted_into_a_unit_written_as_is_keeps_the_bound(find: Find) -> None:
    found = find("The engine makes just under 296 hp (224 kW / 300 PS) and 450 Nm.")
    assert [(q.value, q.change) for q in found] == [
        (296, "<"),
        (224, "<"),
        (300, "<"),
        (450, "="),
    ]
