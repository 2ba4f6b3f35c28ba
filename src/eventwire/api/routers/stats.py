"""GET /stats: what the store holds (the numbers of `eventwire stats`, less the runs' details
and the database's location, which are the operator's business)."""

from __future__ import annotations

from fastapi import APIRouter

from ...store.query import stats
from ..deps import SettingsDep, StoreDep
from ..schemas import StoreSummary
from .analysis import clusters_current

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=StoreSummary)
def get_stats(store: StoreDep, settings: SettingsDep) -> StoreSummary:
    summary = stats(store, runs=0)
    keys = StoreSummary.model_fields.keys() - {"writable", "clusters_current"}
    current = settings.allow_writes or clusters_current(store)
    return StoreSummary.model_validate(
        {k: summary[k] for k in keys}
        | {"writable": settings.allow_writes, "clusters_current": current}
    )
