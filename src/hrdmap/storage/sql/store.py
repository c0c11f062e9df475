"""What the SQLite and PostgreSQL stores share: their repositories, built once over the store's session.

Each adapter's store subclasses :class:`SqlStore` and keeps only what differs: how it opens (a file, or a URL and
its schema), its transactions, named locks, checks and closing, and how it learns that it may not write. It hands
:class:`SqlStore` the repositories it has its own kind of (the tags' and the incidents' adapters, PostgreSQL's
``COPY`` of documents and ``ILIKE`` for mandates, whole-table access); every other one is the shared class.
"""

from __future__ import annotations

from typing import Generic

from hrdmap.storage.sql.accounts import SqlAccounts
from hrdmap.storage.sql.audit import SqlAudit
from hrdmap.storage.sql.batches import SqlBatches
from hrdmap.storage.sql.calls import SqlCalls
from hrdmap.storage.sql.documents import SqlDocuments
from hrdmap.storage.sql.incidents import SqlIncidents
from hrdmap.storage.sql.mandates import SqlMandates
from hrdmap.storage.sql.quarantine import SqlQuarantine
from hrdmap.storage.sql.recommendations import SqlRecommendations
from hrdmap.storage.sql.session import S
from hrdmap.storage.sql.tags import SqlTags
from hrdmap.storage.tables import TableAccess


class SqlStore(Generic[S]):
    """The repositories of a store over its session; the store part of :class:`hrdmap.storage.repository.Store`.

    Example, with one adapter's store (the others are used the same way)::

        store = SqliteStore.from_url("sqlite:///data/hrdmap.sqlite3")
        with store.transaction():
            stored = store.documents.add_version(document, at=now)
            store.audit.record("document.stored", actor="ana", at=now, subject=f"document:{stored.id}")

    Args:
        session: The store's session, public as :attr:`session`.
        tags: The adapter's tags (how it writes new ones).
        incidents: The adapter's incidents (its streaming read for figures).
        tables: The adapter's whole tables.
        documents: The adapter's documents, when it has its own; the shared ones otherwise.
        mandates: The adapter's mandate registry, when it has its own; the shared one otherwise.
        read_only: Whether the store is open for reading only.
    """

    def __init__(
        self,
        session: S,
        *,
        tags: SqlTags[S],
        incidents: SqlIncidents[S],
        tables: TableAccess,
        documents: SqlDocuments[S] | None = None,
        mandates: SqlMandates | None = None,
        read_only: bool = False,
    ) -> None:
        #: The shared statements' session (:mod:`hrdmap.storage.sql`), over the store's connections.
        self.session = session
        self._read_only = read_only
        self._documents = documents or SqlDocuments(session)
        self._batches = SqlBatches(session)
        self._audit = SqlAudit(session)
        self._mandates = mandates or SqlMandates(session)
        self._recommendations = SqlRecommendations(session)
        self._tags = tags
        self._calls = SqlCalls(session)
        self._incidents = incidents
        self._quarantine = SqlQuarantine(session)
        self._accounts = SqlAccounts(session)
        self._tables = tables

    @property
    def read_only(self) -> bool:
        """Whether the store is open for reading only."""
        return self._read_only

    @property
    def documents(self) -> SqlDocuments[S]:
        """Documents, versions, blocks and footnotes."""
        return self._documents

    @property
    def batches(self) -> SqlBatches:
        """Ingest batches."""
        return self._batches

    @property
    def audit(self) -> SqlAudit:
        """The audit trail."""
        return self._audit

    @property
    def mandates(self) -> SqlMandates:
        """The mandate registry: resolutions, requests and the documents answering them."""
        return self._mandates

    @property
    def recommendations(self) -> SqlRecommendations:
        """Tracked recommendations and their status history."""
        return self._recommendations

    @property
    def tags(self) -> SqlTags[S]:
        """Machine tags, tagging runs and reviewers' decisions."""
        return self._tags

    @property
    def calls(self) -> SqlCalls:
        """Calls for inputs, stakeholders, requests sent and contributions received."""
        return self._calls

    @property
    def incidents(self) -> SqlIncidents[S]:
        """Incidents against defenders, their merges, cases and acknowledged warnings."""
        return self._incidents

    @property
    def quarantine(self) -> SqlQuarantine:
        """Files too dangerous to parse again."""
        return self._quarantine

    @property
    def accounts(self) -> SqlAccounts:
        """Users, sessions and API tokens of the web app, and the wrapped data keys."""
        return self._accounts

    @property
    def tables(self) -> TableAccess:
        """Whole tables, for copying the store into another."""
        return self._tables

    def generation(self) -> int:
        """The store's generation of the corpus's aggregates (raised by triggers, migration 0009)."""
        value = self.session.value("SELECT value FROM generations WHERE subject = 'corpus'")
        return int(value) if value is not None else 0  # deleted: the next write brings it back
