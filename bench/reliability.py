"""Reliability of corpus runs: SIGKILL at random moments, then `--resume`, against a clean run;
and concurrent PostgreSQL writers. Prints the trials and the failures (lost, duplicated,
aborted); the goal is 0 / 0 / 0.

Usage: python bench/reliability.py [--articles 60] [--trials 10] [--seed 17] [--writers 4]
       [--batches 50] [--postgres postgresql://127.0.0.1:5432/test] [--skip-postgres] [--json]

- The corpus: the first `--articles` articles of ../shared/data/geo/GWN.xml as JSON Lines.
- A clean run ingests it into a fresh DuckDB file: the document ids and event ids to expect.
- A kill trial starts `eventwire ingest` (batch size 4) into a fresh store, kills it with
  SIGKILL after a random delay (seeded: between the model being loaded and the run's end, as
  timed by the clean run), runs `eventwire ingest --resume`, and compares what is stored with
  the clean run: documents or events missing (lost), stored more than once or unexpected
  (duplicated), and runs that did not finish with status 0 (aborted). `--trials` on DuckDB
  and as many on PostgreSQL (each in a schema of its own, dropped afterwards).
- Concurrent writers: `--writers` processes ingest distinct inputs of `--batches` batches of 2
  short articles each into one PostgreSQL schema at once (the articles share their actors and
  places, so the writers insert the same `actors`/`places` rows); each must exit 0, and every
  document and event must be stored once (compared with a DuckDB run of the same inputs).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GWN = SHARED / "geo" / "GWN.xml"
KILL_BATCH = 4
COUNTRIES = ["Iran", "Russia", "China", "Turkey", "Iraq", "Egypt", "Israel", "Jordan", "France"]
VERBS = ["met", "signed a deal with", "accused", "threatened", "criticized", "praised"]


@dataclass
class Tally:
    trials: int = 0
    killed: int = 0  # trials whose run was still going when it was killed
    lost: int = 0  # trials that lost a document or an event
    duplicated: int = 0  # trials that stored one twice (or one the clean run did not)
    aborted: int = 0  # trials whose resume (or writer) did not exit 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Stored:
    documents: list[str]
    events: list[str]


def write_geo_corpus(path: Path, articles: int) -> None:
    if not GWN.exists():
        sys.exit(f"error: {GWN} not found (the benchmark reads ../shared/data/geo/)")
    with path.open("w", encoding="utf-8") as out:
        for article in itertools.islice(ET.parse(GWN).getroot().iter("article"), articles):
            text = (article.findtext("text") or "").strip()
            record = {"title": article.findtext("title"), "text": text}
            record["url"] = article.findtext("link")
            out.write(json.dumps(record) + "\n")


def write_short_corpus(path: Path, first: int, n: int) -> None:
    """n distinct short articles, numbered from `first`, sharing countries (actors, places)."""
    pairs = itertools.cycle(itertools.permutations(COUNTRIES, 2))
    verbs = itertools.cycle(VERBS)
    with path.open("w", encoding="utf-8") as out:
        for i in range(first, first + n):
            a, b = next(pairs)
            text = f"{a} {next(verbs)} {b} in Baghdad on Monday, officials said in bulletin {i}."
            out.write(json.dumps({"text": text, "date": "2023-02-13"}) + "\n")


def eventwire(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", "ingest", *args, "--quiet"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(eventwire(*args), capture_output=True, text=True, timeout=1800)


def stored(target: str) -> Stored:
    from eventwire.store import open_store

    with open_store(target, read_only=True) as store:
        documents = [str(r[0]) for r in store.fetchall("SELECT id FROM documents")]
        events = [str(r[0]) for r in store.fetchall("SELECT id FROM events")]
    return Stored(documents, events)


def compare(got: Stored, want: Stored, tally: Tally, trial: str) -> None:
    lost = (set(want.documents) - set(got.documents)) | (set(want.events) - set(got.events))
    counts = Counter(got.documents) + Counter(got.events)
    extra = (set(got.documents) - set(want.documents)) | (set(got.events) - set(want.events))
    twice = {key for key, n in counts.items() if n > 1} | extra
    if lost:
        tally.lost += 1
        tally.notes.append(f"{trial}: {len(lost)} lost")
    if twice:
        tally.duplicated += 1
        tally.notes.append(f"{trial}: {len(twice)} duplicated or unexpected")


def clean_run(corpus: Path, work: Path) -> tuple[Stored, float]:
    db = work / "clean.duckdb"
    start = time.perf_counter()
    result = run(str(corpus), "--db", str(db), "--batch-size", str(KILL_BATCH))
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"error: the clean run failed ({result.returncode}): {result.stderr.strip()}")
    return stored(str(db)), seconds


def kill_trial(
    corpus: Path, target: str, delay: float, tally: Tally, want: Stored, name: str
) -> None:
    process = subprocess.Popen(
        eventwire(str(corpus), "--db", target, "--batch-size", str(KILL_BATCH)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
        tally.killed += 1
    process.wait()
    resumed = run("--resume", "--db", target)
    if resumed.returncode == 1 and "nothing to resume" in resumed.stderr:
        # killed before its run was recorded, or after it completed: what a user does then
        resumed = run(str(corpus), "--db", target, "--batch-size", str(KILL_BATCH))
    tally.trials += 1
    if resumed.returncode != 0:
        tally.aborted += 1
        tally.notes.append(f"{name}: resume exited {resumed.returncode}: {resumed.stderr.strip()}")
        return
    compare(stored(target), want, tally, name)


def kill_trials(
    kind: str,
    corpus: Path,
    work: Path,
    want: Stored,
    span: tuple[float, float],
    args: argparse.Namespace,
) -> Tally:
    tally = Tally()
    rng = random.Random(f"{args.seed}-{kind}")
    start = time.perf_counter()
    for trial in range(args.trials):
        delay = rng.uniform(*span)
        if kind == "duckdb":
            target = str(work / f"kill-{trial}.duckdb")
            kill_trial(corpus, target, delay, tally, want, f"duckdb #{trial} at {delay:.1f}s")
        else:
            with pg_schema(args.postgres) as target:
                kill_trial(corpus, target, delay, tally, want, f"postgres #{trial} at {delay:.1f}s")
    tally.seconds = time.perf_counter() - start
    return tally


class pg_schema:
    """A URL to a fresh schema of the server, dropped on exit."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.schema = f"ew_bench_{secrets.token_hex(4)}"

    def __enter__(self) -> str:
        return f"{self.server}{'&' if '?' in self.server else '?'}schema={self.schema}"

    def __exit__(self, *exc: object) -> None:
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as con:
            con.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')


