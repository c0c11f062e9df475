"""Mandates: what a resolution asks of whom, for which body, by when, and which documents answered.

A :class:`Resolution` is the parsed text of a General Assembly or Human Rights Council resolution or decision:
its preambular paragraphs (which open with a participle, *Recalling*, *Gravely concerned* …) and its numbered
operative paragraphs (which open with a present-tense verb, *Requests*, *Calls upon* …), with their lettered
sub-paragraphs. A :class:`Request` is one thing an operative paragraph asks an addressee to do; its due point
(:class:`DuePoint`) is a session of a body or a calendar date. Stored requests carry a :class:`RequestStatus`
and the :class:`AnswerLink` items that tie them to the documents answering them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Body(StrEnum):
    """An intergovernmental body that adopts resolutions or receives what they ask for."""

    GA = "General Assembly"
    HRC = "Human Rights Council"
    ECOSOC = "Economic and Social Council"
    SC = "Security Council"


class Recurrence(StrEnum):
    """How often a request is to be done again."""

    ANNUAL = "annual"
    BIENNIAL = "biennial"
    TRIENNIAL = "triennial"
    QUADRENNIAL = "quadrennial"
    EVERY_SESSION = "every session"
    PERIODIC = "periodic"
    ONGOING = "ongoing"


class ProductKind(StrEnum):
    """What a request asks to be produced or held."""

    REPORT = "report"
    COMPILATION = "compilation"
    ASSESSMENT = "assessment"
    STUDY = "study"
    UPDATE = "update"
    CONSULTATION = "consultation"
    PANEL = "panel"
    HIGH_LEVEL_MEETING = "high-level meeting"
    WORKSHOP = "workshop"
    REVIEW = "review"
    ADVICE = "advice"


#: Products that are documents, which a stored document can answer.
DOCUMENT_PRODUCTS = frozenset(
    {
        ProductKind.REPORT,
        ProductKind.COMPILATION,
        ProductKind.ASSESSMENT,
        ProductKind.STUDY,
        ProductKind.UPDATE,
    }
)


class RequestStatus(StrEnum):
    """Where a stored request stands."""

    OPEN = "open"
    ANSWERED = "answered"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class DuePoint:
    """When something is due: a session of a body, or a calendar date.

    Session dates are computed (see :mod:`hrdmap.analyse.resolutions.sessions`) and approximate: the body fixes the
    exact days each year. For a calendar date ("by the end of June 2026") ``opens`` and ``closes`` are that date.

    Attributes:
        text: The due point as written ("at its seventy-third session").
        body: The body whose session it is, or ``None`` for a calendar date.
        session: The session number, or ``None`` for a calendar date.
        opens: First day of the session (or the date).
        closes: Last day of the session, approximately (or the date); the deadline used for status.
        part: "main part" when the text names the main part of a General Assembly session, else ``None``.
    """

    text: str
    body: Body | None
    session: int | None
    opens: dt.date
    closes: dt.date
    part: str | None = None


@dataclass(frozen=True, slots=True)
class SubParagraph:
    """A lettered sub-paragraph "(a)" of an operative paragraph, or a numbered "(i)" under one.

    Attributes:
        label: The label as printed, "(a)" or "(i)".
        text: The text without its label.
        children: Nested sub-paragraphs ("(i)", "(ii)" under "(d)").
    """

    label: str
    text: str
    children: tuple[SubParagraph, ...] = ()

    @property
    def key(self) -> str:
        """The label without brackets ("a", "ii")."""
        return self.label.strip("()")


@dataclass(frozen=True, slots=True)
class PreambularParagraph:
    """A preambular paragraph.

    Attributes:
        phrase: The opening participle or adjective phrase ("Recalling", "Gravely concerned").
        text: The whole paragraph.
        block_index: Index of the document block where it starts.
    """

    phrase: str
    text: str
    block_index: int | None = None


@dataclass(frozen=True, slots=True)
class OperativeParagraph:
    """A numbered operative paragraph.

    Attributes:
        number: Its number (1, 2 …).
        verb: The opening verb phrase as written ("Also requests", "Calls upon").
        verb_key: The verb reduced to its English base form, lower case ("requests", "calls upon").
        text: The paragraph's own text (its sub-paragraphs excluded), verb included.
        subparagraphs: Its sub-paragraphs in order.
        block_index: Index of the document block where it starts.
    """

    number: int
    verb: str
    verb_key: str
    text: str
    subparagraphs: tuple[SubParagraph, ...] = ()
    block_index: int | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolution or decision, parsed.

    Attributes:
        symbol: Its symbol ("A/RES/72/247", "A/HRC/RES/22/6").
        body: The adopting body.
        title: Its title, without the number.
        number: The number printed before the title ("72/247"), when found.
        session: The session of the adopting body.
        adopted: The adoption date, when stated.
        preamble: Preambular paragraphs, in order.
        operative: Operative paragraphs, in order.
        kind: "resolution" or "decision".
    """

    symbol: str
    body: Body
    title: str | None = None
    number: str | None = None
    session: int | None = None
    adopted: dt.date | None = None
    preamble: tuple[PreambularParagraph, ...] = ()
    operative: tuple[OperativeParagraph, ...] = ()
    kind: str = "resolution"

    def paragraph(self, number: int) -> OperativeParagraph | None:
        """The operative paragraph with this number, or ``None``."""
        return next((p for p in self.operative if p.number == number), None)


