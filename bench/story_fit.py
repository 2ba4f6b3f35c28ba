"""Fitting the story model (`bench/clusters.py --fit`) on the ECB+ tune part only: an
L2-regularised logistic regression (C = 1, the bias not penalised; scipy's L-BFGS, so no
scikit-learn is needed) over the document pairs within each tune topic.

Printed: the weights as rows for `src/eventwire/data/story_model.tsv`; leave-one-topic-out
figures on the tune part (each tune topic scored by weights fitted on the other tune topics:
pair log-loss, and all-pairs story F1 per cut), which say how the model does on topics it was
not fitted on without looking at the held-out part; and, for the configured cut only, the
held-out total (never a sweep over it, so that no setting is chosen on it)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
from scipy.optimize import minimize

from eventwire.analysis.story_model import FEATURES
from eventwire.analysis.story_score import Evidence, group

C = 1.0
CUTS = tuple(round(float(c), 2) for c in np.arange(0.3, 0.81, 0.05))
Scorer = Callable[[dict[str, str], dict[str, str], list[tuple[str, str]]], dict[str, float]]


def logistic(x: np.ndarray, y: np.ndarray, c: float = C) -> tuple[float, ...]:
    """Weights then bias minimising |w|^2 / 2 + c * log-loss."""
    k = x.shape[1]
    target = y.astype(float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ theta[:k] + theta[k]
        p = 1.0 / (1.0 + np.exp(-z))
        grad = np.concatenate([c * (x.T @ (p - target)) + theta[:k], [c * np.sum(p - target)]])
        value = 0.5 * theta[:k] @ theta[:k] + c * np.sum(np.logaddexp(0.0, z) - target * z)
        return float(value), grad

    found = minimize(loss, np.zeros(k + 1), jac=True, method="L-BFGS-B")
    return tuple(float(v) for v in found.x)


class Pairs:
    """Every document's features against every other's, and the gold of each topic's pairs."""

    def __init__(self, evidence: Evidence, topics: Sequence[int], gold: Sequence[str]) -> None:
        everyone = np.arange(len(evidence))
        self.evidence, self.topics, self.gold = evidence, np.asarray(topics), list(gold)
        self.features = np.stack(evidence.features(everyone, everyone), axis=-1)

    def within(self, topics: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        pairs = [
            (i, j)
            for t in topics
            for i, j in itertools.combinations(np.flatnonzero(self.topics == t), 2)
        ]
        x = np.array([self.features[i, j] for i, j in pairs])
        y = np.array([self.gold[i] == self.gold[j] for i, j in pairs])
        return x, y

    def fit(self, topics: Sequence[int]) -> tuple[float, ...]:
        return logistic(*self.within(topics))

    def log_loss(self, weights: Sequence[float], topics: Sequence[int]) -> float:
        x, y = self.within(topics)
        z = x @ np.asarray(weights[:-1]) + weights[-1]
        return float(np.mean(np.logaddexp(0.0, z) - y * z))

    def labels(self, weights: Sequence[float], cut: float, rows: np.ndarray) -> list[int]:
        return group(self.evidence.subset(rows), weights, cut)


def model_rows(weights: Sequence[float]) -> str:
    names = (*FEATURES, "bias")
    return "\n".join(f"weight.{n}\t{w:.2f}" for n, w in zip(names, weights, strict=True))


def report_fit(pairs: Pairs, tune: list[int], held_out: list[int], cut: float, f1: Scorer) -> None:
    """Print the tune fit, the leave-one-topic-out figures and the held-out total at `cut`."""
    weights = tuple(round(w, 2) for w in pairs.fit(tune))
    print("story_model.tsv rows (fitted on every tune topic):")
    print(model_rows(weights))
    folds = {t: pairs.fit([u for u in tune if u != t]) for t in tune}
    losses = [pairs.log_loss(folds[t], [t]) for t in tune]
    print(f"tune, leave one topic out: pair log-loss {np.mean(losses):.4f} "
          f"(in-sample {pairs.log_loss(weights, tune):.4f})")  # fmt: skip
    ids = [str(i) for i in range(len(pairs.gold))]
    gold = dict(zip(ids, pairs.gold, strict=True))

    def scored(topics: list[int], predicted: dict[str, str]) -> float:
        rows = [i for i in ids if pairs.topics[int(i)] in topics]
        return f1(gold, predicted, list(itertools.combinations(rows, 2)))["f1"]

    for candidate in CUTS:
        predicted: dict[str, str] = {}
        for t in tune:
            rows = np.flatnonzero(pairs.topics == t)
            for row, label in zip(rows, pairs.labels(folds[t], candidate, rows), strict=True):
                predicted[str(row)] = f"{t}:{label}"
        whole = _predicted(pairs, weights, candidate, tune)
        mark = "  <- ClusterConfig.story_link" if abs(candidate - cut) < 1e-9 else ""
        print(f"cut {candidate:.2f}: tune all-pairs F1 in-sample {scored(tune, whole):.4f}, "
              f"leave-one-topic-out {scored(tune, predicted):.4f}{mark}")  # fmt: skip
    held = _predicted(pairs, weights, cut, held_out)
    print(f"held-out all-pairs F1 at the configured cut {cut:.2f}: {scored(held_out, held):.4f}")


def _predicted(
    pairs: Pairs, weights: Sequence[float], cut: float, topics: list[int]
) -> dict[str, str]:
    rows = np.flatnonzero(np.isin(pairs.topics, topics))
    labels = pairs.labels(weights, cut, rows)
    return {str(r): str(label) for r, label in zip(rows, labels, strict=True)}
