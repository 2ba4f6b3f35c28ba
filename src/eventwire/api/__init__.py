"""`eventwire serve`: a REST API (FastAPI) and a dashboard over a store, read-only unless
started with --allow-writes. `create_app(ServeSettings(db=...))` builds it."""

from __future__ import annotations

from .app import create_app
from .settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
