"""What `eventwire.code` gives back: the coded document (or documents, for a list of texts)
with its events as a pandas DataFrame of flat columns, one row per event.

The same flat row is made from an `Event` just coded and from an event record read back from a
store (`eventwire.open(db).events()`), so that the two frames have the same columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from .model import CodedDocument, Event, Mentions

if TYPE_CHECKING:
    import pandas as pd

# name -> pandas dtype; the order is the frame's column order
EVENT_FRAME_COLUMNS: dict[str, str] = {
    "event_id": "string",
    "document_id": "string",
    "event_date": "datetime64[ns]",
    "date_end": "datetime64[ns]",
    "date_granularity": "string",
    "date_inferred": "boolean",
    "type": "string",
    "mode": "string",
    "context": "object",  # a list of PLOVER contexts: `frame.explode("context")`
    "cameo": "string",
    "quad_class": "Int64",
    "intensity": "float64",
    "trigger": "string",
    "source_name": "string",
    "source_text": "string",
    "source_country": "string",
    "source_sector": "string",
    "target_name": "string",
    "target_text": "string",
    "target_country": "string",
    "target_sector": "string",
    "modality": "string",
    "negated": "boolean",
    "attribution": "string",
    "attribution_kind": "string",
    "confidence": "float64",
    "location": "string",
    "location_country": "string",
    "admin1": "string",
    "precision": "string",
    "lat": "float64",
    "lon": "float64",
    "gazetteer_id": "string",
    "fatalities": "Int64",
    "evidence": "string",
    "sentence": "Int64",
    "coder": "string",
    "published_at": "datetime64[ns]",
    "title": "string",
    "url": "string",
    "outlet": "string",
}


def event_row(record: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """One flat row of an event record (the JSON of `model.Event`) and its document's `id`,
    `published_at`, `title`, `url` and `outlet`. The event's date is its own start, else its
    article's publication date (as in the ACLED export)."""
    from .interop.acled import fatalities

    date = record.get("date") or {}
    place = record.get("location") or {}
    attribution = record.get("attribution") or {}
    evidence = record.get("evidence") or {}
    row: dict[str, Any] = {
        "event_id": record.get("id"),
        "document_id": record.get("document_id") or document.get("id"),
        "event_date": date.get("start") or document.get("published_at"),
        "date_end": date.get("end"),
        "date_granularity": date.get("granularity"),
        "date_inferred": date.get("inferred") if date else None,
        "type": record.get("type"),
        "mode": record.get("mode"),
        "context": list(record.get("context") or []),
        "cameo": None if record.get("cameo") is None else str(record["cameo"]),
        "quad_class": record.get("quad_class"),
        "intensity": record.get("intensity"),
        "trigger": (record.get("trigger") or {}).get("text"),
        **_actor("source", record.get("source")),
        **_actor("target", record.get("target")),
        "modality": record.get("modality") or "asserted",
        "negated": bool(record.get("negated")),
        "attribution": attribution.get("text"),
        "attribution_kind": attribution.get("kind"),
        "confidence": record.get("confidence"),
        "location": place.get("name"),
        "location_country": place.get("country"),
        "admin1": place.get("admin1"),
        "precision": place.get("precision"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "gazetteer_id": place.get("gazetteer_id"),
        "fatalities": fatalities(record),
        "evidence": evidence.get("text"),
        "sentence": evidence.get("sentence"),
        "coder": record.get("coder"),
    }
    row.update({k: document.get(k) for k in ("published_at", "title", "url", "outlet")})
    return row


def _actor(side: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    actor = actor or {}
    return {f"{side}_{field}": actor.get(field) for field in ("name", "text", "country", "sector")}


def events_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame of flat event rows with the columns and dtypes of `EVENT_FRAME_COLUMNS`
    (dates as datetime64, so that `frame.resample("W", on="event_date")` works)."""
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=list(EVENT_FRAME_COLUMNS))
    for column, dtype in EVENT_FRAME_COLUMNS.items():
        if dtype.startswith("datetime"):
            frame[column] = pd.to_datetime(frame[column], errors="coerce").astype(dtype)
        elif dtype != "object":
            frame[column] = frame[column].astype(dtype)
    return frame


def _document_fields(coded: CodedDocument) -> dict[str, Any]:
    document = coded.document
    return {
        "id": document.id,
        "published_at": document.published_at,
        "title": document.title,
        "url": document.url,
        "outlet": document.outlet,
    }


def _rows(coded: CodedDocument) -> Iterator[dict[str, Any]]:
    document = _document_fields(coded)
    for event in coded.events:
        yield event_row(event.model_dump(mode="json"), document)


def _save(documents: Sequence[CodedDocument], db: str | Path) -> None:
    """Store as `eventwire code --db` does: each document replaced, with the coder's versions."""
    from .batch.commands import current_coder
    from .store import Provenance, open_store

    provenance = Provenance(coder=current_coder())
    with open_store(db) as store:
        store.replace([(coded, provenance) for coded in documents])


class CodeResult(CodedDocument):
    """One coded article: `document`, `events`, `mentions` (as `code --format json` writes
    them), and its events as a DataFrame with `to_pandas()`."""

    def to_pandas(self) -> pd.DataFrame:
        """One row per event, flat columns (see docs/python.md)."""
        return events_frame(_rows(self))

    def save(self, db: str | Path) -> None:
        """Store the document and its events in a DuckDB file or a PostgreSQL URL."""
        _save([self], db)


class CodedBatch(Sequence[CodeResult]):
    """Several coded articles, in the order of the texts given: a sequence of `CodeResult`,
    with every event in `events` and every event as a row of `to_pandas()`."""

    def __init__(self, documents: Iterable[CodedDocument]) -> None:
        self.documents = [as_result(d) for d in documents]

    @overload
    def __getitem__(self, index: int) -> CodeResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[CodeResult]: ...

    def __getitem__(self, index: int | slice) -> CodeResult | Sequence[CodeResult]:
        return self.documents[index]

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        return f"CodedBatch({len(self)} documents, {len(self.events)} events)"

    @property
    def events(self) -> list[Event]:
        """Every document's events, in order."""
        return [event for coded in self.documents for event in coded.events]

    @property
    def mentions(self) -> list[Mentions]:
        """Each document's mentions (offsets are into that document's text)."""
        return [coded.mentions for coded in self.documents]

    def to_pandas(self) -> pd.DataFrame:
        """One row per event of every document (`document_id` says which)."""
        return events_frame(row for coded in self.documents for row in _rows(coded))

    def save(self, db: str | Path) -> None:
        """Store every document and its events, in one transaction."""
        _save(self.documents, db)


def as_result(coded: CodedDocument) -> CodeResult:
    if isinstance(coded, CodeResult):
        return coded
    return CodeResult(document=coded.document, events=coded.events, mentions=coded.mentions)
