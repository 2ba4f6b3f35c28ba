"""PLOVER's reading of planned and announced acts (plover_view), beside tests/test_events.py's."""

from __future__ import annotations

import pytest

from eventwire.events.plover import plover_view
from eventwire.pipeline import coder


@pytest.mark.parametrize(
    ("kind", "modality", "negated", "expected"),
    [
        ("SANCTION", "planned", False, "THREATEN"),  # "will withdraw its inspectors"
        ("ASSAULT", "intended", False, "THREATEN"),  # "said it would strike"
        ("SANCTION", "planned", True, "SANCTION"),  # "will not cut ties": no threat
        ("ACCUSE", "planned", False, "ACCUSE"),  # a planned accusation is no threat
        ("RETREAT", "planned", False, "AGREE"),
    ],
)
def test_planned_conflict_is_a_threat(
    kind: str, modality: str, negated: bool, expected: str
) -> None:
    assert plover_view(kind, modality, negated, coder().kb.plover) == expected
