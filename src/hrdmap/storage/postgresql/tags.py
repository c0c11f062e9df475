"""The PostgreSQL side of :class:`hrdmap.storage.sql.tags.SqlTags`: new tags written with ``COPY``, lists as arrays.

Tables are created by ``migrations/0002_analysis.sql``; the other statements are :mod:`hrdmap.storage.sql.tags`'.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hrdmap.storage.postgresql.session import PostgresSession
from hrdmap.storage.sql.tags import WRITTEN_COLUMNS, SqlTags


class PostgresTags(SqlTags[PostgresSession]):
    """Tags, runs and reviews in PostgreSQL; implements :class:`hrdmap.storage.tags.TagRepository`.

    Args:
        session: The store's session; transactions (and the audit rows written with them) are the store's.
    """

    def _add_tags(self, rows: Iterator[tuple[Any, ...]]) -> None:
        """``COPY`` new tags in, in the calling thread's transaction (far faster than an ``INSERT`` each)."""
        self._session.copy("tags", WRITTEN_COLUMNS, rows)

    def _not_in_documents(self, documents: list[int]) -> tuple[str, Any]:
        """The documents as one array."""
        return "NOT (v.document_id = ANY(?))", documents
