"""Keep the search index and the vector index in step with the store.

The store is the truth; the index follows it. ``versions.search_indexed`` records which versions the index
holds, and is set only after the index has committed them, so a crash between the two commits is repaired by
the next :func:`sync_index`: current versions not yet indexed are (re-)added, replaced versions still indexed
are removed. Re-adding first removes whatever the index may already hold of a version, so no paragraph is
indexed twice.

The vector index (semantic search, :mod:`hrdmap.search.vectors`) records the versions it holds itself, so
:func:`sync_vectors` compares them with the store's current versions: it embeds the paragraphs of the new ones
and drops the replaced ones. ``hrdmap reindex`` rebuilds both indexes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hrdmap.analyse.classifier.embedders import Embedder
from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.document import BlockKind, StoredDocument
from hrdmap.search import open_backend
from hrdmap.search.base import IndexedParagraph, SearchBackend
from hrdmap.search.rebuild import rebuild_index
from hrdmap.search.vectors import VectorIndex
from hrdmap.services.sealing import SealedStore
from hrdmap.services.workspace import Workspace
from hrdmap.storage.lock import exclusive
from hrdmap.storage.repository import ReadOnlyStore, Store

#: Block kinds the index holds: tables too, so that a file made of tables (an OHCHR thematic list of
#: recommendations) is searchable; a table is indexed as its cells, row by row.
INDEXED_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE})


#: Paragraphs embedded at a time while the vector index is filled.
EMBED_BATCH = 2000


@dataclass(frozen=True, slots=True)
class Reindexed:
    """What ``hrdmap reindex`` rebuilt.

    Attributes:
        paragraphs: Paragraphs in the search index.
        vectors: Paragraphs in the vector index.
    """

    paragraphs: int
    vectors: int


@dataclass(frozen=True, slots=True)
class IndexSync:
    """What a sync did.

    Attributes:
        added: Versions added to the index.
        removed: Replaced versions removed from it.
    """

    added: int
    removed: int


def sync_index(store: Store, backend: SearchBackend) -> IndexSync:
    """Add current versions the index lacks and remove replaced ones; commit the index once."""
    stale = store.documents.stale_indexed()
    todo = store.documents.unindexed()
    if not stale and not todo:
        return IndexSync(added=0, removed=0)
    backend.remove_versions([*stale, *todo])
    for version_id in todo:
        backend.add(paragraphs(store, version_id))
    backend.commit()
    with store.transaction():
        store.documents.mark_indexed(todo, True)
        store.documents.mark_indexed(stale, False)
    return IndexSync(added=len(todo), removed=len(stale))


def rebuild(store: Store, backend_name: str, search_dir: Path, lock_dir: Path) -> int:
    """Rebuild the whole index from the store, beside the old one, then swap them.

    For a lost or damaged index, a change of back-end, or an index written by an older hrdmap whose schema the
    back-end now refuses. Searches keep the old index until the new one is complete. Holds the ingest lock, so
    no ingest writes to the index meanwhile.

    Args:
        store: The corpus store (the truth).
        backend_name: The search back-end to build.
        search_dir: Where the index lives.
        lock_dir: The data folder holding ``ingest.lock``.

    Returns:
        The number of paragraphs indexed.

    Raises:
        hrdmap.storage.lock.Busy: An ingest is running on the same data folder.
        hrdmap.storage.repository.ReadOnlyStore: The data folder cannot be written.
    """
    if store.read_only:
        raise ReadOnlyStore(f"the data folder {lock_dir} is read-only: reindex needs to write to it")
    fresh = search_dir.with_name(search_dir.name + ".rebuilding")
    with exclusive(lock_dir / "ingest.lock"), store.lock("ingest"):
        shutil.rmtree(fresh, ignore_errors=True)
        backend = open_backend(backend_name, fresh)
        try:
            current = [document.version_id for document in store.documents.current()]
            count = rebuild_index(backend, (p for version_id in current for p in paragraphs(store, version_id)))
        finally:
            backend.close()
        _swap(fresh, search_dir)
        stale = store.documents.stale_indexed()
        with store.transaction():
            store.documents.mark_indexed(current, True)
            store.documents.mark_indexed(stale, False)
    return count


def reindex(workspace: Workspace, actor: Actor) -> Reindexed:
    """Rebuild the search index and the vector index of a data folder from its store, and audit it.

    Raises:
        hrdmap.storage.lock.Busy: An ingest is running on the same data folder.
        hrdmap.domain.errors.Forbidden: The actor may not administer the data folder.
    """
    actor.require(Permission.ADMINISTER)
    settings = workspace.settings
    workspace.close_search()
    count = rebuild(workspace.store, settings.search_backend, settings.search_dir, settings.home)
    with exclusive(settings.home / "ingest.lock"), workspace.store.lock("ingest"):
        vectors = rebuild_vectors(workspace.store, workspace.embedder(), settings.vectors_dir)
    with workspace.store.transaction():
        workspace.store.audit.record(
            "search.rebuilt",
            actor=actor.name,
            at=actor.now(),
            detail={"backend": settings.search_backend, "paragraphs": count, "vectors": vectors},
        )
    return Reindexed(paragraphs=count, vectors=vectors)


def sync_vectors(store: Store, index: VectorIndex, embedder: Embedder) -> IndexSync:
    """Embed the paragraphs of current versions the vector index lacks, drop replaced versions; commit once.

    The caller holds the data folder's ingest lock (one writer at a time).
    """
    current = [document.version_id for document in store.documents.current()]
    todo = [version_id for version_id in current if version_id not in index.versions]
    gone = sorted(index.versions - set(current))
    if not todo and not gone:
        return IndexSync(added=0, removed=0)
    index.remove_versions(gone)
    batch: list[IndexedParagraph] = []
    for version_id in todo:
        batch += paragraphs(store, version_id)
        if len(batch) >= EMBED_BATCH:
            index.add(batch, embedder.embed([p.text for p in batch], kind="passage"))
            batch = []
    if batch:
        index.add(batch, embedder.embed([p.text for p in batch], kind="passage"))
    index.hold(todo)
    index.commit()
    return IndexSync(added=len(todo), removed=len(gone))


def rebuild_vectors(store: Store, embedder: Embedder, directory: Path) -> int:
    """Build the vector index anew beside the old one, from every current version, then swap them.

    The caller holds the data folder's ingest lock. Returns the number of paragraphs it holds.
    """
    fresh = directory.with_name(directory.name + ".rebuilding")
    shutil.rmtree(fresh, ignore_errors=True)
    index = VectorIndex(fresh, embedder.name, embedder.dim)
    try:
        sync_vectors(store, index, embedder)
        count = len(index)
    finally:
        index.close()
    fresh.mkdir(parents=True, exist_ok=True)  # an empty store still gets its (empty) index
    _swap(fresh, directory)
    return count


def _swap(fresh: Path, search_dir: Path) -> None:
    """Put the rebuilt index in place of the old one (two renames), then delete the old one."""
    retired = search_dir.with_name(search_dir.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if search_dir.exists():
        search_dir.rename(retired)
    fresh.rename(search_dir)
    shutil.rmtree(retired, ignore_errors=True)


def paragraphs(store: Store, version_id: int) -> Iterator[IndexedParagraph]:
    """What the index holds for one version: its paragraphs and list items, label included in the text."""
    document = store.documents.version(version_id)
    if document is None or (isinstance(store, SealedStore) and store.documents.sealed(version_id)):
        return  # a sealed (confidential) document's text never enters the index
    for stored in store.documents.blocks(version_id):
        block = stored.block
        if block.kind in INDEXED_KINDS and block.text.strip():
            yield IndexedParagraph(
                block_id=stored.id,
                version_id=version_id,
                document_id=document.id,
                text=block.display_text,
                language=block.language or _main_language(document),
                symbol=document.symbol,
                year=_year(document),
            )


def _main_language(document: StoredDocument) -> str | None:
    return document.languages[0] if document.languages else None


def _year(document: StoredDocument) -> int | None:
    return document.date.year if document.date else None
