"""GET /documents/{id}: a stored document, its events and its mentions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from ...model import Event, Mentions
from ..deps import StoreDep
from ..queries import record_of
from ..schemas import DocumentDetail
from .events import ID, document_of

router = APIRouter(tags=["documents"])


@router.get("/documents/{document_id}", response_model=DocumentDetail)
def get_document(store: StoreDep, document_id: Annotated[str, Path(pattern=ID)]) -> DocumentDetail:
    document = document_of(store, document_id)
    (mentions,) = store.fetchall("SELECT mentions FROM documents WHERE id = ?", [document_id])[0]
    events = store.fetchall(
        "SELECT record FROM events WHERE document_id = ? ORDER BY evidence_start, trigger_start, id",
        [document_id],
    )
    return DocumentDetail(
        document=document,
        events=[Event.model_validate(record_of(r)) for (r,) in events],
        mentions=Mentions.model_validate(record_of(mentions) or {}),
    )
