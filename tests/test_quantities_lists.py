"""Quantities, issue 16: what rose or fell in a run of market figures (the name before each
figure, the level reached after it), figures said of a noun the parse leaves out, and the
direction of 'trending up', 'revised upward by', an elided 'by' and 'rose under'. Sentences
written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention

Find = Callable[[str], list[QuantityMention]]

pytestmark = pytest.mark.model


def by_text(found: list[QuantityMention]) -> dict[str, QuantityMention]:
    return {q.text: q for q in found}


def test_each_figure_of_a_ticker_line_is_about_the_name_before_it(find: Find) -> None:
    found = by_text(find("Markets at noon: Acme +1.5% Foo Bar 100 +0.7% Zeta +2.1%."))
    assert [found[t].concept for t in ("+1.5%", "+0.7%", "+2.1%")] == [
        "Acme",
        "Foo Bar 100",  # a name may end in a number
        "Zeta",
    ]


def test_a_list_of_fallers_and_the_levels_they_fell_to(find: Find) -> None:
    found = by_text(
        find("The top losers were Alpha Mining, down 12p at 340p, Beta Foods, down 3.5p at 88p.")
    )
    assert found["3.5p"].concept == "Beta Foods" and found["3.5p"].change == "down"
    assert found["88p"].concept == "Beta Foods"  # the level reached is about the same shares
    assert found["340p"].concept == "Alpha Mining"


def test_an_elided_verb_keeps_the_direction_and_takes_its_own_name(find: Find) -> None:
    found = by_text(find("Shares of Gamma were down 2.1%, Delta by 1.4% and Omega was down 0.9%."))
    assert (found["1.4%"].concept, found["1.4%"].change) == ("Delta", "down")
    assert found["2.1%"].concept == "Shares of Gamma"  # an of-phrase stays whole
    assert found["0.9%"].concept == "Omega"


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("The index is also trending up 0.4% today.", "up"),  # 'up' as a particle, a percent
        ("Profit forecasts were revised upward by $2 billion.", "up"),
        ("Orion rose under 2% on Tuesday.", "up"),  # the rise beats the bound
        ("The crew picked up 5 new contracts.", "="),  # a particle before a count: no rise
    ],
)
def test_the_direction_of_a_change(find: Find, text: str, change: str) -> None:
    assert find(text)[0].change == change


def test_a_figure_is_about_the_noun_before_its_verb_be(find: Find) -> None:
    (found,) = find("freq. of pulses was roughly 40 Hz.")
    assert found.concept is not None and "pulses" in found.concept


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Add 20 mL of dilute nitric acid.", "dilute nitric acid"),
        ("The lab stored 40 litres of liquid nitrogen.", "liquid nitrogen"),  # not the owner
    ],
)
def test_an_amount_of_a_substance_is_about_the_substance(
    find: Find, text: str, concept: str
) -> None:
    (found,) = find(text)
    assert found.concept == concept


def test_a_fall_after_an_aside_is_about_the_noun_before_the_aside(find: Find) -> None:
    found = by_text(
        find(
            "Tech, this years top performing sector, gained 1.1%, while banks, last years"
            " worst performing group, lost 0.7% on the day."
        )
    )
    assert (found["1.1%"].concept, found["0.7%"].concept) == ("Tech", "banks")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The maker sells four-, five- and six-cylinder engines.",
            [(4, "cylinder"), (5, "cylinder"), (6, "cylinder")],
        ),
        ("The 10- and 30-year bonds fell on Monday.", [(10, "year"), (30, "year")]),
    ],
)
def test_a_suspended_hyphen_takes_the_noun_of_the_last_number(
    find: Find, text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(q.value, q.unit_name) for q in find(text)] == expected


def test_a_minus_sign_is_no_suspended_hyphen(find: Find) -> None:
    assert [q.value for q in find("The index ended at -5 and the rate at 2 per cent.")][:1] == [-5]
