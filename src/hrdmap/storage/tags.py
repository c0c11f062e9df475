"""Tags, tagging runs and reviews: the repository protocol and the records it exchanges.

A machine tag is stored with its evidence; re-tagging flags the tagger's earlier tags not current instead of
deleting them. A reviewer's decision is stored beside the machine tag it answers and never changes it. Which
label a paragraph finally carries (the *effective* label) is decided by the services from both.

Only current versions of documents count for the review queue and the map; tags of older versions stay as
history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from hrdmap.analyse.taggers.base import Passage
from hrdmap.domain.tags import Tag


class Decision(StrEnum):
    """What a reviewer decided about a label on a paragraph."""

    ACCEPT = "accept"  # the machine tag is right
    REJECT = "reject"  # the machine tag is wrong
    ADD = "add"  # the paragraph carries a label no tagger gave it

    @property
    def positive(self) -> bool:
        """Whether the decision says the paragraph carries the label."""
        return self is not Decision.REJECT


@dataclass(frozen=True, slots=True)
class NewTag:
    """A machine tag to store.

    Attributes:
        block_id: The paragraph (``blocks.id``).
        tag: The tag, with its evidence.
        threshold: The score at which the tagger counts the label as present.
    """

    block_id: int
    tag: Tag
    threshold: float


@dataclass(frozen=True, slots=True)
class StoredTag:
    """A machine tag as stored.

    Attributes:
        id: The tag's id (what ``hrdmap review accept`` takes).
        block_id: The paragraph.
        tag: Framework, label, score, tagger and evidence.
        threshold: The tagger's cut-off for the label when it tagged.
        run_id: The run that gave it, if known.
        created_at: When it was stored (UTC).
        current: Whether it is the tagger's latest word on the paragraph.
    """

    id: int
    block_id: int
    tag: Tag
    threshold: float
    run_id: int | None
    created_at: dt.datetime
    current: bool = True

    @property
    def above_threshold(self) -> bool:
        """Whether the tagger counts the label as present."""
        return self.tag.score >= self.threshold

    @property
    def margin(self) -> float:
        """Distance between score and threshold: the smaller, the less certain the tagger."""
        return abs(self.tag.score - self.threshold)


@dataclass(frozen=True, slots=True)
class Review:
    """A reviewer's decision on a label of a paragraph.

    Attributes:
        id: The review's id.
        block_id: The paragraph.
        framework: The framework.
        label: The label.
        decision: Accept, reject or add.
        reviewer: Who decided.
        at: When (UTC).
        note: The reviewer's note, if any.
        tag_id: The machine tag the decision answers (``None`` for an added label).
    """

    id: int
    block_id: int
    framework: str
    label: str
    decision: Decision
    reviewer: str
    at: dt.datetime
    note: str | None = None
    tag_id: int | None = None


@dataclass(frozen=True, slots=True)
class TagRun:
    """One tagging run: who, when, and which taggers in which versions."""

    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    actor: str
    taggers: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class LabelRow:
    """A label on a paragraph of a current document, for the map: from a machine tag or from a review.

    Attributes:
        block_id: The paragraph.
        document_id: Its document.
        framework: The framework.
        label: The label.
    """

    block_id: int
    document_id: int
    framework: str
    label: str


@dataclass(frozen=True, slots=True)
class ReviewedExample:
    """A reviewed paragraph, as a classifier learns from it."""

    passage: Passage
    framework: str
    label: str
    decision: Decision


class TagRepository(Protocol):
    """Machine tags, their runs, and reviewers' decisions.

    "Oldest first" and "latest" follow the order things were stored (ids), not their timestamps: two decisions
    recorded with the same ``at`` are still told apart.

    Writes join the store's transaction (``Store.transaction()``), with their audit rows (``Store.audit``).
    """

    def start_run(self, taggers: Mapping[str, str], *, actor: str, at: dt.datetime) -> TagRun:
        """Record a tagging run."""
        ...

    def finish_run(self, run_id: int, *, at: dt.datetime) -> None:
        """Mark a run finished."""
        ...

    def runs(self) -> list[TagRun]:
        """Every run, oldest first."""
        ...

    def replace(
        self, tagger: str, block_ids: Sequence[int], tags: Sequence[NewTag], *, run_id: int, at: dt.datetime
    ) -> None:
        """Flag ``tagger``'s current tags on ``block_ids`` not current, and store ``tags`` as current."""
        ...

    def get(self, tag_id: int) -> StoredTag | None:
        """A tag by id, current or not."""
        ...

    def for_blocks(self, block_ids: Sequence[int]) -> dict[int, list[StoredTag]]:
        """Current tags of each paragraph, by block id (each paragraph's by framework, best score first)."""
        ...

    def history(self, block_id: int) -> list[StoredTag]:
        """Every tag a paragraph ever had, oldest first."""
        ...

    def add_review(
        self,
        block_id: int,
        framework: str,
        label: str,
        decision: Decision,
        *,
        reviewer: str,
        at: dt.datetime,
        note: str | None = None,
        tag_id: int | None = None,
    ) -> Review:
        """Store a decision."""
        ...

    def reviews_for_blocks(self, block_ids: Sequence[int]) -> dict[int, list[Review]]:
        """Every decision on each paragraph, oldest first."""
        ...

    def queue(
        self,
        *,
        framework: str | None = None,
        label: str | None = None,
        document_id: int | None = None,
        limit: int = 50,
        exclude_documents: Sequence[int] = (),
    ) -> list[StoredTag]:
        """Unreviewed current tags of current documents, least certain first (one per paragraph and label).

        Certainty is the distance between a tag's score and its threshold (ties by tag id); where two taggers gave
        the same label to a paragraph, the less certain tag stands for both. A label counts as reviewed once any
        decision names it on that paragraph. Paragraphs of the documents of ``exclude_documents`` are left out.
        """
        ...

    def count_waiting(self, *, limit: int, exclude_documents: Sequence[int] = ()) -> int:
        """How many (paragraph, framework, label)s of :meth:`queue` wait for review, counted up to ``limit``."""
        ...

    def machine_labels(self, frameworks: Sequence[str]) -> list[LabelRow]:
        """Labels of current tags at or above their threshold, on current documents."""
        ...

    def latest_reviews(self, frameworks: Sequence[str] | None = None) -> list[tuple[LabelRow, Decision]]:
        """The latest decision on each (paragraph, framework, label) of current documents."""
        ...

    def examples(self, frameworks: Sequence[str] | None = None) -> list[ReviewedExample]:
        """The latest decision on each reviewed (paragraph, label), with the paragraph's text, oldest first.

        Paragraphs of earlier versions count too: a reviewed paragraph teaches a classifier whatever version it
        belongs to.
        """
        ...
