"""The roles a corpus sentence implies (training/events/implied.py): PLOVER's reading."""

from __future__ import annotations

from typing import Any

import pytest
from training.events.corpus import load
from training.events.implied import implied_roles
from training.events.render import Filled

NAMES = {"KEN": ("Kenya", "Kenyan"), "PER": ("Peru", "Peruvian")}


def names(iso: str) -> tuple[str, str]:
    return NAMES[iso]


def sentence(text: str, country: str, **roles: tuple[str, str]) -> Filled:
    """A written sentence: roles as role=(words, filler class); places after 'in'/'near'."""
    filled = Filled(text=text, country=country)
    for role, (words, cls) in roles.items():
        start = text.index(words)
        filled.roles[(role[0], int(role[1:]))] = (start, start + len(words))
        filled.classes[role] = cls
    for before in ("in", "near", "outside"):
        marker = f" {before} "
        if marker in text:
            start = text.index(marker) + len(marker)
            end = len(text.rstrip("."))
            filled.places.append(((start, end), before))
    return filled


def event(kind: str, cameo: str) -> dict[str, Any]:
    return {"type": kind, "cameo": cameo}


def words(filled: Filled, span: tuple[int, int] | None) -> str | None:
    return None if span is None else filled.text[span[0] : span[1]]


def test_a_one_sided_event_in_a_place_targets_the_place() -> None:
    filled = sentence(
        "Riot police imposed a curfew in Mombasa.", "KEN", s1=("Riot police", "police")
    )
    source, target = implied_roles(filled, 1, event("COERCE", "1723"), names)
    assert source is None and words(filled, target) == "Mombasa"


def test_the_government_in_its_own_state_takes_no_target() -> None:
    filled = sentence(
        "The interior ministry imposed a curfew in Mombasa.",
        "KEN",
        s1=("The interior ministry", "gov_body"),
    )
    assert implied_roles(filled, 1, event("COERCE", "1723"), names) == (None, None)
    named = sentence("Kenya imposed a curfew in Mombasa.", "KEN", s1=("Kenya", "country"))
    assert implied_roles(named, 1, event("COERCE", "1723"), names) == (None, None)


@pytest.mark.parametrize(
    ("text", "kind", "cameo"),
    [
        ("Farmers staged a sit-in near Mombasa.", "PROTEST", "144"),  # near: not where it is done
        ("Farmers met in Mombasa.", "CONSULT", "040"),  # symmetric: no direction
    ],
)
def test_no_target_near_a_place_or_for_a_symmetric_type(text: str, kind: str, cameo: str) -> None:
    filled = sentence(text, "KEN", s1=("Farmers", "protesters"))
    assert implied_roles(filled, 1, event(kind, cameo), names) == (None, None)


def test_a_protest_targets_its_protesters_own_government_when_they_name_it() -> None:
    kenyan = sentence("Kenyan teachers marched on Monday.", "KEN", s1=("Kenyan teachers", "x"))
    _, target = implied_roles(kenyan, 1, event("PROTEST", "141"), names)
    assert words(kenyan, target) == "Kenyan teachers"
    plain = sentence("Teachers marched on Monday.", "KEN", s1=("Teachers", "protesters"))
    assert implied_roles(plain, 1, event("PROTEST", "141"), names) == (None, None)


def test_an_agentless_coercion_is_the_state_s_act_but_an_arson_is_not() -> None:
    filled = sentence("Two activists were detained in Lima.", "PER", o1=("Two activists", "x"))
    source, _ = implied_roles(filled, 1, event("COERCE", "173"), names)
    assert words(filled, source) == "Lima"
    assert implied_roles(filled, 1, event("COERCE", "171"), names) == (None, None)
    assert implied_roles(filled, 1, event("ASSAULT", "190"), names) == (None, None)
    placeless = sentence("Peruvian students were detained.", "PER", o1=("Peruvian students", "x"))
    source, _ = implied_roles(placeless, 1, event("COERCE", "173"), names)
    assert words(placeless, source) == "Peruvian students"


def test_the_corpus_lists_every_implied_role_it_marks() -> None:
    records = load("all")
    implied = [(r, e) for r in records for e in r["events"] if e["implied"]]
    assert len(implied) >= 300
    for record, ev in implied:
        assert all(ev[role] is not None for role in ev["implied"]), record["id"]
        assert record["negative"] != "place_not_target", record["id"]
    kinds = {e["type"] for _, e in implied}
    assert {"PROTEST", "COERCE"} <= kinds


def test_the_role_model_never_learns_a_role_on_the_other_party_s_words() -> None:
    from training.events.train_roles import learnable_roles

    protest = {"implied": ["target"]}
    for places in (True, False):  # on the protesters' own words: never learnt
        assert learnable_roles(protest, {3}, {3}, places) == ({3}, set())
    assert learnable_roles(protest, {3}, {7}, places=True) == ({3}, {7})  # on the place
    assert learnable_roles(protest, {3}, {7}, places=False) == ({3}, set())
    agentless = {"implied": ["source"]}
    assert learnable_roles(agentless, {2}, {2}, places=True) == (set(), {2})
    assert learnable_roles({"implied": []}, {1}, {2}) == ({1}, {2})
