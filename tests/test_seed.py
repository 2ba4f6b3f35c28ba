"""The example article that started the project (docs/BRIEF.md, "The seed, as a user would see
it"). Every rule that makes these pass has its own unit test on other sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from eventwire.model import CodedDocument, Event

from .conftest import shared_path

pytestmark = pytest.mark.model
CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"}


@pytest.fixture(scope="module")
def seed(code: Callable[..., CodedDocument]) -> CodedDocument:
    text = shared_path("seed", "pivot_to_the_east.txt").read_text(encoding="utf-8")
    return code(text, dt.date(2023, 2, 12))


def find(coded: CodedDocument, kind: str, source: str, target: str | None) -> list[Event]:
    return [
        e
        for e in coded.events
        if e.type == kind
        and e.source is not None
        and e.source.country == source
        and (e.target.country if e.target else None) == target
    ]


def test_iran_russia_drone_deal_at_yelabuga_on_jan_5(seed: CodedDocument) -> None:
    deals = [
        e
        for e in find(seed, "AGREE", "IRN", "RUS") + find(seed, "AGREE", "RUS", "IRN")
        if e.date is not None and e.date.start == dt.date(2023, 1, 5)
    ]
    assert deals, "no Iran-Russia agreement dated 2023-01-05"
    deal = deals[0]
    assert deal.modality == "asserted" and not deal.negated
    assert (
        deal.location is not None
        and deal.location.name == "Yelabuga"
        and deal.location.country == "RUS"
    )
    assert deal.location.lat == pytest.approx(55.76, abs=0.05)
    assert deal.location.lon == pytest.approx(52.04, abs=0.05)
    assert any(q.value == 6000 and q.counted and "drones" in q.counted for q in deal.quantities)
    assert deal.attribution is not None and deal.attribution.kind == "intelligence"
    assert "US intelligence experts" in deal.attribution.text


def test_israeli_military_visit_to_bahrain_last_week(seed: CodedDocument) -> None:
    (visit,) = find(seed, "CONSULT", "ISR", "BHR")
    assert visit.source is not None and visit.source.sector == "MIL"
    assert visit.date is not None and visit.date.granularity == "week"
    assert visit.date.start <= dt.date(2023, 2, 5) and visit.date.end >= dt.date(2023, 1, 30)


def test_us_officials_in_israel_in_january_voicing_disapproval(seed: CodedDocument) -> None:
    visits = find(seed, "CONSULT", "USA", "ISR")
    assert visits and all(v.modality == "asserted" for v in visits)
    assert any(
        v.date and (v.date.start, v.date.end) == (dt.date(2023, 1, 1), dt.date(2023, 1, 31))
        for v in visits
    )
    disapproval = find(seed, "ACCUSE", "USA", "ISR")
    assert (
        disapproval and disapproval[0].target is not None and disapproval[0].target.sector == "GOV"
    )


def test_russia_mobilizes_recruits_and_tanks_as_a_plan(seed: CodedDocument) -> None:
    (mobilize,) = find(seed, "MOBILIZE", "RUS", "UKR")
    assert mobilize.modality == "planned"
    assert {q.value for q in mobilize.quantities} >= {300000, 1000}
    # "new military recruits" are Russian only by the paragraph's topic: an inference
    assert mobilize.source is not None and mobilize.source.country_inferred


def test_china_seeks_a_similar_deal_with_iran(seed: CodedDocument) -> None:
    (deal,) = find(seed, "AGREE", "CHN", "IRN")
    assert deal.modality == "intended"


def test_no_feared_or_planned_attack_is_reported_as_real(seed: CodedDocument) -> None:
    for e in seed.events:
        if e.type not in CONFLICT or e.modality != "asserted" or e.negated:
            continue
        target = e.target.country if e.target else None
        source = e.source.country if e.source else None
        assert target not in {"IRN", "TWN"}, e
        assert source not in {"USA", "ISR", "CHN"}, e
    feared = [
        e for e in seed.events if e.type == "ASSAULT" and e.target and e.target.country == "IRN"
    ]
    assert feared and all(e.modality == "feared" for e in feared)
    taiwan = [e for e in seed.events if e.target and e.target.country == "TWN"]
    assert taiwan and all(e.modality in {"planned", "intended"} for e in taiwan)
