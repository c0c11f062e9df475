"""The SQLite implementation of :class:`hrdmap.storage.mandates.MandateRepository`.

Tables are created by ``migrations/0003_mandates.sql``. A resolution's paragraphs are kept as one JSON column
(they are read whole, by ``hrdmap mandates show``); requests are rows, so the registry can be listed, filtered
and sorted by addressee or due date; links point at ``documents`` and ``blocks`` of the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence

from hrdmap.domain.mandates import (
    AnswerLink,
    Request,
    Resolution,
)
from hrdmap.storage.mandates import (
    CitingBlock,
    RequestRow,
    StoredResolution,
    content_json,
    due_json,
    link_from_row,
    request_from_row,
    stored_resolution_from_row,
)
from hrdmap.storage.sqlite.timestamps import date_from_text, date_to_text, from_text, to_text


class SqliteMandates:
    """The mandate registry in the corpus database; implements :class:`hrdmap.storage.mandates.MandateRepository`.

    The store hands it out (``store.mandates``); group writes with the store's transaction.

    Args:
        conn: An open connection.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def save(
        self,
        resolution: Resolution,
        requests: Sequence[Request],
        *,
        document_id: int,
        version_id: int,
        at: dt.datetime,
    ) -> int:
        """Store a resolution and its requests, replacing an earlier reading of the same symbol (and its
        links).

        Returns:
            The resolution's id.
        """
        self._conn.execute("DELETE FROM resolutions WHERE symbol = ?", (resolution.symbol,))
        cursor = self._conn.execute(
            "INSERT INTO resolutions (document_id, version_id, symbol, number, body, kind, session, title,"
            " adopted, content, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                version_id,
                resolution.symbol,
                resolution.number,
                resolution.body.value,
                resolution.kind,
                resolution.session,
                resolution.title,
                date_to_text(resolution.adopted),
                json.dumps(content_json(resolution), ensure_ascii=False),
                to_text(at),
            ),
        )
        resolution_id = int(cursor.lastrowid or 0)
        blocks = {
            r["idx"]: r["id"]
            for r in self._conn.execute("SELECT id, idx FROM blocks WHERE version_id = ?", (version_id,))
        }
        for seq, request in enumerate(requests):
            paragraph = resolution.paragraph(request.paragraph)
            block_index = paragraph.block_index if paragraph else None
            self._insert_request(resolution_id, seq, request, blocks.get(block_index))
        return resolution_id

    def _insert_request(self, resolution_id: int, seq: int, r: Request, block_id: int | None) -> None:
        due = r.due
        self._conn.execute(
            "INSERT INTO requests (resolution_id, seq, paragraph, subparagraph, block_id, verb, addressee,"
            " addressee_text, action, recipients, due_points, due_text, due_closes, recurrence, product,"
            " text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                resolution_id,
                seq,
                r.paragraph,
                r.subparagraph,
                block_id,
                r.verb,
                r.addressee.name,
                r.addressee.text,
                r.action,
                json.dumps([b.value for b in r.recipients]),
                json.dumps([due_json(d) for d in r.due_points], ensure_ascii=False),
                due.text if due else None,
                due.closes.isoformat() if due else None,
                r.recurrence.value if r.recurrence else None,
                r.product.value if r.product else None,
                r.text,
            ),
        )

    def resolution(self, symbol: str) -> StoredResolution | None:
        """The resolution with this symbol (case-insensitive), or ``None``."""
        row = self._conn.execute("SELECT * FROM resolutions WHERE upper(symbol) = upper(?)", (symbol,)).fetchone()
        return _stored_resolution(row) if row else None

    def resolutions(self) -> list[StoredResolution]:
        """Every resolution, by symbol."""
        return [_stored_resolution(r) for r in self._conn.execute("SELECT * FROM resolutions ORDER BY symbol")]

    def requests(self, resolution_id: int | None = None) -> list[RequestRow]:
        """Requests, of one resolution or of all, by resolution symbol and order in the resolution."""
        rows = self._conn.execute(
            "SELECT q.*, r.symbol FROM requests q JOIN resolutions r ON r.id = q.resolution_id "
            "WHERE (? IS NULL OR q.resolution_id = ?) ORDER BY r.symbol, q.seq",
            (resolution_id, resolution_id),
        )
        return [RequestRow(r["id"], r["resolution_id"], r["symbol"], _request(r)) for r in rows]

    def links(self, request_ids: Sequence[int]) -> dict[int, list[AnswerLink]]:
        """The links of each request, by request id (requests without links are absent)."""
        found: dict[int, list[AnswerLink]] = {}
        rows = self._conn.execute(
            "SELECT l.*, v.symbol, v.title FROM request_links l "
            "LEFT JOIN versions v ON v.document_id = l.document_id AND v.is_current = 1 "
            "WHERE l.request_id IN (SELECT value FROM json_each(?)) ORDER BY l.id",
            (json.dumps(list(request_ids)),),
        )
        for r in rows:
            found.setdefault(r["request_id"], []).append(link_from_row(r))
        return found

    def add_link(self, request_id: int, link: AnswerLink, *, at: dt.datetime) -> bool:
        """Link a request to an answering document; ``False`` when that document was already linked."""
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO request_links (request_id, document_id, block_id, cited, evidence, method,"
            " linked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                request_id,
                link.document_id,
                link.block_id,
                link.cited,
                link.evidence,
                link.method,
                to_text(at),
            ),
        )
        return cursor.rowcount > 0

    def citing_blocks(self, number: str, symbol: str) -> list[CitingBlock]:
        """Paragraphs and footnotes of current versions whose text contains a resolution's number ("72/247")
        or symbol ("A/RES/72/247")."""
        terms = (f"%{number}%", f"%{symbol}%")
        rows = self._conn.execute(
            "SELECT v.document_id, b.id AS block_id, v.symbol, v.title, b.text FROM blocks b "
            "JOIN versions v ON v.id = b.version_id "
            "WHERE v.is_current = 1 AND (b.text LIKE ? OR b.text LIKE ?) "
            "UNION ALL "
            "SELECT v.document_id, cb.id, v.symbol, v.title, f.text FROM footnotes f "
            "JOIN versions v ON v.id = f.version_id "
            "LEFT JOIN blocks cb ON cb.version_id = f.version_id AND cb.idx = f.block_idx "
            "WHERE v.is_current = 1 AND (f.text LIKE ? OR f.text LIKE ?) ORDER BY 1, 2",
            (*terms, *terms),
        )
        return [CitingBlock(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def _request(r: sqlite3.Row) -> Request:
    return request_from_row(
        dict(r) | {"recipients": json.loads(r["recipients"]), "due_points": json.loads(r["due_points"])}
    )


def _stored_resolution(r: sqlite3.Row) -> StoredResolution:
    decoded = dict(r) | {"content": json.loads(r["content"]), "adopted": date_from_text(r["adopted"])}
    return stored_resolution_from_row(decoded, stored_at=from_text(r["stored_at"]))
