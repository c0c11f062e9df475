"""Calibrated scores and per-label thresholds.

A classifier's raw score is not a probability, and the best cut-off differs from label to label (a rare,
lexical label such as "Human rights defenders" wants a different one from a broad one such as "Women's rights").
So, for each label with enough reviewed examples:

1. **Out-of-fold scores.** The examples are split into ``k`` stratified folds; each fold is scored by a model
   fitted on the others, so every example gets a score from a model that never saw it.
2. **Platt scaling.** A one-feature logistic regression maps those scores to probabilities.
3. **Threshold.** The probability cut-off that maximises F1 on the out-of-fold probabilities.

A label with fewer than :data:`MIN_POSITIVES` positive (or negative) examples keeps the zero-shot default.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier.linear import sigmoid

MIN_POSITIVES = 8
FOLDS = 5
ZERO_SHOT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Platt:
    """``P(label) = sigmoid(a * score + b)``."""

    a: float = 1.0
    b: float = 0.0

    def probability(self, scores: NDArray[np.float64]) -> NDArray[np.float64]:
        """Calibrated probabilities of raw scores."""
        return sigmoid(self.a * scores + self.b)


def fit_platt(scores: NDArray[np.float64], targets: NDArray[np.bool_]) -> Platt:
    """Fit Platt scaling on held-out scores.

    Uses Platt's smoothed targets and Newton steps with a backtracking line search (Lin, Lin and Weng, 2007),
    so scores that separate the classes perfectly still give finite, usable parameters.
    """
    positives = float(targets.sum())
    negatives = float(len(targets) - positives)
    smoothed = np.where(targets, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    a, b = 0.0, float(np.log((positives + 1) / (negatives + 1)))
    loss = _platt_loss(a, b, scores, smoothed)
    for _ in range(100):
        p = sigmoid(a * scores + b)
        residual, weight = p - smoothed, p * (1 - p) + 1e-12
        gradient = np.array([residual @ scores, residual.sum()])
        hessian = np.array([[weight @ scores**2, weight @ scores], [weight @ scores, weight.sum()]])
        step = np.linalg.solve(hessian + 1e-12 * np.eye(2), gradient)
        size = 1.0
        while size > 1e-10:
            trial = _platt_loss(a - size * step[0], b - size * step[1], scores, smoothed)
            if trial < loss + 1e-4 * size * float(gradient @ -step):
                break
            size /= 2
        else:
            break
        a, b, loss = a - size * float(step[0]), b - size * float(step[1]), trial
        if float(np.max(np.abs(size * step))) < 1e-8:
            break
    return Platt(a, b)


def _platt_loss(a: float, b: float, scores: NDArray[np.float64], targets: NDArray[np.float64]) -> float:
    z = a * scores + b
    return float(np.sum(np.logaddexp(0.0, z) - targets * z))


def best_threshold(probabilities: NDArray[np.float64], targets: NDArray[np.bool_]) -> tuple[float, float]:
    """The cut-off that maximises F1, and that F1.

    The cut-off lies halfway between the last probability kept and the next one, so it does not sit on an
    example's exact score.
    """
    order = np.argsort(-probabilities, kind="stable")
    ranked = probabilities[order]
    hits = np.cumsum(targets[order])
    kept = np.arange(1, len(ranked) + 1)
    total = max(int(targets.sum()), 1)
    f1 = 2 * hits / (kept + total)
    distinct = np.append(ranked[1:] < ranked[:-1], True)  # cut only between different scores
    f1 = np.where(distinct, f1, -1.0)
    best = int(np.argmax(f1))
    below = float(ranked[best + 1]) if best + 1 < len(ranked) else 0.0
    return (float(ranked[best]) + below) / 2, float(f1[best])


def stratified_folds(targets: NDArray[np.bool_], folds: int = FOLDS, seed: int = 0) -> NDArray[np.int64]:
    """A fold number for each example, positives and negatives spread evenly (reproducible by ``seed``)."""
    rng = np.random.default_rng(seed)
    out = np.zeros(len(targets), dtype=np.int64)
    for value in (True, False):
        members = np.flatnonzero(targets == value)
        rng.shuffle(members)
        out[members] = np.arange(len(members)) % folds
    return out


def enough_examples(targets: NDArray[np.bool_]) -> bool:
    """Whether a label has enough positives and negatives to fit and calibrate it."""
    positives = int(targets.sum())
    return positives >= MIN_POSITIVES and len(targets) - positives >= MIN_POSITIVES

