"""Events stage: predicates from the lexicon + argument roles + modality + attribution + context
-> `Event` records with evidence spans and a confidence.

`EventCoder.code(...)` reads a parsed Doc and the outputs of the earlier stages; it never calls
them. Every event keeps `notes` saying which rules produced it.
"""

from __future__ import annotations

from .build import VERSION
from .coder import EventCoder

__all__ = ["VERSION", "EventCoder"]
