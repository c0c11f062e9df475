"""Rebuild a search index from scratch, for when it was lost, damaged, or the back-end was changed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hrdmap.search.base import IndexedParagraph, SearchBackend


def rebuild_index(backend: SearchBackend, paragraphs: Iterable[IndexedParagraph]) -> int:
    """Replace everything ``backend`` holds with ``paragraphs``, in one commit.

    Searches keep seeing the old index until the new one is complete, and a failure part-way leaves the old
    index in place (uncommitted changes are discarded when the back-end is closed).

    Args:
        backend: The index to rebuild.
        paragraphs: Every paragraph of every current version (the store is the truth).

    Returns:
        How many paragraphs the index now holds.
    """
    count = 0

    def counted() -> Iterator[IndexedParagraph]:
        nonlocal count
        for paragraph in paragraphs:
            count += 1
            yield paragraph

    backend.clear()
    backend.add(counted())
    backend.commit()
    return count
