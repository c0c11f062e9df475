"""Semantic search: paragraphs near a query in meaning, through the vector index of the data folder.

The query is embedded as an e5 "query" by the embedder the settings name (``HRDMAP_EMBEDDER``), the paragraphs
as passages, and the paragraphs whose vectors have the highest cosine similarity come first. Paragraphs need
not share a word with the query: "attacks on journalists" finds "reporters were assaulted".

Before it searches, the vector index is brought up to date with the store (the paragraphs of documents ingested
since are embedded; :func:`hrdmap.services.indexing.sync_vectors`). That needs the data folder's ingest lock:
while an ingest runs, or in a read-only data folder, the search answers from the index as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hrdmap.domain.actor import Actor, Permission
from hrdmap.search.snippets import make_snippet
from hrdmap.search.vectors import VectorIndexError
from hrdmap.services.corpus import NO_FILTERS, SearchFilters, SearchResult, filtered_query, joined
from hrdmap.services.indexing import IndexSync, rebuild_vectors, sync_vectors
from hrdmap.services.workspace import Workspace
from hrdmap.storage.lock import Busy, exclusive


@dataclass(frozen=True, slots=True)
class SemanticResults:
    """What a semantic search found, and what it did to the vector index first.

    Attributes:
        results: Paragraphs, nearest first; ``score`` is the cosine similarity, ``snippet`` the paragraph's
            start (nothing is highlighted: no word need match).
        synced: Versions added to and removed from the vector index first, or ``None`` when it could not be
            brought up to date (a read-only data folder, or an ingest running).
    """

    results: list[SearchResult]
    synced: IndexSync | None


def semantic_search(
    workspace: Workspace, actor: Actor, text: str, filters: SearchFilters = NO_FILTERS
) -> SemanticResults:
    """Paragraphs of current versions nearest to ``text`` in meaning, with the filters of text search.

    Raises:
        hrdmap.services.corpus.UnknownDocument: A document reference matches nothing.
        hrdmap.services.corpus.AmbiguousDocument: A document reference matches several documents.
        hrdmap.search.vectors.VectorIndexError: The vector index cannot be read, was made by another embedder,
            or is missing where it cannot be built; the message says to run ``hrdmap reindex``.
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus.
    """
    actor.require(Permission.READ_CORPUS)
    query = filtered_query(workspace, actor, text, filters)
    synced = refresh_vectors(workspace)
    index = workspace.vector_index()
    if synced is None and not index.versions and workspace.store.documents.current():
        raise VectorIndexError(
            f"{workspace.settings.vectors_dir}: no vector index yet, and it cannot be built now "
            "(the data folder is read-only, or an ingest is running); run `hrdmap reindex` where it can be written"
        )
    if not text.strip():
        return SemanticResults([], synced)
    vector = workspace.embedder().embed([text], kind="query")[0]
    hits = index.nearest(vector, query)
    found = joined(workspace, actor, [(hit.block_id, round(hit.similarity, 4), "") for hit in hits])
    results = [replace(r, snippet=make_snippet(r.block.display_text, frozenset())) for r in found]
    return SemanticResults(results, synced)


def refresh_vectors(workspace: Workspace) -> IndexSync | None:
    """Bring the vector index up to date with the store (rebuilt when made by another embedder).

    Returns:
        What the sync did, or ``None`` when the data folder is read-only or an ingest holds its lock.
    """
    if workspace.store.read_only:
        return None
    settings = workspace.settings
    try:
        with exclusive(settings.home / "ingest.lock"):
            workspace.close_vectors()
            index = workspace.vector_index()
            if index.stale:
                workspace.close_vectors()
                rebuild_vectors(workspace.store, workspace.embedder(), settings.vectors_dir)
                return IndexSync(added=len(workspace.vector_index().versions), removed=0)
            return sync_vectors(workspace.store, index, workspace.embedder())
    except Busy:
        return None
    finally:
        workspace.close_vectors()
