"""Two small linear models in numpy, the parts of the few-shot classifier.

- :func:`fit_ridge`: ridge regression from embeddings to every label of a framework at once. One singular value
  decomposition serves all labels and every penalty tried, and gives each training example's leave-one-out
  score for free, so the second stage learns from scores the ridge did not fit to that very example.
- :func:`fit_logistic`: per label, an L2 logistic regression over a few dozen features (the ridge score, the
  keyword flag, the prototype similarity, learned word cues), by Newton's method.

A few hundred to a few tens of thousands of reviewed paragraphs fit in seconds on two cores; scikit-learn is not
needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]

PENALTIES = (0.1, 0.3, 1.0, 3.0, 10.0)
MAX_STEPS = 30
TOLERANCE = 1e-6


def sigmoid(z: Matrix) -> Matrix:
    """The logistic function, without overflow warnings for large ``|z|``."""
    out: Matrix = np.exp(-np.logaddexp(0.0, -z))
    return out


@dataclass(frozen=True, slots=True)
class RidgeModel:
    """``scores = vectors @ weights + bias``, one column per label.

    Attributes:
        weights: ``(dim, labels)``.
        bias: ``(labels,)``.
        penalty: The L2 penalty chosen by leave-one-out error.
    """

    weights: Matrix
    bias: Matrix
    penalty: float

    def scores(self, vectors: NDArray[np.floating]) -> Matrix:
        """Each label's score for each row."""
        out: Matrix = vectors.astype(np.float64) @ self.weights + self.bias
        return out


def fit_ridge(vectors: NDArray[np.floating], targets: NDArray[np.bool_]) -> tuple[RidgeModel, Matrix]:
    """Fit ridge regression of 0/1 targets on centred vectors; choose the penalty by leave-one-out error.

    Args:
        vectors: ``(n, dim)`` embeddings.
        targets: ``(n, labels)`` booleans.

    Returns:
        The model and the ``(n, labels)`` leave-one-out scores of the training rows.
    """
    x = vectors.astype(np.float64)
    y = targets.astype(np.float64)
    x_mean, y_mean = x.mean(axis=0), y.mean(axis=0)
    u, s, vt = np.linalg.svd(x - x_mean, full_matrices=False)
    projected = u.T @ (y - y_mean)
    best: tuple[float, float, Matrix, Matrix] | None = None
    for penalty in PENALTIES:
        shrink = s**2 / (s**2 + penalty)
        fitted = u @ (shrink[:, None] * projected) + y_mean
        leverage = (u**2) @ shrink + 1.0 / len(x)
        loo = y - (y - fitted) / (1.0 - leverage)[:, None]
        error = float(((loo - y) ** 2).mean())
        if best is None or error < best[0]:
            best = (error, penalty, shrink, loo)
    assert best is not None  # noqa: S101 - PENALTIES is not empty
    _, penalty, shrink, loo = best
    weights = vt.T @ ((shrink / np.where(s > 0, s, 1.0))[:, None] * projected)
    return RidgeModel(weights, y_mean - x_mean @ weights, penalty), loo


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """``P(label) = sigmoid(((x - mean) / scale) @ weights + bias)``.

    Attributes:
        weights: One weight per feature.
        bias: The intercept.
        mean: Training mean of each feature.
        scale: Training standard deviation of each feature (1 where a feature was constant).
    """

    weights: Matrix
    bias: float
    mean: Matrix
    scale: Matrix

    def decision(self, features: Matrix) -> Matrix:
        """The linear score (log-odds) of each row."""
        out: Matrix = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return out


def fit_logistic(features: Matrix, targets: NDArray[np.bool_], l2: float = 1.0) -> LogisticModel:
    """Fit by Newton's method with an L2 penalty on the weights (not the bias).

    Continuous features are standardised; 0/1 features are only centred, so that the penalty keeps a word seen
    in three examples from getting a huge weight.

    Positives are weighted so that both classes weigh the same in the loss; a rare label (1 % of paragraphs)
    otherwise learns to say no. The threshold is chosen afterwards (see :mod:`hrdmap.analyse.classifier.calibration`).

    Args:
        features: ``(n, f)`` training features.
        targets: ``(n,)`` booleans.
        l2: Penalty strength (on standardised features).
    """
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    binary = np.all((features == 0) | (features == 1), axis=0)
    scale[binary | (scale < 1e-9)] = 1.0  # a rare word's flag is not blown up to unit variance
    x = np.hstack([(features - mean) / scale, np.ones((len(features), 1))])
    y = targets.astype(np.float64)
    positives = max(float(y.sum()), 1.0)
    negatives = max(float(len(y) - y.sum()), 1.0)
    sample = np.where(targets, len(y) / (2 * positives), len(y) / (2 * negatives))
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    theta = np.zeros(x.shape[1])
    for _ in range(MAX_STEPS):
        p = sigmoid(x @ theta)
        gradient = x.T @ (sample * (p - y)) + penalty * theta
        hessian = (x.T * (sample * p * (1 - p))) @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if float(np.max(np.abs(step))) < TOLERANCE:
            break
    return LogisticModel(weights=theta[:-1], bias=float(theta[-1]), mean=mean, scale=scale)
