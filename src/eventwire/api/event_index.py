"""The columns GET /events filters and sorts on, for every event of a read-only DuckDB store,
held in memory in page order (numpy arrays, about 70 bytes an event, and the four columns of
a page's documents, about 450 bytes a document: 11 MB for 100,000 events of 10,000).

Why: each page of a filter was a scan of every event, a join with the documents (for the
undated ones' dates) and a sort, 5 to 10 ms of DuckDB for 50 rows of 100,000; here it is a
few vector comparisons. The store cannot change under a read-only server (DuckDB locks the
file), so the index, like the page cache, stays right. Filters on words (actor, outlet, text)
stay SQL's (ILIKE): one scan gives the rows they match, the index does the rest. The order is
DuckDB's own (the index is read with the page query's ORDER BY), so a page is the same page
either way."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..store import DuckDBStore, SqlStore
from ..store.query import DOCUMENT_COLUMNS
from .batch import RowBatcher, Rows
from .queries import SORT_DAY, EventQuery, rows_at

EPOCH = dt.date(1970, 1, 1)
ABSENT = -2  # the code of a value no event has: it matches nothing

Codes = npt.NDArray[np.int32]
Mask = npt.NDArray[np.bool_]

# every event, with the key it is paged by and the row ids its record and document are read at
INDEX_SQL = f"""
SELECT e.rowid AS event_row, d.rowid AS document_row, e.id,
       date_diff('day', DATE '1970-01-01', {SORT_DAY}) AS sort_day,
       CAST(date_diff('day', DATE '1970-01-01', COALESCE(e.date_start, d.published_at))
            AS DOUBLE) AS day,
       e.source_country, e.target_country, e.type, e.modality,
       COALESCE(e.quad_class, 0) AS quad_class, e.lat, e.lon
FROM events e LEFT JOIN documents d ON d.id = e.document_id
ORDER BY {SORT_DAY}, e.id
"""


# the columns of a page's documents, held too: reading them with the events cost a join
DOCUMENTS_SQL = f"""
SELECT rowid, {", ".join(DOCUMENT_COLUMNS)} FROM documents
WHERE id IN (SELECT document_id FROM events)
"""
NO_DOCUMENT: dict[str, Any] = dict.fromkeys(DOCUMENT_COLUMNS)


@dataclass(frozen=True)
class IndexPage:
    """The events of a page in order: their row ids, ids, sort days and documents' columns."""

    event_rows: list[int]
    ids: list[str]
    sort_days: list[dt.date]
    documents: list[dict[str, Any]]


