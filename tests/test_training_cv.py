"""Cross-validation over template families (training/events/cv.py), on small made-up rows."""

from __future__ import annotations

import numpy as np
from training.events import cv


def test_folds_keep_each_family_in_one_fold() -> None:
    groups = ["a", "a", "b", "c", "c", "c", "d", "e"]
    fold = cv.folds(groups, 3, seed=1)
    for family in set(groups):
        assert len({f for f, g in zip(fold, groups, strict=True) if g == family}) == 1
    assert set(fold) == {0, 1, 2}
    assert fold == cv.folds(groups, 3, seed=1)  # seeded: the same every run


def test_family_filter_drops_a_feature_of_one_family() -> None:
    rows = [{"x": 1.0, "only_a": 1.0}, {"x": 1.0, "only_a": 1.0}, {"x": 1.0}]
    assert cv.family_filter(rows, ["a", "a", "b"], 2) == {"x"}
    assert cv.family_filter(rows, ["a", "a", "b"], 1) == {"x", "only_a"}


def _rows(n: int) -> tuple[list[dict[str, float]], list[str], list[str]]:
    """A feature that says the label, right six times in seven, over ten families."""
    rows, labels, groups = [], [], []
    for k in range(n):
        label = "source" if k % 2 else "none"
        said = label if k % 7 else ("none" if label == "source" else "source")
        rows.append({f"says={said}": 1.0, "bias": 1.0})
        labels.append(label)
        groups.append(f"family{k % 10}")
    return rows, labels, groups


def test_choose_scores_out_of_fold_and_temperature_calibrates() -> None:
    rows, labels, groups = _rows(200)
    grid = [cv.Setting(0.001, 1), cv.Setting(1.0, 1)]
    best, results = cv.choose(rows, labels, groups, grid, k=4, seed=3)
    assert best is min(results, key=lambda r: r.log_loss)
    assert best.setting.c == 1.0 and best.accuracy > 0.8  # the feature is right 6 times in 7
    t = cv.temperature(best, labels)
    figures = cv.describe(best, labels, t)
    assert figures["log_loss_calibrated"] <= figures["log_loss"] + 1e-12
    # a model too sure of itself (logits x 3) is cooled by about that factor
    hot = cv.Result(best.setting, best.log_loss, best.accuracy, best.logits * 3)
    assert cv.temperature(hot, labels) > 2 * t


def test_logits_ignore_unknown_features() -> None:
    rows, labels, groups = _rows(40)
    found = cv.fit_filtered(rows, labels, groups, cv.Setting(1.0, 1), seed=0)
    z = cv.logits(found, [{"never_seen": 1.0}])
    assert np.allclose(z[0], found.intercept)
