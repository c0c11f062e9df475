"""Documents, versions, blocks and footnotes in SQL: the :class:`hrdmap.storage.documents.DocumentRepository` of
both adapters (PostgreSQL's writes a version with ``COPY``: :mod:`hrdmap.storage.postgresql.documents`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Generic

from hrdmap.domain.document import Block, BlockKind, Document, Footnote, StoredDocument
from hrdmap.storage.documents import LocatedBlock, StoredBlock
from hrdmap.storage.sql.session import Row, S, SqlSession

_SELECT_VERSION = """
    SELECT v.id AS version_id, v.document_id, v.version, d.source, v.sha256, v.format, v.title, v.symbol,
           v.date, v.languages, v.pages, v.size, v.ingested_at,
           (SELECT count(*) FROM blocks b
             WHERE b.version_id = v.id AND b.kind IN ('paragraph', 'list_item')) AS paragraphs
      FROM versions v JOIN documents d ON d.id = v.document_id
"""

#: The columns of a block row, in the order of :func:`block_values`.
BLOCK_COLUMNS = "version_id, idx, kind, label, number, level, heading_path, page, language, footnote_refs, rows, text"
_SELECT_BLOCK = f"SELECT id, {BLOCK_COLUMNS} FROM blocks"  # noqa: S608 - constant
#: The columns of a footnote row, in the order of :func:`footnote_values`.
FOOTNOTE_COLUMNS = "version_id, seq, label, text, block_idx, page"
#: The columns of a version that :func:`version_values` gives, in its order.
VERSION_COLUMNS = "sha256, format, title, symbol, date, languages, pages, size, meta"


class SqlDocuments(Generic[S]):
    """Documents, versions, blocks and footnotes.

    Args:
        session: The store's session; transactions are the store's.
    """

    def __init__(self, session: S) -> None:
        self._session = session

    def add_version(self, document: Document, *, at: dt.datetime) -> StoredDocument:
        """Store a document as the new current version of its source (a new document for a new source)."""
        session = self._session
        document_id = self._document_id(document.source, at)
        number = session.value(
            "SELECT coalesce(max(version), 0) + 1 FROM versions WHERE document_id = ?", (document_id,)
        )
        session.execute(
            "UPDATE versions SET is_current = FALSE WHERE document_id = ? AND is_current = TRUE", (document_id,)
        )
        version_id = session.insert(
            f"INSERT INTO versions (document_id, version, {VERSION_COLUMNS}, ingested_at, is_current, search_indexed)"  # noqa: S608
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, FALSE)",
            (document_id, number, *version_values(session, document), session.stamp(at)),
        )
        marks = ", ".join("?" * len(BLOCK_COLUMNS.split(",")))
        session.executemany(
            f"INSERT INTO blocks ({BLOCK_COLUMNS}) VALUES ({marks})",  # noqa: S608 - constant
            (block_values(session, version_id, b) for b in document.blocks),
        )
        session.executemany(
            f"INSERT INTO footnotes ({FOOTNOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",  # noqa: S608 - constant
            footnote_values(version_id, document),
        )
        stored = self.version(version_id)
        assert stored is not None  # noqa: S101 - just inserted
        return stored

    def get(self, document_id: int) -> StoredDocument | None:
        """The current version of a document, or ``None``."""
        return self._one("WHERE v.document_id = ? AND v.is_current = TRUE", (document_id,))

    def version(self, version_id: int) -> StoredDocument | None:
        """A version by its id, current or not, or ``None``."""
        return self._one("WHERE v.id = ?", (version_id,))

    def by_source(self, source: str) -> StoredDocument | None:
        """The current version of the document with this source, or ``None``."""
        return self._one("WHERE d.source = ? AND v.is_current = TRUE", (source,))

    def by_sha256(self, sha256: str) -> StoredDocument | None:
        """A current version with these bytes (the oldest document first), or ``None``."""
        return self._one("WHERE v.sha256 = ? AND v.is_current = TRUE ORDER BY v.document_id LIMIT 1", (sha256,))

    def by_symbol(self, symbol: str) -> list[StoredDocument]:
        """Current versions whose UN symbol is ``symbol`` (case-insensitive)."""
        return self._many("WHERE upper(v.symbol) = upper(?) AND v.is_current = TRUE ORDER BY v.document_id", (symbol,))

    def current(self) -> list[StoredDocument]:
        """Every document's current version, by document id."""
        return self._many("WHERE v.is_current = TRUE ORDER BY v.document_id", ())

    def count_current(self, exclude: Sequence[int] = ()) -> int:
        """How many documents have a current version, those of ``exclude`` (document ids) left out."""
        total = int(self._session.value("SELECT count(*) FROM versions WHERE is_current = TRUE"))
        excluded = self._session.rows_in(
            "SELECT count(*) AS n FROM versions WHERE is_current = TRUE AND document_id {ids}",
            list(dict.fromkeys(exclude)),
        )
        return total - sum(int(r["n"]) for r in excluded)

    def versions(self, document_id: int) -> list[StoredDocument]:
        """Every version of a document, oldest first."""
        return self._many("WHERE v.document_id = ? ORDER BY v.version", (document_id,))

    def members(self, source: str) -> list[StoredDocument]:
        """Current versions of the documents read from inside ``source`` (``source!member``…), by source."""
        prefix = source + "!"
        return self._many(
            "WHERE substr(d.source, 1, ?) = ? AND v.is_current = TRUE ORDER BY d.source COLLATE BINARY",
            (len(prefix), prefix),
        )

    def load(self, version_id: int) -> Document:
        """A version with its blocks and footnotes.

        Raises:
            KeyError: No such version.
        """
        session = self._session
        row = session.one(
            "SELECT d.source, v.* FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?",
            (version_id,),
        )
        if row is None:
            raise KeyError(f"no version {version_id}")
        footnotes = [
            Footnote(label=f["label"], text=f["text"], block_index=f["block_idx"], page=f["page"])
            for f in session.rows(
                "SELECT label, text, block_idx, page FROM footnotes WHERE version_id = ? ORDER BY seq", (version_id,)
            )
        ]
        return Document(
            source=row["source"],
            sha256=row["sha256"],
            format=row["format"],
            blocks=[b.block for b in self.blocks(version_id)],
            footnotes=footnotes,
            title=row["title"],
            symbol=row["symbol"],
            date=session.from_day(row["date"]),
            languages=_languages(row["languages"]),
            pages=row["pages"],
            size=row["size"],
            meta=session.from_json(row["meta"]),
        )

    def blocks(self, version_id: int) -> list[StoredBlock]:
        """A version's blocks in reading order, with their ids."""
        rows = self._session.rows(f"{_SELECT_BLOCK} WHERE version_id = ? ORDER BY idx", (version_id,))
        return [self._stored_block(r) for r in rows]

    def locate(self, block_ids: Sequence[int]) -> list[LocatedBlock]:
        """Blocks by id, each with its document; ids not found are left out; order follows ``block_ids``."""
        rows = self._session.rows_in(f"{_SELECT_BLOCK} WHERE id {{ids}}", block_ids)
        found = {r["id"]: self._stored_block(r) for r in rows}
        versions = sorted({b.version_id for b in found.values()})
        rows = self._session.rows_in(f"{_SELECT_VERSION} WHERE v.id {{ids}}", versions)
        documents = {d.version_id: d for d in map(self._stored, rows)}
        located = []
        for block_id in block_ids:
            stored = found.get(block_id)
            document = documents.get(stored.version_id) if stored else None
            if stored is not None and document is not None:
                located.append(LocatedBlock(id=block_id, document=document, block=stored.block))
        return located

    def block_exists(self, block_id: int) -> bool:
        """Whether a block with this id is stored (in any version)."""
        return self._session.one("SELECT 1 AS found FROM blocks WHERE id = ?", (block_id,)) is not None

    def unindexed(self) -> list[int]:
        """Ids of current versions the search index does not hold yet."""
        rows = self._session.rows(
            "SELECT id FROM versions WHERE is_current = TRUE AND search_indexed = FALSE ORDER BY id"
        )
        return [r["id"] for r in rows]

    def stale_indexed(self) -> list[int]:
        """Ids of versions that are no longer current but are still in the search index."""
        rows = self._session.rows(
            "SELECT id FROM versions WHERE is_current = FALSE AND search_indexed = TRUE ORDER BY id"
        )
        return [r["id"] for r in rows]

    def mark_indexed(self, version_ids: Sequence[int], indexed: bool) -> None:
        """Record whether the search index holds these versions."""
        self._session.execute_in("UPDATE versions SET search_indexed = ? WHERE id {ids}", version_ids, (indexed,))

    def _document_id(self, source: str, at: dt.datetime) -> int:
        """The id of the document with this source, added when new."""
        found = self._session.value("SELECT id FROM documents WHERE source = ?", (source,))
        if found is not None:
            return int(found)
        return self._session.insert(
            "INSERT INTO documents (source, created_at) VALUES (?, ?)", (source, self._session.stamp(at))
        )

    def _one(self, where: str, params: Sequence[Any]) -> StoredDocument | None:
        row = self._session.one(f"{_SELECT_VERSION} {where}", params)
        return self._stored(row) if row is not None else None

    def _many(self, where: str, params: Sequence[Any]) -> list[StoredDocument]:
        return [self._stored(r) for r in self._session.rows(f"{_SELECT_VERSION} {where}", params)]

    def _stored(self, r: Row) -> StoredDocument:
        return StoredDocument(
            id=r["document_id"],
            version_id=r["version_id"],
            version=r["version"],
            source=r["source"],
            sha256=r["sha256"],
            format=r["format"],
            title=r["title"],
            symbol=r["symbol"],
            date=self._session.from_day(r["date"]),
            languages=_languages(r["languages"]),
            pages=r["pages"],
            paragraphs=r["paragraphs"],
            ingested_at=self._session.from_stamp(r["ingested_at"]),
        )

    def _stored_block(self, r: Row) -> StoredBlock:
        from_json = self._session.from_json
        block = Block(
            index=r["idx"],
            kind=BlockKind(r["kind"]),
            text=r["text"],
            label=r["label"],
            number=r["number"],
            level=r["level"],
            heading_path=tuple(from_json(r["heading_path"])),
            page=r["page"],
            language=r["language"],
            footnote_refs=tuple(from_json(r["footnote_refs"])),
            rows=tuple(tuple(row) for row in from_json(r["rows"])) if r["rows"] else (),
        )
        return StoredBlock(id=r["id"], version_id=r["version_id"], block=block)


