"""Clustering at scale: N synthetic stored events (default 100,000: real-world events told by
1 to 4 reports each, 40 countries, a year of dates, texts from a small vocabulary), clustered
from scratch on one core; prints the time and the peak memory of the clustering process, and
how much of the time the stories took.

`--path store` (the default) brings a DuckDB store's clusters and stories up to date
(`update_clusters`, with `--blocking sql`, the default, or `python`); `--path dask` clusters
an export of it to Parquet on Dask (`eventwire clusters --parquet`: one worker thread in the
measured process; no stories). `--no-stories`: the store's clusters alone (`cluster_pending`).
`--events 1000000` for a million (about 12 minutes to build; `--db FILE` keeps it).

Usage: python bench/analysis_scale.py [--events 100000] [--db FILE] [--blocking sql|python]
                                      [--path store|dask] [--no-stories]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventwire.model import (
    Actor,
    CodedDocument,
    Document,
    Event,
    EventDate,
    EventQuantity,
    Evidence,
    Mention,
    Span,
)
from eventwire.store import DuckDBStore
from eventwire.store.rows import Provenance

COUNTRIES = [
    "USA", "RUS", "CHN", "IRN", "ISR", "SYR", "UKR", "TUR", "SAU", "IND", "PAK", "AFG", "IRQ",
    "EGY", "FRA", "DEU", "GBR", "JPN", "KOR", "PRK", "BRA", "MEX", "NGA", "ETH", "SDN", "YEM",
    "LBN", "JOR", "QAT", "ARE", "POL", "BLR", "KAZ", "AZE", "ARM", "GEO", "VEN", "COL", "CUB", "ZAF",
]  # fmt: skip
TYPES = [("CONSULT", 1, 1.0), ("AGREE", 1, 3.0), ("AID", 2, 7.0), ("ACCUSE", 3, -2.0),
         ("THREATEN", 3, -4.0), ("ASSAULT", 4, -9.0), ("PROTEST", 4, -6.5)]  # fmt: skip
WORDS = ["minister", "talks", "border", "troops", "shelling", "aid", "convoy", "sanctions", "protest", "capital", "envoy", "summit", "missile", "drone", "ceasefire", "refugees", "oil", "gas", "port", "village", "officials", "army", "rebels", "police", "election", "treaty", "grain", "bank", "embassy", "court"]  # fmt: skip
START = dt.date(2024, 1, 1)


def synthetic(n_events: int, seed: int = 7) -> Iterator[CodedDocument]:
    rng = random.Random(seed)
    made = 0
    while made < n_events:
        kind, quad, intensity = rng.choice(TYPES)
        source, target = rng.sample(COUNTRIES, 2)
        target = target if rng.random() > 0.2 else None
        day = START + dt.timedelta(days=rng.randrange(365))
        words = [*rng.sample(WORDS, 6), f"place{rng.randrange(5000)}", f"name{rng.randrange(5000)}"]
        killed = rng.randrange(1, 50) if quad == 4 else None
        for report in range(rng.randint(1, 4)):
            text = " ".join(rng.sample(words, 6)).capitalize() + "."
            doc_id = f"s{made:07d}"
            event = Event(
                id=f"{doc_id}-0",
                type=kind,
                cameo="010",
                quad_class=quad,
                intensity=intensity,
                trigger=Mention(text="x", start=0, end=1),
                source=Actor(text=source, name=source, country=source, span=Span(start=0, end=1)),
                target=target
                and Actor(text=target, name=target, country=target, span=Span(start=0, end=1)),
                date=EventDate(text=None, start=day, end=day, granularity="day"),
                quantities=[EventQuantity(text="n", value=killed, casualty="killed")]
                if killed
                else [],
                evidence=Evidence(sentence=0, start=0, end=len(text), text=text),
                confidence=0.8,
                coder="synthetic",
            )
            published = day + dt.timedelta(days=report % 2)
            yield CodedDocument(
                document=Document(
                    id=doc_id, text=text, published_at=published, outlet=f"o{report}"
                ),
                events=[event],
            )
            made += 1


def build(db: Path, n_events: int) -> None:
    """The store, 5,000 documents at a time (a million documents do not fit in memory)."""
    docs = synthetic(n_events)
    with DuckDBStore(db) as store:
        while batch := list(itertools.islice(docs, 5000)):
            store.save_new([(d, Provenance(coder="synthetic")) for d in batch])


def _timed(function: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    """The function, adding the wall and CPU seconds of each call to `spent`."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += time.process_time() - cpu

    return wrapper


