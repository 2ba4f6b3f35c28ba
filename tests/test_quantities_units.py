"""Quantities, issue 16, third round: units read as written ("Nm" a newton metre, "nm" a
nanometre, "PS" metric horsepower, "12 C" Celsius, "5G" a network generation, "5g" grams) and
units of torque, electricity, pressure, energy and data, with their normalised names; the
loader's `case` column. Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.errors import KnowledgeError
from eventwire.model import QuantityMention
from eventwire.quantities.lexicon import QuantityWords, load_units, unit_of

Find = Callable[[str], list[QuantityMention]]


@pytest.mark.parametrize(
    ("text", "value", "code", "name"),
    [
        ("The new motor delivers 450 Nm to the rear wheels.", 450, "Nm", "newton metre"),
        ("Its chips are built on a 7 nm process.", 7, "nm", "nanometre"),
        ("The tuned engine makes 300 PS on the test bench.", 300, "PS", "horsepower"),
        ("The pond froze after a night at -12 C in the hills.", -12, "°C", "celsius"),
        ("Operators switched on 5G service in the capital.", 5, "G", "generation wireless"),
        ("Each bar holds 5g of sugar, the label says.", 5, "g", "gram"),
        ("The sample survived 113 GPa in the press.", 113, "GPa", "gigapascal"),
        ("A line carrying 400 kV crosses the valley.", 400, "kV", "kilovolt"),
        ("The twin engine gives 275 pound-feet of pull.", 275, "lb-ft", "pound-foot"),
        ("The cable carries 10 gigabits every second.", 10, "Gbit", "gigabit"),
        ("The phone has a 48 megapixel camera on the back.", 48, "MP", "megapixel"),
        ("The shortstop was worth 2.5 WAR last season.", 2.5, "WAR", "win above replacement"),
    ],
)
def test_units_read_as_written(find: Find, text: str, value: float, code: str, name: str) -> None:
    found = [q for q in find(text) if q.value == value]
    assert len(found) == 1, find(text)
    assert (found[0].unit, found[0].unit_name) == (code, name)


def test_the_other_case_is_no_such_unit() -> None:
    assert unit_of("Nm") != unit_of("nm")
    assert unit_of("G") is not None and unit_of("g") is not None
    assert unit_of("G").code != unit_of("g").code  # type: ignore[union-attr]
    assert unit_of("KM") == unit_of("km")  # an ordinary unit matches in any case
    assert unit_of("c") is None and unit_of("C") is not None
    assert unit_of("war") is None and unit_of("WAR") is not None  # "war" is a word


def test_a_capital_letter_after_a_model_number_is_read_as_the_unit(find: Find) -> None:
    # before, "450 Nm" read as a model name ("787 Dreamliner") and was dropped
    assert [q.text for q in find("It gives 450 Nm at low revs.")] == ["450 Nm"]


def _units_file(tmp_path: Path, row: str) -> Path:
    path = tmp_path / "units.tsv"
    path.write_text(f"word\tunit\tkind\tcase\n{row}\n", encoding="utf-8")
    return path


def test_the_case_column_is_checked(tmp_path: Path) -> None:
    words = QuantityWords()
    load_units(_units_file(tmp_path, "Xq\tXq\tlength\texact"), words)
    assert "Xq" in words.cased_units and "xq" not in words.units
    with pytest.raises(KnowledgeError, match="case must be"):
        load_units(_units_file(tmp_path, "Xq\tXq\tlength\tupper"), QuantityWords())


def test_a_rate_after_a_slash(find: Find) -> None:
    speed = next(
        q for q in find("The car reaches 100km/hr in under four seconds.") if q.value == 100
    )
    assert speed.unit_name == "kilometre per hour"
    rent = next(q for q in find("Offices let at $80/sq m last year.") if q.value == 80)
    assert rent.unit_name == "dollar per square metre"
