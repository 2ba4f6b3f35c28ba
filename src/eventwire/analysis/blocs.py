"""Blocs of countries for alignment: the package's `data/blocs.yaml` (part of the knowledge,
`eventwire.kb`), or a user's file of the same shape
(`blocs: {Name: {source: "...", members: [ISO3, ...]}}`)."""

from __future__ import annotations

from pathlib import Path

from ..kb import in_force
from ..kb.analysis import load_blocs as read_blocs


def load_blocs(path: str | Path | None = None) -> dict[str, frozenset[str]]:
    """Each bloc's members; a malformed file is a KnowledgeError naming it and the bloc."""
    return dict(in_force().blocs) if path is None else read_blocs(Path(path))
