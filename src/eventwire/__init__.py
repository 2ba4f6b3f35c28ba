"""eventwire: sourced, structured political event data from news articles.

The Python API (docs/python.md): `code` (texts -> events, as `eventwire code`), `open` (a
stored corpus, read-only, as DataFrames) and `EventwireError`, the base of every error the
library raises, with its code (`error.code == "E005"`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import EventwireError

__version__ = "0.1.0"
__all__ = ["CodeResult", "CodedBatch", "Corpus", "EventwireError", "__version__", "code", "open"]

if TYPE_CHECKING:
    from .corpus import Corpus, open
    from .pipeline import code
    from .results import CodedBatch, CodeResult

# where each lazily imported name lives: spaCy and pandas are imported only when asked for,
# so that `eventwire --help` stays fast
_LAZY = {
    "code": "pipeline",
    "open": "corpus",
    "Corpus": "corpus",
    "CodeResult": "results",
    "CodedBatch": "results",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
