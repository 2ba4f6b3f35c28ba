"""Quantities, issue 16, fourth round: more units after quantulum3's unit list (electronvolts,
radiation doses, light, gigatonnes, watt hours, cubic kilometres, short tons), units stuck to
the digits with a power ("32m2") and the inch sign ("25.5″"), temperatures written "180ºC",
"72 deg F" or "degrees centigrade", with their normalised names.
Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention
from eventwire.quantities.lexicon import unit_of
from eventwire.quantities.numbers import split_number

Find = Callable[[str], list[QuantityMention]]


@pytest.mark.parametrize(
    ("text", "value", "code", "name"),
    [
        ("The beam carried protons of 7 TeV around the ring.", 7, "TeV", "teraelectronvolt"),
        ("Workers there got 20 mSv over the year.", 20, "mSv", "millisievert"),
        ("The street lamps give 40 lux at ground level.", 40, "lux", "lux"),
        ("Emissions reached 36 gigatonnes last year.", 36, "Gt", "gigaton"),
        ("The home battery stores 13,500 Wh when full.", 13500, "Wh", "watt hour"),
        ("The reservoir holds 12 cubic kilometres when full.", 12, "km3", "cubic kilometre"),
        ("The statue weighs 2 short tons, the museum says.", 2, "short ton", "short ton"),
        ("The new flat has 45 m² of floor space.", 45, "m2", "square metre"),
        ("Its floor area is 32m2, the agent said.", 32, "m2", "square metre"),
        ("The neck measures 25.5″ from nut to saddle.", 25.5, "inch", "inch"),
        ("The pan reached 180ºC.", 180, "°C", "celsius"),
        ("The thermometer showed 72 deg F at noon.", 72, "°F", "fahrenheit"),
        ("Water boils at 100 degrees centigrade.", 100, "°C", "celsius"),
    ],
)
def test_more_units_with_their_names(
    find: Find, text: str, value: float, code: str, name: str
) -> None:
    found = [q for q in find(text) if q.value == value]
    assert len(found) == 1, find(text)
    assert (found[0].unit, found[0].unit_name) == (code, name)


def test_a_power_is_read_only_after_a_letter() -> None:
    assert split_number("32m2") == ("", 32.0, "m2")
    assert split_number("4x4") is None  # not a unit "x" squared
    assert split_number("10kW") == ("", 10.0, "kW")


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("The car emits 95 g/km on the test.", "g per km", "gram per kilometre"),
        ("The water held 3 mg/L of lead.", "mg per l", "milligram per litre"),
        ("The bottle holds 2 L of water.", "l", "litre"),
    ],
)
def test_a_rate_written_with_a_slash_from_two_units(
    find: Find, text: str, code: str, name: str
) -> None:
    found = find(text)
    assert [(q.unit, q.unit_name) for q in found][:1] == [(code, name)], found


def test_a_slash_between_numbers_or_money_is_no_rate() -> None:
    assert unit_of("km/h") is not None and unit_of("km/h").code == "km/h"  # type: ignore[union-attr]
    assert unit_of("$/oz") is None and unit_of("24/7") is None
