"""Fit the few-shot part of the framework classifier on reviewed examples of one framework.

For the labels with enough examples (:func:`hrdmap.analyse.classifier.calibration.enough_examples`):

1. A ridge regression maps embeddings to all those labels at once (its leave-one-out scores feed step 2).
2. Per label, a logistic regression reads [ridge score, keyword flag, prototype similarity, learned cues].
3. Steps 1–2 are repeated on ``k`` folds to score every example by a model that never saw it; those scores fit
   Platt scaling and choose the label's threshold (:mod:`hrdmap.analyse.classifier.calibration`).
4. **Few-shot or zero-shot, per label, on held-out data.** The same out-of-fold scores give the few-shot
   model's held-out F1: each fold is cut at the threshold chosen on the other folds, so no example decides its
   own cut. The zero-shot decision (keywords and prototypes, which learn nothing) is scored on the same
   examples. A label keeps its few-shot model only when its held-out F1 beats zero-shot's; otherwise it stays
   zero-shot, so fitting never makes a label worse than the framework file alone on the reviewed examples
   (it must win by more than chance: see :func:`beats`).
5. Steps 1–2 are run once more on all examples: that is the model kept.

The other labels stay zero-shot. The folds are stratified on the rarest fitted label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier.calibration import FOLDS, best_threshold, enough_examples, fit_platt, stratified_folds
from hrdmap.analyse.classifier.cues import Terms, document_frequency, select_cues
from hrdmap.analyse.classifier.features import Batch, label_features
from hrdmap.analyse.classifier.labelled import LabelledText
from hrdmap.analyse.classifier.linear import LogisticModel, Matrix, RidgeModel, fit_logistic, fit_ridge
from hrdmap.analyse.classifier.state import FrameworkState, LabelState
from hrdmap.domain.framework import Framework


def fit_framework(framework: Framework, batch: Batch, examples: Sequence[LabelledText],
                  zero_shot: NDArray[np.bool_] | None = None) -> FrameworkState:
    """Learn ``framework``'s labels from ``examples`` (whose features are ``batch``).

    Args:
        framework: The framework.
        batch: The examples' features.
        examples: The reviewed examples.
        zero_shot: ``(examples, labels)`` the zero-shot decisions on the examples; when given, a label whose
            few-shot held-out F1 does not beat zero-shot's F1 stays zero-shot.
    """
    targets = np.array([[label in e.labels for label in batch.labels] for e in examples], dtype=bool)
    targets = targets.reshape(len(examples), len(batch.labels))
    fitted = [label for i, label in enumerate(batch.labels) if enough_examples(targets[:, i])]
    states = {label: _counts(label, targets[:, i]) for i, label in enumerate(batch.labels)}
    ridge: RidgeModel | None = None
    if fitted:
        columns = [batch.column(label) for label in fitted]
        y = targets[:, columns]
        oof, folds = _out_of_fold(batch, y, fitted)
        ridge, loo = fit_ridge(batch.vectors, y)
        for j, label in enumerate(fitted):
            decided = cross_fitted(oof[:, j], y[:, j], folds)
            held_out = _f1(decided, y[:, j])
            zero = None if zero_shot is None else _f1(zero_shot[:, batch.column(label)], y[:, j])
            if zero_shot is not None and not beats(decided, zero_shot[:, batch.column(label)], y[:, j]):
                states[label] = replace(states[label], held_out_f1=held_out, zero_shot_f1=zero)
                continue
            states[label] = replace(_final(batch, label, y[:, j], loo[:, j], oof[:, j], states[label]),
                                    held_out_f1=held_out, zero_shot_f1=zero)
    return FrameworkState(
        framework=framework.id,
        version=framework.version,
        labels=states,
        ridge=ridge,
        ridge_labels=tuple(fitted),
        examples=tuple(examples),
        vectors=batch.vectors,
    )


def _counts(label: str, targets: NDArray[np.bool_]) -> LabelState:
    positives = int(targets.sum())
    return LabelState(label, positives=positives, negatives=len(targets) - positives)


def _fit_label(batch: Batch, label: str, rows: NDArray[np.bool_], ridge_scores: Matrix,
               targets: NDArray[np.bool_], frequency: Counter[str]) -> tuple[tuple[str, ...], LogisticModel]:
    """Cues and logistic model for ``label`` from the rows selected by ``rows``."""
    documents: list[Terms] = [batch.terms.documents[i] for i in np.flatnonzero(rows)]
    cues = select_cues(documents, targets[rows], frequency)
    features = label_features(batch, label, ridge_scores, cues)
    return cues, fit_logistic(features[rows], targets[rows])


def cross_fitted(scores: Matrix, targets: NDArray[np.bool_], folds: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Decisions on out-of-fold ``scores``, each fold cut at the threshold that is best on the other folds."""
    decided = np.zeros(len(scores), dtype=bool)
    for fold in np.unique(folds):
        held = folds == fold
        threshold, _ = best_threshold(scores[~held], targets[~held])
        decided[held] = scores[held] >= threshold
    return decided


