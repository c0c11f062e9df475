"""Calls for inputs: the call, the stakeholders asked, the requests sent and the contributions received.

A :class:`Call` answers a mandate (a resolution's operative paragraphs, :class:`MandateReference`): OHCHR sends
notes verbales to States and letters or e-mails to other :class:`Stakeholder` items (each one a
:class:`CallRequest`), with questions and a deadline, and files come back (each one a :class:`Contribution`,
linked to the stored documents read from it). :func:`call_status` says who was asked, who answered, who is late
and what came after the deadline; it is a pure function of the registry and a day.

A stakeholder's contact address is **not** part of :class:`Stakeholder`: it is kept apart by the storage and
read only through an explicit door, so that nothing that lists, counts or publishes stakeholders can print it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class StakeholderType(StrEnum):
    """The kinds of stakeholder a call writes to, as ``call.yaml`` names them."""

    MEMBER_STATE = "member_state"
    OBSERVER_STATE = "observer_state"
    UN_ENTITY = "un_entity"
    SPECIAL_PROCEDURE = "special_procedure"
    TREATY_BODY = "treaty_body"
    NHRI = "nhri"
    REGIONAL_ORGANISATION = "regional_organisation"
    NGO = "ngo"
    ACADEMIC = "academic"
    OTHER = "other"

    @property
    def is_state(self) -> bool:
        """Member and observer States: the ones a report names."""
        return self in (StakeholderType.MEMBER_STATE, StakeholderType.OBSERVER_STATE)


class Accreditation(StrEnum):
    """GANHRI accreditation status of a national human rights institution."""

    A = "A"
    B = "B"
    NONE = "none"


class Channel(StrEnum):
    """How a request for inputs was sent."""

    NOTE_VERBALE = "note_verbale"
    LETTER = "letter"
    EMAIL = "email"


class Consent(StrEnum):
    """Whether a contribution may be published."""

    PUBLIC = "public"
    CONFIDENTIAL = "confidential"  # on file with the Secretariat, never published


@dataclass(frozen=True, slots=True)
class MandateReference:
    """The resolution paragraphs a call answers.

    Attributes:
        symbol: The resolution's symbol ("A/RES/72/247").
        paragraphs: Its operative paragraphs that make the request.
        citation: How a report cites it ("General Assembly resolution 72/247, paras. 16 and 17").
    """

    symbol: str
    paragraphs: tuple[int, ...] = ()
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a call."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Call:
    """A call for inputs.

    Attributes:
        key: Its identifier ("hrd-assessment-2026"), used on the command line.
        title: Its title.
        deadline: The last day contributions are due.
        mandate: The resolution paragraphs it answers, when known.
        issued_by: Who issued it.
        report_addressee: The body that receives the report ("General Assembly").
        report_due: The session it is due at ("seventy-third session").
        notes_verbales_sent: When the notes verbales went to Member States and observers.
        languages: ISO 639-1 codes of the languages accepted.
        word_limit: Suggested maximum length of a contribution.
        contact: The call's own (public) address for contributions.
        questions: The questions asked.
        fictional: Whether the call is a made-up example.
    """

    key: str
    title: str
    deadline: dt.date
    mandate: MandateReference | None = None
    issued_by: str | None = None
    report_addressee: str | None = None
    report_due: str | None = None
    notes_verbales_sent: dt.date | None = None
    languages: tuple[str, ...] = ()
    word_limit: int | None = None
    contact: str | None = None
    questions: tuple[Question, ...] = ()
    fictional: bool = False


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """Someone a call writes to or hears from. Its contact address is kept apart (see the module docstring).

    Attributes:
        key: Unique identifier ("norway", "undp"), the same across calls.
        name: The name as it is published.
        type: What kind of stakeholder it is.
        country: Country in UN naming (English short name), or ``None`` for international bodies.
        country_code: ISO 3166-1 alpha-3 code of ``country``, when known.
        accreditation: GANHRI status, for NHRIs.
    """

    key: str
    name: str
    type: StakeholderType
    country: str | None = None
    country_code: str | None = None
    accreditation: Accreditation | None = None


@dataclass(frozen=True, slots=True)
class CallRequest:
    """A request for inputs sent to a stakeholder (a reminder is a request too)."""

    stakeholder: str
    date: dt.date
    channel: Channel
    reminder: bool = False


@dataclass(frozen=True, slots=True)
class Contribution:
    """A file received in answer to a call.

    Attributes:
        stakeholder: Key of the stakeholder who sent it.
        received: When it arrived.
        consent: Whether it may be published.
        source: The file as the corpus names it (its absolute path): the ``source`` of its document.
        language: ISO 639-1 code of its main language, when known.
        document_ids: The stored documents read from it: the file's own first, then the files inside it
            (an e-mail's attachments), which share its stakeholder, date and consent. Empty when the file
            could not be read.
        id: Its id in the registry (0 before it is stored).
    """

    stakeholder: str
    received: dt.date
    consent: Consent
    source: str
    language: str | None = None
    document_ids: tuple[int, ...] = ()
    id: int = 0

    @property
    def file_name(self) -> str:
        """The file's name, without its folder."""
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class LateStakeholder:
    """A stakeholder asked and not heard from after the deadline."""

    stakeholder: Stakeholder
    asked: tuple[CallRequest, ...]

    @property
    def reminded(self) -> bool:
        """Whether a reminder was sent."""
        return any(r.reminder for r in self.asked)


@dataclass(frozen=True, slots=True)
class CallStatus:
    """Where a call stands on a given day.

    Attributes:
        call: The call.
        as_of: The day the status is computed for.
        asked: Stakeholders sent at least one request, by name.
        answered: Stakeholders that sent at least one contribution, by name.
        late: Asked, no contribution, and the deadline has passed.
        awaiting: Asked, no contribution, the deadline not passed yet.
        after_deadline: Contributions received after the deadline, by date.
        unsolicited: Stakeholders that contributed without a recorded request.
        contributions: Every contribution, by date received.
    """

    call: Call
    as_of: dt.date
    asked: tuple[Stakeholder, ...]
    answered: tuple[Stakeholder, ...]
    late: tuple[LateStakeholder, ...]
    awaiting: tuple[Stakeholder, ...]
    after_deadline: tuple[Contribution, ...]
    unsolicited: tuple[Stakeholder, ...]
    contributions: tuple[Contribution, ...] = field(default=())

    @property
    def answered_by_type(self) -> Counter[StakeholderType]:
        """Number of stakeholders that answered, by type."""
        return Counter(s.type for s in self.answered)

    @property
    def confidential(self) -> tuple[Contribution, ...]:
        """The contributions that must not be published."""
        return tuple(c for c in self.contributions if c.consent is Consent.CONFIDENTIAL)


def _by_name(stakeholders: list[Stakeholder]) -> tuple[Stakeholder, ...]:
    return tuple(sorted(stakeholders, key=lambda s: (s.name.casefold(), s.key)))


def call_status(
    call: Call,
    stakeholders: dict[str, Stakeholder],
    requests: list[CallRequest],
    contributions: list[Contribution],
    as_of: dt.date,
) -> CallStatus:
    """Who was asked, who answered, who is late and what came late, on the day ``as_of``.

    A stakeholder is late when it was asked, sent nothing, and the deadline is before ``as_of`` (on the
    deadline itself it is not late yet).

    Args:
        call: The call.
        stakeholders: Every stakeholder the requests and contributions name, by key.
        requests: The call's requests, reminders included.
        contributions: The call's contributions.
        as_of: The day to compute the status for.
    """
    asked_keys = {r.stakeholder for r in requests}
    answered_keys = {c.stakeholder for c in contributions}
    silent = [stakeholders[k] for k in asked_keys - answered_keys]
    overdue = call.deadline < as_of
    late = [
        LateStakeholder(s, tuple(sorted((r for r in requests if r.stakeholder == s.key), key=lambda r: r.date)))
        for s in _by_name(silent)
        if overdue
    ]
    return CallStatus(
        call=call,
        as_of=as_of,
        asked=_by_name([stakeholders[k] for k in asked_keys]),
        answered=_by_name([stakeholders[k] for k in answered_keys]),
        late=tuple(late),
        awaiting=() if overdue else _by_name(silent),
        after_deadline=tuple(
            sorted((c for c in contributions if c.received > call.deadline), key=lambda c: (c.received, c.id))
        ),
        unsolicited=_by_name([stakeholders[k] for k in answered_keys - asked_keys]),
        contributions=tuple(sorted(contributions, key=lambda c: (c.received, c.id))),
    )
