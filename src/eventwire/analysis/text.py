"""Text similarity for matching reports: a weighted bag of content words per text, compared by
cosine. Pair-only on purpose (no corpus statistics such as IDF): whether two texts match must
not depend on what else is stored, so clustering incrementally gives what clustering from
scratch gives."""

from __future__ import annotations

import math
import re
from collections import Counter

from ..kb import default, derived, in_force

_WORD = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)

Vector = dict[str, float]


def stopwords() -> frozenset[str]:
    """The package's stop words (`data/analysis_stopwords.txt`, part of `kb.default()`)."""
    return default().stopwords


@derived
def _name_and_figure_weights() -> tuple[float, float]:
    """A capitalised word inside a sentence is a name, which tells events apart; a number
    (7.3 for a magnitude, 12 killed) less so (`data/weights.tsv`, `analysis.text.*`)."""
    weights = in_force().weights
    return weights["analysis.text.name_weight"], weights["analysis.text.figure_weight"]


def _weight(token: str, sentence_start: bool, name: float, figure: float) -> float:
    if token[0].isdigit():
        return figure
    if token[0].isupper() and not sentence_start:
        return name
    return 1.0


def vector(text: str | None) -> Vector:
    """Content words of `text` with sublinear counts and name/figure weights, unit length."""
    if not text:
        return {}
    stop, (name, figure) = stopwords(), _name_and_figure_weights()
    counts: Counter[str] = Counter()
    weights: dict[str, float] = {}
    previous_end = -1
    for match in _WORD.finditer(text):
        token = match.group()
        key = token.casefold()
        gap = text[previous_end : match.start()] if previous_end >= 0 else "."
        previous_end = match.end()
        if key in stop or (len(key) < 3 and not key[0].isdigit()):
            continue
        counts[key] += 1
        starts = "\n" in gap or gap.strip().endswith((".", "!", "?", ":"))
        weight = _weight(token, starts, name, figure)
        weights[key] = max(weights.get(key, 0.0), weight)
    raw = {key: (1.0 + math.log(n)) * weights[key] for key, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    return {key: v / norm for key, v in raw.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors (0 when either is empty)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(key, 0.0) for key, v in a.items())
