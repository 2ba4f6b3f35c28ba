"""Exports of a store to a directory: every table as Parquet or CSV (DuckDB writes both; from
PostgreSQL the rows come by COPY), events and documents as JSON Lines, and events with a place
as GeoJSON points."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from ..errors import InvalidOption, StoreError
from .base import SqlStore
from .duck import DuckDBStore
from .migrations import TABLES
from .postgres import PostgresStore
from .query import DOCUMENT_COLUMNS, EventFilter, as_json, select_events

FORMATS = ("parquet", "csv", "jsonl", "geojson", "acled", "gdelt", "plover")


def export(store: SqlStore, fmt: str, out_dir: str | Path) -> list[Path]:
    """Write the export; returns the files written."""
    if fmt not in FORMATS:
        raise InvalidOption(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot write to {out_dir}: {err.strerror}") from None
    if fmt in {"parquet", "csv"}:
        return [_table(store, table, fmt, out / f"{table}.{fmt}") for table in TABLES]
    if fmt == "jsonl":
        return [_events_jsonl(store, out / "events.jsonl"), _documents_jsonl(store, out)]
    if fmt == "acled":
        return [_acled_csv(store, out / "events_acled.csv")]
    if fmt == "gdelt":
        return [_gdelt_tsv(store, out / "events_gdelt.tsv")]
    if fmt == "plover":
        return [_plover_jsonl(store, out / "events_plover.jsonl")]
    return [_geojson(store, out / "events.geojson")]


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _table(store: SqlStore, table: str, fmt: str, path: Path) -> Path:
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
    if isinstance(store, DuckDBStore):
        store.execute(f"COPY (SELECT * FROM {table}) TO {_sql_path(path)} ({options})")
        return path
    if not isinstance(store, PostgresStore):
        raise StoreError(f"cannot export from {store.target}")
    if fmt == "csv":
        _copy_csv(store, table, path)
        return path
    with tempfile.TemporaryDirectory() as tmp:  # PostgreSQL -> CSV -> typed DuckDB -> Parquet
        csv_path = Path(tmp) / f"{table}.csv"
        _copy_csv(store, table, csv_path)
        _csv_to_parquet(table, csv_path, path)
    return path


def _copy_csv(store: PostgresStore, table: str, path: Path) -> None:
    try:
        with store.con.cursor() as cursor, open(path, "wb") as handle:
            sql = f"COPY (SELECT * FROM {table}) TO STDOUT WITH (FORMAT csv, HEADER)"
            with cursor.copy(sql) as copy:
                for data in copy:
                    handle.write(bytes(data))
    except store.driver_errors as err:
        raise StoreError(f"{store.target}: {err}") from None


def _csv_to_parquet(table: str, csv_path: Path, path: Path) -> None:
    """Read the CSV with the column types of our schema (not guessed) and write Parquet."""
    with DuckDBStore(":memory:") as memory:
        kinds = dict(
            memory.fetchall(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            )
        )
        with open(csv_path, encoding="utf-8") as handle:
            header = handle.readline().strip().split(",")
        columns = "{" + ", ".join(f"'{c}': '{kinds[c]}'" for c in header) + "}"
        source = f"read_csv({_sql_path(csv_path)}, header = true, columns = {columns})"
        memory.execute(f"COPY (SELECT * FROM {source}) TO {_sql_path(path)} (FORMAT parquet)")


def _write_lines(path: Path, lines: Iterator[str]) -> Path:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
    os.replace(tmp, path)
    return path


def _events_jsonl(store: SqlStore, path: Path) -> Path:
    return _write_lines(path, (json.dumps(o) for o in _event_objects(store)))


def _acled_csv(store: SqlStore, path: Path) -> Path:
    """Events with an ACLED counterpart, in ACLED's columns (see docs/interop.md)."""
    from ..interop.acled import COLUMNS, acled_rows
    from ..kb import default

    pairs = ((o, o["document"]) for o in _event_objects(store))
    header = [dict(zip(COLUMNS, COLUMNS, strict=True))]
    return _write_lines(path, _csv_lines(COLUMNS, chain(header, acled_rows(default(), pairs))))


