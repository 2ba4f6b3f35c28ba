"""Knowledge of the analyses: blocs of countries for alignment (`blocs.yaml`, or a user's file
of the same shape: `blocs: {Name: {source: "...", members: [ISO3, ...]}}`)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import KnowledgeError

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


def load_blocs(path: Path, name: str | None = None) -> dict[str, frozenset[str]]:
    """Each bloc's members; a malformed file is a KnowledgeError naming it and the bloc."""
    name = name or str(path)
    try:
        text = Path(path).read_text("utf-8")
    except OSError as err:
        raise KnowledgeError(f"{name}: cannot read the blocs file ({err.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise KnowledgeError(f"{name}: not valid YAML ({str(err).splitlines()[0]})") from None
    blocs = data.get("blocs") if isinstance(data, dict) else None
    if not isinstance(blocs, dict) or not blocs:
        raise KnowledgeError(f"{name}: expected a mapping `blocs:` of named blocs")
    return {str(bloc): _members(name, str(bloc), entry) for bloc, entry in blocs.items()}


def _members(name: str, bloc: str, entry: object) -> frozenset[str]:
    members = entry.get("members") if isinstance(entry, dict) else None
    if not isinstance(members, list) or not members:
        raise KnowledgeError(f"{name}: bloc {bloc!r} needs a list of `members`")
    bad = [m for m in members if not isinstance(m, str) or not _CODE.match(m)]
    if bad:
        raise KnowledgeError(f"{name}: bloc {bloc!r}: {bad[0]!r} is not a country code (ISO3)")
    return frozenset(members)
