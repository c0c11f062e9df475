"""The mandate registry: resolutions, their requests and the links to the documents that answer them.

A resolution is stored with the document it was read from; its requests are listed, filtered and sorted by
addressee or due date; links point at stored documents and paragraphs (docs/mandates.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from hrdmap.domain.mandates import (
    Addressee,
    AnswerLink,
    Body,
    DuePoint,
    OperativeParagraph,
    PreambularParagraph,
    ProductKind,
    Recurrence,
    Request,
    Resolution,
    SubParagraph,
)
from hrdmap.storage.rows import Row, from_row


@dataclass(frozen=True, slots=True)
class StoredResolution:
    """A resolution in the registry.

    Attributes:
        id: Its id in the registry.
        document_id: The stored document it was read from.
        version_id: The version that was parsed, or ``None`` when that version was deleted.
        resolution: The parsed resolution.
        stored_at: When it was (last) stored, UTC.
    """

    id: int
    document_id: int
    version_id: int | None
    resolution: Resolution
    stored_at: dt.datetime


@dataclass(frozen=True, slots=True)
class RequestRow:
    """A stored request with its resolution's symbol."""

    id: int
    resolution_id: int
    symbol: str
    request: Request


@dataclass(frozen=True, slots=True)
class CitingBlock:
    """A paragraph (or a footnote, given as the paragraph citing it) that mentions a resolution's number.

    Attributes:
        document_id: The document.
        block_id: The paragraph, or ``None`` for a footnote whose citing paragraph is unknown.
        symbol: The document's symbol.
        title: The document's title.
        text: The paragraph's or footnote's text.
    """

    document_id: int
    block_id: int | None
    symbol: str | None
    title: str | None
    text: str


class MandateRepository(Protocol):
    """The mandate registry: resolutions, their requests, and the links to the documents that answer them."""

    def save(
        self,
        resolution: Resolution,
        requests: Sequence[Request],
        *,
        document_id: int,
        version_id: int,
        at: dt.datetime,
    ) -> int:
        """Store a resolution and its requests, replacing an earlier reading of the same symbol and its links.

        Each request points at the block of ``version_id`` whose index is its operative paragraph's
        ``block_index``, when there is one. Returns the resolution's id.
        """
        ...

    def resolution(self, symbol: str) -> StoredResolution | None:
        """The resolution with this symbol (case-insensitive), or ``None``."""
        ...

    def resolutions(self) -> list[StoredResolution]:
        """Every resolution, by symbol."""
        ...

    def requests(self, resolution_id: int | None = None) -> list[RequestRow]:
        """Requests, of one resolution or of all, by resolution symbol and order in the resolution."""
        ...

    def links(self, request_ids: Sequence[int]) -> dict[int, list[AnswerLink]]:
        """The links of each request, by request id (requests without links are absent)."""
        ...

    def add_link(self, request_id: int, link: AnswerLink, *, at: dt.datetime) -> bool:
        """Link a request to an answering document; ``False`` when that document was already linked."""
        ...

    def citing_blocks(self, number: str, symbol: str) -> list[CitingBlock]:
        """Paragraphs and footnotes of current versions whose text contains a resolution's number ("72/247") or
        symbol ("A/RES/72/247"), by document then paragraph; a footnote is given with the paragraph citing it."""
        ...


# Rows, as both adapters store them; values as read back through the session (dates, JSON as lists and dicts:
# :mod:`hrdmap.storage.sql.mandates` decodes them first). A resolution's paragraphs are one JSON document
# (``resolutions.content``), a request's due points a JSON list (``requests.due_points``).


def due_json(d: DuePoint) -> dict[str, Any]:
    """A due point as JSON (dates in ISO form)."""
    value = asdict(d)
    value.update(body=d.body.value if d.body else None, opens=d.opens.isoformat(), closes=d.closes.isoformat())
    return value


def _due(value: dict[str, Any]) -> DuePoint:
    return DuePoint(
        text=value["text"],
        body=Body(value["body"]) if value["body"] else None,
        session=value["session"],
        opens=dt.date.fromisoformat(value["opens"]),
        closes=dt.date.fromisoformat(value["closes"]),
        part=value.get("part"),
    )


def request_from_row(r: Row) -> Request:
    """A request from its row of ``requests`` (``recipients`` and ``due_points`` as lists)."""
    return from_row(
        Request,
        r,
        addressee=Addressee(r["addressee"], r["addressee_text"]),
        recipients=tuple(Body(b) for b in r["recipients"]),
        due_points=tuple(_due(d) for d in r["due_points"]),
        recurrence=Recurrence(r["recurrence"]) if r["recurrence"] else None,
        product=ProductKind(r["product"]) if r["product"] else None,
    )


def content_json(resolution: Resolution) -> dict[str, Any]:
    """A resolution's paragraphs as the JSON document of ``resolutions.content``."""
    return {
        "preamble": [asdict(p) for p in resolution.preamble],
        "operative": [asdict(p) for p in resolution.operative],
    }


def _sub(value: dict[str, Any]) -> SubParagraph:
    return SubParagraph(value["label"], value["text"], tuple(_sub(c) for c in value["children"]))


def stored_resolution_from_row(r: Row, *, stored_at: dt.datetime) -> StoredResolution:
    """A stored resolution from its row of ``resolutions`` (``content`` as a dict, ``adopted`` as a date)."""
    content = r["content"]
    preamble = tuple(PreambularParagraph(**p) for p in content["preamble"])
    operative = tuple(
        OperativeParagraph(**{**p, "subparagraphs": tuple(_sub(s) for s in p["subparagraphs"])})
        for p in content["operative"]
    )
    resolution = from_row(Resolution, r, body=Body(r["body"]), preamble=preamble, operative=operative)
    return StoredResolution(r["id"], r["document_id"], r["version_id"], resolution, stored_at)


def link_from_row(r: Row) -> AnswerLink:
    """A link from its row of ``request_links`` joined with the answering version's ``symbol`` and ``title``."""
    return AnswerLink(r["document_id"], r["block_id"], r["symbol"], r["title"], r["cited"], r["evidence"], r["method"])
