"""The search protocol: index paragraphs, find them ranked, with filters and highlighted snippets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class IndexedParagraph:
    """What the search back-end holds for one paragraph.

    Attributes:
        block_id: ``blocks.id`` in the store: the key a hit returns.
        version_id: The document version the paragraph belongs to.
        document_id: The document.
        text: Text to index (label included, so "98.12" is findable).
        language: ISO 639-1 code, or ``None``.
        symbol: The document's UN symbol, or ``None``.
        year: The document's year, or ``None``.
    """

    block_id: int
    version_id: int
    document_id: int
    text: str
    language: str | None
    symbol: str | None
    year: int | None


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A query and its filters. Empty filters match everything.

    Attributes:
        text: The user's query (words; "quoted phrases" where the back-end supports them).
        document_ids: Keep hits from these documents only.
        languages: Keep hits in these languages only.
        symbols: Keep hits from documents with these symbols only.
        year_from: Keep hits from documents dated this year or later.
        year_to: Keep hits from documents dated this year or earlier.
        limit: Most hits returned.
    """

    text: str
    document_ids: Sequence[int] = ()
    languages: Sequence[str] = ()
    symbols: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None
    limit: int = 20


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked result.

    Attributes:
        block_id: The paragraph's ``blocks.id``.
        score: Relevance (higher is better; BM25 for the built-in back-ends).
        snippet: Part of the text with each match between ``HIGHLIGHT_START`` and ``HIGHLIGHT_END``
            (two control characters that never occur in stored text), for the edges to style.
    """

    block_id: int
    score: float
    snippet: str


HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@runtime_checkable
class SearchBackend(Protocol):
    """A full-text index of paragraphs.

    Example::

        backend.add([IndexedParagraph(block_id=1, version_id=1, document_id=1, text="…", language="en",
                                      symbol="A/73/230", year=2018)])
        backend.remove_versions([old_version_id])
        backend.commit()
        hits = backend.search(SearchQuery("defenders", languages=["en"]))
    """

    name: str

    def add(self, paragraphs: Iterable[IndexedParagraph]) -> None:
        """Add paragraphs; visible to :meth:`search` after :meth:`commit`."""
        ...

    def remove_versions(self, version_ids: Iterable[int]) -> None:
        """Remove every paragraph of these versions (a document replaced by a newer version)."""
        ...

    def commit(self) -> None:
        """Make additions and removals durable and visible."""
        ...

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Ranked hits, best first, at most ``query.limit``."""
        ...

    def clear(self) -> None:
        """Remove everything (before a rebuild)."""
        ...

    def close(self) -> None:
        """Release files and threads."""
        ...
