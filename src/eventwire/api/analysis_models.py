"""Bodies of the analysis endpoints: the rows of `eventwire.analysis`'s tables (see
docs/analysis.md), typed, and a helper that turns a DataFrame into them."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from pydantic import BaseModel, Field


class ClusterRef(BaseModel):
    id: str
    document_id: str


class Cluster(BaseModel):
    """One real-world event: the reports of it and how they agree."""

    id: str
    story_id: str | None = None
    type: str
    quad_class: int
    source_country: str | None = None
    target_country: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_granularity: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    location_precision: str | None = None
    reports: int
    outlets: int
    first_published: dt.date | None = None
    first_outlet: str | None = None
    intensity: float | None = None
    documents: list[str] = Field(default_factory=list)
    events: list[ClusterRef] = Field(default_factory=list)
    modalities: dict[str, int] = Field(default_factory=dict)
    negated: int = 0
    attribution_kinds: dict[str, int] = Field(default_factory=dict)
    figures: dict[str, list[float]] = Field(default_factory=dict)


class SeriesPoint(BaseModel):
    period: dt.date = Field(description="First day of the period.")
    events: int
    q1: int
    q2: int
    q3: int
    q4: int
    intensity_sum: float
    intensity_mean: float | None = None
    coop: int
    conflict: int
    index: float | None = Field(None, description="(coop - conflict) / (coop + conflict).")
    ids: list[str] = Field(description="The clusters (or events) behind the point.")


class AlignmentRow(BaseModel):
    period: dt.date
    partner: str
    kind: str = Field(description="country or bloc")
    coop: int
    conflict: int
    coop_share: float | None = None
    coop_low: float | None = None
    coop_high: float | None = None
    conflict_share: float | None = None
    conflict_low: float | None = None
    conflict_high: float | None = None


class ShiftAlert(BaseModel):
    series: str
    kind: str = Field(description="change or surge")
    start: dt.date
    end: dt.date | None = None
    before: float
    after: float
    size: float
    ratio: float | None = None
    ids: list[str] = Field(default_factory=list)


class NetworkEdge(BaseModel):
    source: str
    target: str
    count: int
    coop: int
    conflict: int
    intensity_sum: float
    weight: int


class NetworkNode(BaseModel):
    id: str
    events: int


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


def plain(value: Any) -> Any:
    """A DataFrame cell as JSON-able Python: dates as dates, NaN as None, numpy as Python."""
    if value is None or type(value).__name__ == "NaTType":
        return None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    if hasattr(value, "item") and not isinstance(value, list | dict):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):  # numpy array
        return [plain(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def records(frame: Any) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
