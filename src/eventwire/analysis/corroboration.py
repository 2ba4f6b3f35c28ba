"""What a cluster's reports say together: how many, from how many outlets, who first, how they
state it, whom they cite, the range of their figures, and the best date and place."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from .reports import Report

# most precise first
_GRANULARITY = ("minute", "hour", "part_of_day", "day", "week", "month", "season", "quarter")
_PRECISION = ("point", "admin1", "country", "region")
_FAR = dt.date.max


def _rank(value: str | None, order: tuple[str, ...]) -> int:
    return order.index(value) if value in order else len(order)


def _commonest(values: list[Any]) -> Any:
    """The most frequent value, ties to the smallest (so the answer does not depend on order)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    return min((v for v, n in counts.items() if n == top), key=str)


def _best_date(reports: list[Report]) -> dict[str, Any]:
    dated = [r for r in reports if r.start is not None]
    if not dated:
        return {"date_start": None, "date_end": None, "date_granularity": None}
    best = min(_rank(r.granularity, _GRANULARITY) for r in dated)
    precise = [r for r in dated if _rank(r.granularity, _GRANULARITY) == best]
    start = _commonest([r.start for r in precise])
    chosen = min((r for r in precise if r.start == start), key=lambda r: (str(r.end), r.id))
    return {"date_start": start, "date_end": chosen.end, "date_granularity": chosen.granularity}


def _best_place(reports: list[Report]) -> dict[str, Any]:
    placed = [r for r in reports if r.location_name]
    empty = dict.fromkeys(("location_name", "location_country", "lat", "lon"))
    if not placed:
        return {**empty, "location_precision": None}
    best = min(_rank(r.precision or "point", _PRECISION) for r in placed)
    precise = [r for r in placed if _rank(r.precision or "point", _PRECISION) == best]
    name = _commonest([r.location_name for r in precise])
    chosen = min((r for r in precise if r.location_name == name), key=lambda r: r.id)
    return {
        "location_name": chosen.location_name,
        "location_country": chosen.location_country,
        "lat": chosen.lat,
        "lon": chosen.lon,
        "location_precision": chosen.precision or "point",
    }


def _figures(reports: list[Report]) -> dict[str, list[float]]:
    """Each casualty kind's figures as [lowest, highest]: 12-20 killed when reports differ."""
    ranges: dict[str, list[float]] = {}
    for report in reports:
        for kind, value in report.figures.items():
            low, high = ranges.get(kind, [value, value])
            ranges[kind] = [min(low, value), max(high, value)]
    return dict(sorted(ranges.items()))


def _first_report(reports: list[Report]) -> Report:
    return min(reports, key=lambda r: (r.published_at or r.day or _FAR, r.id))


def corroboration(reports: list[Report]) -> dict[str, Any]:
    """The JSON kept with a cluster (and shown by `eventwire clusters`)."""
    return {
        "documents": sorted({r.document_id for r in reports}),
        "events": [{"id": r.id, "document_id": r.document_id} for r in reports],
        "modalities": dict(sorted(Counter(r.modality for r in reports).items())),
        "negated": sum(r.negated for r in reports),
        "attribution_kinds": dict(
            sorted(Counter(r.attribution_kind or "none" for r in reports).items())
        ),
        "figures": _figures(reports),
    }


def cluster_row(cluster_id: str, reports: list[Report], version: str) -> dict[str, Any]:
    """The `clusters` row of one cluster (its reports sorted by id)."""
    reports = sorted(reports, key=lambda r: r.id)
    kind = _commonest([r.type for r in reports])
    of_kind = [r for r in reports if r.type == kind]
    source, target = _commonest([(r.source_country, r.target_country) for r in of_kind])
    first = _first_report(reports)
    return {
        "id": cluster_id,
        "version": version,
        "type": kind,
        "quad_class": of_kind[0].quad_class,
        "source_country": source,
        "target_country": target,
        **_best_date(reports),
        **_best_place(reports),
        "reports": len(reports),
        "outlets": len({r.outlet for r in reports if r.outlet}),
        "first_published": first.published_at,
        "first_outlet": first.outlet,
        "intensity": sum(r.intensity for r in reports) / len(reports),
        "corroboration": json.dumps(corroboration(reports)),
    }