class EventIndex:
    def __init__(self, frame: pd.DataFrame, documents: list[tuple[Any, ...]]) -> None:
        self._rows = RowBatcher(rows_at)
        self.documents = {int(row[0]): row[1:] for row in documents}
        self.size = len(frame)
        self.event_rows = frame["event_row"].to_numpy(np.int64)
        self.position_of_row = np.zeros(int(self.event_rows.max(initial=-1)) + 1, np.int32)
        self.position_of_row[self.event_rows] = np.arange(self.size)
        # -1: no document (an event whose document row is missing)
        self.document_rows = frame["document_row"].fillna(-1).to_numpy(np.int64)
        ids = [str(i).encode() for i in frame["id"]]
        self.ids = np.array(ids, dtype=f"S{max((len(i) for i in ids), default=1)}")
        self.sort_day = frame["sort_day"].to_numpy(np.int32)
        # days since 1970 (exact in float32), NaN: undated, in no date range
        self.day = frame["day"].to_numpy(np.float32)
        self.countries, (self.source, self.target) = _codes(
            frame["source_country"], frame["target_country"]
        )
        self.types, (self.type,) = _codes(frame["type"])
        self.modalities, (self.modality,) = _codes(frame["modality"])
        self.quad_class = frame["quad_class"].to_numpy(np.int8)
        self.lat = frame["lat"].to_numpy(np.float64)  # NaN: no place, in no box
        self.lon = frame["lon"].to_numpy(np.float64)

    @classmethod
    def load(cls, store: SqlStore, max_events: int) -> EventIndex | None:
        """The index of a DuckDB store of at most `max_events` events, else None."""
        if not isinstance(store, DuckDBStore) or not max_events:
            return None
        if store.count("events") > max_events:
            return None
        return cls(store.con.execute(INDEX_SQL).df(), store.fetchall(DOCUMENTS_SQL))

    def page(
        self,
        store: SqlStore,
        query: EventQuery,
        limit: int,
        after: tuple[dt.date, str] | None,
    ) -> IndexPage:
        """The first `limit` matching events after the (day, id) of a cursor."""
        start = self._position_after(after) if after else 0
        mask = self._mask(query, start)
        words = self._words(store, query, start)
        if words is not None:
            mask = words if mask is None else mask & words
        if mask is None:
            found = np.arange(start, min(start + limit, self.size))
        else:
            found = start + np.flatnonzero(mask)[:limit]
        return IndexPage(
            event_rows=self.event_rows[found].tolist(),
            ids=[i.decode() for i in self.ids[found]],
            sort_days=[EPOCH + dt.timedelta(days=int(d)) for d in self.sort_day[found]],
            documents=[self._document(row) for row in self.document_rows[found]],
        )

    def _document(self, row: int) -> dict[str, Any]:
        values = self.documents.get(int(row))
        return NO_DOCUMENT if values is None else dict(zip(DOCUMENT_COLUMNS, values, strict=True))

    def rows(self, store: SqlStore, event_rows: list[int], with_record: bool) -> Rows:
        """The events at these row ids (read with those of the pages rendered meanwhile)."""
        return self._rows.rows(store, event_rows, with_record)

    def _position_after(self, after: tuple[dt.date, str]) -> int:
        """The first position whose (sort day, id) is beyond the cursor's."""
        day = (after[0] - EPOCH).days
        low = int(np.searchsorted(self.sort_day, day, side="left"))
        high = int(np.searchsorted(self.sort_day, day, side="right"))
        return low + int(np.searchsorted(self.ids[low:high], after[1].encode(), side="right"))

    def _mask(self, query: EventQuery, start: int) -> Mask | None:
        """Which events from `start` on match (None: all of them)."""
        base, view = query.base, slice(start, None)
        masks: list[Mask] = []
        if base.dyad:
            a, b = (self._country(code) for code in base.dyad)
            source, target = self.source[view], self.target[view]
            forward = (source == a) & (target == b)
            masks.append(forward if base.directed else forward | ((source == b) & (target == a)))
        if base.country:
            code = self._country(base.country)
            masks.append((self.source[view] == code) | (self.target[view] == code))
        if base.types:
            masks.append(_among(self.type[view], self.types, [t.upper() for t in base.types]))
        if base.modalities:
            masks.append(_among(self.modality[view], self.modalities, list(base.modalities)))
        if query.quad_classes:
            masks.append(_any_of(self.quad_class[view], list(query.quad_classes)))
        if base.since:
            masks.append(self.day[view] >= (base.since - EPOCH).days)
        if base.until:
            masks.append(self.day[view] <= (base.until - EPOCH).days)
        if query.bbox:
            box, lat, lon = query.bbox, self.lat[view], self.lon[view]
            masks.append((lat >= box.south) & (lat <= box.north))
            masks.append((lon >= box.west) & (lon <= box.east))
        if not masks:
            return None
        combined = masks[0]
        for mask in masks[1:]:
            combined = combined & mask
        return combined

    def _words(self, store: SqlStore, query: EventQuery, start: int) -> Mask | None:
        """Which events from `start` on match the filters on words (None: no such filter).
        The query's other filters on the event's own columns go with them, so that the
        costly ILIKE reads only the events they let through."""
        if not query.words_where()[0] or not isinstance(store, DuckDBStore):
            return None
        undated = dataclasses.replace(query.base, since=None, until=None)  # dates read d
        where, params = dataclasses.replace(query, base=undated).where()
        joined = "JOIN documents d ON d.id = e.document_id" if query.outlet else ""
        sql = f"SELECT e.rowid FROM events e {joined} WHERE {where}"
        rows = store.con.execute(sql, params).fetchnumpy()["rowid"]
        matched = np.zeros(self.size, np.bool_)
        matched[self.position_of_row[rows]] = True
        return matched[start:]

    def _country(self, code: str) -> int:
        return self.countries.get(code.upper(), ABSENT)


def _codes(*columns: pd.Series[Any]) -> tuple[dict[str, int], list[Codes]]:
    """The columns as codes of one vocabulary (NULL is -1, which no value asked for has)."""
    codes, values = pd.factorize(pd.concat(columns, ignore_index=True), use_na_sentinel=True)
    vocabulary = {str(value): n for n, value in enumerate(values)}
    parts = np.split(codes.astype(np.int32), np.cumsum([len(c) for c in columns])[:-1])
    return vocabulary, parts


def _among(codes: Codes, vocabulary: dict[str, int], values: list[str]) -> Mask:
    return _any_of(codes, [vocabulary.get(v, ABSENT) for v in values])


def _any_of(column: npt.NDArray[Any], values: list[int]) -> Mask:
    """column IN values: a comparison per value (np.isin sorts, ten times slower for few)."""
    mask: Mask = np.equal(column, values[0])
    for value in values[1:]:
        mask |= column == value
    return mask
