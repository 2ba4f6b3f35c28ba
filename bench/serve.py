"""Load test of `eventwire serve`: a store of 100,000 synthetic events, 50 concurrent clients
for 30 s on GET /events with filters (country, dyad, type, quad class, modality, dates, text),
all to 127.0.0.1. Prints requests, errors, requests/s and p50/p95/p99 latency (goal: p95 <=
200 ms and no errors on a 2-core machine).

The server's CPU time per request is printed too: on a machine others load it is the figure
to compare, where latencies are not. `--page-cache 0` has the server keep no pages, so that
every request does the whole work (what a page costs the first time it is asked for).

Usage: python bench/serve.py [--events 100000] [--clients 50] [--seconds 30] [--workers 1]
       [--store PATH]   (the store is built once and kept at PATH; default: a temp dir)
       [--page-cache N] (pages the server keeps; default: its own default)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from eventwire.model import (
    Actor,
    CodedDocument,
    Document,
    Event,
    EventDate,
    EventLocation,
    Evidence,
    Mention,
    Span,
)
from eventwire.store import DuckDBStore, Provenance

COUNTRIES = ["IRN", "RUS", "USA", "CHN", "ISR", "UKR", "TUR", "SYR", "IRQ", "SAU", "IND", "PAK"]
TYPES = {"CONSULT": 1, "AGREE": 1, "AID": 2, "COOPERATE": 2, "ACCUSE": 3, "THREATEN": 3,
         "ASSAULT": 4, "COERCE": 4}  # fmt: skip
MODALITIES = ["asserted"] * 6 + ["planned", "feared", "denied", "threatened"]
EVENTS_PER_DOCUMENT = 10
START = dt.date(2015, 1, 1)


def synthetic_document(n: int, rng: random.Random) -> CodedDocument:
    """A document of ten one-sentence events between random countries on random days."""
    text, events = "", []
    published = START + dt.timedelta(days=rng.randrange(3650))
    for k in range(EVENTS_PER_DOCUMENT):
        source, target = rng.sample(COUNTRIES, 2)
        kind = rng.choice(list(TYPES))
        start = len(text)
        sentence = f"{source} acted on {target} in town {k} of document {n}. "
        text += sentence
        day = published - dt.timedelta(days=rng.randrange(5))
        events.append(
            Event(
                id=f"e{n:06d}{k}",
                type=kind,
                cameo="010",
                quad_class=TYPES[kind],
                intensity=rng.uniform(-10, 10),
                trigger=Mention(text="acted", start=start + 4, end=start + 9),
                source=Actor(
                    text=source, name=source, country=source, span=Span(start=start, end=start + 3)
                ),
                target=Actor(
                    text=target,
                    name=target,
                    country=target,
                    span=Span(start=start + 13, end=start + 16),
                ),
                modality=rng.choice(MODALITIES),  # type: ignore[arg-type]
                date=EventDate(text=None, start=day, end=day, granularity="day"),
                location=EventLocation(
                    text=f"town {k}",
                    name=f"Town {k}",
                    lat=rng.uniform(-60, 70),
                    lon=rng.uniform(-180, 180),
                ),
                evidence=Evidence(
                    sentence=k, start=start, end=start + len(sentence), text=sentence
                ),
                confidence=rng.random(),
                coder="bench",
            )
        )
    document = Document(
        id=f"d{n:06d}",
        title=f"Document {n}",
        text=text,
        outlet=rng.choice(["Wire", "Daily", "Post"]),
        published_at=published,
    )
    return CodedDocument(document=document, events=events)


def build_store(path: Path, events: int) -> None:
    rng = random.Random(15)
    started = time.perf_counter()
    with DuckDBStore(path) as store:
        batch: list[tuple[CodedDocument, Provenance]] = []
        for n in range(events // EVENTS_PER_DOCUMENT):
            batch.append((synthetic_document(n, rng), Provenance(coder="bench")))
            if len(batch) == 1000:
                store.save_new(batch)
                batch = []
        if batch:
            store.save_new(batch)
        stored = store.count("events")
    print(f"store: {stored:,} events in {path} ({time.perf_counter() - started:.0f} s to build)")


def random_query(rng: random.Random) -> dict[str, Any]:
    """One of the filters an analyst combines, with a page of 50."""
    a, b = rng.sample(COUNTRIES, 2)
    year = rng.randrange(2015, 2025)
    choices: list[dict[str, Any]] = [
        {"country": a},
        {"dyad": f"{a},{b}"},
        {"dyad": f"{a},{b}", "type": rng.choice(list(TYPES))},
        {"country": a, "quad_class": rng.randrange(1, 5), "since": f"{year}-01-01"},
        {"type": rng.choice(list(TYPES)), "modality": "feared"},
        {"since": f"{year}-03-01", "until": f"{year}-06-30", "country": a},
        {"q": f"town {rng.randrange(10)}", "country": a},
    ]
    return {**rng.choice(choices), "limit": 50}


async def client_loop(port: int, until: float, seed: int, out: dict[str, list[Any]]) -> None:
    """One client on one kept-alive connection, asking as fast as it is answered. Plain HTTP/1.1
    on asyncio streams: a load generator must cost far less than the server it measures."""
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            target = "/events?" + urlencode(random_query(rng), doseq=True)
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(exchange(reader, writer, target), timeout=30)
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as err:
                out["failures"].append(type(err).__name__)
                status = 0
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            out["latencies"].append(time.perf_counter() - started)
            if status != 200:
                out["errors"].append(status)
    finally:
        writer.close()


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: str) -> int:
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(v) for k, _, v in (x.partition(":") for x in lines[1:]) if k.lower() == "content-length"
    )
    await reader.readexactly(length)
    return status


async def load(port: int, clients: int, seconds: float) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"latencies": [], "errors": [], "failures": []}
    until = time.perf_counter() + seconds
    await asyncio.gather(*(client_loop(port, until, n, out) for n in range(clients)))
    return out


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children so far (Linux /proc): what a
    request costs the server, whatever else the machine is doing."""
    total = 0.0
    for proc in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    store: Path, port: int, workers: int, page_cache: int | None = None
) -> subprocess.Popen[bytes]:
    if workers == 1:
        command = [
            sys.executable,
            "-m",
            "eventwire",
            "serve",
            "--db",
            str(store),
            "--port",
            str(port),
        ]
    else:  # several processes, each with the app of the factory
        command = [sys.executable, "-m", "uvicorn", "--factory", "bench.serve_app:app", "--port", str(port),
                   "--host", "127.0.0.1", "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    env = {**os.environ, "EVENTWIRE_BENCH_DB": str(store)}
    if page_cache is not None:
        env["EVENTWIRE_API_PAGE_CACHE"] = str(page_cache)
    server = subprocess.Popen(command, env=env, cwd=Path(__file__).resolve().parents[1])
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/stats", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--page-cache", type=int, help="pages the server keeps (0: none)")
    args = parser.parse_args()
    store = args.store or Path(tempfile.mkdtemp(prefix="eventwire-bench-")) / "events.duckdb"
    if not store.exists():
        build_store(store, args.events)
    port = free_port()
    server = start_server(store, port, args.workers, args.page_cache)
    try:
        cpu_before = cpu_seconds(server.pid)
        out = asyncio.run(load(port, args.clients, args.seconds))
        out["server_cpu"] = [cpu_seconds(server.pid) - cpu_before]
    finally:
        server.terminate()
        server.wait(timeout=10)
    report(out, args)