#: How many standard deviations of ``b - c`` a model must win by (see :func:`beats`).
MARGIN = 0.5


def beats(few_shot: NDArray[np.bool_], zero_shot: NDArray[np.bool_], targets: NDArray[np.bool_]) -> bool:
    """Whether the few-shot decisions beat the zero-shot ones on the reviewed examples by more than chance.

    Its F1 must be higher, and the examples it gets right where zero-shot is wrong (``b``) must outnumber
    those it gets wrong where zero-shot is right (``c``) by more than half a standard deviation of that count
    under no difference (``b - c > 0.5·√(b + c)``, after McNemar's comparison). With a handful of examples a
    model rarely proves itself, so the framework's own words keep deciding.
    """
    if _f1(few_shot, targets) <= _f1(zero_shot, targets):
        return False
    right, wrong = few_shot == targets, zero_shot == targets
    b, c = int((right & ~wrong).sum()), int((~right & wrong).sum())
    return bool(b - c > MARGIN * (b + c) ** 0.5)


def _f1(decided: NDArray[np.bool_], targets: NDArray[np.bool_]) -> float:
    hits = int((decided & targets).sum())
    return 2 * hits / max(int(decided.sum()) + int(targets.sum()), 1)


def _out_of_fold(batch: Batch, y: NDArray[np.bool_], fitted: list[str]) -> tuple[Matrix, NDArray[np.int64]]:
    """Every example's score from models fitted without its fold, and each example's fold."""
    rarest = int(np.argmin(y.sum(axis=0)))
    folds = stratified_folds(y[:, rarest], FOLDS)
    oof = np.zeros(y.shape)
    for fold in range(FOLDS):
        train = folds != fold
        ridge, loo = fit_ridge(batch.vectors[train], y[train])
        scores = np.zeros(y.shape)
        scores[train], scores[~train] = loo, ridge.scores(batch.vectors[~train])
        frequency = document_frequency(batch.terms.documents[i] for i in np.flatnonzero(train))
        for j, label in enumerate(fitted):
            cues, model = _fit_label(batch, label, train, scores[:, j], y[:, j], frequency)
            held_out = label_features(batch, label, scores[:, j], cues)[~train]
            oof[~train, j] = model.decision(held_out)
    return oof, folds


def _final(batch: Batch, label: str, targets: NDArray[np.bool_], loo: Matrix, oof: Matrix,
           counts: LabelState) -> LabelState:
    """The label's model on all examples, calibrated on its out-of-fold scores."""
    platt = fit_platt(oof, targets)
    threshold, f1 = best_threshold(platt.probability(oof), targets)
    everything = np.ones(len(targets), dtype=bool)
    cues, model = _fit_label(batch, label, everything, loo, targets, batch.terms.frequency)
    return LabelState(label, "few-shot", threshold, counts.positives, counts.negatives, f1, cues, model, platt)
