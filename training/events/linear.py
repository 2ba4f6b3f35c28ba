"""Multinomial logistic regression for the trainers, with or without scikit-learn.

The trainers fit `LogisticRegression(C=c)` (lbfgs, multinomial, L2 on the weights, not on the
intercepts) on a `DictVectorizer(sort=True)` matrix. Where scikit-learn (the `train` extra) is not
installed, `fit` minimises the same objective with SciPy's L-BFGS: mean log loss plus
`||W||^2 / (2 C n)`, the form scikit-learn minimises; the problem is convex, so both reach the
same weights up to the solvers' tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import optimize, sparse
from scipy.special import logsumexp


@dataclass(frozen=True)
class Fitted:
    names: list[str]  # feature names, sorted
    classes: list[str]  # class labels, sorted
    coef: Any  # (classes, features)
    intercept: Any  # (classes,)
    solver: str


def vectorise(rows: list[dict[str, float]]) -> tuple[list[str], Any]:
    """A sparse matrix of the rows' features, columns in sorted name order (DictVectorizer's)."""
    names = sorted({name for row in rows for name in row})
    index = {name: j for j, name in enumerate(names)}
    data, cols, ptr = [], [], [0]
    for row in rows:
        for name in sorted(row, key=index.__getitem__):
            cols.append(index[name])
            data.append(float(row[name]))
        ptr.append(len(cols))
    matrix = sparse.csr_matrix((data, cols, ptr), shape=(len(rows), len(names)))
    return names, matrix


def solver() -> str:
    """The solver `fit` uses here."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return "scipy-lbfgs"
    return "scikit-learn"


def fit(rows: list[dict[str, float]], labels: list[str], c: float, seed: int) -> Fitted:
    """Fit with scikit-learn when it is installed, else with SciPy (same objective)."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        names, matrix = vectorise(rows)
        classes, coef, intercept = _fit_scipy(matrix, labels, c)
        return Fitted(names, classes, coef, intercept, "scipy-lbfgs")
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=3000, random_state=seed).fit(matrix, labels)
    names = [str(n) for n in vectorizer.get_feature_names_out()]
    classes = [str(k) for k in model.classes_]
    return Fitted(names, classes, model.coef_, model.intercept_, "scikit-learn")


def _fit_scipy(matrix: Any, labels: list[str], c: float) -> tuple[list[str], Any, Any]:
    classes = sorted(set(labels))
    y = np.array([classes.index(label) for label in labels])
    n, d = matrix.shape
    k = len(classes)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    strength = 1.0 / (c * n)

    def objective(flat: Any) -> tuple[float, Any]:
        w = flat.reshape(k, d + 1)
        z = np.asarray(matrix @ w[:, :d].T) + w[:, d]
        lse = logsumexp(z, axis=1)
        loss = float(np.mean(lse - z[np.arange(n), y]))
        loss += 0.5 * strength * float(np.sum(w[:, :d] ** 2))
        diff = (np.exp(z - lse[:, None]) - onehot) / n
        grad = np.empty_like(w)
        grad[:, :d] = np.asarray(matrix.T @ diff).T + strength * w[:, :d]
        grad[:, d] = diff.sum(axis=0)
        return loss, grad.ravel()

    start = np.zeros(k * (d + 1))
    found = optimize.minimize(
        objective, start, jac=True, method="L-BFGS-B", options={"maxiter": 3000, "gtol": 1e-6}
    )
    w = found.x.reshape(k, d + 1)
    return classes, w[:, :d], w[:, d]
