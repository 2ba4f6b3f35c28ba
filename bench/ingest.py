"""Ingest throughput: documents and events per second through the whole corpus path (read
JSON Lines, code, store), with 1 process, 2 processes and a local Dask cluster of 2 workers,
and the peak memory of each (the RSS of all its processes together, sampled).

Usage: python bench/ingest.py [--limit 790] [--batch-size 32] [--json]

The articles are those of ../shared/data/geo/GWN.xml and lgl.xml (real web and local news),
written once to a JSON Lines file (title, text, url, date where the corpus has one). Each
configuration runs in a fresh process and ingests into an empty store: a DuckDB file for the
local engines (this process is the one writer); Parquet partitions, written by the workers,
for Dask. Start-up (loading the model in every worker) is timed apart from coding; rates are
over the coding run that follows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from contextlib import suppress
from pathlib import Path
from typing import Any

import psutil

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CORPORA = (SHARED / "geo" / "GWN.xml", SHARED / "geo" / "lgl.xml")
CONFIGS = {
    "1 process": ("local", 1),
    "2 processes": ("local", 2),
    "dask, 2 workers": ("dask", 2),
}


def write_corpus(path: Path, limit: int | None) -> int:
    """The geo corpora's articles as JSON Lines; returns how many."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for corpus in CORPORA:
            if not corpus.exists():
                sys.exit(f"error: {corpus} not found (the benchmark reads ../shared/data/geo/)")
            for article in ET.parse(corpus).getroot().iter("article"):
                text = (article.findtext("text") or "").strip()
                if not text or (limit is not None and n >= limit):
                    continue
                record = {
                    "title": article.findtext("title"),
                    "text": text,
                    "url": article.findtext("url") or article.findtext("link"),
                    "date": article.findtext("dltime"),
                }
                out.write(json.dumps(record) + "\n")
                n += 1
    return n


def run_one(engine_name: str, workers: int, corpus: Path, target: Path, batch: int) -> None:
    """In a child process: warm the engine, ingest, print the figures as JSON."""
    from eventwire.batch import IngestRequest, ParquetSink, QuietReporter, StoreSink
    from eventwire.batch.commands import current_coder, make_engine
    from eventwire.batch.runner import run_ingest
    from eventwire.store import DuckDBStore

    start = time.perf_counter()
    engine = make_engine(engine_name, workers, None, None)
    engine.warm()
    startup = time.perf_counter() - start
    sink: Any = ParquetSink(target) if engine_name == "dask" else StoreSink(DuckDBStore(target))
    try:
        request = IngestRequest([str(corpus)], batch_size=batch)
        summary = run_ingest(request, sink, engine, QuietReporter(), current_coder())
    finally:
        engine.close()
        sink.close()
    figures = {
        "documents": summary.documents_coded,
        "events": summary.events,
        "failed": summary.failed,
        "seconds": summary.seconds,
        "startup_seconds": startup,
    }
    print(json.dumps(figures))


class PeakMemory:
    """Samples the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.root = psutil.Process(pid)
        self.every = every
        self.peak = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.stopped.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
                total = 0
                for process in processes:
                    with suppress(psutil.Error):  # it ended between listing and reading
                        total += process.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self.stopped.wait(self.every)

    def stop(self) -> float:
        self.stopped.set()
        self.thread.join()
        return self.peak / 2**20


def measure(name: str, corpus: Path, tmp: Path, batch: int) -> dict[str, Any]:
    engine, workers = CONFIGS[name]
    target = tmp / f"{engine}-{workers}" / ("out" if engine == "dask" else "events.duckdb")
    target.parent.mkdir()
    command = [sys.executable, __file__, "--one", name, "--corpus", str(corpus)]
    command += ["--target", str(target), "--batch-size", str(batch)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    memory = PeakMemory(child.pid)
    out, _ = child.communicate()
    peak = memory.stop()
    if child.returncode != 0:
        sys.exit(f"error: the {name} run failed (status {child.returncode})")
    figures: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    seconds = figures["seconds"]
    return {
        "config": name,
        **figures,
        "documents_per_second": figures["documents"] / seconds,
        "events_per_second": figures["events"] / seconds,
        "peak_memory_mib": peak,
    }


def print_table(rows: list[dict[str, Any]], n_articles: int) -> None:
    print(f"ingest of {n_articles} articles (GWN + LGL), {os.cpu_count()} CPUs")
    header = f"{'configuration':<18}{'docs/s':>8}{'events/s':>10}{'docs':>6}{'events':>8}"
    print(header + f"{'coding s':>10}{'start-up s':>12}{'peak MiB':>10}")
    for r in rows:
        print(
            f"{r['config']:<18}{r['documents_per_second']:>8.2f}{r['events_per_second']:>10.2f}"
            f"{r['documents']:>6}{r['events']:>8}{r['seconds']:>10.1f}"
            f"{r['startup_seconds']:>12.1f}{r['peak_memory_mib']:>10.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N articles only")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--config", action="append", choices=list(CONFIGS), help="only these")
    parser.add_argument("--one", choices=list(CONFIGS), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--target", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(*CONFIGS[args.one], args.corpus, args.target, args.batch_size)
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "geo.jsonl"
        n_articles = write_corpus(corpus, args.limit)
        rows = [measure(name, corpus, tmp, args.batch_size) for name in args.config or CONFIGS]
    if args.json:
        print(json.dumps({"articles": n_articles, "cpus": os.cpu_count(), "runs": rows}, indent=2))
    else:
        print_table(rows, n_articles)


if __name__ == "__main__":
    main()
