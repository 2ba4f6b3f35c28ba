"""Quantities, issue 16, fourth round: money written with an ISO code before the number ("CHF
100", "AED 200"), a dollar sign after letters stuck to the digits ("NZ$12", "S$300"), more
currency names ("Swiss francs", "zlotys", "dirhams", "bucks"), the cent sign, a scale joined by
a hyphen ("a $5-million deal") and "half a million". Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention

Find = Callable[[str], list[QuantityMention]]


@pytest.mark.parametrize(
    ("text", "value", "code", "name"),
    [
        ("Entry costs CHF 100 for adults.", 100, "CHF", "swiss franc"),
        ("The fee rose to AED 200 this year.", 200, "AED", "united arab emirates dirham"),
        ("Tickets start at NZ$12 in Auckland.", 12, "NZD", "new zealand dollar"),
        ("A meal there is S$30 or more.", 30, "SGD", "singapore dollar"),
        ("The fine was 100 Swiss francs.", 100, "CHF", "swiss franc"),
        ("Bread costs 5 zlotys in Warsaw.", 5, "PLN", "polish zloty"),
        ("He sold the bike for 15 bucks.", 15, "USD", "dollar"),
        ("Stamps cost 99¢ at the post office.", 99, "cent", "cent"),
        ("They signed a $5-million deal on Monday.", 5e6, "USD", "dollar"),
        ("The $5.4-billion contract was cancelled.", 5.4e9, "USD", "dollar"),
        ("He paid half a million dollars for it.", 5e5, "USD", "dollar"),
        ("The bank raised CHF1.2m from the sale.", 1.2e6, "CHF", "swiss franc"),
        ("A ticket costs Rs.500 in Delhi.", 500, "INR", "indian rupee"),
        ("The fund took in INR500 that day.", 500, "INR", "indian rupee"),
    ],
)
def test_money_with_its_currency(find: Find, text: str, value: float, code: str, name: str) -> None:
    found = [q for q in find(text) if q.value == pytest.approx(value)]
    assert len(found) == 1, find(text)
    assert (found[0].unit, found[0].unit_name) == (code, name)


def test_a_code_is_a_currency_only_in_capitals(find: Find) -> None:
    assert [q.unit for q in find("The sek 100 label is a typo.")] != ["SEK"]


def test_a_hyphen_between_two_numbers_is_not_a_scale(find: Find) -> None:
    assert [(q.value, q.value_max) for q in find("The vote ended 5-10 in the end.")] == [(5, 10)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Offices lease at $80 per sq m.", ["dollar per square metre"]),
        (
            "The 9 billion shekels ($2.4 billion) a year industry is at risk.",
            ["shekel per year", "dollar per year"],
        ),
        ("Rents are 300 euros (about $330) a month.", ["euro per month", "dollar per month"]),
    ],
)
def test_a_rate_after_an_aside_or_at_the_end(find: Find, text: str, names: list[str]) -> None:
    assert [q.unit_name for q in find(text)] == names


def _bench_unit(text: str, unit: str, name: str) -> str:
    """The unit name bench/quantities.py scores against NewsQuant for a hand-made quantity."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "quantities.py"
    spec = importlib.util.spec_from_file_location("bench_quantities", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    mention = QuantityMention(text=text, start=0, end=len(text), value=1, unit=unit, unit_name=name)
    return str(bench.newsquant_unit(mention))


@pytest.mark.parametrize(
    ("text", "unit", "name", "scored"),
    [
        ("118.5p", "GBX", "penny", "point"),  # NewsQuant names the symbol p 'point'
        ("68 p", "GBX", "penny", "point"),
        ("1112 p.", "GBX", "penny", "point"),
        ("40 pence", "GBX", "penny", "penny"),  # the word keeps its own name
        ("£5", "GBP", "pound sterling", "pound sterling"),
    ],
)
def test_the_bench_names_pence_written_p_as_newsquant_does(
    text: str, unit: str, name: str, scored: str
) -> None:
    assert _bench_unit(text, unit, name) == scored
