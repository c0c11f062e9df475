"""The store: what the services need from a database, whatever database holds it.

The services talk to a :class:`Store`, which hands out its repositories and one transaction. Each repository's
protocol and the records it exchanges live in a module of their own, none of which imports a database driver::

    Store                                                 (this module)
    ├── documents: DocumentRepository   documents, versions, blocks, footnotes   storage.documents
    ├── batches:   BatchRepository      ingest batches and their items           storage.batches
    ├── audit:     AuditLog             who did what, when                       storage.audit
    ├── mandates:  MandateRepository    resolutions, requests, answers           storage.mandates
    ├── recommendations: RecommendationRepository   records, status history     storage.recommendations
    ├── tags:      TagRepository        machine tags, runs, reviews              storage.tags
    ├── calls:     CallRepository       calls, stakeholders, contributions       storage.calls
    ├── incidents: IncidentRepository   incidents, merges, cases, warnings       storage.incidents
    ├── quarantine: QuarantineRepository  files too dangerous to parse again     storage.quarantine
    ├── accounts:  AccountRepository    web users, sessions, API tokens, data keys  storage.accounts
    ├── tables:    TableAccess          whole tables, to copy a store            storage.tables
    ├── transaction()                   everything inside commits together, or not at all
    └── lock(name)                      a named lock of the store, held by one process at a time

Adapters implement the protocols and register under the ``hrdmap.stores`` entry-point group by URL scheme
(:mod:`hrdmap.storage.registry`); the built-in one is SQLite (:mod:`hrdmap.storage.sqlite`). No SQL lives outside
the adapters.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from hrdmap.domain.errors import Unavailable
from hrdmap.storage.accounts import AccountRepository
from hrdmap.storage.audit import AuditLog
from hrdmap.storage.batches import BatchRepository
from hrdmap.storage.calls import CallRepository
from hrdmap.storage.documents import DocumentRepository
from hrdmap.storage.incidents import IncidentRepository
from hrdmap.storage.mandates import MandateRepository
from hrdmap.storage.quarantine import QuarantineRepository
from hrdmap.storage.recommendations import RecommendationRepository
from hrdmap.storage.tables import TableAccess
from hrdmap.storage.tags import TagRepository


class ReadOnlyStore(Unavailable):
    """The store can be read but not written (a read-only data folder), and this needs to write."""


class Store(Protocol):
    """A corpus store: the repositories and the transaction that groups their writes."""

    @property
    def read_only(self) -> bool:
        """Whether the store is open for reading only; :meth:`transaction` then raises :class:`ReadOnlyStore`."""
        ...

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

    @property
    def incidents(self) -> IncidentRepository:
        """Incidents against defenders, their merges, cases and acknowledged warnings."""
        ...

    @property
    def quarantine(self) -> QuarantineRepository:
        """Files too dangerous to parse again: bytes being parsed, and bytes that killed or exhausted a parser."""
        ...

    @property
    def accounts(self) -> AccountRepository:
        """Users, sessions and API tokens of the web app, and the wrapped data keys of encryption at rest."""
        ...

    @property
    def tables(self) -> TableAccess:
        """Whole tables as rows, to copy the store into another (``hrdmap migrate-store``)."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them commit at the end of the block, or none if it raises. Nesting joins.

        Joining means no savepoint: an error raised inside an inner block and caught inside the outer one leaves
        the inner block's writes to commit or roll back with the outer block. Any exception, ``KeyboardInterrupt``
        included, rolls the outermost block back. Writing transactions are serialised (SQLite takes its write
        lock when the block starts): the services check inside a transaction what they are about to add
        (``documents.by_sha256``) and rely on no other process adding it before the commit.

        Raises:
            ReadOnlyStore: The store is open for reading only.
        """
        ...

    def lock(self, name: str) -> AbstractContextManager[None]:
        """Hold the store's lock ``name`` for the block: one process at a time, freed if the process dies.

        Ingest holds ``"ingest"``, so a batch found unfinished while holding it was interrupted, not running
        elsewhere, whichever data folder or machine the other process works from. SQLite: a file lock beside the
        database; PostgreSQL: an advisory lock in the server.

        Raises:
            hrdmap.storage.lock.Busy: Another process holds it.
        """
        ...

    def generation(self) -> int:
        """A number the store raises, in the same transaction, whenever what the corpus's aggregates count changes:
        current versions, tags, reviews, the contributions that brought documents, incidents. Equal numbers
        read before two reads mean those reads saw the same data (a cache keyed by it is never stale)."""
        ...

    def check(self) -> list[str]:
        """Problems the database reports about itself (empty when sound)."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
