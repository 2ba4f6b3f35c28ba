"""Events as rows of GDELT 2.0's event table (the 61 tab-separated columns of its
`*.export.CSV` files, in its order, with no header row, as GDELT writes them); the columns with
no counterpart in eventwire are empty. The mapping is documented in docs/interop.md.

One row is one report: GDELT's counts of mentions, sources and articles are 1 (clusters in
`eventwire.analysis` count reports of the same event). Only asserted, non-negated events are
written: GDELT has no modality, and a feared attack read as an attack would be wrong."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from ..kb import KnowledgeBase

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
COLUMNS = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
# GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
_COUNTRY, _US_STATE, _US_CITY, _WORLD_CITY, _WORLD_STATE = 1, 2, 3, 4, 5
ROOT_SENTENCES = 2  # the headline and the lead: GDELT's "first paragraph"


def global_event_id(event_id: str) -> int:
    """GDELT's integer id, derived from eventwire's event id (60 bits of its SHA-256): the same
    event gets the same number in every export."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _day(record: dict[str, Any], document: dict[str, Any]) -> dt.date | None:
    value = (record.get("date") or {}).get("start") or document.get("published_at")
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _dates(day: dt.date | None) -> dict[str, Any]:
    if day is None:
        return {"Day": "", "MonthYear": "", "Year": "", "FractionDate": ""}
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return {
        "Day": day.strftime("%Y%m%d"),
        "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{fraction:.4f}",
    }


def _actor(kb: KnowledgeBase, prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    """CAMEO actor codes: a state's ISO3 code (GDELT's country codes are CAMEO's, ISO3 where
    they exist), an organisation's code as the known group, the sector as the type."""
    actor = actor or {}
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    is_state = bool(country) and kb.country(country) is not None
    name = str(actor.get("name") or actor.get("text") or "")
    return {
        f"{prefix}Code": country + sector,
        f"{prefix}Name": name.upper(),
        f"{prefix}CountryCode": country if is_state else "",
        f"{prefix}KnownGroupCode": "" if is_state else country,
        f"{prefix}Type1Code": sector,
    }


def _full_name(kb: KnowledgeBase, place: dict[str, Any]) -> str:
    country = kb.country(place["country"]) if place.get("country") else None
    parts = [place.get("name"), place.get("admin1"), country.name if country else None]
    names: list[str] = []
    for part in parts:
        if part and part not in names:
            names.append(str(part))
    return ", ".join(names)


def geo_type(place: dict[str, Any]) -> int:
    """GDELT's resolution of a place from its precision (a wider region counts as a country:
    GDELT has nothing coarser)."""
    precision, american = place.get("precision") or "point", place.get("country") == "USA"
    if precision == "point":
        return _US_CITY if american else _WORLD_CITY
    if precision == "admin1":
        return _US_STATE if american else _WORLD_STATE
    return _COUNTRY


def _action_geo(kb: KnowledgeBase, place: dict[str, Any] | None) -> dict[str, Any]:
    if not place:
        return {"ActionGeo_Type": 0}
    # ActionGeo_CountryCode is FIPS 10-4 in GDELT: left empty rather than filled with ISO
    # codes that mean other countries there (FIPS AU is Austria)
    return {
        "ActionGeo_Type": geo_type(place),
        "ActionGeo_FullName": _full_name(kb, place),
        "ActionGeo_Lat": place.get("lat"),
        "ActionGeo_Long": place.get("lon"),
        "ActionGeo_FeatureID": place.get("gazetteer_id") or "",
    }


def _cameo_codes(cameo: str) -> dict[str, Any]:
    return {"EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2]}


def gdelt_row(
    kb: KnowledgeBase,
    record: dict[str, Any],
    document: dict[str, Any],
    added: dt.datetime | None = None,
) -> dict[str, Any]:
    """One GDELT row of an event record (the JSON of `model.Event`) and its document (`url`,
    `outlet`, `published_at`); `added` is when the document was stored (DATEADDED)."""
    row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
    sentence = (record.get("evidence") or {}).get("sentence", 0)
    row.update(
        GlobalEventID=global_event_id(record["id"]),
        **_dates(_day(record, document)),
        **_actor(kb, "Actor1", record.get("source")),
        **_actor(kb, "Actor2", record.get("target")),
        IsRootEvent=int(sentence < ROOT_SENTENCES),
        **_cameo_codes(str(record.get("cameo") or "")),
        QuadClass=record.get("quad_class"),
        GoldsteinScale=record.get("intensity"),
        NumMentions=1,
        NumSources=1,
        NumArticles=1,
        **_action_geo(kb, record.get("location")),
        DATEADDED=added.strftime("%Y%m%d%H%M%S") if added else "",
        SOURCEURL=document.get("url") or document.get("outlet") or "",
    )
    return row


def gdelt_rows(
    kb: KnowledgeBase,
    events: Iterable[tuple[dict[str, Any], dict[str, Any], dt.datetime | None]],
) -> Iterator[dict[str, Any]]:
    """GDELT rows of (event record, document, when stored) triples; asserted events only."""
    for record, document, added in events:
        if record.get("modality", "asserted") == "asserted" and not record.get("negated"):
            yield gdelt_row(kb, record, document, added)
