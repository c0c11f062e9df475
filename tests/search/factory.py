"""One factory for the paragraphs the search tests index."""

from __future__ import annotations

from hrdmap.search.base import IndexedParagraph, SearchBackend


def para(
    block_id: int,
    text: str,
    *,
    version_id: int | None = None,
    document_id: int = 1,
    language: str | None = "en",
    symbol: str | None = None,
    year: int | None = None,
) -> IndexedParagraph:
    """A paragraph to index; its version is its block id unless given."""
    return IndexedParagraph(
        block_id=block_id,
        version_id=block_id if version_id is None else version_id,
        document_id=document_id,
        text=text,
        language=language,
        symbol=symbol,
        year=year,
    )


def indexed(backend: SearchBackend, *paragraphs: IndexedParagraph) -> SearchBackend:
    """Add and commit ``paragraphs``."""
    backend.add(paragraphs)
    backend.commit()
    return backend
