"""The fitted state of the framework classifier, and how it is saved: JSON and ``.npy`` files, never pickle.

A saved classifier is a folder::

    classifier.json            format, embedder, and per framework: labels (mode, threshold, Platt, cues,
                               counts, cross-validated F1) and the reviewed examples (text, labels, key)
    <framework>.vectors.npy    the examples' embeddings, one row each (nearest-example evidence)
    <framework>.ridge.npy      ridge weights, one column per few-shot label, the bias as the last row
    <framework>.logistic.npy   per few-shot label: weights, feature means and scales (rows padded with zeros)

Arrays are loaded with ``allow_pickle=False``, so a saved model cannot run code when it is opened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from hrdmap.analyse.classifier.calibration import ZERO_SHOT_THRESHOLD, Platt
from hrdmap.analyse.classifier.embedders import Vectors
from hrdmap.analyse.classifier.labelled import LabelledText
from hrdmap.analyse.classifier.linear import LogisticModel, Matrix, RidgeModel
from hrdmap.domain.errors import InvalidInput

FORMAT = 1
MANIFEST = "classifier.json"

Mode = Literal["zero-shot", "examples", "few-shot"]


class ClassifierStateError(InvalidInput):
    """A saved classifier cannot be loaded. ``str(error)`` names the file and the reason."""


@dataclass(frozen=True, slots=True)
class LabelState:
    """How one label is decided.

    Attributes:
        label: The label's id.
        mode: ``"zero-shot"`` (keywords and prototypes), ``"examples"`` (the first reviewed examples join the
            prototypes, :mod:`hrdmap.analyse.classifier.first_examples`) or ``"few-shot"`` (fitted on reviewed
            examples).
        threshold: Tag when the (calibrated) probability reaches this.
        positives: Reviewed examples with the label.
        negatives: Reviewed examples without it.
        cv_f1: Cross-validated F1 at ``threshold`` (few-shot only).
        cues: Learned word cues (few-shot only).
        model: The logistic model over [ridge score, keyword flag, prototype similarity, cues] (few-shot only).
        platt: Maps the model's score to a probability.
        held_out_f1: The few-shot model's F1 on the reviewed examples, each fold cut at a threshold chosen on
            the others (when it could be fitted).
        zero_shot_f1: The zero-shot decision's F1 on the same examples; a label whose few-shot ``held_out_f1``
            does not beat it stays zero-shot.
        example_centre: The relevance centre learned from the first examples (mode ``"examples"`` only).
    """

    label: str
    mode: Mode = "zero-shot"
    threshold: float = ZERO_SHOT_THRESHOLD
    positives: int = 0
    negatives: int = 0
    cv_f1: float | None = None
    cues: tuple[str, ...] = ()
    model: LogisticModel | None = None
    platt: Platt = field(default_factory=Platt)
    held_out_f1: float | None = None
    zero_shot_f1: float | None = None
    example_centre: float | None = None


@dataclass(frozen=True, slots=True)
class FrameworkState:
    """What was learned for one framework.

    Attributes:
        framework: The framework's id.
        version: The framework's version when fitted.
        labels: Per label, in framework order.
        ridge: Ridge regression from embeddings to the few-shot labels, or ``None``.
        ridge_labels: The label of each ridge column.
        examples: The reviewed examples (for nearest-example evidence).
        vectors: Their embeddings.
    """

    framework: str
    version: str
    labels: dict[str, LabelState]
    ridge: RidgeModel | None
    ridge_labels: tuple[str, ...]
    examples: tuple[LabelledText, ...]
    vectors: Vectors


def save_states(folder: Path, embedder: str, states: dict[str, FrameworkState]) -> None:
    """Write ``states`` to ``folder`` (created if needed; files of the same names are replaced)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"format": FORMAT, "embedder": embedder, "frameworks": {}}
    for framework, state in states.items():
        manifest["frameworks"][framework] = _state_json(state)  # type: ignore[index]
        np.save(folder / f"{framework}.vectors.npy", state.vectors, allow_pickle=False)
        if state.ridge is not None:
            stacked = np.vstack([state.ridge.weights, state.ridge.bias[None, :]])
            np.save(folder / f"{framework}.ridge.npy", stacked, allow_pickle=False)
        np.save(folder / f"{framework}.logistic.npy", _logistic_array(state), allow_pickle=False)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")


