"""Word cues learned from reviewed examples: the words and word pairs that tell a label apart.

Many labels are partly lexical: UPR Info's "Human rights defenders" tag follows the word "defenders", but not
"Public Defender" (an office). An embedding blurs such distinctions, so the few-shot classifier adds, for each
label, the presence of a few dozen words and word pairs chosen on the training examples by a chi-squared test
(for and against the label). They are also evidence a reviewer can read ("learned cue: defenders").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from hrdmap.analyse.taggers.phrases import fold

CUES_PER_LABEL = 40
MIN_SUPPORT = 3
MIN_LIFT = 2.0
_WORD = re.compile(r"\w+")

Terms = frozenset[str]


def terms(text: str) -> Terms:
    """The folded words and adjacent word pairs of ``text`` ("public defender" → public, defender, public defender)."""
    words = _WORD.findall(fold(text))
    return frozenset(words) | frozenset(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


def document_frequency(documents: Iterable[Terms]) -> Counter[str]:
    """In how many documents each term appears."""
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update(document)
    return counts


def select_cues(
    documents: Sequence[Terms],
    targets: NDArray[np.bool_],
    frequency: Counter[str] | None = None,
    limit: int = CUES_PER_LABEL,
) -> tuple[str, ...]:
    """Up to ``limit`` terms that tell the label apart (chi-squared on a 2×2 table), in two rounds.

    1. Cues *for* the label (three quarters of ``limit``): terms seen in at least :data:`MIN_SUPPORT` positive
       documents and at least :data:`MIN_LIFT` times likelier there than overall ("defenders").
    2. Cues *against* it among the documents that have a cue for it, at most half as likely in positives: the
       false friends ("public defender").

    Ties are broken alphabetically so the choice is reproducible.

    Args:
        documents: The training documents' terms.
        targets: Which documents carry the label.
        frequency: ``document_frequency(documents)``, when the caller already has it.
        limit: How many cues to keep.
    """
    if not targets.any() or targets.all():
        return ()
    frequency = frequency if frequency is not None else document_frequency(documents)
    cues_for = _ranked(documents, targets, frequency, for_label=True)[: limit * 3 // 4]
    flagged = [i for i, document in enumerate(documents) if not document.isdisjoint(cues_for)]
    subset = [documents[i] for i in flagged]
    against = _ranked(subset, targets[flagged], document_frequency(subset), for_label=False)
    return tuple(cues_for) + tuple(t for t in against if t not in cues_for)[: limit - len(cues_for)]


def _ranked(
    documents: Sequence[Terms], targets: NDArray[np.bool_], frequency: Counter[str], for_label: bool
) -> list[str]:
    """Terms ranked by chi-squared, keeping those associated with (or against) the label."""
    total, positives = len(documents), int(targets.sum())
    if positives in (0, total):
        return []
    in_positive = document_frequency(documents[int(i)] for i in np.flatnonzero(targets))
    candidates = in_positive if for_label else frequency
    scored: list[tuple[float, str]] = []
    for term in candidates:
        a, df = in_positive[term], frequency[term]
        support = a if for_label else df - a
        lift = (a / df) / (positives / total)
        if support < MIN_SUPPORT or (lift < MIN_LIFT if for_label else lift > 1 / MIN_LIFT):
            continue
        scored.append((-_chi2(a, df, positives, total), term))
    return [term for _, term in sorted(scored)]


def _chi2(a: int, df: int, positives: int, total: int) -> float:
    """Chi-squared of the 2×2 table (term present/absent × label yes/no)."""
    b, c = df - a, positives - a
    d = total - a - b - c
    denominator = (a + b) * (c + d) * (a + c) * (b + d)
    return 0.0 if denominator == 0 else total * (a * d - b * c) ** 2 / denominator


class TermIndex:
    """The terms of a list of texts, with postings, so cue features are built without rescanning texts."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.documents = [terms(text) for text in texts]
        self.frequency = document_frequency(self.documents)
        self._postings: dict[str, list[int]] = {}
        for row, document in enumerate(self.documents):
            for term in document:
                self._postings.setdefault(term, []).append(row)

    def presence(self, cues: Sequence[str]) -> NDArray[np.float64]:
        """``(len(texts), len(cues))`` matrix: 1 where a text has the cue."""
        out = np.zeros((len(self.documents), len(cues)))
        for column, cue in enumerate(cues):
            out[self._postings.get(cue, []), column] = 1.0
        return out