def version_values(session: SqlSession, document: Document) -> tuple[Any, ...]:
    """The values of :data:`VERSION_COLUMNS` for ``document``, in that order."""
    return (
        document.sha256,
        document.format,
        document.title,
        document.symbol,
        session.day(document.date),
        ",".join(document.languages),
        document.pages,
        document.size,
        session.json(document.meta),
    )


def block_values(session: SqlSession, version_id: int, b: Block) -> tuple[Any, ...]:
    """The values of :data:`BLOCK_COLUMNS` for block ``b`` of a version, in that order."""
    json = session.json
    return (
        version_id,
        b.index,
        b.kind.value,
        b.label,
        b.number,
        b.level,
        json(list(b.heading_path)),
        b.page,
        b.language,
        json(list(b.footnote_refs)),
        json([list(r) for r in b.rows]) if b.rows else None,
        b.text,
    )


def footnote_values(version_id: int, document: Document) -> Iterator[tuple[Any, ...]]:
    """The values of :data:`FOOTNOTE_COLUMNS` for each footnote of a version of ``document``, in that order."""
    for seq, f in enumerate(document.footnotes):
        yield (version_id, seq, f.label, f.text, f.block_index, f.page)


def paragraphs(document: Document) -> int:
    """How many paragraphs (paragraph and list-item blocks) a document has, as stored versions count them."""
    return sum(1 for b in document.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM))


def _languages(text: str) -> tuple[str, ...]:
    return tuple(text.split(",")) if text else ()
