"""Controlled vocabularies of the incident model (HURIDOCS Events Standard Formats, SDG indicator 16.10.1).

Act types and victims' groups are not listed here: they are the label ids of the ``attack-types`` and
``groups-at-risk`` frameworks, so a user framework can extend them. Everything else is a closed list, and each
enum's ``parse`` reads what a person writes ("State agent", "state-agent", "STATE_AGENT").
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Self


def _token(text: str) -> str:
    return re.sub(r"[\s_]+", "-", text.strip().lower())


class _Vocabulary(StrEnum):
    """A closed list whose values are lower-case tokens with hyphens."""

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member written as ``text``, whatever its case and separators.

        Raises:
            ValueError: Not a member; the message lists the members.
        """
        token = _token(text)
        for member in cls:
            if member.value == token:
                return member
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(f"{text!r} is not one of: {allowed}")


class Sensitivity(_Vocabulary):
    """Who may see a record. Public outputs carry only ``public`` records."""

    PUBLIC = "public"
    RESTRICTED = "restricted"
    CONFIDENTIAL = "confidential"

    @property
    def rank(self) -> int:
        """0 for public, 1 for restricted, 2 for confidential: a reader cleared for rank r sees ranks <= r."""
        return _RANKS[self.value]


_RANKS = {"public": 0, "restricted": 1, "confidential": 2}


class DatePrecision(_Vocabulary):
    """How precisely a date is known: a day, a month, a year, a range between two days, or not at all."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    UNKNOWN = "unknown"


class Sex(_Vocabulary):
    """A victim's sex as reported (16.10.1 disaggregates by it)."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class AgeGroup(_Vocabulary):
    """Age groups of SDG indicator 16.10.1 reporting."""

    UNDER_18 = "under-18"
    FROM_18_TO_29 = "18-29"
    FROM_30_TO_44 = "30-44"
    FROM_45_TO_59 = "45-59"
    FROM_60 = "60-plus"
    UNKNOWN = "unknown"

    @classmethod
    def of(cls, age: int | None) -> AgeGroup:
        """The group of an age in years (``UNKNOWN`` for ``None``)."""
        if age is None:
            return cls.UNKNOWN
        for bound, group in ((18, cls.UNDER_18), (30, cls.FROM_18_TO_29), (45, cls.FROM_30_TO_44)):
            if age < bound:
                return group
        return cls.FROM_45_TO_59 if age < 60 else cls.FROM_60


class VictimKind(_Vocabulary):
    """A victim is one person or a group (an organisation, a community)."""

    PERSON = "person"
    GROUP = "group"


class PerpetratorType(_Vocabulary):
    """Perpetrator categories of 16.10.1 and the Events Standard Formats, as far as the sources tell."""

    STATE_AGENT = "state-agent"
    NON_STATE_ARMED_GROUP = "non-state-armed-group"
    ORGANISED_CRIME = "organised-crime"
    PRIVATE_SECURITY = "private-security"
    COMPANY = "company"
    PRIVATE_INDIVIDUAL = "private-individual"
    OTHER = "other"
    UNKNOWN = "unknown"


class SourceKind(_Vocabulary):
    """Where a piece of information comes from."""

    PARAGRAPH = "paragraph"
    FILE = "file"
    URL = "url"
    ORGANISATION = "organisation"
    PERSON = "person"


class Reliability(_Vocabulary):
    """How far a source has proved right before (the assessor's judgement, not the claim's)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    UNKNOWN = "unknown"


class Independence(_Vocabulary):
    """A source's relation to the facts: it saw them, it found them out itself, or it repeats someone else."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    DERIVED = "derived"


class VerificationStatus(_Vocabulary):
    """Where an incident stands: proposed (from the corpus) → reported → under verification → outcome."""

    PROPOSED = "proposed"
    REJECTED = "rejected"
    REPORTED = "reported"
    UNDER_VERIFICATION = "under-verification"
    VERIFIED = "verified"
    NOT_VERIFIABLE = "not-verifiable"
    REFUTED = "refuted"


#: The changes allowed from each status; anything else is refused.
TRANSITIONS: dict[VerificationStatus, frozenset[VerificationStatus]] = {
    VerificationStatus.PROPOSED: frozenset({VerificationStatus.REPORTED, VerificationStatus.REJECTED}),
    VerificationStatus.REJECTED: frozenset({VerificationStatus.PROPOSED}),
    VerificationStatus.REPORTED: frozenset({VerificationStatus.UNDER_VERIFICATION}),
    VerificationStatus.UNDER_VERIFICATION: frozenset(
        {VerificationStatus.VERIFIED, VerificationStatus.NOT_VERIFIABLE, VerificationStatus.REFUTED}
    ),
    VerificationStatus.VERIFIED: frozenset({VerificationStatus.UNDER_VERIFICATION}),
    VerificationStatus.NOT_VERIFIABLE: frozenset({VerificationStatus.UNDER_VERIFICATION}),
    VerificationStatus.REFUTED: frozenset({VerificationStatus.UNDER_VERIFICATION}),
}

#: Statuses that count in indicators as incidents (proposed and rejected ones never do).
COUNTED = frozenset(
    {
        VerificationStatus.REPORTED,
        VerificationStatus.UNDER_VERIFICATION,
        VerificationStatus.VERIFIED,
        VerificationStatus.NOT_VERIFIABLE,
    }
)


class InterventionKind(_Vocabulary):
    """What the UN did about an incident."""

    COMMUNICATION = "communication"
    PUBLIC_STATEMENT = "public-statement"
    VISIT = "visit"
    TRIAL_OBSERVATION = "trial-observation"
    OTHER = "other"


class CaseStatus(_Vocabulary):
    """Where the follow-up of a person's or group's case stands."""

    OPEN = "open"
    FOLLOW_UP = "follow-up"
    CLOSED = "closed"
