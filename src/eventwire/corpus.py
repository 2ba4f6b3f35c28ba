"""A stored corpus, read from Python: `eventwire.open(db)` gives a read-only `Corpus` whose
methods return pandas DataFrames (events with the filters of `eventwire events`, documents,
the analysis layer's clusters and dyad series) and run SQL over the store's tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, get_args

from .errors import InvalidOption, StoreError
from .model import PLOVER_TYPES, Modality
from .results import event_row, events_frame
from .store import PostgresStore, SqlStore, open_store
from .store.query import DOCUMENT_COLUMNS, EventFilter, as_json, select_events

if TYPE_CHECKING:
    import pandas as pd

DateArgument = dt.date | str | None
Choices = str | Iterable[str] | None
DOCUMENT_FRAME_COLUMNS = (
    "id",
    "title",
    "outlet",
    "url",
    "published_at",
    "language",
    "anchor_date",
    "anchor_fallback",
    "location",
    "coder",
)


def open(db: str | Path) -> Corpus:  # `eventwire.open`, as `duckdb.connect`: not builtins'
    """The corpus at a DuckDB file, a PostgreSQL URL or a directory of Parquet partitions,
    opened read-only (E008 when there is none, or another process is writing it)."""
    return Corpus(open_store(db, must_exist=True, read_only=True))


class Corpus:
    """A read-only view of a store. Use it as a context manager, or call `close()`."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        if isinstance(store, PostgresStore):
            # `sql()` runs what an analyst types: the server refuses any write
            store.execute("SET default_transaction_read_only = on")

    def __repr__(self) -> str:
        return f"Corpus({self.store.target!r})"

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def events(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        directed: bool = False,
        country: str | None = None,
        type: Choices = None,  # the name of `--type`
        modality: Choices = None,
        since: DateArgument = None,
        until: DateArgument = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """The events `eventwire events` selects with the same options, in date order, one row
        per event with the columns of `eventwire.code(...).to_pandas()`."""
        event_filter = EventFilter(
            dyad=_dyad(dyad),
            directed=directed,
            country=country,
            types=choices("type", type, PLOVER_TYPES),
            modalities=choices("modality", modality, get_args(Modality)),
            since=_date(since),
            until=_date(until),
            limit=_limit(limit),
        )
        columns, rows = select_events(self.store, event_filter, with_record=True)
        return events_frame(_stored_event_row(columns, row) for row in rows)

    def documents(
        self, *, since: DateArgument = None, until: DateArgument = None, limit: int | None = None
    ) -> pd.DataFrame:
        """The stored documents (not their text) in publication order, with their event count."""
        import pandas as pd

        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        for bound, value in (("<=", _date(until)), (">=", _date(since))):
            if value is not None:
                clauses.append(f"d.published_at {bound} ?")
                params.append(value)
        sql = (
            f"SELECT {', '.join('d.' + c for c in DOCUMENT_FRAME_COLUMNS)}, "
            "(SELECT count(*) FROM events e WHERE e.document_id = d.id) AS events "
            f"FROM documents d WHERE {' AND '.join(clauses)} ORDER BY d.published_at, d.id"
        )
        if _limit(limit) is not None:
            sql += " LIMIT ?"
            params.append(limit)
        columns, rows = self.store.stream(sql, params)
        frame = pd.DataFrame(list(rows), columns=columns)
        for column in ("published_at", "anchor_date"):
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        return frame

    def clusters(
        self,
        *,
        since: DateArgument = None,
        until: DateArgument = None,
        country: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """One row per real-world event (`eventwire.analysis.clusters`), as last brought up to
        date by `eventwire clusters` or `eventwire.analysis.update_clusters` (a read-only
        corpus does not cluster: E008 when events are stored that are not clustered yet)."""
        from .analysis import clusters

        self._require_clustered()
        return clusters(
            self.store, _date(since), _date(until), country, _limit(limit), update=False
        )

    def dyads(
        self,
        a: str,
        b: str,
        *,
        by: str = "month",
        unit: str = "report",
        since: DateArgument = None,
        until: DateArgument = None,
        directed: bool = False,
    ) -> pd.DataFrame:
        """The series of events between countries a and b (`eventwire.analysis.dyad_series`):
        one row per period (day, week, month, quarter, year), counting reports, or clusters
        with `unit="cluster"` (they must be up to date, as for `clusters()`)."""
        from .analysis import dyad_series

        if unit == "cluster":
            self._require_clustered()
        return dyad_series(self.store, a, b, by, unit, _date(since), _date(until), directed)

    def sql(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """The result of a query over the store's tables (documents, events, mentions, actors,
        places, sightings, runs, clusters, ...): on DuckDB, read-only; on PostgreSQL, run on
        the server in a read-only session. A failing query is E008 with the driver's message."""
        import pandas as pd

        columns, rows = self.store.stream(query, list(params))
        return pd.DataFrame(list(rows), columns=columns)

    def _require_clustered(self) -> None:
        from .analysis.clusters import stale

        (unclustered,) = self.store.fetchall(
            "SELECT count(*) FROM events e LEFT JOIN cluster_members m ON m.event_id = e.id "
            "WHERE m.event_id IS NULL"
        )[0]
        if unclustered or stale(self.store):
            raise StoreError(
                f"{self.store.target}: its clusters are not up to date ({unclustered} events "
                f"not clustered); run `eventwire clusters --db {self.store.target}` first"
            )


def choices(option: str, given: Choices, valid: Sequence[str]) -> tuple[str, ...]:
    """The values as stored (`assault` -> ASSAULT); an unknown one is an E009 naming the valid
    ones, as `eventwire events --type` says."""
    values = [given] if isinstance(given, str) else list(given or ())
    by_key = {value.casefold(): value for value in valid}
    unknown = [v for v in values if v.strip().casefold() not in by_key]
    if unknown:
        raise InvalidOption(f"{option}: unknown value {unknown[0]!r}; valid: {', '.join(valid)}")
    return tuple(by_key[v.strip().casefold()] for v in values)


def _date(value: DateArgument) -> dt.date | None:
    from .ingest import parse_date

    return value if isinstance(value, dt.date) or value is None else parse_date(value)


def _dyad(dyad: tuple[str, str] | None) -> tuple[str, str] | None:
    if dyad is not None and (isinstance(dyad, str) or len(dyad) != 2):
        raise InvalidOption(f"dyad: two country codes, as ('IRN', 'RUS'); got {dyad!r}")
    return dyad


def _limit(limit: int | None) -> int | None:
    if limit is not None and limit < 0:
        raise InvalidOption(f"limit: a number of events, 0 or more; got {limit}")
    return limit


def _stored_event_row(columns: list[str], row: tuple[Any, ...]) -> dict[str, Any]:
    values = dict(zip(columns, row, strict=True))
    document = {c: values[c] for c in DOCUMENT_COLUMNS} | {"id": values["document_id"]}
    return event_row(as_json(values["record"]), document)
