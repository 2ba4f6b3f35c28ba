"""Clustering at scale: N synthetic stored events (default 100,000: real-world events told by
1 to 4 reports each, 40 countries, a year of dates, texts from a small vocabulary), clustered
from scratch on one core; prints the time and the peak memory of the clustering process.

Usage: python bench/analysis_scale.py [--events 100000] [--db FILE] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def synthetic(n_events: int, seed: int = 7) -> list[CodedDocument]:
    rng = random.Random(seed)
    docs: list[CodedDocument] = []
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
            docs.append(
                CodedDocument(
                    document=Document(
                        id=doc_id, text=text, published_at=published, outlet=f"o{report}"
                    ),
                    events=[event],
                )
            )
            made += 1
    return docs


def build(db: Path, n_events: int) -> None:
    docs = synthetic(n_events)
    with DuckDBStore(db) as store:
        for start in range(0, len(docs), 5000):
            store.save_new([(d, Provenance(coder="synthetic")) for d in docs[start : start + 5000]])


def cluster_here(db: Path) -> None:
    """The measured part, in a process of its own pinned to one core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from eventwire.analysis import update_clusters

    with DuckDBStore(db) as store:
        store.execute("SET threads = 1")
        started, cpu = time.perf_counter(), time.process_time()
        result = update_clusters(store, full=True)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "cpu_seconds": round(cpu, 1),
                "peak_mb": round(peak_mb),
                "clusters": result.clusters,
                "stories": result.stories,
                "events": result.events_added,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        cluster_here(args.measure)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "scale.duckdb"
        if not db.exists():
            started = time.perf_counter()
            build(db, args.events)
            print(
                f"stored {args.events:,} synthetic events in {time.perf_counter() - started:.0f} s"
            )
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        out = subprocess.run([sys.executable, __file__, "--measure", str(db)], env=env,
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        result = json.loads(out.splitlines()[-1])
    print(
        f"clustered {result['events']:,} events on one core in {result['seconds']} s "
        f"({result['cpu_seconds']} s of CPU: the wall time counts waits for a shared core), peak memory "
        f"{result['peak_mb']} MB: {result['clusters']:,} clusters, {result['stories']:,} stories "
        "(targets: <= 120 s, <= 2048 MB)"
    )


if __name__ == "__main__":
    main()
