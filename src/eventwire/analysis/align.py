"""Alignment: a country's share of its cooperation (and of its conflict) with each partner and
with each bloc, per period, with bootstrap intervals over clusters (or reports)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InvalidOption, NoEvents
from .blocs import load_blocs
from .frames import StoreOrCorpus, opened, units
from .series import check_country, check_period, period_starts

ALIGN_COLUMNS = [
    "period",
    "partner",
    "kind",
    "coop",
    "conflict",
    "coop_share",
    "coop_low",
    "coop_high",
    "conflict_share",
    "conflict_low",
    "conflict_high",
]


def _shares(
    members: np.ndarray, flags: np.ndarray, rng: np.random.Generator, samples: int
) -> tuple[int, float, float, float]:
    """Count, share and 95% bootstrap interval of `members` among the `flags` units."""
    count = int((members & flags).sum())
    total = int(flags.sum())
    if total == 0:
        return count, float("nan"), float("nan"), float("nan")
    draws = rng.integers(0, len(flags), size=(samples, len(flags)))
    hits = (members & flags)[draws].sum(axis=1)
    totals = flags[draws].sum(axis=1)
    ratios = np.divide(hits, totals, out=np.full(samples, np.nan), where=totals > 0)
    low, high = np.nanpercentile(ratios, [2.5, 97.5])
    return count, count / total, float(low), float(high)


def _partners(frame: pd.DataFrame, country: str) -> pd.DataFrame:
    mine = frame[(frame["source"] == country) | (frame["target"] == country)].copy()
    mine["partner"] = np.where(mine["source"] == country, mine["target"], mine["source"])
    return mine[mine["partner"].notna() & (mine["partner"] != country)]


def _period_rows(
    period: pd.Timestamp,
    group: pd.DataFrame,
    groups: dict[str, tuple[str, frozenset[str]]],
    rng: np.random.Generator,
    samples: int,
) -> list[dict[str, object]]:
    coop = group["quad_class"].isin([1, 2]).to_numpy()
    conflict = group["quad_class"].isin([3, 4]).to_numpy()
    partners = group["partner"].to_numpy()
    rows = []
    for name, (kind, members) in groups.items():
        inside = np.isin(partners, list(members))
        if not inside.any():
            continue
        n_coop, coop_share, coop_low, coop_high = _shares(inside, coop, rng, samples)
        n_conf, conf_share, conf_low, conf_high = _shares(inside, conflict, rng, samples)
        values = (period, name, kind, n_coop, n_conf, coop_share, coop_low, coop_high)
        rows.append(
            dict(zip(ALIGN_COLUMNS, (*values, conf_share, conf_low, conf_high), strict=True))
        )
    return rows


def alignment(
    store_or_corpus: StoreOrCorpus,
    country: str,
    by: str = "quarter",
    blocs: str | Path | None = None,
    unit: str = "cluster",
    since: dt.date | None = None,
    until: dt.date | None = None,
    samples: int = 200,
    seed: int = 0,
    within: str | None = None,
) -> pd.DataFrame:
    """Per period (`by`, or "all"), each partner's and bloc's share of `country`'s cooperation
    and conflict with any partner (or, with `within`, with that bloc's members only)."""
    if by != "all":
        check_period(by)
    bloc_members = load_blocs(blocs)
    if within is not None and within not in bloc_members:
        raise InvalidOption(f"--within: no bloc {within!r}; blocs: {', '.join(bloc_members)}")
    with opened(store_or_corpus) as store:
        country = check_country(store, country)
        frame = _partners(units(store, unit, since, until, by), country)
    if within is not None:
        frame = frame[frame["partner"].isin(bloc_members[within])]
    if frame.empty:
        raise NoEvents(f"no events between {country} and another country in that range")
    frame = frame.sort_values("id")
    frame["period"] = (
        pd.Timestamp(frame["day"].min()) if by == "all" else period_starts(frame["day"], by)
    )
    groups: dict[str, tuple[str, frozenset[str]]] = {
        p: ("country", frozenset([p])) for p in sorted(frame["partner"].unique())
    }
    groups.update({name: ("bloc", members) for name, members in bloc_members.items()})
    rng = np.random.default_rng(seed)
    rows = []
    for period, group in frame.groupby("period", sort=True):
        rows += _period_rows(pd.Timestamp(period), group, groups, rng, samples)
    return pd.DataFrame(rows, columns=ALIGN_COLUMNS)
