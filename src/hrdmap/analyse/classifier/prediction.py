"""The framework classifier's output for a batch of texts, as matrices (for evaluation and bulk use)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier.linear import Matrix
from hrdmap.analyse.classifier.state import Mode


@dataclass(frozen=True, slots=True)
class Prediction:
    """The classifier's output for texts and one framework, as matrices (for evaluation and bulk use).

    Attributes:
        framework: The framework's id.
        labels: Label ids (the columns).
        modes: Each label's mode.
        probabilities: ``(n, labels)`` scores in [0, 1].
        decisions: ``(n, labels)`` whether each label is given (threshold reached, or a child label given).
        headed: Per text, whether a heading was read as context (empty when none was given).
    """

    framework: str
    labels: tuple[str, ...]
    modes: tuple[Mode, ...]
    probabilities: Matrix
    decisions: NDArray[np.bool_]
    headed: tuple[bool, ...] = ()

    def label_sets(self) -> list[frozenset[str]]:
        """The labels given to each text."""
        return [frozenset(self.labels[j] for j in np.flatnonzero(row)) for row in self.decisions]
