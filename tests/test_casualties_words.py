"""Casualties, issue 16: counts of the dead and wounded that the words give, not one number:
people named one by one beside a number are added to it, 'many' is a vague range, 'both of
them' is two, a killer who killed himself is one. Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention

Find = Callable[[str], list[QuantityMention]]


def largest(find: Find, text: str, kind: str) -> QuantityMention | None:
    """The largest figure of one casualty kind, as the event record reads it."""
    figures = [q for q in find(text) if q.casualty == kind]
    return max(figures, key=lambda q: q.value, default=None)


@pytest.mark.parametrize(
    ("text", "kind", "total"),
    [
        ("A farmer and two of his sons were killed when the shell landed.", "killed", 3),
        ("Three nurses and a doctor were wounded at the clinic.", "wounded", 4),
        ("Officials said a guard, a nurse and four soldiers were killed.", "killed", 6),
    ],
)
def test_people_named_one_by_one_are_added_to_a_number(
    find: Find, text: str, kind: str, total: float
) -> None:
    figure = largest(find, text, kind)
    assert figure is not None and figure.value == total and figure.value_max is None
    assert figure.note is not None and "+" in figure.note


def test_the_number_keeps_its_own_figure_beside_the_sum(find: Find) -> None:
    found = find("A pilot and five passengers died in the crash.")
    assert sorted(q.value for q in found if q.casualty == "killed") == [5, 6]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Many villagers were killed in the raid.", "killed"),
        ("Many were wounded as the stand gave way.", "wounded"),
    ],
)
def test_many_people_is_a_vague_range(find: Find, text: str, kind: str) -> None:
    figure = largest(find, text, kind)
    assert figure is not None
    assert figure.value_max is not None and figure.value < figure.value_max
    assert figure.note is not None and figure.note.startswith("vague")


def test_many_things_are_no_casualties(find: Find) -> None:
    assert largest(find, "Many houses were destroyed by the flood.", "killed") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Both of them died on the way to the hospital.", 2),
        ("Several of the villagers were killed in the ambush.", 3),
    ],
)
def test_a_count_of_them_is_counted(find: Find, text: str, value: float) -> None:
    figure = largest(find, text, "killed")
    assert figure is not None and figure.value == value


def test_both_of_the_things_are_no_casualties(find: Find) -> None:
    assert largest(find, "Both of the trucks were destroyed.", "killed") is None


@pytest.mark.parametrize(
    "text", ["The attacker killed himself as police arrived.", "The woman killed herself."]
)
def test_a_killer_who_killed_himself_is_one(find: Find, text: str) -> None:
    figure = largest(find, text, "killed")
    assert figure is not None and figure.value == 1
