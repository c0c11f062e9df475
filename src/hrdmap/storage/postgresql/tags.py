"""The PostgreSQL side of :class:`hrdmap.storage.sql.tags.SqlTags`: tags written with ``COPY``, lists as arrays.

Tables are created by ``migrations/0002_analysis.sql``; the other statements are :mod:`hrdmap.storage.sql.tags`'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hrdmap.storage.postgresql.session import PostgresSession
from hrdmap.storage.sql.tags import WRITTEN_COLUMNS, SqlTags
from hrdmap.storage.tags import NewTag


class PostgresTags(SqlTags):
    """Tags, runs and reviews in PostgreSQL; implements :class:`hrdmap.storage.tags.TagRepository`.

    Args:
        session: The store's session; transactions (and the audit rows written with them) are the store's.
    """

    def __init__(self, session: PostgresSession) -> None:
        super().__init__(session)
        self._db = session.db

    def replace(
        self, tagger: str, block_ids: Sequence[int], tags: Sequence[NewTag], *, run_id: int, at: dt.datetime
    ) -> None:
        """Flag ``tagger``'s current tags on ``block_ids`` not current (one statement), and ``COPY`` ``tags`` in."""
        rows = self._tag_rows(tagger, tags, run_id=run_id, at=at)
        self._session.execute(
            "UPDATE tags SET is_current = FALSE WHERE tagger = ? AND is_current AND block_id = ANY(?)",
            (tagger, list(block_ids)),
        )
        with self._db.connection() as conn, conn.cursor() as cursor:
            with cursor.copy(f"COPY tags ({WRITTEN_COLUMNS}) FROM STDIN") as copy:  # noqa: S608 - constant
                for row in rows:
                    copy.write_row(row)

    def _not_in_documents(self, documents: list[int]) -> tuple[str, Any]:
        """The documents as one array."""
        return "NOT (v.document_id = ANY(?))", documents
