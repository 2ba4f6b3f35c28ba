"""Cross-validation over template families, for the role model's regularisation and calibration.

The corpus' held-out split tests wordings the training part never shows; choosing the model's
settings on it would spend that test. So the settings are chosen inside the training part, by
group k-fold: each fold holds out whole template families (as the held-out split does), the
model is fitted on the others, and the out-of-fold pairs are scored. The held-out split is
never read here.

- `choose`: the inverse L2 strength C and the least number of families a feature must be seen
  in, by out-of-fold log loss;
- `temperature`: one scalar that divides the logits, fitted on the out-of-fold logits of the
  chosen setting (the shipped weights are divided by it), so that P(role) is calibrated on
  families the fit never saw.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import logsumexp

from training.events import linear

Row = dict[str, float]


@dataclass(frozen=True)
class Setting:
    c: float
    min_families: int


@dataclass
class Result:
    setting: Setting
    log_loss: float
    accuracy: float
    logits: Any  # out-of-fold logits (pairs x classes), classes sorted


def folds(groups: Sequence[str], k: int, seed: int) -> list[int]:
    """The fold of each row: its family's, families dealt round-robin in a seeded order."""
    families = sorted(set(groups))
    random.Random(seed).shuffle(families)
    fold_of = {f: n % k for n, f in enumerate(families)}
    return [fold_of[g] for g in groups]


def family_filter(rows: Sequence[Row], groups: Sequence[str], least: int) -> set[str]:
    """The features seen in at least `least` families: one seen in a single template family
    carries that template's wording, not a construction."""
    seen: dict[str, set[str]] = {}
    for row, group in zip(rows, groups, strict=True):
        for name in row:
            seen.setdefault(name, set()).add(group)
    return {name for name, where in seen.items() if len(where) >= least}


def fit_filtered(
    rows: Sequence[Row], labels: Sequence[str], groups: Sequence[str], setting: Setting, seed: int
) -> linear.Fitted:
    kept = family_filter(rows, groups, setting.min_families)
    return linear.fit(
        [{k: v for k, v in r.items() if k in kept} for r in rows], list(labels), setting.c, seed
    )


def logits(found: linear.Fitted, rows: Sequence[Row]) -> Any:
    """The fitted model's logits for rows (features it does not know are ignored)."""
    index = {name: j for j, name in enumerate(found.names)}
    coef = np.asarray(found.coef)
    out = np.tile(np.asarray(found.intercept, dtype=float), (len(rows), 1))
    for n, row in enumerate(rows):
        for name, value in row.items():
            j = index.get(name)
            if j is not None:
                out[n] += value * coef[:, j]
    return out


def _scores(z: Any, y: Any) -> tuple[float, float]:
    lse = logsumexp(z, axis=1)
    loss = float(np.mean(lse - z[np.arange(len(y)), y]))
    return loss, float(np.mean(np.argmax(z, axis=1) == y))


def evaluate(
    rows: Sequence[Row],
    labels: Sequence[str],
    groups: Sequence[str],
    setting: Setting,
    k: int,
    seed: int,
) -> Result:
    """Out-of-fold log loss and accuracy of one setting."""
    classes = sorted(set(labels))
    y = np.array([classes.index(label) for label in labels])
    fold = folds(groups, k, seed)
    z = np.zeros((len(rows), len(classes)))
    for f in range(k):
        train = [n for n in range(len(rows)) if fold[n] != f]
        test = [n for n in range(len(rows)) if fold[n] == f]
        found = fit_filtered(
            [rows[n] for n in train],
            [labels[n] for n in train],
            [groups[n] for n in train],
            setting,
            seed,
        )
        order = [found.classes.index(c) for c in classes]
        z[test] = logits(found, [rows[n] for n in test])[:, order]
    loss, accuracy = _scores(z, y)
    return Result(setting, loss, accuracy, z)


def choose(
    rows: Sequence[Row],
    labels: Sequence[str],
    groups: Sequence[str],
    grid: Sequence[Setting],
    k: int,
    seed: int,
) -> tuple[Result, list[Result]]:
    """The setting of least out-of-fold log loss, and every setting's result."""
    results = [evaluate(rows, labels, groups, s, k, seed) for s in grid]
    for r in results:
        print(
            f"  cv C={r.setting.c} min_families={r.setting.min_families}:"
            f" log loss {r.log_loss:.4f}, pair accuracy {r.accuracy:.4f}"
        )
    return min(results, key=lambda r: r.log_loss), results


def temperature(result: Result, labels: Sequence[str]) -> float:
    """The logit divisor of least out-of-fold log loss (1 = the fit is calibrated as it is)."""
    classes = sorted(set(labels))
    y = np.array([classes.index(label) for label in labels])
    grid = [round(0.5 + 0.05 * n, 2) for n in range(51)]  # 0.5 .. 3.0
    return min(grid, key=lambda t: (_scores(result.logits / t, y)[0], abs(t - 1)))


def ece(probabilities: Any, y: Any, bins: int = 10) -> float:
    """Expected calibration error of the top class."""
    top = np.max(probabilities, axis=1)
    hit = np.argmax(probabilities, axis=1) == y
    total = 0.0
    for b in range(bins):
        inside = (top >= b / bins) & (top < (b + 1) / bins if b < bins - 1 else top <= 1)
        if inside.any():
            total += abs(float(top[inside].sum()) - float(hit[inside].sum()))
    return total / max(len(y), 1)


def softmax(z: Any) -> Any:
    return np.exp(z - logsumexp(z, axis=1, keepdims=True))


def describe(result: Result, labels: Sequence[str], t: float) -> dict[str, float]:
    """Out-of-fold figures of the chosen setting, before and after the temperature."""
    classes = sorted(set(labels))
    y = np.array([classes.index(label) for label in labels])
    raw_loss, accuracy = _scores(result.logits, y)
    scaled_loss, _ = _scores(result.logits / t, y)
    return {
        "log_loss": round(raw_loss, 4),
        "log_loss_calibrated": round(scaled_loss, 4),
        "pair_accuracy": round(accuracy, 4),
        "ece": round(ece(softmax(result.logits), y), 4),
        "ece_calibrated": round(ece(softmax(result.logits / t), y), 4),
        "temperature": t if math.isfinite(t) else 1.0,
    }
