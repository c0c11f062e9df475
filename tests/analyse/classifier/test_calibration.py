"""Calibration: Platt scaling, the F1-best threshold, stratified folds, and when a label has enough examples."""

from __future__ import annotations

import numpy as np

from hrdmap.analyse.classifier.calibration import (
    MIN_POSITIVES,
    best_threshold,
    enough_examples,
    fit_platt,
    stratified_folds,
)
from hrdmap.analyse.classifier.linear import fit_logistic, fit_ridge


def test_the_threshold_maximises_f1_and_falls_between_two_scores() -> None:
    probabilities = np.array([0.95, 0.9, 0.8, 0.7, 0.4, 0.3, 0.2])
    targets = np.array([True, True, False, True, False, False, True])
    threshold, f1 = best_threshold(probabilities, targets)
    assert 0.4 < threshold < 0.7  # keep the top four: 3 right of 4 given, 3 of 4 found
    assert f1 == 0.75


def test_platt_scaling_is_increasing_and_stays_finite_on_separable_scores() -> None:
    scores = np.array([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0])
    targets = scores > 0
    platt = fit_platt(scores, targets)
    probabilities = platt.probability(scores)
    assert np.all(np.diff(probabilities) > 0)
    assert np.all((probabilities > 0) & (probabilities < 1))
    assert probabilities[0] < 0.5 < probabilities[-1]


def test_folds_spread_positives_evenly() -> None:
    targets = np.array([True] * 10 + [False] * 40)
    folds = stratified_folds(targets, folds=5)
    assert [int(targets[folds == k].sum()) for k in range(5)] == [2] * 5
    assert np.array_equal(folds, stratified_folds(targets, folds=5))  # reproducible


def test_a_label_needs_enough_positives_and_negatives() -> None:
    assert not enough_examples(np.array([True] * (MIN_POSITIVES - 1) + [False] * 50))
    assert enough_examples(np.array([True] * MIN_POSITIVES + [False] * MIN_POSITIVES))
    assert not enough_examples(np.array([True] * 50 + [False] * 2))


def test_the_linear_models_separate_a_simple_rule() -> None:
    rng = np.random.default_rng(0)
    features = rng.normal(size=(400, 5))
    targets = features[:, 0] + 0.5 * features[:, 1] > 1.0
    model = fit_logistic(features, targets)
    assert np.mean((model.decision(features) > 0) == targets) > 0.95
    ridge, loo = fit_ridge(features, np.column_stack([targets, ~targets]))
    assert loo.shape == (400, 2) and np.corrcoef(ridge.scores(features)[:, 0], targets)[0, 1] > 0.6


def test_few_shot_must_beat_zero_shot_by_more_than_chance() -> None:
    # Issue 12, finding 13: few-shot is kept only where it wins on held-out reviewed examples, and by more than
    # the noise of a handful of them.
    from hrdmap.analyse.classifier.fitting import beats

    truth = np.array([True] * 10 + [False] * 30)
    zero = truth.copy()
    zero[:3] = False  # zero-shot misses 3 positives
    few = truth.copy()  # few-shot finds them all
    assert beats(few, zero, truth)  # b = 3, c = 0: 3 > 0.5·√3
    mixed = few.copy()
    mixed[10:13] = True  # and three false alarms zero-shot does not make
    assert not beats(mixed, zero, truth)  # b = 3, c = 3: no better than chance
    worse = truth.copy()
    worse[:5] = False
    assert not beats(worse, zero, truth)
