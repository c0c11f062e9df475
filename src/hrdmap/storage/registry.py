"""Store adapters by database URL scheme: the door a PostgreSQL (or any other) adapter plugs in through.

An adapter registers a callable under the ``hrdmap.stores`` entry-point group, named by the URL scheme it
serves; the callable takes the whole URL and returns an open :class:`~hrdmap.storage.repository.Store`. The
built-in SQLite adapter uses the same door (``[project.entry-points."hrdmap.stores"]`` in pyproject.toml)::

    [project.entry-points."hrdmap.stores"]
    sqlite = "hrdmap.storage.sqlite.store:SqliteStore.from_url"

so ``open_store("sqlite:///data/hrdmap.sqlite3")`` opens (creating and migrating) that file, and an adapter
registered as ``postgresql`` would be chosen for ``postgresql://…`` without a change to the services.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib.metadata import entry_points

from hrdmap.domain.errors import InvalidInput
from hrdmap.storage.repository import Store

ENTRY_POINT_GROUP = "hrdmap.stores"
#: What separates a URL's scheme from the rest.
SEPARATOR = "://"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")  # RFC 3986

#: What an adapter registers: the whole URL in, an open store out (raising :class:`StoreUrlError` when the rest
#: of the URL does not name a database it can open).
StoreOpener = Callable[[str], Store]


class StoreUrlError(InvalidInput):
    """A database URL no store adapter can open; the message says why without repeating the URL's secrets."""


def store_schemes() -> list[str]:
    """URL schemes of the registered store adapters, sorted."""
    return sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})


def url_scheme(url: str) -> str:
    """The scheme of a database URL (``sqlite`` for ``sqlite:///data/hrdmap.sqlite3``).

    Raises:
        StoreUrlError: The text is not ``scheme://…``.
    """
    scheme, separator, _ = url.partition(SEPARATOR)
    if not separator or _SCHEME.fullmatch(scheme) is None:
        raise StoreUrlError("a database URL looks like sqlite:///path/to/hrdmap.sqlite3 (scheme://location)")
    return scheme.lower()


def check_scheme(url: str) -> str:
    """The scheme of ``url``, when a registered adapter serves it.

    Raises:
        StoreUrlError: The URL has no scheme, or no adapter serves its scheme (the message lists those that do).
    """
    scheme = url_scheme(url)
    known = store_schemes()
    if scheme not in known:
        if not known:
            raise StoreUrlError(
                f"no store adapter is registered, so the scheme {scheme!r} cannot be opened: reinstall hrdmap "
                "(pip install -e .) so its entry points are recorded"
            )
        raise StoreUrlError(f"the database URL scheme {scheme!r} is unknown; choose one of {', '.join(known)}")
    return scheme


def open_store(url: str) -> Store:
    """Open the store at ``url`` with the adapter registered for its scheme.

    Example::

        store = open_store(settings.store_url)

    Raises:
        StoreUrlError: No adapter serves the scheme, or the adapter cannot use the rest of the URL.
    """
    scheme = check_scheme(url)
    found = next(ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == scheme)
    opener: StoreOpener = found.load()
    return opener(url)
