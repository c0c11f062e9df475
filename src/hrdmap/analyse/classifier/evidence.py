"""The evidence behind the framework classifier's tags: what a reviewer reads to accept or reject one.

Every tag carries, in this order:

- the keyword or pattern spans of the label that fired in the paragraph (``span``);
- for a few-shot label, the nearest reviewed examples that carry the label, with their similarity
  (``examples``; ``detail`` has ``similarity`` and the example's ``key``), and the learned word cues present in
  the paragraph that speak for the label (``rule``);
- for a zero-shot label, the label text (definition, name or example) the paragraph is closest to
  (``examples``; ``detail`` has ``similarity`` and ``source: label``).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier.features import Batch
from hrdmap.analyse.classifier.linear import Matrix
from hrdmap.analyse.classifier.prediction import Prediction
from hrdmap.analyse.classifier.prototypes import Prototypes
from hrdmap.analyse.classifier.state import FrameworkState
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag

NEAREST = 2

def tags_for(tagger: str, prediction: Prediction, batch: Batch, prototypes: Prototypes,
             state: FrameworkState | None) -> list[list[Tag]]:
    """The tags of each text of ``batch``, with their evidence."""
    similar = None if state is None else batch.vectors @ state.vectors.T
    members = {} if state is None else _members(state)
    nearest, which = prototypes.nearest(batch.vectors)
    out: list[list[Tag]] = []
    for row in range(len(batch.texts)):
        tags = []
        for column in (int(c) for c in np.flatnonzero(prediction.decisions[row])):
            label = prediction.labels[column]
            few_shot = prediction.modes[column] != "zero-shot" and state is not None and similar is not None
            found = [*batch.spans[row].get(label, ())]
            if few_shot:
                assert state is not None and similar is not None  # noqa: S101 - narrowed above
                found += _nearest_examples(state, members.get(label), similar[row])
                found += _cues(state, label, batch, row)
            else:
                found.append(_prototype(prototypes.texts[which[row, column]], nearest[row, column]))
            score = round(float(prediction.probabilities[row, column]), 4)
            tags.append(Tag(prediction.framework, label, score, tagger, tuple(found)))
        out.append(tags)
    return out


def _members(state: FrameworkState) -> dict[str, NDArray[np.int64]]:
    """For each label, the indices of the reviewed examples that carry it."""
    found: dict[str, list[int]] = {}
    for index, example in enumerate(state.examples):
        for label in example.labels:
            found.setdefault(label, []).append(index)
    return {label: np.array(indices, dtype=np.int64) for label, indices in found.items()}


def _nearest_examples(state: FrameworkState, members: NDArray[np.int64] | None,
                      similarity: Matrix) -> Iterator[Evidence]:
    if members is None or not len(members):
        return
    order = members[np.argsort(-similarity[members], kind="stable")[:NEAREST]]
    for index in order:
        example = state.examples[index]
        detail = {"similarity": f"{float(similarity[index]):.3f}", "key": example.key}
        yield Evidence(EvidenceKind.EXAMPLES, example.text, detail=detail)


def _cues(state: FrameworkState, label: str, batch: Batch, row: int) -> Iterator[Evidence]:
    label_state = state.labels[label]
    if label_state.model is None:
        return
    weights = label_state.model.weights[3:]
    present = [cue for cue, w in zip(label_state.cues, weights, strict=True)
               if w > 0 and cue in batch.terms.documents[row]]
    if present:
        yield Evidence(EvidenceKind.RULE, "learned cues: " + ", ".join(present), detail={"rule": "learned-cues"})


def _prototype(text: str, similarity: float) -> Evidence:
    return Evidence(EvidenceKind.EXAMPLES, text, detail={"similarity": f"{similarity:.3f}", "source": "label"})
