"""Event clusters within a link component: the reports that link (`rules.links`) form
components; a component is split by average linkage on its links, so that a group joins
another only when at least `ClusterConfig.cluster_link_share` of the pairs between them link.
One report that links to a report of each of two strikes no longer chains them into one
cluster (single linkage did).

A component is regrouped whole whenever a new report joins it, and its groups depend only on
its members (sorted by id), so clustering batch by batch gives what clustering at once gives."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from .reports import Report

# a component this large is kept whole (its pairs would cost minutes): a known limit
MAX_GROUPED = 1500


def component_id(members: Iterable[str]) -> str:
    return "k" + hashlib.sha1(min(members).encode()).hexdigest()[:15]


def groups_of(
    members: list[Report], linked: Callable[[Report, Report], bool], share: float
) -> list[list[Report]]:
    """The clusters of one component (its members in id order)."""
    members = sorted(members, key=lambda r: r.id)
    n = len(members)
    if n <= 2 or n > MAX_GROUPED:
        return [members]  # two reports in one component are linked
    links = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            links[i, j] = links[j, i] = linked(members[i], members[j])
    distance = 1.0 - links
    np.fill_diagonal(distance, 0.0)
    if not distance.any():  # every pair links: one cluster (the common case, and quick)
        return [members]
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, 1.0 - share, criterion="distance")
    grouped: dict[int, list[Report]] = {}
    for report, label in zip(members, labels, strict=True):
        grouped.setdefault(int(label), []).append(report)
    return sorted(grouped.values(), key=lambda g: g[0].id)
