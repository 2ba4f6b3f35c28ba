"""eventwire: sourced, structured political event data from news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "code"]

if TYPE_CHECKING:
    from .pipeline import code


def __getattr__(name: str) -> Any:
    # spaCy is imported only when coding is asked for: `eventwire --help` stays fast
    if name == "code":
        from .pipeline import code

        return code
    raise AttributeError(name)
