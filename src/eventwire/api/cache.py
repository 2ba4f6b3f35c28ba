"""Pages already answered, kept for a read-only server over a DuckDB file: while it is open
read-only no process can write it (DuckDB locks the file), so an answer stays right."""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.datastructures import QueryParams

Page = tuple[bytes, str, dict[str, str]]  # body, media type, headers


class PageCache:
    """The last `size` pages, by path and query (parameters in a canonical order)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(path: str, query: QueryParams) -> str:
        return path + "?" + "&".join(f"{k}={v}" for k, v in sorted(query.multi_items()))

    def get(self, key: str) -> Page | None:
        if not self.size:
            return None
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return page

    def put(self, key: str, page: Page) -> None:
        if not self.size:
            return
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