def report(out: dict[str, list[Any]], args: argparse.Namespace) -> None:
    latencies = sorted(out["latencies"])
    if not latencies:
        raise SystemExit("no request finished")
    cut = statistics.quantiles(latencies, n=100)
    print(
        f"GET /events with filters: {args.clients} clients, {args.seconds:.0f} s, "
        f"{args.workers} server process(es), {os.cpu_count()} CPU cores"
        + ("" if args.page_cache is None else f", page cache {args.page_cache}")
    )
    print(
        f"requests {len(latencies):,}  errors {len(out['errors'])}  {len(latencies) / args.seconds:.0f} requests/s"
    )
    print(
        f"latency ms: p50 {1000 * cut[49]:.0f}  p95 {1000 * cut[94]:.0f}  p99 {1000 * cut[98]:.0f}  max {1000 * latencies[-1]:.0f}"
    )
    cpu = out.get("server_cpu", [0.0])[0]
    print(
        f"server CPU: {1000 * cpu / len(latencies):.1f} ms a request; load average {os.getloadavg()[0]:.1f}"
    )
    if out["failures"]:
        print("failures:", ", ".join(sorted(set(out["failures"]))))
    print(
        "goal (p95 <= 200 ms, no errors):",
        "met" if cut[94] <= 0.2 and not out["errors"] else "NOT met",
    )


if __name__ == "__main__":
    main()
