"""The SQLite implementation of :class:`hrdmap.storage.documents.DocumentRepository`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence

from hrdmap.domain.document import Block, BlockKind, Document, Footnote, StoredDocument
from hrdmap.storage.documents import LocatedBlock, StoredBlock
from hrdmap.storage.sqlite.connection import chunks
from hrdmap.storage.sqlite.timestamps import date_from_text, date_to_text, from_text, to_text

_SELECT_VERSION = """
    SELECT v.id AS version_id, v.document_id, v.version, d.source, v.sha256, v.format, v.title, v.symbol,
           v.date, v.languages, v.pages, v.size, v.meta, v.ingested_at,
           (SELECT count(*) FROM blocks b
             WHERE b.version_id = v.id AND b.kind IN ('paragraph', 'list_item')) AS paragraphs
      FROM versions v JOIN documents d ON d.id = v.document_id
"""

_INSERT_BLOCK = """
    INSERT INTO blocks (version_id, idx, kind, label, number, level, heading_path, page, language,
                        footnote_refs, rows, text)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_SELECT_BLOCK = (
    "SELECT id, version_id, idx, kind, label, number, level, heading_path, page, language, footnote_refs,"
    " rows, text FROM blocks"
)


class SqliteDocuments:
    """Documents, versions, blocks and footnotes in SQLite.

    Args:
        conn: An open connection (see :func:`hrdmap.storage.sqlite.connection.connect`); transactions are the caller's.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add_version(self, document: Document, *, at: dt.datetime) -> StoredDocument:
        """Store a document as the new current version of its source (a new document for a new source)."""
        document_id = self._document_id(document.source, at)
        number = self._conn.execute(
            "SELECT coalesce(max(version), 0) + 1 FROM versions WHERE document_id = ?", (document_id,)
        ).fetchone()[0]
        self._conn.execute(
            "UPDATE versions SET is_current = 0 WHERE document_id = ? AND is_current = 1", (document_id,)
        )
        cursor = self._conn.execute(
            "INSERT INTO versions (document_id, version, sha256, format, title, symbol, date, languages,"
            " pages, size, meta, ingested_at, is_current, search_indexed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)",
            (
                document_id,
                number,
                document.sha256,
                document.format,
                document.title,
                document.symbol,
                date_to_text(document.date),
                ",".join(document.languages),
                document.pages,
                document.size,
                json.dumps(document.meta, ensure_ascii=False),
                to_text(at),
            ),
        )
        version_id = cursor.lastrowid
        assert version_id is not None  # noqa: S101 - an INSERT always gives a rowid
        self._conn.executemany(_INSERT_BLOCK, (_block_row(version_id, b) for b in document.blocks))
        self._conn.executemany(
            "INSERT INTO footnotes (version_id, seq, label, text, block_idx, page) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (version_id, seq, f.label, f.text, f.block_index, f.page)
                for seq, f in enumerate(document.footnotes)
            ),
        )
        stored = self.version(version_id)
        assert stored is not None  # noqa: S101 - just inserted
        return stored

    def get(self, document_id: int) -> StoredDocument | None:
        """The current version of a document, or ``None``."""
        return self._one("WHERE v.document_id = ? AND v.is_current = 1", (document_id,))

    def version(self, version_id: int) -> StoredDocument | None:
        """A version by its id, current or not, or ``None``."""
        return self._one("WHERE v.id = ?", (version_id,))

    def by_source(self, source: str) -> StoredDocument | None:
        """The current version of the document with this source, or ``None``."""
        return self._one("WHERE d.source = ? AND v.is_current = 1", (source,))

    def by_sha256(self, sha256: str) -> StoredDocument | None:
        """A current version with these bytes (the oldest document first), or ``None``."""
        return self._one("WHERE v.sha256 = ? AND v.is_current = 1 ORDER BY v.document_id LIMIT 1", (sha256,))

    def by_symbol(self, symbol: str) -> list[StoredDocument]:
        """Current versions whose UN symbol is ``symbol`` (case-insensitive)."""
        return self._many(
            "WHERE upper(v.symbol) = upper(?) AND v.is_current = 1 ORDER BY v.document_id", (symbol,)
        )

    def current(self) -> list[StoredDocument]:
        """Every document's current version, by document id."""
        return self._many("WHERE v.is_current = 1 ORDER BY v.document_id", ())

    def count_current(self, exclude: Sequence[int] = ()) -> int:
        """How many documents have a current version, those of ``exclude`` (document ids) left out."""
        total = int(self._conn.execute("SELECT count(*) FROM versions WHERE is_current = 1").fetchone()[0])
        for chunk in chunks(list(dict.fromkeys(exclude))):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT count(*) FROM versions WHERE is_current = 1 AND document_id IN ({marks})"  # noqa: S608
            total -= int(self._conn.execute(query, tuple(chunk)).fetchone()[0])
        return total

    def versions(self, document_id: int) -> list[StoredDocument]:
        """Every version of a document, oldest first."""
        return self._many("WHERE v.document_id = ? ORDER BY v.version", (document_id,))

    def members(self, source: str) -> list[StoredDocument]:
        """Current versions of the documents read from inside ``source`` (``source!member``…), by source."""
        prefix = source + "!"
        return self._many(
            "WHERE substr(d.source, 1, ?) = ? AND v.is_current = 1 ORDER BY d.source", (len(prefix), prefix)
        )

    def load(self, version_id: int) -> Document:
        """A version with its blocks and footnotes.

        Raises:
            KeyError: No such version.
        """
        row = self._conn.execute(
            "SELECT d.source, v.* FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?",
            (version_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no version {version_id}")
        footnotes = [
            Footnote(label=f["label"], text=f["text"], block_index=f["block_idx"], page=f["page"])
            for f in self._conn.execute(
                "SELECT label, text, block_idx, page FROM footnotes WHERE version_id = ? ORDER BY seq",
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
            date=date_from_text(row["date"]),
            languages=_languages(row["languages"]),
            pages=row["pages"],
            size=row["size"],
            meta=json.loads(row["meta"]),
        )

    def blocks(self, version_id: int) -> list[StoredBlock]:
        """A version's blocks in reading order, with their ids."""
        rows = self._conn.execute(f"{_SELECT_BLOCK} WHERE version_id = ? ORDER BY idx", (version_id,))
        return [StoredBlock(id=r["id"], version_id=r["version_id"], block=_block(r)) for r in rows]

    def locate(self, block_ids: Sequence[int]) -> list[LocatedBlock]:
        """Blocks by id, each with its document; ids not found are left out; order follows ``block_ids``."""
        found: dict[int, StoredBlock] = {}
        for chunk in chunks(block_ids):
            marks = ",".join("?" * len(chunk))
            for r in self._conn.execute(f"{_SELECT_BLOCK} WHERE id IN ({marks})", tuple(chunk)):  # noqa: S608
                found[r["id"]] = StoredBlock(id=r["id"], version_id=r["version_id"], block=_block(r))
        documents: dict[int, StoredDocument] = {}
        for chunk in chunks(sorted({b.version_id for b in found.values()})):
            marks = ",".join("?" * len(chunk))
            documents.update((d.version_id, d) for d in self._many(f"WHERE v.id IN ({marks})", tuple(chunk)))
        located = []
        for block_id in block_ids:
            stored = found.get(block_id)
            document = documents.get(stored.version_id) if stored else None
            if stored is not None and document is not None:
                located.append(LocatedBlock(id=block_id, document=document, block=stored.block))
        return located

    def block_exists(self, block_id: int) -> bool:
        """Whether a block with this id is stored (in any version)."""
        return self._conn.execute("SELECT 1 FROM blocks WHERE id = ?", (block_id,)).fetchone() is not None

    def unindexed(self) -> list[int]:
        """Ids of current versions the search index does not hold yet."""
        rows = self._conn.execute(
            "SELECT id FROM versions WHERE is_current = 1 AND search_indexed = 0 ORDER BY id"
        )
        return [r[0] for r in rows]

    def stale_indexed(self) -> list[int]:
        """Ids of versions that are no longer current but are still in the search index."""
        rows = self._conn.execute(
            "SELECT id FROM versions WHERE is_current = 0 AND search_indexed = 1 ORDER BY id"
        )
        return [r[0] for r in rows]

    def mark_indexed(self, version_ids: Sequence[int], indexed: bool) -> None:
        """Record whether the search index holds these versions."""
        self._conn.executemany(
            "UPDATE versions SET search_indexed = ? WHERE id = ?", ((int(indexed), v) for v in version_ids)
        )

    def _document_id(self, source: str, at: dt.datetime) -> int:
        row = self._conn.execute("SELECT id FROM documents WHERE source = ?", (source,)).fetchone()
        if row is not None:
            return int(row[0])
        cursor = self._conn.execute(
            "INSERT INTO documents (source, created_at) VALUES (?, ?)", (source, to_text(at))
        )
        assert cursor.lastrowid is not None  # noqa: S101 - an INSERT always gives a rowid
        return cursor.lastrowid

    def _one(self, where: str, params: tuple[object, ...]) -> StoredDocument | None:
        row = self._conn.execute(f"{_SELECT_VERSION} {where}", params).fetchone()
        return _stored(row) if row is not None else None

    def _many(self, where: str, params: tuple[object, ...]) -> list[StoredDocument]:
        return [_stored(r) for r in self._conn.execute(f"{_SELECT_VERSION} {where}", params)]


def _block_row(version_id: int, b: Block) -> tuple[object, ...]:
    return (
        version_id,
        b.index,
        b.kind.value,
        b.label,
        b.number,
        b.level,
        json.dumps(list(b.heading_path), ensure_ascii=False),
        b.page,
        b.language,
        json.dumps(list(b.footnote_refs), ensure_ascii=False),
        json.dumps([list(r) for r in b.rows], ensure_ascii=False) if b.rows else None,
        b.text,
    )


def _block(r: sqlite3.Row) -> Block:
    return Block(
        index=r["idx"],
        kind=BlockKind(r["kind"]),
        text=r["text"],
        label=r["label"],
        number=r["number"],
        level=r["level"],
        heading_path=tuple(json.loads(r["heading_path"])),
        page=r["page"],
        language=r["language"],
        footnote_refs=tuple(json.loads(r["footnote_refs"])),
        rows=tuple(tuple(row) for row in json.loads(r["rows"])) if r["rows"] else (),
    )


def _stored(r: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        id=r["document_id"],
        version_id=r["version_id"],
        version=r["version"],
        source=r["source"],
        sha256=r["sha256"],
        format=r["format"],
        title=r["title"],
        symbol=r["symbol"],
        date=date_from_text(r["date"]),
        languages=_languages(r["languages"]),
        pages=r["pages"],
        paragraphs=r["paragraphs"],
        ingested_at=from_text(r["ingested_at"]),
    )


def _languages(text: str) -> tuple[str, ...]:
    return tuple(text.split(",")) if text else ()
