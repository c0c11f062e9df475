"""Read the corpus: list documents, find one by reference, load its structure, search its paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.citation import paragraph_citation, standalone_citation
from hrdmap.domain.document import Block, Document, StoredDocument
from hrdmap.domain.errors import Conflict, NotFound

# The markers around matches in a snippet, named here for the edges that style them.
from hrdmap.search.base import HIGHLIGHT_END as HIGHLIGHT_END
from hrdmap.search.base import HIGHLIGHT_START as HIGHLIGHT_START
from hrdmap.search.base import SearchQuery
from hrdmap.services.visibility import visible_ids
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
        citation: How the paragraph is cited ("12 (a)": a sub-paragraph with its paragraph, a bullet by the
            paragraph holding it), or ``None`` when it has no numbered paragraph.
    """

    block_id: int
    score: float
    snippet: str
    document: StoredDocument
    block: Block
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What a text or semantic search keeps, and how many results at most.

    Attributes:
        documents: References (id, symbol or path) of documents to search in; none: every document.
        languages: ISO 639-1 codes to keep.
        symbols: UN symbols to keep.
        year_from: Keep documents dated this year or later.
        year_to: Keep documents dated this year or earlier.
        limit: Most results.
    """

    documents: Sequence[str] = ()
    languages: Sequence[str] = ()
    symbols: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None
    limit: int = 20


#: No filter: every current document, twenty results at most.
NO_FILTERS = SearchFilters()


def list_documents(workspace: Workspace, actor: Actor) -> list[StoredDocument]:
    """Every document's current version the actor may see (:mod:`hrdmap.services.visibility`), by id."""
    actor.require(Permission.READ_CORPUS)
    found = workspace.store.documents.current()
    seen = visible_ids(workspace, actor, [d.id for d in found])
    return [d for d in found if d.id in seen]


def failed_files(workspace: Workspace, actor: Actor) -> list[BatchItem]:
    """Files whose latest ingest attempt failed, newest first, with reasons."""
    actor.require(Permission.READ_CORPUS)
    return workspace.store.batches.latest_failures()


def resolve(workspace: Workspace, actor: Actor, reference: str) -> StoredDocument:
    """Find a document by id, source path (as stored or relative to the current folder), UN symbol, or file name.

    The file name is what ``search``, ``tag`` and the map print for a document without a symbol
    ("norway-contribution-en.docx", "mail.eml!annex.docx", or a member's own name "annex.docx").

    Raises:
        UnknownDocument: Nothing matches.
        AmbiguousDocument: A symbol or a file name matches several documents (the message lists their ids).
    """
    if not actor.can(Permission.READ_CORPUS):
        raise UnknownDocument(f"no document '{reference}'")
    documents = workspace.store.documents
    found = documents.get(int(reference)) if reference.isdigit() else None
    found = found or documents.by_source(reference) or documents.by_source(_absolute(reference))
    if found is not None and visible_ids(workspace, actor, [found.id]):
        return found
    if found is not None:
        raise UnknownDocument(f"no document '{reference}'")
    for matches in (documents.by_symbol(reference), _by_file_name(workspace, reference)):
        seen = visible_ids(workspace, actor, [d.id for d in matches])
        matches = [d for d in matches if d.id in seen]
        if len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(str(d.id) for d in matches)
            raise AmbiguousDocument(f"'{reference}' matches documents {ids}: give an id")
    raise UnknownDocument(f"no document '{reference}'")


