"""The PostgreSQL store adapter (psycopg 3 and its pool); installed with ``pip install 'hrdmap[postgres]'``.

:func:`open_url` is the door registered under the ``hrdmap.stores`` entry-point group as ``postgresql``; it
imports the driver only when a PostgreSQL store is opened, so hrdmap runs without psycopg on SQLite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrdmap.storage.registry import StoreUrlError

if TYPE_CHECKING:
    from hrdmap.storage.postgresql.store import PostgresStore


def open_url(url: str) -> PostgresStore:
    """Open the PostgreSQL store a ``postgresql://`` URL names (see :class:`~.store.PostgresStore`).

    Raises:
        StoreUrlError: psycopg is not installed, or the URL cannot be used.
    """
    try:
        from hrdmap.storage.postgresql.store import PostgresStore
    except ImportError as error:
        raise StoreUrlError(
            f"a PostgreSQL store needs psycopg ({error.name or 'psycopg'} is missing): pip install 'hrdmap[postgres]'"
        ) from None
    return PostgresStore.from_url(url)
