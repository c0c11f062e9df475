"""The PostgreSQL implementation of :class:`hrdmap.storage.mandates.MandateRepository`.

Tables are created by ``migrations/0003_mandates.sql``: the same rows as the SQLite adapter's
(:mod:`hrdmap.storage.sqlite.mandates`), a resolution's paragraphs as one JSON column, requests as rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from psycopg.rows import DictRow

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
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import stamp, to_json, utc

_REQUEST_COLUMNS = (
    "resolution_id, seq, paragraph, subparagraph, block_id, verb, addressee, addressee_text, action, recipients,"
    " due_points, due_text, due_closes, recurrence, product, text"
)


class PostgresMandates:
    """The mandate registry in PostgreSQL; implements :class:`hrdmap.storage.mandates.MandateRepository`.

    Args:
        db: The store's connections; group writes with the store's transaction.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def save(
        self,
        resolution: Resolution,
        requests: Sequence[Request],
        *,
        document_id: int,
        version_id: int,
        at: dt.datetime,
    ) -> int:
        """Store a resolution and its requests, replacing an earlier reading of the same symbol (and its links).

        Returns:
            The resolution's id.
        """
        at = stamp(at)
        self._db.execute("DELETE FROM resolutions WHERE symbol = %s", (resolution.symbol,))
        resolution_id = int(
            self._db.value(
                "INSERT INTO resolutions (document_id, version_id, symbol, number, body, kind, session, title,"
                " adopted, content, stored_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    document_id,
                    version_id,
                    resolution.symbol,
                    resolution.number,
                    resolution.body.value,
                    resolution.kind,
                    resolution.session,
                    resolution.title,
                    resolution.adopted,
                    to_json(content_json(resolution)),
                    at,
                ),
            )
        )
        blocks = {
            r["idx"]: r["id"] for r in self._db.rows("SELECT id, idx FROM blocks WHERE version_id = %s", (version_id,))
        }
        rows = []
        for seq, request in enumerate(requests):
            paragraph = resolution.paragraph(request.paragraph)
            block_index = paragraph.block_index if paragraph else None
            rows.append(_request_row(resolution_id, seq, request, blocks.get(block_index)))
        marks = ", ".join(["%s"] * 16)
        self._db.executemany(f"INSERT INTO requests ({_REQUEST_COLUMNS}) VALUES ({marks})", rows)  # noqa: S608
        return resolution_id

    def resolution(self, symbol: str) -> StoredResolution | None:
        """The resolution with this symbol (case-insensitive), or ``None``."""
        row = self._db.one("SELECT * FROM resolutions WHERE upper(symbol) = upper(%s)", (symbol,))
        return _stored_resolution(row) if row else None

    def resolutions(self) -> list[StoredResolution]:
        """Every resolution, by symbol."""
        return [_stored_resolution(r) for r in self._db.rows('SELECT * FROM resolutions ORDER BY symbol COLLATE "C"')]

    def requests(self, resolution_id: int | None = None) -> list[RequestRow]:
        """Requests, of one resolution or of all, by resolution symbol and order in the resolution."""
        where = "" if resolution_id is None else "WHERE q.resolution_id = %s "
        rows = self._db.rows(
            "SELECT q.*, r.symbol FROM requests q JOIN resolutions r ON r.id = q.resolution_id "  # noqa: S608
            f'{where}ORDER BY r.symbol COLLATE "C", q.seq',
            () if resolution_id is None else (resolution_id,),
        )
        return [RequestRow(r["id"], r["resolution_id"], r["symbol"], request_from_row(r)) for r in rows]

    def links(self, request_ids: Sequence[int]) -> dict[int, list[AnswerLink]]:
        """The links of each request, by request id (requests without links are absent)."""
        found: dict[int, list[AnswerLink]] = {}
        rows = self._db.rows(
            "SELECT l.*, v.symbol, v.title FROM request_links l "
            "LEFT JOIN versions v ON v.document_id = l.document_id AND v.is_current "
            "WHERE l.request_id = ANY(%s) ORDER BY l.id",
            (list(request_ids),),
        )
        for r in rows:
            found.setdefault(r["request_id"], []).append(link_from_row(r))
        return found

    def add_link(self, request_id: int, link: AnswerLink, *, at: dt.datetime) -> bool:
        """Link a request to an answering document; ``False`` when that document was already linked."""
        return (
            self._db.execute(
                "INSERT INTO request_links (request_id, document_id, block_id, cited, evidence, method, linked_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (request_id, document_id) DO NOTHING",
                (request_id, link.document_id, link.block_id, link.cited, link.evidence, link.method, stamp(at)),
            )
            > 0
        )

    def citing_blocks(self, number: str, symbol: str) -> list[CitingBlock]:
        """Paragraphs and footnotes of current versions whose text contains a resolution's number ("72/247")
        or symbol ("A/RES/72/247"), in any case."""
        terms = (_contains(number), _contains(symbol))
        rows = self._db.rows(
            "SELECT v.document_id, b.id AS block_id, v.symbol, v.title, b.text FROM blocks b "
            "JOIN versions v ON v.id = b.version_id "
            "WHERE v.is_current AND (b.text ILIKE %s OR b.text ILIKE %s) "
            "UNION ALL "
            "SELECT v.document_id, cb.id, v.symbol, v.title, f.text FROM footnotes f "
            "JOIN versions v ON v.id = f.version_id "
            "LEFT JOIN blocks cb ON cb.version_id = f.version_id AND cb.idx = f.block_idx "
            "WHERE v.is_current AND (f.text ILIKE %s OR f.text ILIKE %s) ORDER BY 1, 2 NULLS FIRST",
            (*terms, *terms),
        )
        return [CitingBlock(r["document_id"], r["block_id"], r["symbol"], r["title"], r["text"]) for r in rows]


def _contains(text: str) -> str:
    """An ``ILIKE`` pattern matching ``text`` anywhere, its ``%``, ``_`` and ``\\`` taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _request_row(resolution_id: int, seq: int, r: Request, block_id: int | None) -> tuple[object, ...]:
    due = r.due
    return (
        resolution_id,
        seq,
        r.paragraph,
        r.subparagraph,
        block_id,
        r.verb,
        r.addressee.name,
        r.addressee.text,
        r.action,
        to_json([b.value for b in r.recipients]),
        to_json([due_json(d) for d in r.due_points]),
        due.text if due else None,
        due.closes if due else None,
        r.recurrence.value if r.recurrence else None,
        r.product.value if r.product else None,
        r.text,
    )


def _stored_resolution(r: DictRow) -> StoredResolution:
    return stored_resolution_from_row(r, stored_at=utc(r["stored_at"]))