def _state_json(state: FrameworkState) -> dict[str, Any]:
    return {
        "version": state.version,
        "ridge_labels": list(state.ridge_labels),
        "ridge_penalty": state.ridge.penalty if state.ridge is not None else None,
        "labels": [_label_json(s) for s in state.labels.values()],
        "examples": [{"text": e.text, "labels": sorted(e.labels), "key": e.key} for e in state.examples],
    }


def _label_json(state: LabelState) -> dict[str, Any]:
    out: dict[str, Any] = {
        "label": state.label,
        "mode": state.mode,
        "threshold": state.threshold,
        "positives": state.positives,
        "negatives": state.negatives,
        "cv_f1": state.cv_f1,
        "held_out_f1": state.held_out_f1,
        "zero_shot_f1": state.zero_shot_f1,
        "example_centre": state.example_centre,
    }
    if state.model is not None:
        out |= {"cues": list(state.cues), "bias": state.model.bias, "platt": [state.platt.a, state.platt.b]}
    return out


def _logistic_array(state: FrameworkState) -> Matrix:
    fitted = [s.model for s in state.labels.values() if s.model is not None]
    width = max((len(m.weights) for m in fitted), default=0)
    out = np.zeros((len(fitted), 3, width))
    for row, model in enumerate(fitted):
        size = len(model.weights)
        out[row, 0, :size], out[row, 1, :size], out[row, 2, :size] = model.weights, model.mean, model.scale
    return out


def load_states(folder: Path) -> tuple[str, dict[str, FrameworkState]]:
    """Read a folder written by :func:`save_states`: the embedder's name and the states.

    Raises:
        ClassifierStateError: A file is missing or malformed.
    """
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ClassifierStateError(f"{path}: (file): no such file") from None
    except json.JSONDecodeError as error:
        raise ClassifierStateError(f"{path}: line {error.lineno}: not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ClassifierStateError(f"{path}: format: expected {FORMAT}")
    try:
        states = {fw: _state(folder, fw, raw) for fw, raw in manifest["frameworks"].items()}
        return str(manifest["embedder"]), states
    except (KeyError, TypeError, ValueError) as error:
        raise ClassifierStateError(f"{path}: {error}") from None


def _array(path: Path) -> Matrix:
    try:
        out: Matrix = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise ClassifierStateError(f"{path}: (file): no such file") from None
    return out


def _state(folder: Path, framework: str, raw: dict[str, Any]) -> FrameworkState:
    logistic = _array(folder / f"{framework}.logistic.npy")
    labels: dict[str, LabelState] = {}
    row = 0
    for item in raw["labels"]:
        model = None
        if item["mode"] == "few-shot":
            size = 3 + len(item["cues"])
            weights, mean, scale = (logistic[row, i, :size].astype(np.float64) for i in range(3))
            model, row = LogisticModel(weights, float(item["bias"]), mean, scale), row + 1
        labels[item["label"]] = _label_state(item, model)
    ridge = None
    if raw["ridge_labels"]:
        stacked = _array(folder / f"{framework}.ridge.npy")
        ridge = RidgeModel(stacked[:-1], stacked[-1], float(raw["ridge_penalty"]))
    examples = tuple(LabelledText(e["text"], frozenset(e["labels"]), e["key"]) for e in raw["examples"])
    vectors = _array(folder / f"{framework}.vectors.npy").astype(np.float32)
    return FrameworkState(framework, raw["version"], labels, ridge, tuple(raw["ridge_labels"]), examples, vectors)


def _label_state(item: dict[str, Any], model: LogisticModel | None) -> LabelState:
    platt = Platt(*item["platt"]) if model is not None else Platt()
    mode: Mode = "few-shot" if model is not None else "examples" if item["mode"] == "examples" else "zero-shot"
    return LabelState(
        label=item["label"],
        mode=mode,
        threshold=float(item["threshold"]),
        positives=int(item["positives"]),
        negatives=int(item["negatives"]),
        cv_f1=item["cv_f1"],
        cues=tuple(item.get("cues", ())),
        model=model,
        platt=platt,
        held_out_f1=item.get("held_out_f1"),
        zero_shot_f1=item.get("zero_shot_f1"),
        example_centre=item.get("example_centre"),
    )
