"""Why each place was chosen: the candidates of every name with their scores and the features
that make them up, as plain data (JSON-ready) for `eventwire places "..."`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc

from .gazetteer import Gazetteer
from .mentions import Candidate, Resolution
from .recognise import find_toponyms
from .resolve import resolve_spans


def _candidate(gaz: Gazetteer, candidate: Candidate) -> dict[str, Any]:
    place, region = gaz.place(candidate.row), gaz.region_of(candidate.row)
    return {
        "name": place.name,
        "gazetteer_id": place.gazetteer_id,
        "feature": place.feature,
        "country": place.country,
        "admin1": gaz.table.names[region] if region is not None else None,
        "lat": place.lat,
        "lon": place.lon,
        "population": place.population,
        "score": round(candidate.score, 3),
        "features": {name: round(value, 3) for name, value in candidate.features.items()},
    }


def _cues(gaz: Gazetteer, resolution: Resolution) -> dict[str, Any]:
    m = resolution.mention
    cues: dict[str, Any] = {}
    if m.qualifiers:
        cues["qualifier"] = sorted({gaz.table.names[r] for r in m.qualifiers})
    if m.demonym:
        cues["demonym_country"] = m.demonym
    if m.relative:
        cues["relative"] = {"km": round(m.relative.km, 1), "bearing": m.relative.bearing}
    return cues


def explain_resolutions(
    gaz: Gazetteer, resolutions: Iterable[Resolution], top: int = 5
) -> list[dict[str, Any]]:
    """One entry per name: where it is, what was chosen (or why it is approximate), the cues
    read around it and its `top` candidates, best first."""
    entries = []
    for resolution in resolutions:
        m = resolution.mention
        candidates = [_candidate(gaz, c) for c in resolution.candidates[:top]]
        entries.append(
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "label": m.label,
                "chosen": candidates[0] if candidates else None,
                "approximate": resolution.approximate or None,
                "point": resolution.point,
                "cues": _cues(gaz, resolution),
                "candidates": candidates,
                "candidate_count": len(resolution.candidates),
            }
        )
    return entries


def explain(
    doc: Doc, gaz: Gazetteer, context: Iterable[str] = (), top: int = 5
) -> list[dict[str, Any]]:
    """Recognise and resolve the places of a parsed document and say why each was chosen;
    `context` holds the ISO3 codes of the countries its actors belong to, as for
    `find_places`."""
    resolutions = resolve_spans(gaz, doc.text, find_toponyms(doc, gaz), context)
    return explain_resolutions(gaz, resolutions, top)
