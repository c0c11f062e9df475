"""Read the corpus: list documents, find one by reference, load its structure, search its paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.document import Block, Document, StoredDocument
from hrdmap.domain.errors import Conflict, NotFound
from hrdmap.search.base import SearchQuery
from hrdmap.services.workspace import Workspace
from hrdmap.storage.batches import BatchItem


class UnknownDocument(NotFound):
    """No document matches a reference; ``str()`` is the message shown to users."""


class AmbiguousDocument(Conflict, LookupError):
    """More than one document matches a reference (one symbol, several languages)."""


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """A stored document with its structure.

    Attributes:
        stored: Identity and metadata of the version.
        document: Its blocks and footnotes.
    """

    stored: StoredDocument
    document: Document


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A search hit joined to its paragraph and document.

    Attributes:
        block_id: The paragraph's id.
        score: Relevance, higher is better.
        snippet: Text with matches between :data:`hrdmap.search.base.HIGHLIGHT_START` and ``HIGHLIGHT_END``.
        document: The document the paragraph belongs to.
        block: The paragraph (label, number, heading path, page, language).
    """

    block_id: int
    score: float
    snippet: str
    document: StoredDocument
    block: Block


def list_documents(workspace: Workspace, actor: Actor) -> list[StoredDocument]:
    """Every document's current version, by id."""
    actor.require(Permission.READ_CORPUS)
    return workspace.store.documents.current()


def failed_files(workspace: Workspace, actor: Actor) -> list[BatchItem]:
    """Files whose latest ingest attempt failed, newest first, with reasons."""
    actor.require(Permission.READ_CORPUS)
    return workspace.store.batches.latest_failures()


def resolve(workspace: Workspace, actor: Actor, reference: str) -> StoredDocument:
    """Find a document by id, source path (as stored or relative to the current folder) or UN symbol.

    Raises:
        UnknownDocument: Nothing matches.
        AmbiguousDocument: A symbol matches several documents (the message lists their ids).
    """
    if not actor.can(Permission.READ_CORPUS):
        raise UnknownDocument(f"no document '{reference}'")
    documents = workspace.store.documents
    found = documents.get(int(reference)) if reference.isdigit() else None
    found = found or documents.by_source(reference) or documents.by_source(_absolute(reference))
    if found is not None:
        return found
    matches = documents.by_symbol(reference)
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(str(d.id) for d in matches)
        raise AmbiguousDocument(f"'{reference}' matches documents {ids}: give an id")
    raise UnknownDocument(f"no document '{reference}'")


def load(workspace: Workspace, actor: Actor, reference: str) -> LoadedDocument:
    """A document's current version with its structure.

    Raises:
        UnknownDocument: Nothing matches the reference.
        AmbiguousDocument: Several documents match it.
    """
    stored = resolve(workspace, actor, reference)
    return LoadedDocument(stored=stored, document=workspace.store.documents.load(stored.version_id))


def search(
    workspace: Workspace,
    actor: Actor,
    text: str,
    *,
    documents: Sequence[str] = (),
    languages: Sequence[str] = (),
    symbols: Sequence[str] = (),
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int = 20,
) -> list[SearchResult]:
    """Search paragraphs of current versions, best first.

    Args:
        workspace: The corpus.
        actor: Who searches.
        text: The query.
        documents: References (id, symbol or path) of documents to search in.
        languages: ISO 639-1 codes to keep.
        symbols: UN symbols to keep.
        year_from: Keep documents dated this year or later.
        year_to: Keep documents dated this year or earlier.
        limit: Most results.

    Raises:
        UnknownDocument: A document reference matches nothing.
        AmbiguousDocument: A document reference matches several documents.
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus.
    """
    actor.require(Permission.READ_CORPUS)
    query = SearchQuery(
        text=text,
        document_ids=[resolve(workspace, actor, d).id for d in documents],
        languages=list(languages),
        symbols=list(symbols),
        year_from=year_from,
        year_to=year_to,
        limit=limit,
    )
    hits = workspace.search_backend().search(query)
    located = {b.id: b for b in workspace.store.documents.locate([h.block_id for h in hits])}
    return [
        SearchResult(
            block_id=h.block_id,
            score=h.score,
            snippet=h.snippet,
            document=located[h.block_id].document,
            block=located[h.block_id].block,
        )
        for h in hits
        if h.block_id in located
    ]


def _absolute(reference: str) -> str:
    head, bang, member = reference.partition("!")
    return str(Path(head).expanduser().resolve()) + bang + member
