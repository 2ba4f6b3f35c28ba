"""What the corpus commands print: events as a table, CSV, JSON Lines or JSON; a store's stats;
the one-line summary of a run."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from ..store.export import event_object
from .runner import RunSummary


def write_events(
    columns: list[str], rows: Iterator[tuple[Any, ...]], fmt: str, out: TextIO | None = None
) -> int:
    """Write events in a format; returns how many."""
    stream = out or sys.stdout
    if fmt == "csv":
        return _csv(columns, rows, stream)
    if fmt == "table":
        return _table(columns, rows, stream)
    objects = (event_object(columns, row) for row in rows)
    if fmt == "jsonl":
        n = 0
        for obj in objects:
            stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
        return n
    events = list(objects)
    stream.write(json.dumps(events, indent=2, ensure_ascii=False) + "\n")
    return len(events)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _csv(columns: list[str], rows: Iterator[tuple[Any, ...]], stream: TextIO) -> int:
    writer = csv.writer(stream)
    shown = [c for c in columns if c != "record"]
    writer.writerow(shown)
    n = 0
    for row in rows:
        writer.writerow(_cell(v) for c, v in zip(columns, row, strict=True) if c != "record")
        n += 1
    return n


def _actor(values: dict[str, Any], role: str) -> str:
    country, sector = values[f"{role}_country"], values[f"{role}_sector"]
    if country is None and values[f"{role}_name"] is None:
        return "-"
    return " ".join(p for p in (country or "?", sector) if p)


def _table(columns: list[str], rows: Iterator[tuple[Any, ...]], stream: TextIO) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for name in ("date", "type", "source", "target", "modality", "where", "evidence"):
        table.add_column(name, overflow="fold" if name == "evidence" else "ellipsis")
    n = 0
    for row in rows:
        n += 1
        v = dict(zip(columns, row, strict=True))
        evidence = v["evidence"] or ""
        table.add_row(
            _cell(v["date_start"] or v["published_at"]),
            f"{v['type']} {v['cameo']}",
            _actor(v, "source"),
            _actor(v, "target"),
            v["modality"] + (" (negated)" if v["negated"] else ""),
            _cell(v["location_name"]),
            evidence if len(evidence) <= 120 else evidence[:117] + "...",
        )
    Console(file=stream, width=160 if not stream.isatty() else None).print(table)
    return n


def write_stats(stats: dict[str, Any], fmt: str, out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    if fmt == "json":
        stream.write(json.dumps(stats, indent=2, default=str) + "\n")
        return
    lines = [f"{stats['database']} (schema version {stats['schema_version']})"]
    lines.append("  " + ", ".join(f"{n} {t}" for t, n in stats["tables"].items()))
    span = stats["published"]
    lines.append(f"  published: {span['first'] or '-'} .. {span['last'] or '-'}")
    for key in ("events_by_type", "events_by_modality", "documents_by_coder"):
        counts = ", ".join(f"{k} {n}" for k, n in stats[key].items()) or "-"
        lines.append(f"  {key.replace('_', ' ')}: {counts}")
    dyads = ", ".join(f"{d['source']}-{d['target']} {d['events']}" for d in stats["top_dyads"])
    lines.append(f"  top dyads: {dyads or '-'}")
    for run in stats["runs"]:
        lines.append(
            f"  run {run['id']} {run['command']} {run['status']}: {run['documents_coded']} coded, "
            f"{run['documents_skipped']} skipped, {run['inputs_failed']} failed, "
            f"{run['events']} events" + (f", resumed {run['resumed']}x" if run["resumed"] else "")
        )
        lines.extend(
            f"    failed {f['location']}: {f['code']} {f['message']}" for f in run["failures"]
        )
    stream.write("\n".join(lines) + "\n")


def summary_line(summary: RunSummary, verb: str = "stored") -> str:
    seconds = max(summary.seconds, 1e-9)
    text = (
        f"{verb} {summary.documents_coded} documents and {summary.events} events in "
        f"{summary.seconds:.1f} s ({summary.documents_coded / seconds:.1f} docs/s, "
        f"{summary.events / seconds:.1f} events/s); {summary.documents_skipped} already stored "
        "or repeated"
    )
    if summary.failed:
        text += f"; {summary.failed} inputs failed (listed by `eventwire stats`)"
    return f"{text}; run {summary.run_id} in {summary.target}"
