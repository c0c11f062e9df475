"""Ingest batches and their items: the repository protocol and the records it exchanges.

A batch is one ingest run over a list of files; each file (and each member of a container) is an item whose
status says where it stands, so an interrupted run can be finished by the next one (docs/storage.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class ItemStatus(StrEnum):
    """Where one file of a batch stands."""

    PENDING = "pending"  # recorded, not processed yet (or the run was interrupted)
    STORED = "stored"  # a new document or a new version was stored
    UNCHANGED = "unchanged"  # the same bytes were already stored: nothing to do
    FAILED = "failed"  # could not be read; ``reason`` says why
    UNPACKED = "unpacked"  # a container (zip) with no text of its own; its members are items of their own


@dataclass(frozen=True, slots=True)
class Batch:
    """One ingest run over a list of files.

    Attributes:
        id: The batch's id.
        started_at: When it was recorded (UTC).
        finished_at: When its last item was processed, or ``None`` while running or after an interruption.
        actor: Who started it.
    """

    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    actor: str


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One file of a batch and its outcome.

    Attributes:
        id: The item's id.
        batch_id: Its batch.
        path: The file (``archive.zip!member.pdf`` for a member of a container).
        status: Where it stands.
        reason: One-line reason when it failed, or a note ("same bytes as …") when unchanged.
        error_code: The failure's code (``corrupt``, ``too_large`` …) when it failed.
        version_id: The version stored for it, or the stored version it matched.
        updated_at: When its status last changed (UTC).
    """

    id: int
    batch_id: int
    path: str
    status: ItemStatus
    reason: str | None = None
    error_code: str | None = None
    version_id: int | None = None
    updated_at: dt.datetime | None = None


class BatchRepository(Protocol):
    """Ingest batches and their items."""

    def start(self, paths: Sequence[str], *, actor: str, at: dt.datetime) -> Batch:
        """Record a batch and one pending item per path."""
        ...

    def items(self, batch_id: int) -> list[BatchItem]:
        """A batch's items in the order they were recorded."""
        ...

    def get_item(self, batch_id: int, path: str) -> BatchItem | None:
        """One item of a batch by path, or ``None``."""
        ...

    def set_item(
        self,
        batch_id: int,
        path: str,
        status: ItemStatus,
        *,
        at: dt.datetime,
        reason: str | None = None,
        error_code: str | None = None,
        version_id: int | None = None,
    ) -> BatchItem:
        """Set an item's outcome, adding the item when the batch does not have it (members of containers)."""
        ...

    def finish(self, batch_id: int, *, at: dt.datetime) -> None:
        """Mark a batch finished."""
        ...

    def unfinished(self) -> list[Batch]:
        """Batches not marked finished, oldest first (running, or interrupted)."""
        ...

    def latest_failures(self) -> list[BatchItem]:
        """Items that failed in the latest batch that tried their path, newest first."""
        ...
