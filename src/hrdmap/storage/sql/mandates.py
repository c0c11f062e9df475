"""The mandate registry in either database: :class:`SqlMandates`, written once for both.

Tables are created by ``migrations/0003_mandates.sql`` of each adapter. A resolution's paragraphs are kept as one
JSON column (they are read whole, by ``hrdmap mandates show``); requests are rows, so the registry can be listed,
filtered and sorted by addressee or due date; links point at ``documents`` and ``blocks`` of the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hrdmap.domain.mandates import AnswerLink, Request, Resolution
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
from hrdmap.storage.sql.repository import SqlRepository
from hrdmap.storage.sql.session import Row

_REQUEST_COLUMNS = (
    "resolution_id, seq, paragraph, subparagraph, block_id, verb, addressee, addressee_text, action, recipients,"
    " due_points, due_text, due_closes, recurrence, product, text"
)


class SqlMandates(SqlRepository):
    """The mandate registry (``store.mandates``); implements :class:`hrdmap.storage.mandates.MandateRepository`."""

    #: Paragraphs and footnotes of current versions with text like either of two patterns (each given twice):
    #: ``LIKE`` ignores the case of ASCII letters in SQLite; a database whose ``LIKE`` minds case overrides this.
    citing_statement = (
        "SELECT v.document_id, b.id AS block_id, v.symbol, v.title, b.text FROM blocks b "
        "JOIN versions v ON v.id = b.version_id "
        "WHERE v.is_current = TRUE AND (b.text LIKE ? ESCAPE '\\' OR b.text LIKE ? ESCAPE '\\') "
        "UNION ALL "
        "SELECT v.document_id, cb.id, v.symbol, v.title, f.text FROM footnotes f "
        "JOIN versions v ON v.id = f.version_id "
        "LEFT JOIN blocks cb ON cb.version_id = f.version_id AND cb.idx = f.block_idx "
        "WHERE v.is_current = TRUE AND (f.text LIKE ? ESCAPE '\\' OR f.text LIKE ? ESCAPE '\\') "
        "ORDER BY 1, 2 NULLS FIRST"
    )

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
        s = self._session
        s.execute("DELETE FROM resolutions WHERE symbol = ?", (resolution.symbol,))
        resolution_id = s.insert(
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
                s.day(resolution.adopted),
                s.json(content_json(resolution)),
                s.stamp(at),
            ),
        )
        blocks = {r["idx"]: r["id"] for r in s.rows("SELECT id, idx FROM blocks WHERE version_id = ?", (version_id,))}
        rows = []
        for seq, request in enumerate(requests):
            paragraph = resolution.paragraph(request.paragraph)
            block_index = paragraph.block_index if paragraph else None
            rows.append(self._request_row(resolution_id, seq, request, blocks.get(block_index)))
        marks = ", ".join("?" * 16)
        s.executemany(f"INSERT INTO requests ({_REQUEST_COLUMNS}) VALUES ({marks})", rows)  # noqa: S608
        return resolution_id

    def _request_row(self, resolution_id: int, seq: int, r: Request, block_id: int | None) -> tuple[Any, ...]:
        s, due = self._session, r.due
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
            s.json([b.value for b in r.recipients]),
            s.json([due_json(d) for d in r.due_points]),
            due.text if due else None,
            s.day(due.closes if due else None),
            r.recurrence.value if r.recurrence else None,
            r.product.value if r.product else None,
            r.text,
        )

    def resolution(self, symbol: str) -> StoredResolution | None:
        """The resolution with this symbol (case-insensitive), or ``None``."""
        row = self._session.one("SELECT * FROM resolutions WHERE upper(symbol) = upper(?)", (symbol,))
        return self._stored_resolution(row) if row else None

    def resolutions(self) -> list[StoredResolution]:
        """Every resolution, by symbol."""
        rows = self._session.rows("SELECT * FROM resolutions ORDER BY symbol COLLATE BINARY")
        return [self._stored_resolution(r) for r in rows]

    def requests(self, resolution_id: int | None = None) -> list[RequestRow]:
        """Requests, of one resolution or of all, by resolution symbol and order in the resolution."""
        where = "" if resolution_id is None else "WHERE q.resolution_id = ? "
        rows = self._session.rows(
            "SELECT q.*, r.symbol FROM requests q JOIN resolutions r ON r.id = q.resolution_id "  # noqa: S608
            f"{where}ORDER BY r.symbol COLLATE BINARY, q.seq",
            () if resolution_id is None else (resolution_id,),
        )
        return [RequestRow(r["id"], r["resolution_id"], r["symbol"], self._request(r)) for r in rows]

    def links(self, request_ids: Sequence[int]) -> dict[int, list[AnswerLink]]:
        """The links of each request, by request id (requests without links are absent)."""
        found: dict[int, list[AnswerLink]] = {}
        rows = self._session.rows_in(
            "SELECT l.*, v.symbol, v.title FROM request_links l "
            "LEFT JOIN versions v ON v.document_id = l.document_id AND v.is_current = TRUE "
            "WHERE l.request_id {ids}",
            request_ids,
        )
        for r in sorted(rows, key=lambda r: int(r["id"])):
            found.setdefault(r["request_id"], []).append(link_from_row(r))
        return found

    def add_link(self, request_id: int, link: AnswerLink, *, at: dt.datetime) -> bool:
        """Link a request to an answering document; ``False`` when that document was already linked."""
        added = self._session.execute(
            "INSERT INTO request_links (request_id, document_id, block_id, cited, evidence, method, linked_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id, document_id) DO NOTHING",
            (
                request_id,
                link.document_id,
                link.block_id,
                link.cited,
                link.evidence,
                link.method,
                self._session.stamp(at),
            ),
        )
        return added > 0

    def citing_blocks(self, number: str, symbol: str) -> list[CitingBlock]:
        """Paragraphs and footnotes of current versions whose text contains a resolution's number ("72/247")
        or symbol ("A/RES/72/247"), in any case."""
        terms = (_contains(number), _contains(symbol))
        rows = self._session.rows(self.citing_statement, (*terms, *terms))
        return [CitingBlock(r["document_id"], r["block_id"], r["symbol"], r["title"], r["text"]) for r in rows]

    def _request(self, r: Row) -> Request:
        s = self._session
        return request_from_row(
            dict(r) | {"recipients": s.from_json(r["recipients"]), "due_points": s.from_json(r["due_points"])}
        )

    def _stored_resolution(self, r: Row) -> StoredResolution:
        s = self._session
        decoded = dict(r) | {"content": s.from_json(r["content"]), "adopted": s.from_day(r["adopted"])}
        return stored_resolution_from_row(decoded, stored_at=s.from_stamp(r["stored_at"]))


def _contains(text: str) -> str:
    """A ``LIKE`` pattern (``ESCAPE '\\'``) matching ``text`` anywhere, its ``%``, ``_`` and ``\\`` taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
