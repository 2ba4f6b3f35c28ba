"""Quantities, issue 16, fourth round: a change and the level it reaches ('increased by $4
million to $30 million', 'rose 12 points to 3,400', 'cut its staff by 200 to 1,800'): the first
figure is the rise or fall, the second the level, and the two are not one range. Sentences
written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import QuantityMention

Find = Callable[[str], list[QuantityMention]]


def changes(find: Find, text: str) -> list[tuple[float, float | None, str | None]]:
    return [(q.value, q.value_max, q.change) for q in find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Revenue increased by $4 million to $30 million in the quarter.",
            [(4e6, None, "up"), (30e6, None, "=")],
        ),
        ("The benchmark rose 12 points to 3,400 on Friday.", [(12, None, "up"), (3400, None, "=")]),
        (
            "The carmaker cut its staff by 200 to 1,800 workers.",
            [(200, None, "down"), (1800, None, "=")],
        ),
        (
            "Output fell by 0.3 percentage points to 4.1 percent.",
            [(0.3, None, "down"), (4.1, None, "=")],
        ),
    ],
)
def test_the_change_then_the_level_it_reaches(
    find: Find, text: str, expected: list[tuple[float, float | None, str]]
) -> None:
    assert changes(find, text) == expected


def test_a_narrow_range_after_by_is_still_one_range(find: Find) -> None:
    assert changes(find, "Fares rose by 2 to 3 percent this spring.") == [(2, 3, "up")]


def test_a_floor_before_the_change_is_kept(find: Find) -> None:
    found = changes(find, "Its shares climbed more than 3% to 118p.")
    assert found == [(3, None, ">"), (118, None, "=")]
