"""Pages already answered, kept for a read-only server over a DuckDB file: while it is open
read-only no process can write it (DuckDB locks the file), so an answer stays right.

A page is kept under two keys: the request's query string (parameters sorted), by which it
is answered before routing (`PageCacheFront`: the parameters were checked when the page was
first answered, and reading them again, FastAPI's dependencies, cost more than the answer),
and the query the parameters mean (`EventQuery.canonical()`), so that `dyad=IRN,RUS` and
`dyad=rus-irn` are one page read once. Requests for a page being answered wait for that
answer instead of asking the store again (a burst of the same query is one query)."""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

Page = tuple[bytes, str, dict[str, str]]  # body, media type, headers


class PageCache:
    """The last `size` pages or so, each under its two keys (2 * size keys in all)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[Hashable, Page] = OrderedDict()
        self._lock = threading.Lock()
        self._answering: dict[Hashable, asyncio.Future[Page]] = {}
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(path: str, query: QueryParams) -> str:
        # percent-encoded: `q=a%26b` (one parameter) is not `q=a&b` (two)
        return path + "?" + urlencode(sorted(query.multi_items()))

    def get(self, key: Hashable, count: bool = True) -> Page | None:
        if not self.size:
            return None
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                self.misses += count
                return None
            self._pages.move_to_end(key)
            self.hits += count
            return page

    def put(self, key: Hashable, page: Page) -> None:
        if not self.size:
            return
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > 2 * self.size:
                self._pages.popitem(last=False)

    async def answer(
        self, key: Hashable, render: Callable[[], Awaitable[Page]], alias: Hashable
    ) -> Page:
        """The page kept, else the one being rendered for another request, else `render`'s;
        kept under `key` and `alias` (the request's own key). A render that fails fails its
        own request only: a waiting one renders."""
        if not self.size:
            return await render()
        page = await self._answer(key, render)
        self.put(alias, page)
        return page

    async def _answer(self, key: Hashable, render: Callable[[], Awaitable[Page]]) -> Page:
        page = self.get(key, count=False)  # counted by the front
        if page is not None:
            return page
        pending = self._answering.get(key)
        if pending is not None:
            try:
                return await asyncio.shield(pending)
            except asyncio.CancelledError:
                if not pending.cancelled():  # this request was cancelled, not the first
                    raise
            except Exception:  # the first request's error is its own (a Problem answered)
                pass
            return await render()
        pending = asyncio.get_running_loop().create_future()
        self._answering[key] = pending
        try:
            page = await render()
        except asyncio.CancelledError:
            pending.cancel()
            raise
        except BaseException as err:
            pending.set_exception(err)
            pending.exception()  # retrieved: no waiter is no 'never retrieved' warning
            raise
        finally:
            del self._answering[key]
        self.put(key, page)
        pending.set_result(page)
        return page


def response_of(page: Page) -> Response:
    body, media_type, headers = page
    return Response(body, media_type=media_type, headers=headers)


class PageCacheFront:
    """GET requests for a kept page of `paths`, answered before routing."""

    def __init__(self, app: ASGIApp, cache: PageCache, paths: tuple[str, ...]) -> None:
        self.app = app
        self.cache = cache
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.cache.size
            and scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] in self.paths
        ):
            page = self.cache.get(PageCache.key(scope["path"], QueryParams(scope["query_string"])))
            if page is not None:
                await response_of(page)(scope, receive, send)
                return
        await self.app(scope, receive, send)
