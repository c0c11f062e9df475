"""Rebuilding the index from the store's paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

from hrdmap.search.base import IndexedParagraph, SearchBackend, SearchQuery
from hrdmap.search.rebuild import rebuild_index

from .factory import indexed, para


def test_rebuild_replaces_everything_and_searches_see_the_old_index_meanwhile(backend: SearchBackend) -> None:
    indexed(backend, para(1, "Stale defenders text."), para(2, "Stale text."))
    seen_during: list[list[int]] = []

    def fresh() -> Iterator[IndexedParagraph]:
        yield para(10, "Fresh defenders text.")
        seen_during.append([h.block_id for h in backend.search(SearchQuery("defenders"))])
        yield para(11, "Fresh defenders annex.")

    assert rebuild_index(backend, fresh()) == 2
    assert seen_during == [[1]]
    assert sorted(h.block_id for h in backend.search(SearchQuery("defenders"))) == [10, 11]
