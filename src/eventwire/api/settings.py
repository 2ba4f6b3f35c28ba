"""How `eventwire serve` runs, in one place: what it reads, whether it may write, and the
limits that keep one client from exhausting it. Secure by default: read-only, no CORS."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

TOKEN_ENV = "EVENTWIRE_API_TOKEN"
CORS_ENV = "EVENTWIRE_API_CORS"  # comma-separated origins allowed to call the API from a browser
CACHE_ENV = "EVENTWIRE_API_PAGE_CACHE"  # pages kept (0: none)


@dataclass(frozen=True)
class ServeSettings:
    """`db`: a DuckDB file or PostgreSQL URL, given by the operator (never by a request)."""

    db: str
    allow_writes: bool = False
    token: str | None = None  # POST /ingest needs `Authorization: Bearer <token>`
    max_body_bytes: int = 1_000_000  # a long article is 100 kB; an ingest batch of ten fits
    max_page_size: int = 500  # events per page of GET /events
    default_page_size: int = 100
    max_ingest_documents: int = 20
    code_requests_per_minute: int = 20  # per client address: POST /code parses with spaCy
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    store_connections: int = 8  # read connections kept open (requests beyond wait for one)
    page_cache: int = 2048  # pages of GET /events kept (read-only DuckDB only; 0: none)

    @classmethod
    def from_env(cls, db: str, allow_writes: bool = False) -> ServeSettings:
        """Settings with the token and CORS origins of the environment (secrets stay out of
        the command line, where `ps` would show them)."""
        token = os.environ.get(TOKEN_ENV) or None
        origins = tuple(o.strip() for o in os.environ.get(CORS_ENV, "").split(",") if o.strip())
        cache = int(os.environ.get(CACHE_ENV) or cls.page_cache)
        return cls(
            db=db, allow_writes=allow_writes, token=token, cors_origins=origins, page_cache=cache
        )
