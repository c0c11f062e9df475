"""Recommendation follow-up: a recommendation as tracked over time, and the history of its status.

A :class:`RecommendationRecord` is what is known of one recommendation: where it comes from (a UPR Working Group
report, a treaty body's concluding observations, a special procedure's report, an hrdmap draft report), who made
it, to whom, its text, its themes, the groups it concerns, the SDGs it serves, and the State's response. A
:class:`TrackedRecommendation` is a stored record with its **status history**: each :class:`StatusEntry` says
what was assessed (not started, in progress, implemented, not implemented), as of which date, on what evidence,
by whom, and who recorded it when. Entries are only ever added, never changed; the current status is the latest
entry (by its date, then by the order it was recorded), as in IMPACT OSS and OHCHR's recommendation-tracking
database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from hrdmap.domain.recommendations import RecommendationSource

#: Columns of the recommendations table; the CSV import reads the same names.
RECOMMENDATION_COLUMNS: tuple[str, ...] = (
    "id",
    "key",
    "source_kind",
    "body",
    "symbol",
    "paragraph",
    "text",
    "recommending_states",
    "addressee",
    "addressee_iso3",
    "themes",
    "groups",
    "sdgs",
    "response",
    "response_date",
    "response_source",
    "status",
    "status_date",
    "evidence",
    "assessed_by",
    "document_id",
    "block_id",
    "origin",
)

#: What the tracker shows for a recommendation with no status entry yet.
NOT_ASSESSED = "not_assessed"


def _token(text: str) -> str:
    return re.sub(r"[\s-]+", "_", text.strip().lower())


_E = TypeVar("_E", bound=StrEnum)


class Status(StrEnum):
    """Where the implementation of a recommendation stands, as assessed on a date."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    NOT_IMPLEMENTED = "not_implemented"

    @classmethod
    def parse(cls, text: str) -> Status:
        """Read a status written by a person ("Not started", "in-progress", "IMPLEMENTED").

        Raises:
            ValueError: Not one of the statuses; the message lists them.
        """
        return _member(cls, text, "status")


class Response(StrEnum):
    """The State's response to a recommendation (UPR: supported or noted; older texts: accepted or rejected)."""

    SUPPORTED = "supported"
    NOTED = "noted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    PENDING = "pending"

    @classmethod
    def parse(cls, text: str) -> Response:
        """Read a response written by a person ("Supported", "NOTED").

        Raises:
            ValueError: Not one of the responses; the message lists them.
        """
        return _member(cls, text, "response")


@dataclass(frozen=True, slots=True)
class Term:
    """A theme, an affected group or an SDG, from a named vocabulary.

    Attributes:
        scheme: The vocabulary: a framework id ("hrd-areas", "groups-at-risk"), "uhri" (the Universal Human
            Rights Index themes of OHCHR's thematic lists), "sdg", or "free" (a theme as written in an import).
        name: The term's name ("Acceptance of international norms", "children").
        code: The term's code in its vocabulary ("A12", "B", "16"), when it has one.
    """

    scheme: str
    name: str
    code: str | None = None

    @property
    def text(self) -> str:
        """How the term is shown and filtered on: code and name ("A12 Acceptance of international norms")."""
        return f"{self.code} {self.name}" if self.code else self.name