def concurrent_writers(work: Path, args: argparse.Namespace) -> Tally:
    tally = Tally()
    per_writer = 2 * args.batches
    inputs = []
    for w in range(args.writers):
        path = work / f"writer-{w}.jsonl"
        write_short_corpus(path, w * per_writer, per_writer)
        inputs.append(path)
    reference = work / "writers.duckdb"
    result = run(*map(str, inputs), "--db", str(reference), "--batch-size", "2")
    if result.returncode != 0:
        sys.exit(f"error: the reference run failed: {result.stderr.strip()}")
    want = stored(str(reference))
    start = time.perf_counter()
    with pg_schema(args.postgres) as url:
        run("--db", url, "--limit", "0", str(inputs[0]))  # the schema, migrated before the race
        writers = [
            subprocess.Popen(
                eventwire(str(path), "--db", url, "--batch-size", "2"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for path in inputs
        ]
        for w, process in enumerate(writers):
            _, err = process.communicate(timeout=1800)
            tally.trials += 1
            if process.returncode != 0:
                tally.aborted += 1
                tally.notes.append(f"writer {w} exited {process.returncode}: {err.strip()[-300:]}")
        compare(stored(url), want, tally, f"{args.writers} writers")
    tally.seconds = time.perf_counter() - start
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--batches", type=int, default=50)
    parser.add_argument("--postgres", default="postgresql://127.0.0.1:5432/test")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    began = time.perf_counter()
    results: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory(prefix="ew-reliability-") as tmp:
        work = Path(tmp)
        corpus = work / "geo.jsonl"
        write_geo_corpus(corpus, args.articles)
        want, seconds = clean_run(corpus, work)
        print(
            f"clean run: {len(want.documents)} documents, {len(want.events)} events, "
            f"{seconds:.1f} s",
            file=sys.stderr,
        )
        span = (min(3.0, seconds / 2), max(3.5, seconds * 0.95))  # from model load to the end
        results["SIGKILL + resume, DuckDB"] = kill_trials("duckdb", corpus, work, want, span, args)
        if not args.skip_postgres:
            results["SIGKILL + resume, PostgreSQL"] = kill_trials(
                "postgres", corpus, work, want, span, args
            )
            results[f"{args.writers} PostgreSQL writers x {args.batches} batches"] = (
                concurrent_writers(work, args)
            )
    report(results, time.perf_counter() - began, args.json)


def report(results: dict[str, Tally], seconds: float, as_json: bool) -> None:
    if as_json:
        print(json.dumps({k: asdict(v) for k, v in results.items()} | {"seconds": seconds}))
        return
    head = f"{'trials':>6} {'killed':>6} {'lost':>5} {'dup':>5} {'abort':>5} {'seconds':>8}"
    print(f"{'':40} {head}")
    for name, t in results.items():
        counts = f"{t.trials:6} {t.killed:6} {t.lost:5} {t.duplicated:5} {t.aborted:5}"
        print(f"{name:40} {counts} {t.seconds:8.0f}")
        for note in t.notes:
            print(f"    {note}")
    print(f"total {seconds:.0f} s")


if __name__ == "__main__":
    main()
