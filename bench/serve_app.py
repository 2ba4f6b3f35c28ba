"""The app `bench/serve.py --workers N` gives uvicorn's worker processes (one each)."""

from __future__ import annotations

import os

from fastapi import FastAPI

from eventwire.api import ServeSettings, create_app


def app() -> FastAPI:
    return create_app(ServeSettings(db=os.environ["EVENTWIRE_BENCH_DB"]))
