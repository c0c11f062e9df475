"""Paragraph search behind one protocol (:mod:`hrdmap.search.base`).

Back-ends are registered under the ``hrdmap.search_backends`` entry-point group; the built-in ones
(``tantivy``, the default, and ``sqlite``) use the same door (see
``[project.entry-points."hrdmap.search_backends"]`` in pyproject.toml). A back-end class takes the index
folder as its only required argument.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from hrdmap.search.base import SearchBackend
from hrdmap.search.errors import SearchIndexError, UnknownBackend

ENTRY_POINT_GROUP = "hrdmap.search_backends"
DEFAULT_BACKEND = "tantivy"

__all__ = ["DEFAULT_BACKEND", "SearchIndexError", "UnknownBackend", "backend_names", "open_backend"]


def backend_names() -> list[str]:
    """Names of the registered back-ends, sorted."""
    return sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))


def open_backend(name: str, directory: Path, *, read_only: bool = False) -> SearchBackend:
    """Open (creating when missing) the index of back-end ``name`` in ``directory``.

    With ``read_only`` (a data folder hrdmap cannot write), nothing is created or written: the back-end class is
    called with ``read_only=True``, which a back-end that can search a read-only index accepts.

    Example::

        backend = open_backend("tantivy", settings.search_dir)

    Raises:
        UnknownBackend: No back-end has that name.
        SearchIndexError: The index cannot be opened.
    """
    found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not found:
        raise UnknownBackend(
            f"search back-end {name!r} is unknown; choose one of {', '.join(backend_names())}"
        )
    backend_class = found[0].load()
    backend: SearchBackend = backend_class(directory, read_only=True) if read_only else backend_class(directory)
    return backend
