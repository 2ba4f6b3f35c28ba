"""The analysis layer: stories, event clusters and their corroboration, dyad series, alignment,
shift alerts and networks, read from the store (it never re-codes). See docs/analysis.md."""

from __future__ import annotations

from .clusters import ANALYSIS_VERSION, ClusterUpdate, update_clusters
from .rules import ClusterConfig

__all__ = ["ANALYSIS_VERSION", "ClusterConfig", "ClusterUpdate", "update_clusters"]
