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


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        ("Gunmen attempted to assassinate the governor of Kandahar.", "ASSAULT", "THREATEN"),
        ("The rebels have sworn to fight the Nigerian army.", "THREATEN", "ASSAULT"),
    ],
)
def test_an_attempt_is_the_act_and_a_vow_to_fight_a_threat(
    sentence: str, expected: str, absent: str
) -> None:
    from eventwire.ingest import make_document

    kb = coder().kb
    (doc,) = coder().code_documents([make_document(sentence)])
    views = {plover_view(e.type, e.modality, e.negated, kb.plover) for e in doc.events}
    assert expected in views and absent not in views, views


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        # an order to someone is a demand (CAMEO 10: "demands and orders")
        ("A Chilean court ordered the former minister to testify.", "REQUEST", "NONE"),
        # unless it orders troops or an arrest: the order is that act
        ("Turkey ordered more troops to the Syrian border.", "MOBILIZE", "REQUEST"),
        ("Ghana ordered the deployment of soldiers to the north.", "MOBILIZE", "REQUEST"),
        ("A Bolivian judge ordered the arrest of the former president.", "COERCE", "REQUEST"),
    ],
)
def test_an_order_is_a_demand_unless_it_orders_the_act(
    sentence: str, expected: str, absent: str
) -> None:
    from eventwire.ingest import make_document

    (doc,) = coder().code_documents([make_document(sentence)])
    types = {e.type for e in doc.events}
    assert expected in types and absent not in types, types


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        # forcing envoys, inspectors, a mission or aid agencies out is an expulsion (CAMEO 166)
        ("Burkina Faso forced the French ambassador out of Ouagadougou.", "SANCTION", "COERCE"),
        ("Sudan forced aid agencies out of Darfur.", "SANCTION", "COERCE"),
        # forcing people from their homes stays coercion
        ("Soldiers forced villagers out of their homes.", "COERCE", "SANCTION"),
    ],
)
def test_forcing_envoys_or_agencies_out_is_an_expulsion(
    sentence: str, expected: str, absent: str
) -> None:
    from eventwire.ingest import make_document

    (doc,) = coder().code_documents([make_document(sentence)])
    types = {e.type for e in doc.events}
    assert expected in types and absent not in types, types
