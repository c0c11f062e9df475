"""What the framework classifier reads from a batch of texts, for one framework.

For each text: its embedding, which labels the framework's keywords and patterns fire on (with the spans), its
best similarity to each label's prototypes (and which prototype), and its words for learned cues. The few-shot
model of a label reads a row of :func:`label_features`: [ridge score, keyword flag, prototype relevance, cues].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.classifier.cues import TermIndex
from hrdmap.analyse.classifier.embedders import Vectors
from hrdmap.analyse.classifier.linear import Matrix
from hrdmap.domain.tags import Evidence

Spans = dict[str, tuple[Evidence, ...]]


@dataclass
class Batch:
    """Features of ``texts`` for one framework's labels.

    Attributes:
        texts: The texts.
        labels: The framework's label ids (the columns below).
        vectors: ``(n, dim)`` embeddings.
        keywords: ``(n, labels)`` whether a keyword or pattern of the label (or of a child label) fired.
        spans: Per text, the keyword evidence by label.
        relevance: ``(n, labels)`` relative similarity to each label's prototypes (see
            :mod:`hrdmap.analyse.classifier.prototypes`).
    """

    texts: Sequence[str]
    labels: tuple[str, ...]
    vectors: Vectors
    keywords: NDArray[np.bool_]
    spans: list[Spans]
    relevance: Matrix

    @cached_property
    def terms(self) -> TermIndex:
        """The texts' words and word pairs, indexed (built on first use: only few-shot labels need them)."""
        return TermIndex(self.texts)

    def column(self, label: str) -> int:
        """The column of ``label``."""
        return self.labels.index(label)


#: How many nearest reviewed examples vote (:func:`neighbour_votes`; a zero-shot tag resting on meaning alone
#: must win their vote once a label has been reviewed, see :mod:`hrdmap.analyse.classifier.model`).
NEIGHBOURS = 10
_CHUNK = 1024


def neighbour_votes(queries: Vectors, examples: Vectors, targets: NDArray[np.bool_], *,
                    themselves: bool = False) -> Matrix:
    """``(queries, labels)``: the share of each query's :data:`NEIGHBOURS` nearest examples carrying each label.

    Args:
        queries: ``(n, dim)`` normalised embeddings.
        examples: ``(m, dim)`` the reviewed examples' embeddings.
        targets: ``(m, labels)`` the labels each example carries.
        themselves: The queries are the examples, in order: each leaves itself out (a leave-one-out vote).
    """
    k = min(NEIGHBOURS, len(examples) - int(themselves))
    votes = np.zeros((len(queries), targets.shape[1]))
    if k < 1:
        return votes
    pool = examples.astype(np.float32)
    for start in range(0, len(queries), _CHUNK):
        similarity = queries[start : start + _CHUNK].astype(np.float32) @ pool.T
        if themselves:
            rows = np.arange(len(similarity))
            similarity[rows, rows + start] = -np.inf
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        votes[start : start + len(similarity)] = targets[nearest].mean(axis=1)
    return votes


def label_features(batch: Batch, label: str, ridge_scores: Matrix, cues: Sequence[str]) -> Matrix:
    """``(n, 3 + len(cues))`` features of one label: ridge score, keyword flag, prototype relevance, cues."""
    column = batch.column(label)
    fixed = np.column_stack([ridge_scores, batch.keywords[:, column], batch.relevance[:, column]])
    return np.hstack([fixed.astype(np.float64), batch.terms.presence(cues)])
