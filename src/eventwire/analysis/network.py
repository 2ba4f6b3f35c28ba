"""Cooperation and conflict networks for a period: countries as nodes, source -> target edges
with counts, cooperation and conflict counts and intensity, exported for Gephi."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pandas as pd

from ..errors import InvalidOption, NoEvents
from .frames import StoreOrCorpus, opened, units

KINDS = {"all": (1, 2, 3, 4), "cooperation": (1, 2), "conflict": (3, 4)}
EDGE_COLUMNS = ["source", "target", "count", "coop", "conflict", "intensity_sum", "weight"]
NETWORK_FORMATS = ("gexf", "graphml")


def network_edges(
    store_or_corpus: StoreOrCorpus,
    since: dt.date | None = None,
    until: dt.date | None = None,
    unit: str = "cluster",
    kind: str = "all",
) -> pd.DataFrame:
    """One row per directed dyad with events of `kind` in the period."""
    if kind not in KINDS:
        raise InvalidOption(f"--kind: unknown value {kind!r}; valid: {', '.join(KINDS)}")
    with opened(store_or_corpus) as store:
        frame = units(store, unit, since, until)
    frame = frame.dropna(subset=["source", "target"])
    frame = frame[(frame["source"] != frame["target"]) & frame["quad_class"].isin(KINDS[kind])]
    if frame.empty:
        raise NoEvents("no events between two countries in that range")
    frame = frame.assign(
        coop=frame["quad_class"].isin([1, 2]).astype(int),
        conflict=frame["quad_class"].isin([3, 4]).astype(int),
    )
    edges = frame.groupby(["source", "target"], as_index=False).agg(
        count=("id", "size"),
        coop=("coop", "sum"),
        conflict=("conflict", "sum"),
        intensity_sum=("intensity", "sum"),
    )
    edges["weight"] = edges["count"]
    return edges.sort_values(["count", "source", "target"], ascending=[False, True, True])[
        EDGE_COLUMNS
    ].reset_index(drop=True)


def network(
    store_or_corpus: StoreOrCorpus,
    since: dt.date | None = None,
    until: dt.date | None = None,
    unit: str = "cluster",
    kind: str = "all",
) -> nx.DiGraph:
    """The directed graph of `network_edges`; nodes carry their event count."""
    edges = network_edges(store_or_corpus, since, until, unit, kind)
    graph = nx.DiGraph()
    for row in edges.itertuples(index=False):
        graph.add_edge(
            row.source,
            row.target,
            weight=int(row.weight),
            count=int(row.count),
            coop=int(row.coop),
            conflict=int(row.conflict),
            intensity_sum=float(row.intensity_sum),
        )
    for node in graph.nodes:
        graph.nodes[node]["events"] = int(
            sum(d["count"] for *_, d in graph.in_edges(node, data=True))
            + sum(d["count"] for *_, d in graph.out_edges(node, data=True))
        )
    return graph


def write_network(graph: nx.DiGraph, path: str | Path, fmt: str = "gexf") -> Path:
    if fmt not in NETWORK_FORMATS:
        raise InvalidOption(f"--format: unknown value {fmt!r}; valid: {', '.join(NETWORK_FORMATS)}")
    target = Path(path)
    if fmt == "gexf":
        nx.write_gexf(graph, target)
    else:
        nx.write_graphml(graph, target)
    return target
