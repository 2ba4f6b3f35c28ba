"""The analysis layer: stories, event clusters and their corroboration, dyad series, alignment,
shift alerts and networks, read from the store (it never re-codes). See docs/analysis.md."""

from __future__ import annotations

from .align import alignment
from .blocs import load_blocs
from .clusters import ANALYSIS_VERSION, ClusterUpdate, update_clusters
from .frames import StoreOrCorpus, cluster_events, clusters
from .network import network, network_edges, write_network
from .rules import ClusterConfig
from .series import dyad_series
from .shifts import shifts

__all__ = [
    "ANALYSIS_VERSION",
    "ClusterConfig",
    "ClusterUpdate",
    "StoreOrCorpus",
    "alignment",
    "cluster_events",
    "clusters",
    "dyad_series",
    "load_blocs",
    "network",
    "network_edges",
    "shifts",
    "update_clusters",
    "write_network",
]