def _in_store(db: Path, blocking: str, stories_too: bool) -> dict[str, Any]:
    import importlib

    clusters: Any = importlib.import_module("eventwire.analysis.clusters")  # the module
    stories = [0.0, 0.0]
    clusters.update_stories = _timed(clusters.update_stories, stories)
    with DuckDBStore(db) as store:
        store.execute("SET threads = 1")
        if not stories_too:  # the clusters alone, as on Dask
            for table in ("clusters", "cluster_members"):
                store.execute(f"DELETE FROM {table}")
            added = clusters.cluster_pending(store, clusters.ClusterConfig(), blocking)
            (count,) = store.fetchall("SELECT count(*) FROM clusters")[0]
            return {"clusters": int(count), "stories": 0, "events": added}
        result = clusters.update_clusters(store, full=True, blocking=blocking)
    return {
        "clusters": result.clusters,
        "stories": result.stories,
        "events": result.events_added,
        "stories_seconds": round(stories[0], 1),
        "stories_cpu": round(stories[1], 1),
    }


def _on_dask(directory: Path) -> dict[str, Any]:
    from dask.distributed import Client, LocalCluster

    from eventwire.analysis.parquet_clusters import cluster_parquet

    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        result = cluster_parquet(directory, directory.parent / "clusters-out", client=client)
    return {
        "clusters": result.clusters,
        "stories": 0,
        "events": result.events,
        "stories_seconds": 0,
    }


def cluster_here(target: Path, path: str, blocking: str, stories_too: bool) -> None:
    """The measured part, in a process of its own pinned to one core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    started, cpu = time.perf_counter(), time.process_time()
    result = _on_dask(target) if path == "dask" else _in_store(target, blocking, stories_too)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result |= {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_mb": round(peak_mb),
    }
    print(json.dumps(result))


def _measure(args: argparse.Namespace, target: Path) -> dict[str, Any]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    command = [sys.executable, __file__, "--measure", str(target), "--path", args.path,
               "--blocking", args.blocking, *(["--no-stories"] if args.no_stories else [])]  # fmt: skip
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="Keep the synthetic store here (reused if there).")
    parser.add_argument("--blocking", choices=["sql", "python"], default="sql")
    parser.add_argument("--path", choices=["store", "dask"], default="store")
    parser.add_argument("--no-stories", action="store_true", help="The clusters alone.")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        cluster_here(args.measure, args.path, args.blocking, not args.no_stories)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "scale.duckdb"
        if not db.exists():
            started = time.perf_counter()
            build(db, args.events)
            print(
                f"stored {args.events:,} synthetic events in {time.perf_counter() - started:.0f} s"
            )
        target = db
        if args.path == "dask":
            from eventwire.store.export import export

            target = Path(tmp) / "parquet"
            with DuckDBStore(db, read_only=True) as store:
                export(store, "parquet", target)
        result = _measure(args, target)
    how = "on Dask over Parquet" if args.path == "dask" else f"with {args.blocking} blocking"
    print(
        f"clustered {result['events']:,} events {how} on one core in {result['seconds']} s "
        f"({result['cpu_seconds']} s of CPU: the wall time counts waits for a shared core; "
        f"the stories {result.get('stories_seconds', 0)} s, {result.get('stories_cpu', 0)} s "
        f"of CPU of it), peak memory {result['peak_mb']} MB: "
        f"{result['clusters']:,} clusters, {result['stories']:,} stories "
        "(targets for 100,000: <= 120 s, <= 2048 MB)"
    )


if __name__ == "__main__":
    main()
