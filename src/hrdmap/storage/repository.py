"""Repository protocols: what the services need from a store, whatever database holds it.

The services talk to a :class:`Store`, which hands out its repositories and one transaction::

    Store
    ├── documents: DocumentRepository   documents, their versions, blocks and footnotes
    ├── batches:   BatchRepository      ingest batches and their items
    ├── audit:     AuditLog             who did what, when
    ├── mandates:  MandateRepository    resolutions, their requests and answers (storage.mandates)
    ├── recommendations: RecommendationRepository   recommendations and their status history
    ├── tags:      TagRepository        machine tags, tagging runs and reviews (storage.tags)
    ├── calls:     CallRepository       calls for inputs, stakeholders, requests, contributions (storage.calls)
    └── transaction()                   everything inside commits together, or not at all

The SQLite adapter (:mod:`hrdmap.storage.sqlite.store`) is the built-in implementation; a PostgreSQL adapter
implements the same protocols. No SQL lives outside :mod:`hrdmap.storage`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from hrdmap.domain.document import Block, Document, StoredDocument

if TYPE_CHECKING:  # the adapters' modules import this one
    from hrdmap.storage.sqlite.calls import CallRepository
    from hrdmap.storage.sqlite.mandates import MandateRepository
    from hrdmap.storage.sqlite.recommendations import RecommendationRepository
    from hrdmap.storage.sqlite.tags import TagRepository


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


@dataclass(frozen=True, slots=True)
class StoredBlock:
    """A block with the ids the store gave it.

    Attributes:
        id: ``blocks.id``: the paragraph key used by search, tags and reports.
        version_id: The document version it belongs to.
        block: The block itself.
    """

    id: int
    version_id: int
    block: Block


@dataclass(frozen=True, slots=True)
class LocatedBlock:
    """A block with the document it belongs to: what a search hit or a citation needs.

    Attributes:
        id: ``blocks.id``.
        document: The document (the version the block belongs to).
        block: The block.
    """

    id: int
    document: StoredDocument
    block: Block


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit trail.

    Attributes:
        id: The entry's id.
        at: When (UTC).
        actor: Who.
        action: What, as ``noun.verb`` ("document.stored", "batch.started").
        subject: What it was done to ("document:12", "batch:3"), when there is one.
        detail: More, as plain strings and numbers.
    """

    id: int
    at: dt.datetime
    actor: str
    action: str
    subject: str | None
    detail: Mapping[str, object]


class DocumentRepository(Protocol):
    """Documents, their versions, blocks and footnotes.

    A document is identified by its source; each stored file content is a version; exactly one version of a
    document is current. Listing and look-ups describe current versions unless a version id is given.
    """

    def add_version(self, document: Document, *, at: dt.datetime) -> StoredDocument:
        """Store a document as the new current version of its source (a new document for a new source)."""
        ...

    def get(self, document_id: int) -> StoredDocument | None:
        """The current version of a document, or ``None``."""
        ...

    def version(self, version_id: int) -> StoredDocument | None:
        """A version by its id, current or not, or ``None``."""
        ...

    def by_source(self, source: str) -> StoredDocument | None:
        """The current version of the document with this source, or ``None``."""
        ...

    def by_sha256(self, sha256: str) -> StoredDocument | None:
        """A current version with these bytes (the oldest document first), or ``None``."""
        ...

    def by_symbol(self, symbol: str) -> list[StoredDocument]:
        """Current versions whose UN symbol is ``symbol`` (case-insensitive); one per language is common."""
        ...

    def current(self) -> list[StoredDocument]:
        """Every document's current version, by document id."""
        ...

    def versions(self, document_id: int) -> list[StoredDocument]:
        """Every version of a document, oldest first."""
        ...

    def load(self, version_id: int) -> Document:
        """A version with its blocks and footnotes.

        Raises:
            KeyError: No such version.
        """
        ...

    def blocks(self, version_id: int) -> list[StoredBlock]:
        """A version's blocks in reading order, with their ids."""
        ...

    def locate(self, block_ids: Sequence[int]) -> list[LocatedBlock]:
        """Blocks by id, each with its document; ids not found are left out; order follows ``block_ids``."""
        ...

    def unindexed(self) -> list[int]:
        """Ids of current versions the search index does not hold yet."""
        ...

    def stale_indexed(self) -> list[int]:
        """Ids of versions that are no longer current but are still in the search index."""
        ...

    def mark_indexed(self, version_ids: Sequence[int], indexed: bool) -> None:
        """Record whether the search index holds these versions."""
        ...


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


class AuditLog(Protocol):
    """The audit trail: append-only."""

    def record(
        self,
        action: str,
        *,
        actor: str,
        at: dt.datetime,
        subject: str | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> None:
        """Append one entry."""
        ...

    def entries(self, *, limit: int = 100) -> list[AuditEntry]:
        """The latest entries, newest first."""
        ...


class Store(Protocol):
    """A corpus store: the repositories and the transaction that groups their writes."""

    @property
    def documents(self) -> DocumentRepository:
        """Documents, versions, blocks and footnotes."""
        ...

    @property
    def batches(self) -> BatchRepository:
        """Ingest batches."""
        ...

    @property
    def audit(self) -> AuditLog:
        """The audit trail."""
        ...

    @property
    def mandates(self) -> MandateRepository:
        """The mandate registry."""
        ...

    @property
    def recommendations(self) -> RecommendationRepository:
        """Tracked recommendations and their status history."""
        ...

    @property
    def tags(self) -> TagRepository:
        """Machine tags, tagging runs and reviewers' decisions."""
        ...

    @property
    def calls(self) -> CallRepository:
        """Calls for inputs, stakeholders, requests sent and contributions received."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them commit at the end of the block, or none if it raises. Nesting joins."""
        ...

    def check(self) -> list[str]:
        """Problems the database reports about itself (empty when sound)."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
