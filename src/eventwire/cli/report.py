"""What the corpus commands print: events as a table, CSV, JSON Lines or JSON; a store's stats;
the one-line summary of a run and its warnings."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from ..batch.summary import RunSummary
from ..store import SqlStore, open_store
from ..store.export import event_object
from ..store.query import EventFilter, select_events, stats


def events_command(db: str, event_filter: EventFilter, fmt: str) -> int:
    """Print the stored events that pass the filter; returns how many."""
    with open_store(db, must_exist=True, read_only=True) as store:
        columns, rows = select_events(store, event_filter, with_record=fmt in {"json", "jsonl"})
        return write_events(columns, rows, fmt)


def stats_command(db: str, fmt: str, runs: int = 5) -> dict[str, Any]:
    """Print what a store holds; returns it."""
    store: SqlStore
    with open_store(db, must_exist=True, read_only=True) as store:
        result = stats(store, runs)
    write_stats(result, fmt)
    return result


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


# (column, fixed width, share of the rest), as in render.py: dates keep all ten characters
_FULL = (
    ("date", 10, 0),
    ("type", 13, 0),
    ("source", 9, 0),
    ("target", 9, 0),
    ("modality", 10, 0),
    ("where", 0, 1),
    ("evidence", 0, 4),
)
_COMPACT = (
    ("date", 10, 0),
    ("type", 9, 0),
    ("source → target", 0, 2),
    ("modality", 10, 0),
    ("evidence", 0, 3),
)


def _table(columns: list[str], rows: Iterator[tuple[Any, ...]], stream: TextIO) -> int:
    """A table as wide as the terminal (or $COLUMNS); below FULL_TABLE_WIDTH columns, the
    place and the CAMEO code are left out and the actors share a column."""
    from rich.table import Table

    from .render import FULL_TABLE_WIDTH, output_console

    console = output_console(stream)
    compact = console.width < FULL_TABLE_WIDTH
    table = Table(show_lines=False, expand=True)
    for name, fixed, share in _COMPACT if compact else _FULL:
        table.add_column(name, overflow="fold", width=fixed or None, ratio=share or None)
    n = 0
    for row in rows:
        n += 1
        table.add_row(*_table_row(dict(zip(columns, row, strict=True)), compact))
    console.print(table)
    return n


def _table_row(v: dict[str, Any], compact: bool) -> list[str]:
    evidence = v["evidence"] or ""
    modality = v["modality"] + (" (negated)" if v["negated"] else "")
    cells = [_cell(v["date_start"] or v["published_at"])]
    if compact:
        cells += [v["type"], f"{_actor(v, 'source')} → {_actor(v, 'target')}", modality]
    else:
        cells += [f"{v['type']} {v['cameo']}", _actor(v, "source"), _actor(v, "target")]
        cells += [modality, _cell(v["location_name"])]
    return [*cells, evidence if len(evidence) <= 120 else evidence[:117] + "..."]


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
            f"{run['events']} events"
            + (f", resumed {run['resumed']}x" if run["resumed"] else "")
            + _document_counts(run)
        )
        lines.extend(
            f"    failed {f['location']}: {f['code']} {f['message']}" for f in run["failures"]
        )
    stream.write("\n".join(lines) + "\n")


def _document_counts(run: dict[str, Any]) -> str:
    undated, other = run.get("documents_undated", 0), run.get("documents_other_language", 0)
    return (f", {undated} undated" if undated else "") + (
        f", {other} not in English" if other else ""
    )


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


def run_warnings(summary: RunSummary, first_coded: str = "today") -> list[str]:
    """What a finished run must tell of the documents it stored, once each, with their count."""
    return document_warnings(
        summary.documents_undated, summary.documents_other_language, first_coded
    )


def document_warnings(undated: int, other_language: int, first_coded: str = "today") -> list[str]:
    """Warnings for documents without a publication date and documents not in English."""
    lines = []
    if undated:
        lines.append(
            f"warning: {_documents(undated)} no publication date: dates in them ('yesterday', "
            f"'on Monday', 'January 23') are resolved against the day they were first coded "
            f"({first_coded}) and marked inferred; give --date to anchor them"
        )
    if other_language:
        lines.append(
            f"warning: {_documents(other_language, 'are')} not in English: stored with their "
            "language and not coded, unless --language any codes them as English"
        )
    return lines


def _documents(n: int, verb: str = "have") -> str:
    singular = {"have": "has", "are": "is"}[verb]
    return f"1 document {singular}" if n == 1 else f"{n} documents {verb}"
