"""What the draft builder needs, gathered by :mod:`hrdmap.services.drafting` from the store and the call.

The builder is pure: it reads these values and returns a :class:`hrdmap.domain.report.Report`; it never
opens the store. Services fill:

- :class:`Contributor`: who sent which documents, their type and consent;
- :class:`Candidate`: each paragraph of those documents with its effective labels (areas of the framework and
  statement kinds) and the spans that support them;
- :class:`MandateFacts` and :class:`Outreach`: what the introduction says about the mandate and the method;
- :class:`DraftInput`: all of it, with the framework and the counts sentence of the calls service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hrdmap.domain.disclosure import Audience
from hrdmap.domain.framework import Framework
from hrdmap.domain.mandates import SubParagraph
from hrdmap.domain.report import UN_WORD_LIMIT
from hrdmap.reports.draft.translation import Translate


@dataclass(frozen=True, slots=True)
class Contributor:
    """A stakeholder who contributed, and the stored documents of its contribution.

    Attributes:
        key: The stakeholder's id in the call.
        name: The name as it will be published ("United Nations Development Programme (UNDP)").
        type: The stakeholder type (``member_state``, ``un_entity``, ``nhri``, ``regional_organisation``,
            ``ngo``, ``academic``, ``observer_state``).
        confidential: Whether the contribution is confidential: never named in the report.
        document_ids: The stored documents of the contribution.
    """

    key: str
    name: str
    type: str
    confidential: bool
    document_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A paragraph of a contribution that the draft may use.

    Attributes:
        block_id: ``blocks.id``.
        document_id: The document it belongs to.
        position: Its index in the document (reading order).
        text: Its text, without its label.
        language: Its language, when known.
        label: Its number label in the document ("3."), when it has one.
        areas: Effective framework labels (area id → score).
        kinds: Effective statement kinds (``practice``, ``challenge``, ``recommendation`` → score).
        spans: Character spans of the evidence behind its labels, to prefer the sentences that hold them.
        citation: How its document cites it ("12", "12 (a)": a sub-paragraph with its paragraph, a bullet by the
            paragraph that holds it), or ``None`` when no numbered paragraph holds it.
        countries: Names of the countries it is tagged with (for the sentence that stands for a passage in
            another language).
        groups: Names of the groups of defenders it is tagged with.
    """

    block_id: int
    document_id: int
    position: int
    text: str
    language: str | None = None
    label: str | None = None
    areas: dict[str, float] = field(default_factory=dict)
    kinds: dict[str, float] = field(default_factory=dict)
    spans: tuple[tuple[int, int], ...] = ()
    citation: str | None = None
    countries: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MandatedRequest:
    """One request of the mandating paragraphs: who was asked to do what.

    Attributes:
        paragraph: The operative paragraph.
        addressee: Who was asked, as written ("the Secretary-General").
        action: What to do, as written, from the infinitive on.
        subparagraphs: The sub-paragraphs that complete the action, when it runs to the colon that introduces
            them ("… and specialized agencies:" then "(a) Give due consideration …").
    """

    paragraph: int
    addressee: str
    action: str
    subparagraphs: tuple[SubParagraph, ...] = ()


@dataclass(frozen=True, slots=True)
class MandateFacts:
    """The mandate of the report.

    Attributes:
        symbol: The resolution's symbol ("A/RES/72/247").
        paragraphs: The operative paragraphs that ask for the report.
        number: The resolution's number as cited ("72/247"), when known.
        body: The adopting body ("General Assembly"), when known.
        title: The resolution's title, when known.
        citation: How the call cites the mandate, used when the requests are unknown.
        requests: The requests made in ``paragraphs``, when the resolution is in the mandate registry.
        session: The session of the receiving body the report is due at (a number), when known.
    """

    symbol: str
    paragraphs: tuple[int, ...] = ()
    number: str | None = None
    body: str | None = None
    title: str | None = None
    citation: str | None = None
    requests: tuple[MandatedRequest, ...] = ()
    session: int | None = None


@dataclass(frozen=True, slots=True)
class Outreach:
    """Requests for inputs sent on one day through one channel.

    Attributes:
        date: When.
        channel: ``note_verbale``, ``letter`` or ``email``.
        types: Stakeholder types reached, in the order of first request.
        reminder: Whether these were reminders.
    """

    date: dt.date
    channel: str
    types: tuple[str, ...]
    reminder: bool = False


@dataclass(frozen=True, slots=True)
class DraftOptions:
    """How much the builder keeps.

    Attributes:
        max_paragraph_words: Longest condensed passage, in words.
        max_per_area: Most passages kept per area of section III.
        max_recommendations: Most recommendations kept in section IV.
        word_limit: The limit the body is measured against (and drafted to fit under).
    """

    max_paragraph_words: int = 90
    max_per_area: int = 12
    max_recommendations: int = 40
    word_limit: int = UN_WORD_LIMIT


@dataclass(frozen=True, slots=True)
class DraftInput:
    """Everything the builder reads.

    Attributes:
        call_id: The call's id.
        title: The report's title.
        issuer: Who issued the call, as the report names it ("OHCHR").
        mandate: The mandate.
        outreach: Requests sent, by day and channel, in date order.
        deadline: The deadline of the call.
        counts_sentence: The calls service's sentence counting contributions by type, States named.
        contributors: Who contributed.
        candidates: Their paragraphs, with labels.
        areas: The framework whose labels make the sub-sections of section III.
        languages: Names of the languages contributions were received in.
        language: The report's language.
        symbol: The report's symbol, when known (else a placeholder from the phrases).
        options: Selection limits.
        translate: An offline translator into the report's language (:mod:`hrdmap.reports.draft.translation`),
            or ``None``: passages in other languages are then stated in the report's language and quoted in a
            footnote.
        audience: Who may read the draft: a public draft uses nothing of a confidential contribution but counts;
            an internal one quotes it, its personal data redacted, and says so under the title.
        withheld_names: Names never to appear (confidential contributors' people: authors in their files'
            metadata), redacted with every word of them.
    """

    call_id: str
    title: str
    issuer: str
    mandate: MandateFacts
    outreach: tuple[Outreach, ...]
    deadline: dt.date | None
    counts_sentence: str
    contributors: tuple[Contributor, ...]
    candidates: tuple[Candidate, ...]
    areas: Framework
    languages: tuple[str, ...] = ()
    language: str = "en"
    symbol: str | None = None
    options: DraftOptions = field(default_factory=DraftOptions)
    translate: Translate | None = None
    audience: Audience = Audience.INTERNAL
    withheld_names: tuple[str, ...] = ()
