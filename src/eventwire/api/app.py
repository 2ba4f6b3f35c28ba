"""The app factory: `create_app(ServeSettings(db="events.duckdb"))` gives the API and the
dashboard over one store; `eventwire serve` runs it with uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .. import __version__
from .cache import PageCache, PageCacheFront
from .deps import RateLimiter, StorePool
from .event_index import EventIndex
from .middleware import BodyLimit, SecurityHeaders
from .problems import install_problem_handlers
from .routers import analysis, coding, documents, events, pages, stats
from .settings import ServeSettings

DESCRIPTION = (
    "Events coded from news articles, each with the characters that justify it. Errors are "
    "RFC 9457 problem details (application/problem+json)."
)


def create_app(settings: ServeSettings) -> FastAPI:
    """Open the store (an error here is the operator's, before anything listens) and build
    the app; the store's connections close when the app shuts down."""
    pool = StorePool(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.code_limiter = RateLimiter(settings.code_requests_per_minute)
    immutable = not settings.allow_writes and pool.dialect == "duckdb"
    app.state.page_cache = PageCache(settings.page_cache if immutable else 0)
    app.state.event_index = (
        pool.run(lambda store: EventIndex.load(store, settings.event_index)) if immutable else None
    )
    app.state.web_files = pages.load_web_files()
    install_problem_handlers(app)
    routers = (events, documents, stats, analysis, coding, pages)
    for module in routers:
        router = module.router
        app.include_router(router)
    # innermost: a kept page gets the headers every answer gets
    app.add_middleware(PageCacheFront, cache=app.state.page_cache, paths=("/events",))
    app.add_middleware(SecurityHeaders, docs_paths=("/docs",))
    if settings.cors_origins:  # off unless the operator names the origins
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app
