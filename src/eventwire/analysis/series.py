"""Dyad series: counts per period and quad class, intensity (sum and mean) and a cooperation-
conflict index, from clusters (one real-world event counts once) or reports."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..errors import InvalidOption, NoEvents
from ..kb import default
from ..store.base import SqlStore
from .frames import StoreOrCorpus, opened, units

PERIODS = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
SERIES_COLUMNS = [
    "period",
    "events",
    "q1",
    "q2",
    "q3",
    "q4",
    "intensity_sum",
    "intensity_mean",
    "coop",
    "conflict",
    "index",
    "ids",
]


def known_countries() -> frozenset[str]:
    """ISO3 codes of the package's countries (`kb.default()`)."""
    return frozenset(c.iso3 for c in default().countries)


def check_country(store: SqlStore, code: str) -> str:
    """The code upper-cased; unknown to the package and absent from the store is an E009."""
    code = code.strip().upper()
    if code in known_countries():
        return code
    found = store.fetchall(
        "SELECT count(*) FROM events WHERE source_country = ? OR target_country = ?", [code, code]
    )
    if not found[0][0]:
        raise InvalidOption(f"unknown country code {code!r}: use ISO 3166-1 alpha-3 (IRN, RUS)")
    return code


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise InvalidOption(f"--by: unknown value {by!r}; valid: {', '.join(PERIODS)}")
    return by


def period_starts(days: pd.Series, by: str) -> pd.Series:
    return days.dt.to_period(PERIODS[by]).dt.start_time


def _describe(a: str, b: str, since: dt.date | None, until: dt.date | None) -> str:
    span = f" from {since or 'the start'} to {until or 'the end'}" if since or until else ""
    return f"no events between {a} and {b}{span}"


def aggregate(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per period from the first to the last (empty periods are zeros)."""
    frame = frame.assign(period=period_starts(frame["day"], by))
    for quad in (1, 2, 3, 4):
        frame[f"q{quad}"] = (frame["quad_class"] == quad).astype(int)
    grouped = frame.groupby("period").agg(
        events=("id", "size"),
        q1=("q1", "sum"),
        q2=("q2", "sum"),
        q3=("q3", "sum"),
        q4=("q4", "sum"),
        intensity_sum=("intensity", "sum"),
        ids=("id", lambda ids: sorted(ids)),
    )
    everything = pd.period_range(frame["period"].min(), frame["period"].max(), freq=PERIODS[by])
    grouped = grouped.reindex(everything.start_time)
    grouped.index.name = "period"
    counts = ["events", "q1", "q2", "q3", "q4"]
    grouped[counts] = grouped[counts].fillna(0).astype(int)
    grouped["intensity_sum"] = grouped["intensity_sum"].fillna(0.0)
    grouped["ids"] = [ids if isinstance(ids, list) else [] for ids in grouped["ids"]]
    grouped["intensity_mean"] = (grouped["intensity_sum"] / grouped["events"]).where(
        grouped["events"] > 0
    )
    grouped["coop"] = grouped["q1"] + grouped["q2"]
    grouped["conflict"] = grouped["q3"] + grouped["q4"]
    total = grouped["coop"] + grouped["conflict"]
    grouped["index"] = ((grouped["coop"] - grouped["conflict"]) / total).where(total > 0)
    return grouped.reset_index()[SERIES_COLUMNS]


def dyad_series(
    store_or_corpus: StoreOrCorpus,
    a: str,
    b: str,
    by: str = "month",
    unit: str = "cluster",
    since: dt.date | None = None,
    until: dt.date | None = None,
    directed: bool = False,
) -> pd.DataFrame:
    """The series of events between countries a and b (either way unless `directed`)."""
    check_period(by)
    with opened(store_or_corpus) as store:
        a, b = check_country(store, a), check_country(store, b)
        frame = units(store, unit, since, until, by)
    forward = (frame["source"] == a) & (frame["target"] == b)
    backward = (frame["source"] == b) & (frame["target"] == a)
    frame = frame[forward if directed else forward | backward]
    if frame.empty:
        raise NoEvents(_describe(a, b, since, until))
    return aggregate(frame, by)
