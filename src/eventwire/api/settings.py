"""How `eventwire serve` runs, in one place: what it reads, whether it may write, and the
limits that keep one client from exhausting it. Secure by default: read-only, no CORS."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..settings import DEFAULT_PAGE_CACHE, current


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
    # events of a read-only DuckDB store whose filter columns are held in memory (about 40
    # bytes each) to find a page without a scan; a larger store is paged by SQL alone
    event_index: int = 1_000_000
    page_cache: int = (
        DEFAULT_PAGE_CACHE  # pages of GET /events kept (read-only DuckDB only; 0: none)
    )

    @classmethod
    def from_env(cls, db: str, allow_writes: bool = False) -> ServeSettings:
        """Settings with the token and CORS origins of the environment (secrets stay out of
        the command line, where `ps` would show them)."""
        env = current()
        return cls(
            db=db,
            allow_writes=allow_writes,
            token=env.api_token,
            cors_origins=env.api_cors,
            page_cache=env.api_page_cache,
        )
