"""What routes depend on: the settings, a store connection for the request, the write guard
(--allow-writes and the token) and the per-client rate limit of POST /code."""

from __future__ import annotations

import asyncio
import hmac
import queue
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from ..errors import StoreError
from ..store import DuckDBStore, PostgresStore, SqlStore, open_store
from .problems import Problem
from .settings import ServeSettings

T = TypeVar("T")


class StorePool:
    """Open connections to the one store the operator named, lent one per request: DuckDB and
    psycopg connections are not to be shared by two threads at once. Read-only unless the
    server was started with --allow-writes (DuckDB lets a process open a file one way)."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self._idle: queue.LifoQueue[SqlStore] = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()  # one writer at a time
        first = self._open()  # a store that cannot be opened fails at start-up
        self.dialect = first.dialect
        self._idle.put(first)

    def _open(self) -> SqlStore:
        store = open_store(self.settings.db, read_only=not self.settings.allow_writes)
        try:
            self._configure(store)
        except BaseException:  # not left for the garbage collector to close
            store.close()
            raise
        with self._lock:
            self._opened += 1
        return store

    def _configure(self, store: SqlStore) -> None:
        if isinstance(store, DuckDBStore):
            # many small queries at once: one thread each beats each spread over every core
            store.execute("SET threads = 1")
        if isinstance(store, PostgresStore) and not self.settings.allow_writes:
            # the server itself refuses writes, whatever a route or a library tries
            store.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    def try_borrow(self) -> SqlStore | None:
        """An idle connection, or None (without waiting)."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return None

    def borrow(self) -> SqlStore:
        idle = self.try_borrow()
        if idle is not None:
            return idle
        with self._lock:
            full = self._opened >= self.settings.store_connections
        if not full:
            return self._open()
        try:
            return self._idle.get(timeout=30)
        except queue.Empty:
            raise StoreError("every connection to the store is busy; try again") from None

    def run(self, work: Callable[[SqlStore], T]) -> T:
        """`work` on a lent connection (blocks: call it from a worker thread)."""
        store = self.borrow()
        try:
            return work(store)
        finally:
            self.give_back(store)

    def give_back(self, store: SqlStore) -> None:
        self._idle.put(store)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class RateLimiter:
    """At most `per_minute` requests per client address in any 60 s (a sliding window)."""

    def __init__(self, per_minute: int, window_s: float = 60.0) -> None:
        self.per_minute = per_minute
        self.window_s = window_s
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int:
        """0 when the request may go ahead (and is counted), else seconds to wait."""
        now = time.monotonic()
        with self._lock:
            times = self._seen.setdefault(client, deque())
            while times and now - times[0] >= self.window_s:
                times.popleft()
            if len(times) >= self.per_minute:
                return max(1, int(self.window_s - (now - times[0])) + 1)
            times.append(now)
            if len(self._seen) > 10_000:  # forget idle clients rather than grow without end
                self._seen = {k: v for k, v in self._seen.items() if v}
            return 0


# Dependencies that do not block are `async`: FastAPI runs a plain `def` one in a worker
# thread, a round trip per dependency per request that costs more than the work.
async def get_settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


async def get_pool(request: Request) -> StorePool:
    pool: StorePool = request.app.state.pool
    return pool


async def get_store(pool: Annotated[StorePool, Depends(get_pool)]) -> AsyncIterator[SqlStore]:
    store = pool.try_borrow()
    if store is None:  # open one, or wait for one: that blocks, so in a worker thread
        store = await asyncio.to_thread(pool.borrow)
    try:
        yield store
    finally:
        pool.give_back(store)


async def require_writer(
    request: Request, settings: Annotated[ServeSettings, Depends(get_settings)]
) -> None:
    """Writes need a server started with --allow-writes and the request's bearer token."""
    if not settings.allow_writes:
        raise Problem(403, "this server is read-only (start it with --allow-writes to ingest)")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise Problem(
            401,
            "a token is required: Authorization: Bearer <EVENTWIRE_API_TOKEN>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    expected = settings.token or ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Problem(403, "the token is wrong")


async def limit_code_rate(request: Request) -> None:
    limiter: RateLimiter = request.app.state.code_limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.retry_after(client)
    if wait:
        raise Problem(
            429,
            f"at most {limiter.per_minute} POST /code requests a minute; retry in {wait} s",
            headers={"Retry-After": str(wait)},
        )


StoreDep = Annotated[SqlStore, Depends(get_store)]
SettingsDep = Annotated[ServeSettings, Depends(get_settings)]
PoolDep = Annotated[StorePool, Depends(get_pool)]