def file_name(source: str) -> str:
    """The name a document is shown by when it has no symbol: the last part of its path, member included
    ("mail.eml!annex.docx")."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _by_file_name(workspace: Workspace, reference: str) -> list[StoredDocument]:
    """Current documents whose file name (or, for a member of an archive or e-mail, whose member name) is
    ``reference``."""
    wanted = reference.strip()
    if not wanted or "/" in wanted:
        return []
    return [
        d
        for d in workspace.store.documents.current()
        if wanted in (file_name(d.source), d.source.rsplit("!", 1)[-1])
    ]


def load(workspace: Workspace, actor: Actor, reference: str) -> LoadedDocument:
    """A document's current version with its structure.

    Raises:
        UnknownDocument: Nothing matches the reference.
        AmbiguousDocument: Several documents match it.
    """
    stored = resolve(workspace, actor, reference)
    return LoadedDocument(stored=stored, document=workspace.store.documents.load(stored.version_id))


def search(
    workspace: Workspace, actor: Actor, text: str, filters: SearchFilters = NO_FILTERS
) -> list[SearchResult]:
    """Search paragraphs of current versions, best first.

    Args:
        workspace: The corpus.
        actor: Who searches.
        text: The query.
        filters: What to keep, and how many results at most.

    Raises:
        UnknownDocument: A document reference matches nothing.
        AmbiguousDocument: A document reference matches several documents.
        hrdmap.domain.errors.Forbidden: The actor may not read the corpus.
    """
    actor.require(Permission.READ_CORPUS)
    hits = workspace.search_backend().search(filtered_query(workspace, actor, text, filters))
    return joined(workspace, actor, [(h.block_id, h.score, h.snippet) for h in hits])


def filtered_query(workspace: Workspace, actor: Actor, text: str, filters: SearchFilters) -> SearchQuery:
    """The query of :func:`search` with its document references resolved (for the semantic search too).

    Raises:
        UnknownDocument: A document reference matches nothing.
        AmbiguousDocument: A document reference matches several documents.
    """
    return SearchQuery(
        text=text,
        document_ids=[resolve(workspace, actor, d).id for d in filters.documents],
        languages=list(filters.languages),
        symbols=list(filters.symbols),
        year_from=filters.year_from,
        year_to=filters.year_to,
        limit=filters.limit,
    )


def joined(workspace: Workspace, actor: Actor, hits: Sequence[tuple[int, float, str]]) -> list[SearchResult]:
    """Hits ``(block id, score, snippet)`` joined to their paragraphs and documents, in their order; hits the
    actor may not see, or whose paragraph is gone, are left out."""
    located = {b.id: b for b in workspace.store.documents.locate([block_id for block_id, _, _ in hits])}
    seen = visible_ids(workspace, actor, [b.document.id for b in located.values()])
    located = {i: b for i, b in located.items() if b.document.id in seen}
    cited = {(b.document.version_id, b.block.index): standalone_citation(b.block) for b in located.values()}
    others = [place for place, found in cited.items() if found is None]  # read the blocks before these only
    cited.update(citations(workspace, others))
    return [
        SearchResult(
            block_id=block_id,
            score=score,
            snippet=snippet,
            document=located[block_id].document,
            block=located[block_id].block,
            citation=cited.get((located[block_id].document.version_id, located[block_id].block.index)),
        )
        for block_id, score, snippet in hits
        if block_id in located
    ]


def citations(
    workspace: Workspace, places: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], str | None]:
    """How each paragraph is cited ("12 (a)"), by ``(version id, block index)``.

    A sub-paragraph is cited with its paragraph and a bullet by the paragraph holding it
    (:func:`hrdmap.domain.citation.paragraph_citation`), so the blocks of each version named are read once.
    """
    found: dict[tuple[int, int], str | None] = {}
    for version_id in dict.fromkeys(v for v, _ in places):
        blocks = sorted((b.block for b in workspace.store.documents.blocks(version_id)), key=lambda b: b.index)
        position = {b.index: n for n, b in enumerate(blocks)}
        for v, index in places:
            if v == version_id and index in position:
                found[(v, index)] = paragraph_citation(blocks, position[index])
    return found


def _absolute(reference: str) -> str:
    head, bang, member = reference.partition("!")
    return str(Path(head).expanduser().resolve()) + bang + member
