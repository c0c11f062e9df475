"""The JSON shapes of the API (pydantic models): what /openapi.json publishes and every answer keeps to."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path
from pydantic import BaseModel, Field

#: A stored thing's id in a path: a positive 63-bit integer (what the store can hold; larger ones are refused
#: with 422 before any look-up).
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]

#: Whether a thing was brought by a confidential contribution (documents, hits, review items).
Confidential = Annotated[
    bool, Field(description="Brought by a confidential contribution: marked, shown only to those cleared")
]


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
    confidential: Confidential = False


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
    confidential: Confidential = False


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
    confidential: Confidential = False


class Decision(BaseModel):
    """A reviewer's decision on a tag."""

    decision: str = Field(pattern="^(accept|reject)$")
    note: str | None = Field(default=None, max_length=2000)


class ReviewOut(BaseModel):
    """A stored decision: the shape of ``hrdmap.services.views.review_view`` (as ``hrdmap review --json``)."""

    review_id: int
    block_id: int
    framework: str
    label: str
    decision: str
    reviewer: str
    at: str
    note: str | None
    tag_id: int | None


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


class CallMandateOut(BaseModel):
    """The resolution paragraphs a call answers."""

    symbol: str
    paragraphs: list[int]
    citation: str | None
    resolution_id: int | None


class CallReportOut(BaseModel):
    """The report a call feeds: the body that receives it and the session it is due at."""

    addressee: str | None
    due: str | None


class QuestionOut(BaseModel):
    """A question a call asks."""

    id: str
    text: str


class CallOut(BaseModel):
    """A call for inputs: the shape of ``hrdmap.services.views.call_view`` (as ``hrdmap calls list --json``)."""

    key: str
    title: str
    issued_by: str | None
    deadline: dt.date
    notes_verbales_sent: dt.date | None
    mandate: CallMandateOut | None
    report: CallReportOut
    languages: list[str]
    questions: list[QuestionOut]


class ContributionOut(BaseModel):
    """A contribution to a call (confidential ones are counted by the public page, listed here by need to know)."""

    stakeholder: str
    received: dt.date
    consent: str
    language: str | None
    documents: list[int]


class CallDetail(BaseModel):
    """A call with where it stands."""

    key: str
    title: str
    deadline: dt.date
    fictional: bool
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


class IncidentOut(BaseModel):
    """An incident in a list: no victims' or sources' details."""

    id: int
    title: str
    date: str
    country: str
    acts: list[str]
    status: str
    sensitivity: str


class VictimOut(BaseModel):
    """A victim as the reader may see it (``[withheld]`` above the reader's clearance)."""

    name: str
    kind: str
    sex: str
    age: int | None
    age_group: str
    roles: list[str]
    organisation: str
    sensitivity: str


class SourceOut(BaseModel):
    """A source of an incident (left out above the reader's clearance)."""

    kind: str
    reference: str
    name: str
    reliability: str
    independence: str
    independence_group: str
    evidence: str
    sensitivity: str


class InterventionOut(BaseModel):
    """What the UN did, and the State's reply."""

    id: int | None
    kind: str
    date: dt.date
    by: str
    symbol: str
    summary: str
    reply_date: dt.date | None
    reply_summary: str | None
    sensitivity: str


class StatusChangeOut(BaseModel):
    """One change of verification status."""

    status: str
    at: dt.datetime
    by: str
    reason: str


class IncidentDetail(IncidentOut):
    """An incident with its acts, victims, perpetrators, sources, interventions and verification history."""

    date_text: str
    admin_area: str
    place: str
    description: str
    victims: list[VictimOut]
    perpetrators: list[str]
    sources: list[SourceOut]
    interventions: list[InterventionOut]
    history: list[StatusChangeOut]


class StatusIn(BaseModel):
    """A change of verification status."""

    status: str = Field(max_length=40)
    reason: str = Field(max_length=2000)


class SourceIn(BaseModel):
    """A source to attach to an incident."""

    kind: str = Field(max_length=40)
    reference: str = Field(max_length=2000)
    name: str = Field(default="", max_length=300)
    reliability: str = Field(default="unknown", max_length=40)
    independence: str = Field(default="secondary", max_length=40)
    independence_group: str = Field(default="", max_length=300)
    evidence: str = Field(default="", max_length=5000)
    sensitivity: str = Field(default="confidential", max_length=40)


class FigureOut(BaseModel):
    """One figure: the groupings' values, victims and incidents (``None`` when too small to show publicly),
    and the incidents behind it the caller may read."""

    key: list[str]
    victims: int | None
    incidents: int | None
    behind: list[int]


class IndicatorsOut(BaseModel):
    """Figures of a query."""

    by: list[str]
    acts: list[str]
    clearance: str
    public: bool
    min_cell: int | None
    figures: list[FigureOut]


class WarningOut(BaseModel):
    """An early warning with what is behind it."""

    series: str
    period: str
    severity: str
    change: str
    observed: int
    expected: float
    p_value: float
    incidents: list[int]
    acknowledged_by: str | None
    acknowledged_at: dt.datetime | None
    note: str | None


class AcknowledgeIn(BaseModel):
    """The acknowledgement of a warning."""

    series: str = Field(max_length=200)
    period: str = Field(max_length=20)
    note: str = Field(default="", max_length=2000)
    intervention: int | None = Field(default=None, ge=1, le=2**63 - 1)


class Done(BaseModel):
    """A write that went through."""

    ok: bool
