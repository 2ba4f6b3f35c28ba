"""When two reports tell the same real-world event: blocking (which pairs are compared at all)
and scoring (the pairs that pass). Every rule looks at the two reports (and their documents)
only, never at the rest of the store, so that links, and the clusters they make, do not depend
on the order in which batches arrive."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .reports import Report
from .text import Vector, cosine

_PRECISE = {"day", "part_of_day", "hour", "minute"}
_VAGUE = {"week", "fuzzy"}
_VERY_VAGUE = {"month", "season", "quarter", "half"}
# a year or vaguer ("this year", "in the 1990s") says nothing about which event it is: such a
# report links only within its own document (across documents it chained a West Bank year)
_UNMATCHABLE = {"year", "decade", "century"}
# modalities that describe something that has not happened (a plan, a threat) do not merge
# with one that did; a denial is kept with the assertion it denies (corroboration counts it)
_UNREAL = {"planned", "intended", "threatened", "feared", "hypothetical"}


@dataclass(frozen=True)
class ClusterConfig:
    """The thresholds of matching; part of what ANALYSIS_VERSION names."""

    precise_window_days: int = 1  # both reports date the event to the day
    window_days: int = 3  # one of them has no date of its own (its document's date stands in)
    vague_window_days: int = 10  # a week or fuzzy date on either side
    very_vague_window_days: int = 45  # a month or vaguer
    max_km: float = 300.0  # both events have a point: at most this far apart
    near_km: float = 50.0
    link_score: float = 0.6  # pairs scoring at least this are the same event
    # within a component of links, two groups are one event when at least this share of the
    # pairs between them link (average linkage: no chaining through one report)
    cluster_link_share: float = 0.5
    # and, whatever the bonuses, evidence at least this similar (short documents made the
    # same-story bonus count the same words twice)
    min_evidence: float = 0.35
    min_evidence_vague: float = 0.5  # a week, a month or a fuzzy date on either side
    # stories (`story_score`): logistic weights, one per `story_model.FEATURES` and the bias;
    # empty: the shipped model (`data/story_model.tsv`, fitted on the ECB+ tune half by
    # `python bench/clusters.py --fit`); then the cut on the probability
    story_weights: tuple[float, ...] = ()
    story_link: float = 0.5
    same_story_similarity: float = 0.3  # TF cosine of two documents: the same-story bonus

    def window(self, a: Report, b: Report) -> int:
        granularities = {a.granularity, b.granularity}
        if granularities <= _PRECISE:
            return self.precise_window_days
        if granularities & _VERY_VAGUE:
            return self.very_vague_window_days
        if granularities & _VAGUE:
            return self.vague_window_days
        return self.window_days

    @property
    def widest_window(self) -> int:
        return max(self.window_days, self.vague_window_days, self.very_vague_window_days)


def day_gap(a: Report, b: Report) -> int | None:
    """Days between the two reports' date ranges (0 when they overlap; None: one is undated)."""
    if a.day is None or b.day is None or a.last_day is None or b.last_day is None:
        return None
    return max(0, (b.day - a.last_day).days, (a.day - b.last_day).days)


def km(a: Report, b: Report) -> float | None:
    """Great-circle distance between the two events' points, if both have one."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def block_key(report: Report) -> tuple[int, str, str]:
    """Reports are compared only within a block: the same quad class and unordered dyad."""
    return (report.quad_class, *report.dyad)


def comparable(a: Report, b: Report, config: ClusterConfig) -> bool:
    """Blocking beyond the key: dates within the window, places not too far apart."""
    gap = day_gap(a, b)
    if (a.day is None) != (b.day is None):
        return False
    if a.document_id != b.document_id and {a.granularity, b.granularity} & _UNMATCHABLE:
        return False
    if gap is not None and gap > config.window(a, b):
        return False
    distance = km(a, b)
    return distance is None or distance <= config.max_km


def _figures_agree(a: Report, b: Report) -> float:
    """+ when the same kind of casualty is counted alike, - when far apart (12 vs 200)."""
    shared = set(a.figures) & set(b.figures)
    score = 0.0
    for kind in shared:
        low, high = sorted((a.figures[kind], b.figures[kind]))
        ratio = high / low if low > 0 else (1.0 if high == 0 else math.inf)
        score += 0.1 if ratio <= 1.5 else (-0.2 if ratio > 3 else 0.0)
    return max(-0.3, min(0.2, score))


def _names_agree(a: Report, b: Report) -> float:
    pairs = ((a.source_name, b.source_name), (a.target_name, b.target_name))
    same = sum(1 for x, y in pairs if x and y and x == y)
    crossed = a.source_name and a.source_name in (b.target_name,) and a.target_name == b.source_name
    return 0.1 * same + (0.1 if crossed else 0.0)


def score(a: Report, b: Report, same_story: bool) -> float:
    """How likely two comparable reports tell one event: evidence similarity, plus the same
    type, names, figures and place, and both documents telling the same happening."""
    if (a.modality in _UNREAL) != (b.modality in _UNREAL):
        return 0.0
    total = cosine(a.words, b.words)
    total += 0.1 if a.type == b.type else -0.1
    total += 0.25 if same_story else 0.0
    total += _names_agree(a, b) + _figures_agree(a, b)
    distance = km(a, b)
    if distance is not None and distance <= 50.0:
        total += 0.1
    return total


def same_document_link(a: Report, b: Report) -> bool:
    """One article often tells one event twice (headline, lead, detail): the same type, the
    same dyad and modality class in one document is one event."""
    return (
        a.document_id == b.document_id
        and a.type == b.type
        and (a.modality in _UNREAL) == (b.modality in _UNREAL)
        and comparable(a, b, ClusterConfig())
    )


def links(a: Report, b: Report, config: ClusterConfig, documents: dict[str, Vector]) -> bool:
    """Whether a and b (same block) are the same event."""
    if not comparable(a, b, config):
        return False
    if a.document_id == b.document_id:
        return same_document_link(a, b)
    evidence = cosine(a.words, b.words)
    vague = not {a.granularity, b.granularity} <= _PRECISE | {None}
    if evidence < (config.min_evidence_vague if vague else config.min_evidence):
        return False
    story = (
        cosine(documents.get(a.document_id, {}), documents.get(b.document_id, {}))
        >= config.same_story_similarity
    )
    return score(a, b, story) >= config.link_score
