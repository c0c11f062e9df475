"""The PostgreSQL implementation of :class:`hrdmap.storage.documents.DocumentRepository`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from psycopg.rows import DictRow

from hrdmap.domain.document import Block, BlockKind, Document, Footnote, StoredDocument
from hrdmap.storage.documents import LocatedBlock, StoredBlock
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import stamp, to_json, utc

_SELECT_VERSION = """
    SELECT v.id AS version_id, v.document_id, v.version, d.source, v.sha256, v.format, v.title, v.symbol,
           v.date, v.languages, v.pages, v.size, v.ingested_at,
           (SELECT count(*) FROM blocks b
             WHERE b.version_id = v.id AND b.kind IN ('paragraph', 'list_item')) AS paragraphs
      FROM versions v JOIN documents d ON d.id = v.document_id
"""

_BLOCK_COLUMNS = "version_id, idx, kind, label, number, level, heading_path, page, language, footnote_refs, rows, text"
_SELECT_BLOCK = f"SELECT id, {_BLOCK_COLUMNS} FROM blocks"  # noqa: S608 - constant


class PostgresDocuments:
    """Documents, versions, blocks and footnotes in PostgreSQL.

    Args:
        db: The store's connections; transactions are the store's.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def add_version(self, document: Document, *, at: dt.datetime) -> StoredDocument:
        """Store a document as the new current version of its source (a new document for a new source).

        Four round trips to the server: the document row, the version row (the earlier one made not current in
        the same statement), and one ``COPY`` each for blocks and footnotes.
        """
        at = stamp(at)
        document_id = self._document_id(document.source, at)
        row = self._db.one(
            "WITH old AS (UPDATE versions SET is_current = FALSE WHERE document_id = %s AND is_current)"
            " INSERT INTO versions (document_id, version, sha256, format, title, symbol, date, languages,"
            " pages, size, meta, ingested_at, is_current, search_indexed)"
            " SELECT %s, coalesce(max(version), 0) + 1, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, TRUE, FALSE"
            " FROM versions WHERE document_id = %s RETURNING id, version",
            (
                document_id,
                document_id,
                document.sha256,
                document.format,
                document.title,
                document.symbol,
                document.date,
                ",".join(document.languages),
                document.pages,
                document.size,
                to_json(document.meta),
                at,
                document_id,
            ),
        )
        assert row is not None  # noqa: S101 - INSERT … RETURNING gives the row
        version_id = int(row["id"])
        with self._db.connection() as conn, conn.cursor() as cursor:
            with cursor.copy(f"COPY blocks ({_BLOCK_COLUMNS}) FROM STDIN") as copy:  # noqa: S608 - constant
                for block in document.blocks:
                    copy.write_row(_block_row(version_id, block))
            if document.footnotes:
                with cursor.copy("COPY footnotes (version_id, seq, label, text, block_idx, page) FROM STDIN") as copy:
                    for seq, f in enumerate(document.footnotes):
                        copy.write_row((version_id, seq, f.label, f.text, f.block_index, f.page))
        return StoredDocument(
            id=document_id,
            version_id=version_id,
            version=int(row["version"]),
            source=document.source,
            sha256=document.sha256,
            format=document.format,
            title=document.title,
            symbol=document.symbol,
            date=document.date,
            languages=tuple(document.languages),
            pages=document.pages,
            paragraphs=sum(1 for b in document.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)),
            ingested_at=at,
        )

    def get(self, document_id: int) -> StoredDocument | None:
        """The current version of a document, or ``None``."""
        return self._one("WHERE v.document_id = %s AND v.is_current", (document_id,))

    def version(self, version_id: int) -> StoredDocument | None:
        """A version by its id, current or not, or ``None``."""
        return self._one("WHERE v.id = %s", (version_id,))

    def by_source(self, source: str) -> StoredDocument | None:
        """The current version of the document with this source, or ``None``."""
        return self._one("WHERE d.source = %s AND v.is_current", (source,))

    def by_sha256(self, sha256: str) -> StoredDocument | None:
        """A current version with these bytes (the oldest document first), or ``None``."""
        return self._one("WHERE v.sha256 = %s AND v.is_current ORDER BY v.document_id LIMIT 1", (sha256,))

    def by_symbol(self, symbol: str) -> list[StoredDocument]:
        """Current versions whose UN symbol is ``symbol`` (case-insensitive)."""
        return self._many("WHERE upper(v.symbol) = upper(%s) AND v.is_current ORDER BY v.document_id", (symbol,))

    def current(self) -> list[StoredDocument]:
        """Every document's current version, by document id."""
        return self._many("WHERE v.is_current ORDER BY v.document_id", ())

    def count_current(self, exclude: Sequence[int] = ()) -> int:
        """How many documents have a current version, those of ``exclude`` (document ids) left out."""
        query = "SELECT count(*) AS n FROM versions WHERE is_current AND NOT (document_id = ANY(%s))"
        return int(self._db.value(query, (list(dict.fromkeys(exclude)),)))

    def versions(self, document_id: int) -> list[StoredDocument]:
        """Every version of a document, oldest first."""
        return self._many("WHERE v.document_id = %s ORDER BY v.version", (document_id,))

    def members(self, source: str) -> list[StoredDocument]:
        """Current versions of the documents read from inside ``source`` (``source!member``…), by source."""
        return self._many(
            'WHERE starts_with(d.source, %s) AND v.is_current ORDER BY d.source COLLATE "C"', (source + "!",)
        )

    def load(self, version_id: int) -> Document:
        """A version with its blocks and footnotes.

        Raises:
            KeyError: No such version.
        """
        row = self._db.one(
            "SELECT d.source, v.* FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = %s",
            (version_id,),
        )
        if row is None:
            raise KeyError(f"no version {version_id}")
        footnotes = [
            Footnote(label=f["label"], text=f["text"], block_index=f["block_idx"], page=f["page"])
            for f in self._db.rows(
                "SELECT label, text, block_idx, page FROM footnotes WHERE version_id = %s ORDER BY seq",
                (version_id,),
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
            date=row["date"],
            languages=_languages(row["languages"]),
            pages=row["pages"],
            size=row["size"],
            meta=row["meta"],
        )

    def blocks(self, version_id: int) -> list[StoredBlock]:
        """A version's blocks in reading order, with their ids."""
        rows = self._db.rows(f"{_SELECT_BLOCK} WHERE version_id = %s ORDER BY idx", (version_id,))
        return [StoredBlock(id=r["id"], version_id=r["version_id"], block=_block(r)) for r in rows]

    def locate(self, block_ids: Sequence[int]) -> list[LocatedBlock]:
        """Blocks by id, each with its document; ids not found are left out; order follows ``block_ids``."""
        rows = self._db.rows(f"{_SELECT_BLOCK} WHERE id = ANY(%s)", (list(block_ids),))
        found = {r["id"]: StoredBlock(id=r["id"], version_id=r["version_id"], block=_block(r)) for r in rows}
        versions = sorted({b.version_id for b in found.values()})
        documents = {d.version_id: d for d in self._many("WHERE v.id = ANY(%s)", (versions,))}
        located = []
        for block_id in block_ids:
            stored = found.get(block_id)
            document = documents.get(stored.version_id) if stored else None
            if stored is not None and document is not None:
                located.append(LocatedBlock(id=block_id, document=document, block=stored.block))
        return located

    def block_exists(self, block_id: int) -> bool:
        """Whether a block with this id is stored (in any version)."""
        return self._db.one("SELECT 1 AS found FROM blocks WHERE id = %s", (block_id,)) is not None

    def unindexed(self) -> list[int]:
        """Ids of current versions the search index does not hold yet."""
        rows = self._db.rows("SELECT id FROM versions WHERE is_current AND NOT search_indexed ORDER BY id")
        return [r["id"] for r in rows]

    def stale_indexed(self) -> list[int]:
        """Ids of versions that are no longer current but are still in the search index."""
        rows = self._db.rows("SELECT id FROM versions WHERE NOT is_current AND search_indexed ORDER BY id")
        return [r["id"] for r in rows]

    def mark_indexed(self, version_ids: Sequence[int], indexed: bool) -> None:
        """Record whether the search index holds these versions."""
        self._db.execute("UPDATE versions SET search_indexed = %s WHERE id = ANY(%s)", (indexed, list(version_ids)))

    def _document_id(self, source: str, at: dt.datetime) -> int:
        """The id of the document with this source, added when new (one round trip)."""
        return int(
            self._db.value(
                "WITH new AS (INSERT INTO documents (source, created_at) VALUES (%s, %s)"
                " ON CONFLICT (source) DO NOTHING RETURNING id)"
                " SELECT id FROM new UNION ALL SELECT id FROM documents WHERE source = %s LIMIT 1",
                (source, at, source),
            )
        )

    def _one(self, where: str, params: Sequence[Any]) -> StoredDocument | None:
        row = self._db.one(f"{_SELECT_VERSION} {where}", params)
        return _stored(row) if row is not None else None

    def _many(self, where: str, params: Sequence[Any]) -> list[StoredDocument]:
        return [_stored(r) for r in self._db.rows(f"{_SELECT_VERSION} {where}", params)]


def _block_row(version_id: int, b: Block) -> tuple[object, ...]:
    return (
        version_id,
        b.index,
        b.kind.value,
        b.label,
        b.number,
        b.level,
        to_json(list(b.heading_path)),
        b.page,
        b.language,
        to_json(list(b.footnote_refs)),
        to_json([list(r) for r in b.rows]) if b.rows else None,
        b.text,
    )


def _block(r: DictRow) -> Block:
    return Block(
        index=r["idx"],
        kind=BlockKind(r["kind"]),
        text=r["text"],
        label=r["label"],
        number=r["number"],
        level=r["level"],
        heading_path=tuple(r["heading_path"]),
        page=r["page"],
        language=r["language"],
        footnote_refs=tuple(r["footnote_refs"]),
        rows=tuple(tuple(row) for row in r["rows"]) if r["rows"] else (),
    )


def _stored(r: DictRow) -> StoredDocument:
    return StoredDocument(
        id=r["document_id"],
        version_id=r["version_id"],
        version=r["version"],
        source=r["source"],
        sha256=r["sha256"],
        format=r["format"],
        title=r["title"],
        symbol=r["symbol"],
        date=r["date"],
        languages=_languages(r["languages"]),
        pages=r["pages"],
        paragraphs=r["paragraphs"],
        ingested_at=utc(r["ingested_at"]),
    )


def _languages(text: str) -> tuple[str, ...]:
    return tuple(text.split(",")) if text else ()
