"""The PostgreSQL adapter's :class:`hrdmap.storage.documents.DocumentRepository`: the shared statements of
:class:`hrdmap.storage.sql.documents.SqlDocuments`, and a version written in four round trips with ``COPY``."""

from __future__ import annotations

import datetime as dt

from hrdmap.domain.document import Document, StoredDocument
from hrdmap.storage.postgresql.session import PostgresSession
from hrdmap.storage.sql.documents import (
    BLOCK_COLUMNS,
    FOOTNOTE_COLUMNS,
    VERSION_COLUMNS,
    SqlDocuments,
    block_values,
    footnote_values,
    paragraphs,
    version_values,
)

#: A new current version, the earlier one made not current in the same statement; its id and number come back.
_INSERT_VERSION = (
    "WITH old AS (UPDATE versions SET is_current = FALSE WHERE document_id = ? AND is_current)"  # noqa: S608 - constant
    f" INSERT INTO versions (document_id, version, {VERSION_COLUMNS}, ingested_at, is_current, search_indexed)"
    " SELECT ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, FALSE"
    " FROM versions WHERE document_id = ? RETURNING id, version"
)


class PostgresDocuments(SqlDocuments[PostgresSession]):
    """Documents, versions, blocks and footnotes in PostgreSQL.

    Args:
        session: The store's session; transactions are the store's.
    """

    def add_version(self, document: Document, *, at: dt.datetime) -> StoredDocument:
        """Store a document as the new current version of its source (a new document for a new source).

        Four round trips to the server: the document row, the version row (the earlier one made not current in
        the same statement), and one ``COPY`` each for blocks and footnotes.
        """
        session = self._session
        at = session.stamp(at)
        document_id = self._document_id(document.source, at)
        row = session.one(
            _INSERT_VERSION, (document_id, document_id, *version_values(session, document), at, document_id)
        )
        assert row is not None  # noqa: S101 - INSERT … RETURNING gives the row
        version_id = int(row["id"])
        session.copy("blocks", BLOCK_COLUMNS, (block_values(session, version_id, block) for block in document.blocks))
        if document.footnotes:
            session.copy("footnotes", FOOTNOTE_COLUMNS, footnote_values(version_id, document))
        return StoredDocument(
            id=document_id,
            version_id=version_id,
            version=int(row["version"]),
            source=document.source,
            sha256=document.sha256,
            format=document.format,
            title=document.title,
            symbol=document.symbol,
            date=document.date,
            languages=tuple(document.languages),
            pages=document.pages,
            paragraphs=paragraphs(document),
            ingested_at=at,
        )

    def _document_id(self, source: str, at: dt.datetime) -> int:
        """The id of the document with this source, added when new (one round trip)."""
        return int(
            self._session.value(
                "WITH new AS (INSERT INTO documents (source, created_at) VALUES (?, ?)"
                " ON CONFLICT (source) DO NOTHING RETURNING id)"
                " SELECT id FROM new UNION ALL SELECT id FROM documents WHERE source = ? LIMIT 1",
                (source, self._session.stamp(at), source),
            )
        )
