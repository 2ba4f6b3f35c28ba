"""Shift alerts on event series: change points (ruptures' PELT, a mean shift in the series)
and ACLED-style surges (a period at least `surge_ratio` times the mean of the four before it,
and at least `surge_floor` events), each with its size, dates and the clusters behind it."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import ruptures

from ..errors import InvalidOption, NoEvents
from .frames import StoreOrCorpus, opened, units
from .series import aggregate, check_country, check_period

SHIFT_COLUMNS = ["series", "kind", "start", "end", "before", "after", "size", "ratio", "ids"]
MEASURES = ("events", "coop", "conflict", "intensity_sum")
BUSIEST_DYADS = 10
_BEHIND = 4  # the periods after a change whose clusters are listed with the alert


def change_points(values: np.ndarray, penalty: float = 8.0, min_size: int = 3) -> list[int]:
    """Indices where a new segment starts. The penalty is scaled by the series' noise (the
    median absolute difference of neighbours), so it means the same for small and big series."""
    if len(values) < 2 * min_size:
        return []
    noise = np.median(np.abs(np.diff(values))) / 0.6745 / math.sqrt(2)
    scale = max(float(noise) ** 2, float(np.mean(values)), 1.0)  # counts: variance >= mean
    found = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(values.reshape(-1, 1))
    return [int(i) for i in found.predict(pen=penalty * scale * math.log(len(values)))[:-1]]


def surges(values: np.ndarray, ratio: float = 2.0, floor: int = 5, history: int = 4) -> list[int]:
    """Indices of periods at least `ratio` times the mean of the `history` before, and >= floor."""
    found = []
    for i in range(history, len(values)):
        mean = float(values[i - history : i].mean())
        if values[i] >= floor and values[i] >= ratio * mean:
            found.append(i)
    return found


def detect(
    name: str,
    series: pd.DataFrame,
    measure: str = "events",
    penalty: float = 8.0,
    surge_ratio: float = 2.0,
    surge_floor: int = 5,
) -> list[dict[str, object]]:
    """The alerts on one aggregated series (rows of `series.aggregate`)."""
    values = series[measure].to_numpy(dtype=float)
    periods = list(series["period"])
    ids = list(series["ids"])
    alerts = []
    bounds = [0, *change_points(values, penalty), len(values)]
    for k in range(1, len(bounds) - 1):
        start, cut, end = bounds[k - 1], bounds[k], bounds[k + 1]
        before, after = float(values[start:cut].mean()), float(values[cut:end].mean())
        behind = sorted(i for chunk in ids[cut : min(end, cut + _BEHIND)] for i in chunk)
        alerts.append(_alert(name, "change", periods[cut], periods[end - 1], before, after, behind))
    for i in surges(values, surge_ratio, surge_floor):
        before = float(values[i - 4 : i].mean())
        alerts.append(_alert(name, "surge", periods[i], periods[i], before, values[i], ids[i]))
    return alerts


def _alert(
    name: str,
    kind: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    before: float,
    after: float,
    ids: list[str],
) -> dict[str, object]:
    ratio = after / before if before else math.inf
    values = (name, kind, start, end, before, float(after), float(after) - before, ratio, ids)
    return dict(zip(SHIFT_COLUMNS, values, strict=True))


def _series_frames(frame: pd.DataFrame, a: str | None, b: str | None) -> dict[str, pd.DataFrame]:
    if a and b:
        pair = ((frame["source"] == a) & (frame["target"] == b)) | (
            (frame["source"] == b) & (frame["target"] == a)
        )
        return {f"{a}-{b}": frame[pair]}
    if a:
        return {a: frame[(frame["source"] == a) | (frame["target"] == a)]}
    dyads = frame.dropna(subset=["source", "target"])
    dyads = dyads[dyads["source"] != dyads["target"]]
    keys = ["-".join(sorted(p)) for p in zip(dyads["source"], dyads["target"], strict=True)]
    dyads = dyads.assign(dyad=keys)
    busiest = dyads["dyad"].value_counts().head(BUSIEST_DYADS).index
    return {key: dyads[dyads["dyad"] == key] for key in sorted(busiest)}


def shifts(
    store_or_corpus: StoreOrCorpus,
    a: str | None = None,
    b: str | None = None,
    by: str = "week",
    unit: str = "cluster",
    measure: str = "events",
    since: dt.date | None = None,
    until: dt.date | None = None,
    penalty: float = 8.0,
    surge_ratio: float = 2.0,
    surge_floor: int = 5,
) -> pd.DataFrame:
    """Alerts on the a-b dyad's series, on a's series (a only), or on the busiest dyads."""
    check_period(by)
    if measure not in MEASURES:
        raise InvalidOption(f"--measure: unknown value {measure!r}; valid: {', '.join(MEASURES)}")
    if b and not a:
        raise InvalidOption("give the first country of the dyad too")
    with opened(store_or_corpus) as store:
        a = check_country(store, a) if a else None
        b = check_country(store, b) if b else None
        frame = units(store, unit, since, until, by)
    chosen = {name: f for name, f in _series_frames(frame, a, b).items() if not f.empty}
    if not chosen:
        raise NoEvents(
            f"no events for {'-'.join(c for c in (a, b) if c) or 'any dyad'} in that range"
        )
    alerts = []
    for name, part in chosen.items():
        alerts += detect(name, aggregate(part, by), measure, penalty, surge_ratio, surge_floor)
    result = pd.DataFrame(alerts, columns=SHIFT_COLUMNS)
    return result.sort_values(["start", "series", "kind"], ignore_index=True)
