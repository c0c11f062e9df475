"""The heading a paragraph stands under, as context for the framework classifier.

Reports are organised by the very labels the classifier looks for: under "C. Intimidation and reprisals" every
paragraph is about reprisals, whether or not it says so. So the nearest heading of a paragraph is read like a
paragraph (keywords and prototype relevance, zero-shot), and a label the heading names raises the paragraph's
probability::

    P(label) = 1 - (1 - P_paragraph) · (1 - HEADING_WEIGHT · P_heading)

With ``HEADING_WEIGHT`` 0.6, a heading whose keywords name a label (0.9) gives 0.54: the paragraph is tagged even
when its own text is silent; a heading that names nothing ("Introduction") changes nothing. Labels with a model
of their own (few-shot) keep their calibrated probability: the heading is for what the framework's words and the
first examples decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier.linear import Matrix
from hrdmap.analyse.classifier.prediction import Prediction
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag

HEADING_WEIGHT = 0.6


def with_headings(prediction: Prediction, headings: Sequence[str], by_heading: Mapping[str, Matrix],
                  learned: NDArray[np.bool_], thresholds: NDArray[np.float64]) -> Prediction:
    """``prediction`` with the headings' zero-shot probabilities folded in.

    Args:
        prediction: The paragraphs' prediction.
        headings: Each paragraph's nearest heading ("" for none).
        by_heading: Each heading's zero-shot probabilities, one per label.
        learned: Per label, whether it has a model of its own (left as it is).
        thresholds: Per label, the probability at which it is given.
    """
    probabilities = prediction.probabilities.copy()
    decisions = prediction.decisions.copy()
    for row, heading in enumerate(headings):
        found = by_heading.get(heading)
        if found is None:
            continue
        raised = 1 - (1 - probabilities[row]) * (1 - HEADING_WEIGHT * found)
        probabilities[row] = np.where(learned, probabilities[row], raised)
        decisions[row] |= ~learned & (probabilities[row] >= thresholds)
    return Prediction(prediction.framework, prediction.labels, prediction.modes, probabilities, decisions,
                      tuple(bool(h.strip()) for h in headings))


def heading_evidence(tags: list[Tag], prediction: Prediction, heading: str,
                     heading_probabilities: Matrix | None) -> list[Tag]:
    """The tags, with the heading as evidence (``rule: heading``) on those whose label the heading names."""
    if heading_probabilities is None:
        return tags
    out = []
    for tag in tags:
        column = prediction.labels.index(tag.label)
        if prediction.modes[column] != "few-shot" and heading_probabilities[column] >= 0.5:
            context = Evidence(EvidenceKind.RULE, heading, detail={"rule": "heading"})
            tag = replace(tag, evidence=(*tag.evidence, context))
        out.append(tag)
    return out
