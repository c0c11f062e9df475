"""Measure the framework classifier against labelled texts: precision, recall, F1 and confusions per label.

:func:`evaluate_files` is what ``hrdmap evaluate`` runs: read a labelled file (format in
:mod:`hrdmap.analyse.classifier.labelled`), fit on the training rows if there are any (few-shot) or use the
framework alone (zero-shot), tag the test rows, and compare. :func:`score` does the comparison for any two lists
of label sets.

For a multi-label task the "confusion" of a label is read per true label: among the texts that carry it, which
other labels were given wrongly, most often first, and how many times the label itself was missed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdmap.analyse.classifier.embedders import DEFAULT_EMBEDDER
from hrdmap.analyse.classifier.labelled import (
    LabelledFileError,
    LabelledText,
    guess_framework,
    read_labelled,
    resolve_labels,
)
from hrdmap.analyse.classifier.model import FrameworkClassifier
from hrdmap.analyse.frameworks.loader import FrameworkError, load_frameworks
from hrdmap.domain.framework import Framework

CONFUSIONS_SHOWN = 3


@dataclass(frozen=True, slots=True)
class LabelScore:
    """How well one label was given.

    Attributes:
        label: The label's id.
        name: Its English name.
        precision: Share of the texts given the label that carry it (0 when none was given).
        recall: Share of the texts that carry it that were given it (0 when none carries it).
        f1: Harmonic mean of the two.
        support: Texts that carry the label.
        predicted: Texts given the label.
        confused_with: Among texts that carry the label, other labels wrongly given, with counts, most first.
        mode: How the classifier decided the label: ``"zero-shot"``, or ``"few-shot"`` when it had enough
            training examples.
    """

    label: str
    name: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int
    confused_with: tuple[tuple[str, int], ...] = ()
    mode: str = "zero-shot"


@dataclass(frozen=True, slots=True)
class Averages:
    """Micro (pooled over labels) or macro (mean over labels with support) precision, recall and F1."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """The result of an evaluation.

    Attributes:
        framework: The framework's id.
        mode: ``"zero-shot"`` or ``"few-shot"``.
        texts: Texts evaluated.
        trained_on: Texts fitted on (0 for zero-shot).
        labels: One score per label of the framework, in framework order.
        micro: Pooled over all labels.
        macro: Mean over labels with support.
        ignored_labels: Labels in the file that the framework does not have (with ``skip_unknown``).
    """

    framework: str
    mode: str
    texts: int
    trained_on: int
    labels: tuple[LabelScore, ...]
    micro: Averages
    macro: Averages
    ignored_labels: tuple[str, ...] = ()


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(framework: Framework, truth: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]],
          mode: str = "zero-shot", trained_on: int = 0, modes: Mapping[str, str] | None = None) -> EvaluationReport:
    """Compare predicted label sets with true ones, label by label (``modes``: each label's mode, if known)."""
    scores: list[LabelScore] = []
    total_tp = total_predicted = total_support = 0
    for label in framework.labels:
        tp = sum(label.id in t and label.id in p for t, p in zip(truth, predicted, strict=True))
        support = sum(label.id in t for t in truth)
        given = sum(label.id in p for p in predicted)
        confused: Counter[str] = Counter()
        for t, p in zip(truth, predicted, strict=True):
            if label.id in t:
                confused.update(p - t)
        precision, recall = _ratio(tp, given), _ratio(tp, support)
        top = tuple(sorted(confused.items(), key=lambda kv: (-kv[1], kv[0]))[:CONFUSIONS_SHOWN])
        scores.append(LabelScore(label.id, label.name("en"), precision, recall, _f1(precision, recall),
                                 support, given, top, (modes or {}).get(label.id, "zero-shot")))
        total_tp, total_predicted, total_support = total_tp + tp, total_predicted + given, total_support + support
    micro_p, micro_r = _ratio(total_tp, total_predicted), _ratio(total_tp, total_support)
    counted = [s for s in scores if s.support]
    macro = Averages(*(sum(getattr(s, f) for s in counted) / max(len(counted), 1)
                       for f in ("precision", "recall", "f1")))
    return EvaluationReport(framework.id, mode, len(truth), trained_on, tuple(scores),
                            Averages(micro_p, micro_r, _f1(micro_p, micro_r)), macro)


def evaluate(classifier: FrameworkClassifier, framework: str, test: Sequence[LabelledText],
             train: Sequence[LabelledText] = ()) -> EvaluationReport:
    """Fit on ``train`` when given (few-shot), tag ``test`` and score it."""
    if train:
        classifier.fit(framework, train)
    prediction = classifier.predict(framework, [item.text for item in test])
    mode = "few-shot" if train else "zero-shot"
    return score(classifier.frameworks[framework], [item.labels for item in test], prediction.label_sets(),
                 mode, len(train), dict(zip(prediction.labels, prediction.modes, strict=True)))


def evaluate_files(labels: Path, framework: str | None = None, train: Path | None = None,
                   zero_shot: bool = False, embedder: str = DEFAULT_EMBEDDER,
                   skip_unknown: bool = False, framework_dirs: Sequence[Path] | None = None) -> EvaluationReport:
    """Evaluate the classifier on a labelled file (what ``hrdmap evaluate`` runs).

    Rows of ``labels`` whose split is ``train`` are fitted on, the others evaluated; ``train`` names a file of
    training rows instead. ``zero_shot`` ignores all training rows. Without ``framework``, the framework is the
    one that knows every label of the file (:func:`hrdmap.analyse.classifier.labelled.guess_framework`).

    Args:
        framework_dirs: Folders of user frameworks to choose from beside the built-in ones (none: the built-in
            ones only). Statement kinds can be evaluated too.

    Raises:
        LabelledFileError: A file is malformed, uses a label the framework lacks (unless ``skip_unknown``), or
            its labels do not point to one framework.
        hrdmap.analyse.frameworks.loader.FrameworkError: No framework of that id is loaded, a framework file is
            invalid, or a folder is missing.
    """
    classifier = FrameworkClassifier(load_frameworks(framework_dirs or ()), embedder=embedder)
    rows = read_labelled(labels)
    chosen = _framework(classifier, framework, rows, labels, skip_unknown)
    test, ignored = resolve_labels([r for r in rows if r.split != "train"], chosen, str(labels), skip_unknown)
    training_rows = read_labelled(train) if train is not None else [r for r in rows if r.split == "train"]
    source = str(train) if train is not None else str(labels)
    fitted, more = resolve_labels(training_rows, chosen, source, skip_unknown)
    if not test:
        raise LabelledFileError(f"{labels}: split: every row is a training row; nothing left to evaluate")
    report = evaluate(classifier, chosen.id, test, () if zero_shot else fitted)
    return EvaluationReport(report.framework, report.mode, report.texts, report.trained_on, report.labels,
                            report.micro, report.macro, tuple(sorted(ignored | more)))


def _framework(classifier: FrameworkClassifier, framework: str | None, rows: Sequence[LabelledText],
               source: Path, partial: bool) -> Framework:
    if framework is not None:
        if framework not in classifier.frameworks:
            raise FrameworkError(
                f"--framework: no framework {framework!r} (loaded: {', '.join(sorted(classifier.frameworks))})"
            )
        return classifier.frameworks[framework]
    return guess_framework(rows, classifier.frameworks.values(), str(source), partial)
