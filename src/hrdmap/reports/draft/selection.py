"""Choose the passages a draft keeps: the strongest per area, within a word budget, near-duplicates merged.

Each candidate paragraph is filed under its *primary* area (the area label with the highest score) and its
*kind* (the statement kind with the highest score). Recommendations go to the conclusions, the rest to their
area. Its *strength* is the area score times the kind score (half when no kind was found), halved again for a
very short passage. Passages that are only a lead-in ("We recommend that:"), shorter than five words, or short
and without final punctuation (a letterhead, a signature) are left out, as are covering letters, disclaimers,
courtesies and signature lines in any of the six languages (:mod:`hrdmap.reports.boilerplate`) and passages
without an area (unless they are recommendations). A passage tagged both as a recommendation and as a challenge
or practice is filed as a recommendation only when its words recommend (:mod:`hrdmap.reports.draft.kinds`);
otherwise its other kind counts (a challenge that mentions recommendations stays a challenge).

Areas take turns, strongest passage first, so that a word budget too small for everything still covers every
area. A passage whose words are nearly all those of a kept passage (Jaccard similarity of the word sets at
least :data:`DUPLICATE`) is not kept again: its contributor is credited beside the kept one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from hrdmap.domain.report import count_words
from hrdmap.domain.tags import StatementKind
from hrdmap.reports.boilerplate import non_substantive
from hrdmap.reports.draft.inputs import Candidate
from hrdmap.reports.draft.kinds import reads_as_recommendation

DUPLICATE = 0.8
#: Passages too long for the words left that a group may pass over in one turn before giving up its turn.
TRIES = 3
_KINDS = tuple(StatementKind)
_KIND_RANK: dict[str, int] = {StatementKind.PRACTICE: 0, StatementKind.CHALLENGE: 1}
#: How running text ends; a short line without one is a heading, a letterhead or a signature.
_ENDINGS = (".", ";", ":", "!", "?", "。", "؟", ")", "»", "”", '"')


@dataclass(slots=True)
class Pick:
    """A kept passage and the near-duplicates credited with it.

    Attributes:
        candidate: The passage whose text is used.
        area: Its primary area, or ``None``.
        kind: Its kind, or ``None``.
        strength: How strongly it is tagged.
        words: Words of its condensed text.
        duplicates: Passages of other contributions that say nearly the same.
        tokens: Its distinct words, for the duplicate check.
    """

    candidate: Candidate
    area: str | None
    kind: str | None
    strength: float
    words: int = 0
    duplicates: list[Candidate] = field(default_factory=list)
    tokens: frozenset[str] = frozenset()

    @property
    def order(self) -> tuple[int, float, int, int]:
        """Sort key inside an area: practices, then challenges, then the rest; strongest first."""
        c = self.candidate
        return (_KIND_RANK.get(self.kind or "", 2), -self.strength, c.document_id, c.position)


def classify(candidate: Candidate, area_order: Sequence[str]) -> Pick | None:
    """The candidate as a pick (primary area, kind, strength), or ``None`` when the draft cannot use it."""
    words = count_words(candidate.text)
    text = candidate.text.rstrip()
    if words < 5 or (text.endswith(":") and words < 15) or (words < 15 and not text.endswith(_ENDINGS)):
        return None
    if non_substantive(text):
        return None  # a covering letter, a disclaimer, a courtesy or a signature is no finding
    areas = {a: s for a, s in candidate.areas.items() if a in area_order}
    area = min(areas, key=lambda a: (-areas[a], area_order.index(a))) if areas else None
    kinds = {k: s for k, s in candidate.kinds.items() if k in _KINDS}
    if StatementKind.RECOMMENDATION in kinds and len(kinds) > 1 and not reads_as_recommendation(text):
        # it mentions recommendations or describes a problem; it does not recommend
        del kinds[StatementKind.RECOMMENDATION]
    kind = min(kinds, key=lambda k: (-kinds[k], _KINDS.index(k))) if kinds else None
    if area is None and kind != StatementKind.RECOMMENDATION:
        return None
    strength = (areas[area] if area else 0.5) * (kinds[kind] if kind else 0.5) * (0.5 if words < 12 else 1.0)
    return Pick(candidate, area, kind, strength, tokens=_tokens(candidate.text))


def _tokens(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_]{3,}", text))


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two word sets are near-duplicates."""
    small, large = sorted((len(a), len(b)))
    if not small or small < DUPLICATE * large:  # the intersection cannot reach the threshold
        return False
    return len(a & b) / len(a | b) >= DUPLICATE


@dataclass(slots=True)
class Queue:
    """The picks of one group (an area, or the recommendations of an area), best first, and those kept."""

    waiting: list[Pick]
    limit: int
    kept: list[Pick] = field(default_factory=list)
    skipped: list[Pick] = field(default_factory=list)

    def take(self, budget: int, measure: Callable[[Pick], int]) -> int:
        """Keep the next pick that fits ``budget`` and is not a duplicate; the words it used (0 when none).

        A pick too long for the budget is set aside (it may still be credited as a duplicate); after
        :data:`TRIES` such picks in one turn the queue gives up its turn.
        """
        tries = TRIES
        while self.waiting and len(self.kept) < self.limit and tries:
            pick = self.waiting.pop(0)
            if self._merge(pick):
                continue
            pick.words = measure(pick)
            if pick.words > budget:
                self.skipped.append(pick)
                tries -= 1
                continue
            self.kept.append(pick)
            return pick.words
        return 0

    def credit_duplicates(self) -> None:
        """Credit, beside the kept picks, every unkept pick that repeats one of them."""
        for pick in [*self.waiting, *self.skipped]:
            self._merge(pick)
        self.waiting.clear()

    def _merge(self, pick: Pick) -> bool:
        for kept in self.kept:
            if kept.candidate.document_id != pick.candidate.document_id and similar(kept.tokens, pick.tokens):
                kept.duplicates.append(pick.candidate)
                return True
        return False


def fill(queues: Iterable[Queue], budget: int, measure: Callable[[Pick], int]) -> int:
    """Let the queues take turns until the budget is spent or none can take more; the words used."""
    active = list(queues)
    used = 0
    progress = True
    while progress:
        progress = False
        for queue in active:
            words = queue.take(budget - used, measure)
            if words:
                used += words
                progress = True
    for queue in active:
        queue.credit_duplicates()
    return used


def queue(picks: Iterable[Pick], limit: int) -> Queue:
    """A queue of picks, strongest first."""
    ordered = sorted(picks, key=lambda p: (-p.strength, p.candidate.document_id, p.candidate.position))
    return Queue(ordered, limit)
