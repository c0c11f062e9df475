"""What every shared repository is: a view of the store's tables through the store's session."""

from __future__ import annotations

from hrdmap.storage.sql.session import SqlSession


class SqlRepository:
    """A repository written once for every database; the store hands it out, over its own session.

    Its writes join the store's transaction: group them, with their audit entries, by ``store.transaction()``.

    Args:
        session: The store's session.
    """

    def __init__(self, session: SqlSession) -> None:
        self._session = session
