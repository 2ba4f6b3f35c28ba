"""POST /code (code an article, store nothing; rate-limited per client) and POST /ingest
(code and store; only on a server started with --allow-writes, with the token)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ...ingest import make_document
from ...model import CodedDocument, Document
from ...store import Provenance
from ..deps import PoolDep, SettingsDep, limit_code_rate, require_writer
from ..problems import Problem
from ..schemas import Article, IngestRequest, IngestResult

router = APIRouter(tags=["coding"])


def as_document(article: Article) -> Document:
    return make_document(
        article.text, published_at=article.date, url=article.url, outlet=article.outlet
    )


def code_all(documents: list[Document]) -> list[CodedDocument]:
    from ...pipeline import coder  # the spaCy pipeline loads on the first POST, not at start

    return list(coder().code_documents(documents))


@router.post("/code", response_model=CodedDocument, dependencies=[Depends(limit_code_rate)])
def code_article(article: Article) -> CodedDocument:
    """Code one article and return the record; nothing is stored."""
    return code_all([as_document(article)])[0]


@router.post(
    "/ingest",
    response_model=IngestResult,
    dependencies=[Depends(require_writer)],
    responses={401: {"description": "no token"}, 403: {"description": "read-only or wrong token"}},
)
def ingest_articles(request: IngestRequest, pool: PoolDep, settings: SettingsDep) -> IngestResult:
    """Code articles and store those not stored yet (storing the same text twice adds nothing)."""
    if len(request.documents) > settings.max_ingest_documents:
        raise Problem(413, f"at most {settings.max_ingest_documents} documents a request", "E009")
    coded = code_all([as_document(a) for a in request.documents])
    from ...batch.commands import current_coder

    provenance = Provenance(coder=current_coder(), location="api:POST /ingest")
    with pool.write_lock:
        store = pool.borrow()
        try:
            written = store.save_new([(c, provenance) for c in coded])
        finally:
            pool.give_back(store)
    return IngestResult(
        documents=written.documents, events=written.events, already_stored=written.already_stored
    )
