"""Documents, their versions, blocks and footnotes: the repository protocol and the records it exchanges.

A document is identified by its source (a path, or ``parent!member`` for a file read from inside another);
each stored file content is a version; exactly one version of a document is current. Adapters implement
:class:`DocumentRepository` (both write the statements of :class:`hrdmap.storage.sql.documents.SqlDocuments`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from hrdmap.domain.document import Block, Document, StoredDocument


@dataclass(frozen=True, slots=True)
class StoredBlock:
    """A block with the ids the store gave it.

    Attributes:
        id: The block's id: the paragraph key used by search, tags and reports.
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
        id: The block's id.
        document: The document (the version the block belongs to).
        block: The block.
    """

    id: int
    document: StoredDocument
    block: Block


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
        """A current version with these bytes (of the document with the lowest id when several), or ``None``."""
        ...

    def by_symbol(self, symbol: str) -> list[StoredDocument]:
        """Current versions whose UN symbol is ``symbol`` (case-insensitive), by document id; one per language is
        common."""
        ...

    def current(self) -> list[StoredDocument]:
        """Every document's current version, by document id."""
        ...

    def count_current(self, exclude: Sequence[int] = ()) -> int:
        """How many documents have a current version, those of ``exclude`` (document ids) left out."""
        ...

    def versions(self, document_id: int) -> list[StoredDocument]:
        """Every version of a document, oldest first."""
        ...

    def members(self, source: str) -> list[StoredDocument]:
        """Current versions of the documents read from inside ``source`` (``source!member``…), by source."""
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

    def block_exists(self, block_id: int) -> bool:
        """Whether a block with this id is stored (in any version)."""
        ...

    def unindexed(self) -> list[int]:
        """Ids of current versions the search index does not hold yet, ascending."""
        ...

    def stale_indexed(self) -> list[int]:
        """Ids of versions that are no longer current but are still in the search index, ascending."""
        ...

    def mark_indexed(self, version_ids: Sequence[int], indexed: bool) -> None:
        """Record whether the search index holds these versions."""
        ...
