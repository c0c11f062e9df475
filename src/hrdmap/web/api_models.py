"""The JSON shapes of the API (pydantic models): what /openapi.json publishes and every answer keeps to."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path
from pydantic import BaseModel, Field

#: A stored thing's id in a path: a positive 63-bit integer (what the store can hold; larger ones are refused
#: with 422 before any look-up).
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]


class Me(BaseModel):
    """Who the request acts as."""

    name: str
    roles: list[str]
    permissions: list[str]


class DocumentOut(BaseModel):
    """A document's current version."""

    id: int
    version: int
    symbol: str | None
    title: str | None
    format: str
    date: dt.date | None
    languages: list[str]
    paragraphs: int


class TagOut(BaseModel):
    """An effective tag of a paragraph, with its evidence."""

    framework: str
    label: str
    name: str
    score: float | None
    evidence: list[str]
    reviewed: str | None


class BlockOut(BaseModel):
    """One block of a document: a heading, a numbered paragraph, a list item or a table."""

    id: int
    index: int
    kind: str
    label: str | None
    text: str
    language: str | None
    footnotes: list[str]
    tags: list[TagOut]


class FootnoteOut(BaseModel):
    """A footnote."""

    label: str
    text: str


class DocumentDetail(DocumentOut):
    """A document with its blocks and footnotes."""

    blocks: list[BlockOut]
    footnotes: list[FootnoteOut]


class HitOut(BaseModel):
    """A search hit."""

    block_id: int
    score: float
    snippet: str
    document_id: int
    symbol: str | None
    label: str | None
    language: str | None


class QueueItemOut(BaseModel):
    """A tag waiting for review."""

    tag_id: int
    block_id: int
    document_id: int
    framework: str
    label: str
    name: str
    score: float
    threshold: float
    text: str


class Decision(BaseModel):
    """A reviewer's decision on a tag."""

    decision: str = Field(pattern="^(accept|reject)$")
    note: str | None = Field(default=None, max_length=2000)


class ReviewOut(BaseModel):
    """A stored decision."""

    id: int
    block_id: int
    framework: str
    label: str
    decision: str


class CellOut(BaseModel):
    """One cell of a map matrix: how many paragraphs and documents."""

    row: str
    column: str
    paragraphs: int
    documents: int


class MatrixOut(BaseModel):
    """A matrix of the map."""

    id: str
    title: str
    cells: list[CellOut]


class RequestOut(BaseModel):
    """A request of a mandate."""

    id: int
    resolution: str
    paragraph: str
    addressee: str
    status: str


class CallOut(BaseModel):
    """A call for inputs."""

    key: str
    title: str
    deadline: dt.date
    fictional: bool


class ContributionOut(BaseModel):
    """A contribution to a call (confidential ones are counted by the public page, listed here by need to know)."""

    stakeholder: str
    received: dt.date
    consent: str
    language: str | None
    documents: list[int]


class CallDetail(CallOut):
    """A call with where it stands."""

    asked: int
    answered: int
    late: list[str]
    contributions: list[ContributionOut]


class TrackerGroupOut(BaseModel):
    """Counts of recommendations per status for one addressee or theme."""

    name: str
    counts: dict[str, int]
    total: int


class AuditOut(BaseModel):
    """An entry of the audit trail."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    subject: str | None
    detail: dict[str, object]
