"""The SQLite side of :class:`hrdmap.storage.sql.tags.SqlTags`: documents left out of the review queue as a JSON list.

Tables are created by ``migrations/0002_analysis.sql``; the statements are :mod:`hrdmap.storage.sql.tags`'.
"""

from __future__ import annotations

from typing import Any

from hrdmap.storage.sql.tags import SqlTags
from hrdmap.storage.sqlite.session import SqliteSession


class SqliteTags(SqlTags[SqliteSession]):
    """Tags, runs and reviews in the corpus database; implements :class:`hrdmap.storage.tags.TagRepository`."""

    def _not_in_documents(self, documents: list[int]) -> tuple[str, Any]:
        """The documents as one JSON list (a statement binds only so many parameters)."""
        return "v.document_id NOT IN (SELECT value FROM json_each(?))", self._session.json(documents)