@dataclass(frozen=True, slots=True)
class Addressee:
    """Who a request is addressed to.

    Attributes:
        name: The normalised name ("Secretary-General", "all States"), or the text itself when unknown.
        text: The words as written ("the United Nations High Commissioner for Human Rights").
    """

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Request:
    """One thing a resolution asks someone to do.

    Attributes:
        paragraph: Number of the operative paragraph.
        subparagraph: Key of the sub-paragraph ("a", or "d.i" for "(i)" under "(d)") when the request is
            made in one, else ``None``.
        verb: The verb phrase as written ("Also requests").
        addressee: Who is asked.
        action: What to do, as written, from the infinitive on ("submit a report to …").
        recipients: Bodies to which the result goes (report to the General Assembly …), in order of mention.
        due_points: Due points mentioned, in order of mention.
        recurrence: How often, when the text says so.
        product: What is to be produced or held, when recognised.
        text: The whole text of the paragraph or sub-paragraph.
    """

    paragraph: int
    subparagraph: str | None
    verb: str
    addressee: Addressee
    action: str
    recipients: tuple[Body, ...] = ()
    due_points: tuple[DuePoint, ...] = ()
    recurrence: Recurrence | None = None
    product: ProductKind | None = None
    text: str = ""

    @property
    def due(self) -> DuePoint | None:
        """The earliest due point, or ``None``."""
        return min(self.due_points, key=lambda d: d.closes) if self.due_points else None

    @property
    def reference(self) -> str:
        """The paragraph reference as people write it ("17", "33 (b)", "33 (d) (i)")."""
        if not self.subparagraph:
            return str(self.paragraph)
        return " ".join([str(self.paragraph), *(f"({key})" for key in self.subparagraph.split("."))])


@dataclass(frozen=True, slots=True)
class Citation:
    """A mention of a resolution in another document's text.

    Attributes:
        symbol: The cited resolution's symbol, normalised ("A/RES/72/247"), or ``None`` when the body is
            unsaid.
        number: The resolution's number ("72/247").
        body: The body named or implied by the symbol, or ``None`` ("resolution 72/247").
        paragraphs: Operative paragraphs named ("paragraph 17", "paras. 16 and 17").
        responsive: Whether the words around it say the document answers it ("pursuant to", "in accordance
            with", "as requested in").
        text: The matched words.
        start: Offset of the match in the searched text.
        end: End offset of the match.
        product: The product named just before ("the report requested in resolution …"), when one is.
    """

    symbol: str | None
    number: str
    body: Body | None
    paragraphs: tuple[int, ...]
    responsive: bool
    text: str
    start: int
    end: int
    product: ProductKind | None = None


@dataclass(frozen=True, slots=True)
class AnswerLink:
    """A stored document that answers a stored request.

    Attributes:
        document_id: The answering document.
        block_id: The citing paragraph (``blocks.id``), the evidence.
        symbol: The answering document's symbol, when known.
        title: The answering document's title, when known.
        cited: The citation as written ("pursuant to paragraph 17 of resolution 72/247").
        evidence: The citing paragraph's text.
        method: "paragraph" when the citation names the paragraph, "symbol" when it names only the resolution.
        confidential: Whether a confidential contribution brought the answering document (set by the services
            for internal views, which mark it; never stored).
    """

    document_id: int
    block_id: int | None
    symbol: str | None
    title: str | None
    cited: str
    evidence: str
    method: str
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class StoredRequest:
    """A request as kept in the mandate registry.

    Attributes:
        id: The request's id in the store.
        resolution_symbol: The symbol of the resolution that makes it.
        request: The request.
        status: Open, answered or overdue (computed from the due date and the links).
        links: Documents that answer it.
    """

    id: int
    resolution_symbol: str
    request: Request
    status: RequestStatus
    links: tuple[AnswerLink, ...] = field(default=())