def _csv_lines(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Each row as one CSV line (quoted as CSV quotes), for `_write_lines`."""
    for row in rows:
        buffer = io.StringIO()
        csv.DictWriter(buffer, columns, lineterminator="").writerow(row)
        yield buffer.getvalue()


def _event_objects(store: SqlStore) -> Iterator[dict[str, Any]]:
    """Every stored event as its full record with its document (see `event_object`)."""
    columns, rows = select_events(store, EventFilter(), with_record=True)
    return (event_object(columns, row) for row in rows)


def _gdelt_tsv(store: SqlStore, path: Path) -> Path:
    """Events in GDELT 2.0's event columns, tab-separated, no header (see docs/interop.md)."""
    from ..interop.gdelt import COLUMNS, gdelt_rows
    from ..kb import default

    added = dict(store.fetchall("SELECT id, coded_at FROM documents"))
    objects = _event_objects(store)
    triples = ((o, o["document"], added.get(o["document_id"])) for o in objects)
    lines = (
        "\t".join(_gdelt_cell(row[c]) for c in COLUMNS) for row in gdelt_rows(default(), triples)
    )
    return _write_lines(path, lines)


def _gdelt_cell(value: Any) -> str:
    # GDELT's fields hold no tabs or newlines: a name with one keeps its words
    return "" if value is None else " ".join(str(value).split())


def _plover_jsonl(store: SqlStore, path: Path) -> Path:
    """Events as POLECAT-style PLOVER objects, one per line (see docs/interop.md)."""
    from ..interop.plover import plover_records

    pairs = ((o, o["document"] | {"id": o["document_id"]}) for o in _event_objects(store))
    return _write_lines(path, (json.dumps(r, ensure_ascii=False) for r in plover_records(pairs)))


def event_object(columns: list[str], row: tuple[Any, ...]) -> dict[str, Any]:
    """The full event record with the document's id, date, title, URL and outlet beside it."""
    values = dict(zip(columns, row, strict=True))
    record: dict[str, Any] = as_json(values["record"])
    record["document_id"] = values["document_id"]
    record["document"] = {c: _plain(values[c]) for c in DOCUMENT_COLUMNS}
    return record


def _documents_jsonl(store: SqlStore, out: Path) -> Path:
    keys = ("id", "title", "text", "outlet", "url", "published_at", "language", "location")
    columns, rows = store.stream(f"SELECT {', '.join(keys)}, coder FROM documents ORDER BY id")

    def line(row: tuple[Any, ...]) -> str:
        values = {c: _plain(v) for c, v in zip(columns, row, strict=True)}
        values["coder"] = _versions(values["coder"])
        return json.dumps(values, ensure_ascii=False)

    return _write_lines(out / "documents.jsonl", (line(row) for row in rows))


def _versions(coder: str | None) -> Any:
    """The stage versions a document was coded with (JSON), or the label as stored."""
    try:
        return json.loads(coder) if coder else None
    except ValueError:
        return coder


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def _geojson(store: SqlStore, path: Path) -> Path:
    """A FeatureCollection of the events that have coordinates (properties: typed columns)."""
    columns, rows = select_events(store, EventFilter())
    located = (dict(zip(columns, row, strict=True)) for row in rows)
    features = (_feature(v) for v in located if v["lat"] is not None and v["lon"] is not None)
    return _write_lines(path, _feature_collection(features))


def _feature(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [values["lon"], values["lat"]]},
        "properties": {k: _plain(v) for k, v in values.items() if k not in {"lat", "lon"}},
    }


def _feature_collection(features: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The collection written feature by feature (a large store never sits in memory)."""
    yield '{"type": "FeatureCollection", "features": ['
    for n, feature in enumerate(features):
        yield ("" if n == 0 else ",") + json.dumps(feature, ensure_ascii=False)
    yield "]}"
