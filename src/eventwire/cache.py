"""The on-disk cache shared by the stages (the gazetteer, the tokenised actor phrases): under
`$EVENTWIRE_CACHE_DIR`, else `$XDG_CACHE_HOME/eventwire`, else `~/.cache/eventwire`. Anything
in it can be deleted; it is rebuilt on next use."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .settings import CACHE_DIR_ENV, current

CACHE_ENV = CACHE_DIR_ENV  # eventwire.places names it
T = TypeVar("T")


def cache_dir() -> Path:
    return current().cache_dir


def fingerprint(parts: Iterable[str]) -> str:
    """A short hash of what a cached value was built from."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def cached(path: Path, build: Callable[[], T]) -> T:
    """The pickled value at `path`, else `build()` stored there (atomically; a read-only cache
    directory only costs the rebuild)."""
    if path.exists():
        gc.disable()  # many new objects would otherwise set off collections for nothing
        try:
            with open(path, "rb") as handle:
                value: T = pickle.load(handle)
            # a cached value lives as long as the process: moved out of the collector's reach,
            # its millions of objects are not scanned again by every later collection
            gc.freeze()
            return value
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a damaged or stale file is rebuilt
        finally:
            gc.enable()
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return value