@dataclass(frozen=True, slots=True)
class RecommendationRecord:
    """What is known of one recommendation, before or after it is stored.

    Attributes:
        key: Identity used to find the same recommendation again ("A/HRC/15/8|101.1", "block:412|0"): importing
            or extracting it twice updates one recommendation instead of adding a second.
        text: The recommendation's text.
        source_kind: UPR, treaty body, special procedure, or other (an hrdmap report, a contribution).
        body: The body that made it ("Universal Periodic Review", "Committee against Torture").
        symbol: The symbol of the document that holds it ("A/HRC/15/8").
        paragraph: Its paragraph number in that document ("101.1", "23").
        recommending_states: The States that made it (UPR), UN short names.
        addressee: Who is asked to act, normalised: a State's UN short name, or the words used ("all States").
        addressee_iso3: The ISO 3166 alpha-3 code when the addressee is a State.
        themes: Themes (framework labels, UHRI themes, free themes).
        groups: Affected persons or groups.
        sdgs: Sustainable Development Goals (or targets).
        response: The State's response, when known.
        response_date: When the response was given.
        response_source: Where the response is stated ("A/HRC/28/15/Add.1, para. 3").
        document_id: The stored document it was extracted from, if any.
        version_id: The stored version it was extracted from.
        block_id: The paragraph (``blocks.id``) it was extracted from.
        origin: How it entered the tracker ("corpus", "ohchr-thematic-list", "csv").
        origin_ref: The file or document it came from.
    """

    key: str
    text: str
    source_kind: RecommendationSource = RecommendationSource.OTHER
    body: str | None = None
    symbol: str | None = None
    paragraph: str | None = None
    recommending_states: tuple[str, ...] = ()
    addressee: str | None = None
    addressee_iso3: str | None = None
    themes: tuple[Term, ...] = ()
    groups: tuple[Term, ...] = ()
    sdgs: tuple[Term, ...] = ()
    response: Response | None = None
    response_date: dt.date | None = None
    response_source: str | None = None
    document_id: int | None = None
    version_id: int | None = None
    block_id: int | None = None
    origin: str = "manual"
    origin_ref: str | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """A status as assessed, before it is recorded.

    Attributes:
        status: The status.
        date: The day the status held (the date of the evidence, or of the assessment).
        evidence: What shows it (a quotation, a summary, a reference).
        document_id: A stored document that shows it.
        block_id: The paragraph (``blocks.id``) that shows it.
        assessed_by: Who made the assessment ("NHRI annual report 2024", "Government mid-term report").
    """

    status: Status
    date: dt.date
    evidence: str | None = None
    document_id: int | None = None
    block_id: int | None = None
    assessed_by: str | None = None


@dataclass(frozen=True, slots=True)
class StatusEntry:
    """One recorded entry of a recommendation's status history; never changed once recorded.

    Attributes:
        id: The entry's id.
        assessment: What was assessed.
        recorded_by: Who recorded it.
        recorded_at: When it was recorded (UTC).
    """

    id: int
    assessment: Assessment
    recorded_by: str
    recorded_at: dt.datetime


@dataclass(frozen=True, slots=True)
class TrackedRecommendation:
    """A stored recommendation with its status history.

    Attributes:
        id: Its id in the tracker.
        record: What is known of it.
        history: Status entries, oldest first (by date, then by the order recorded).
        created_at: When it entered the tracker (UTC).
        updated_at: When its record last changed (UTC).
    """

    id: int
    record: RecommendationRecord
    history: tuple[StatusEntry, ...] = ()
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def current(self) -> StatusEntry | None:
        """The latest status entry, or ``None`` when it was never assessed."""
        return self.history[-1] if self.history else None

    @property
    def status(self) -> str:
        """The current status's value, or :data:`NOT_ASSESSED`."""
        return self.current.assessment.status.value if self.current else NOT_ASSESSED


def history_order(entry: StatusEntry) -> tuple[dt.date, dt.datetime, int]:
    """Sort key of a status history: the day the status held, then when and in what order it was recorded."""
    return entry.assessment.date, entry.recorded_at, entry.id


#: Fields of :class:`RecommendationRecord` that hold terms: merged by uniting, not by filling.
_TERM_FIELDS = ("themes", "groups", "sdgs")


def merge_records(old: RecommendationRecord, new: RecommendationRecord) -> RecommendationRecord:
    """``old`` completed by ``new``: a field ``old`` leaves empty takes ``new``'s value; terms are united (by text).

    What was stored first wins where both say something, so a second source never silently rewrites the first.
    Every store merges this way when it saves a record whose key it holds already.
    """
    changes: dict[str, object] = {}
    for field in dataclasses.fields(RecommendationRecord):
        name = field.name
        if name == "key" or name in _TERM_FIELDS:
            continue
        if getattr(old, name) in (None, "", ()) and getattr(new, name) not in (None, "", ()):
            changes[name] = getattr(new, name)
    for name in _TERM_FIELDS:
        united = _united(getattr(old, name), getattr(new, name))
        if united != getattr(old, name):
            changes[name] = united
    return dataclasses.replace(old, **changes) if changes else old  # type: ignore[arg-type]


def _united(old: tuple[Term, ...], new: tuple[Term, ...]) -> tuple[Term, ...]:
    """``old`` then the terms of ``new`` whose text (any case) ``old`` lacks: a theme is one theme whatever its
    vocabulary."""
    seen = {t.text.casefold() for t in old}
    added: list[Term] = []
    for term in new:
        if term.text.casefold() not in seen:
            seen.add(term.text.casefold())
            added.append(term)
    return (*old, *added)


def _member(enum: type[_E], text: str, noun: str) -> _E:
    """The member of ``enum`` a person wrote, or a ValueError listing the allowed values."""
    try:
        return enum(_token(text))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValueError(f"'{text}' is not a {noun} ({allowed})") from None
