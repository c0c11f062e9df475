"""Learning from the first reviewed examples, before a label has enough of them for a model of its own.

A label needs 8 reviewed positives and 8 negatives before it gets a calibrated model
(:mod:`hrdmap.analyse.classifier.fitting`). Reviewers give a few examples, not dozens, so the first ones must
count too. For a label that stays zero-shot but has at least one reviewed positive:

1. **The positives become prototypes.** The label's centroid becomes the sum of its label texts' centroid and
   the mean of its reviewed positives (passage vectors, so in the documents' own words); relevance is then
   computed as in :mod:`hrdmap.analyse.classifier.prototypes`, against every label's centroid so updated.
2. **The cut is chosen on the examples.** Each reviewed example is scored without itself (its vector taken out
   of the centroid: leave-one-out), and the relevance at which the label is tagged is the one that is best on
   those scores (between 0.03 and the embedder's zero-shot centre).
3. **Only where the framework's words fail.** The examples decide a label only when the zero-shot decision
   (keywords and label texts) gets an F1 below 0.5 on the reviewed examples and the example-based one does
   better. Where the keywords already find the reviewed positives (most UPR themes), nothing changes; where the
   framework's words do not match the documents (areas on a report written in other words), the first
   examples teach the label.

Such labels have mode ``"examples"``; their tags carry the nearest reviewed examples as evidence.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier.calibration import best_threshold
from hrdmap.analyse.classifier.embedders import Vectors
from hrdmap.analyse.classifier.linear import Matrix, sigmoid
from hrdmap.analyse.classifier.prototypes import DEFAULT_SCALE, ZERO_SHOT_SCALES, Prototypes

KEYWORD_PROBABILITY = 0.9
LOWEST_CENTRE = 0.03
FAILING_F1 = 0.5


def _label_means(prototypes: Prototypes) -> Matrix:
    """``(labels, dim)``: the mean of each label's own prototype texts."""
    vectors = prototypes.vectors.astype(np.float64)
    return np.stack([vectors[prototypes.owner == i].mean(axis=0) for i in range(len(prototypes.labels))])


def _relative(passages: NDArray[np.floating], centroids: Matrix) -> Matrix:
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    cosines = passages.astype(np.float64) @ (centroids / np.maximum(norms, 1e-12)).T
    out: Matrix = cosines - cosines.mean(axis=1, keepdims=True)
    return out


def relevance(prototypes: Prototypes, examples: Vectors, targets: NDArray[np.bool_], passages: Vectors) -> Matrix:
    """``(passages, labels)`` relevance to centroids that include the reviewed positives (step 1)."""
    sums = targets.T.astype(np.float64) @ examples.astype(np.float64)
    counts = np.maximum(targets.sum(axis=0), 1)[:, None]
    return _relative(passages, _label_means(prototypes) + sums / counts)


def _leave_one_out(prototypes: Prototypes, examples: Vectors, targets: NDArray[np.bool_]) -> Matrix:
    """Each reviewed example's relevance to centroids built without it (step 2)."""
    means = _label_means(prototypes)
    vectors = examples.astype(np.float64)
    sums = targets.T.astype(np.float64) @ vectors
    counts = targets.sum(axis=0).astype(np.float64)
    out = np.zeros(targets.shape)
    for row in range(len(vectors)):
        own = targets[row].astype(np.float64)
        rest = np.maximum(counts - own, 1)[:, None]
        centroids = means + (sums - np.outer(own, vectors[row])) / rest
        out[row] = _relative(vectors[row : row + 1], centroids)[0]
    return out


def _probability(relevance_: Matrix, keywords: NDArray[np.bool_], centre: float, width: float) -> Matrix:
    result: Matrix = 1 - (1 - KEYWORD_PROBABILITY * keywords) * (1 - sigmoid((relevance_ - centre) / width))
    return result


def _f1(decided: NDArray[np.bool_], targets: NDArray[np.bool_]) -> float:
    return 2 * int((decided & targets).sum()) / max(int(decided.sum()) + int(targets.sum()), 1)


def choose_centres(prototypes: Prototypes, examples: Vectors, targets: NDArray[np.bool_],
                   keywords: NDArray[np.bool_], zero_shot: NDArray[np.bool_], candidates: list[int],
                   embedder: str) -> dict[int, float]:
    """For the label columns ``candidates``, the relevance centre learned from the examples, where it helps.

    Args:
        prototypes: The framework's label prototypes.
        examples: The reviewed examples' vectors.
        targets: ``(examples, labels)`` which labels each example carries.
        keywords: ``(examples, labels)`` where the labels' keywords fired on the examples.
        zero_shot: ``(examples, labels)`` the zero-shot decisions on the examples.
        candidates: Columns of labels that stay zero-shot and have at least one reviewed positive.
        embedder: The embedder's name (for the zero-shot centre and width).

    Returns:
        Column → centre, for the labels the examples decide from now on (step 3).
    """
    default, width = ZERO_SHOT_SCALES.get(embedder, DEFAULT_SCALE)
    scores = _leave_one_out(prototypes, examples, targets)
    chosen: dict[int, float] = {}
    for column in candidates:
        truth = targets[:, column]
        already = _f1(zero_shot[:, column], truth)
        if already >= FAILING_F1:
            continue
        found = np.where(keywords[:, column], np.inf, scores[:, column])  # what the keywords find stays found
        cut, _ = best_threshold(np.nan_to_num(found, posinf=10.0), truth)
        centre = float(np.clip(cut, LOWEST_CENTRE, default))
        mine = _probability(scores[:, column], keywords[:, column], centre, width) >= 0.5
        if _f1(mine, truth) > already:
            chosen[column] = centre
    return chosen
