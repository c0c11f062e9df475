"""The incident model: an event, its acts, victims, perpetrators, sources, interventions and status history.

Victims and sources are personal data: they are separate records (tables, columns) with their own sensitivity,
so an output can drop or redact them without dropping the incident, and a later step can encrypt them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hrdmap.domain.monitoring.vocabulary import (
    AgeGroup,
    DatePrecision,
    Independence,
    InterventionKind,
    PerpetratorType,
    Reliability,
    Sensitivity,
    Sex,
    SourceKind,
    VerificationStatus,
    VictimKind,
)


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as precisely as it is known: the first and last day it may be, and how it was written.

    Attributes:
        start: First possible day (``None`` when unknown).
        end: Last possible day (equal to ``start`` for a day).
        precision: Day, month, year, range or unknown.
        text: The date as the source wrote it ("early 2019"), kept for the record.
        approximate: The source hedged ("early", "about", "circa"), so the bounds are a reading of the words.
    """

    start: dt.date | None
    end: dt.date | None
    precision: DatePrecision
    text: str = ""
    approximate: bool = False

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("a date range needs both ends or neither")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def unknown(cls, text: str = "") -> FuzzyDate:
        """A date the source does not give."""
        return cls(None, None, DatePrecision.UNKNOWN, text)

    @property
    def year(self) -> int | None:
        """The year when the whole range falls in one year, else ``None``."""
        if self.start is None or self.end is None or self.start.year != self.end.year:
            return None
        return self.start.year

    def iso(self) -> str:
        """ISO 8601 form: ``2019-03-04``, ``2019-03``, ``2019``, ``2019-01-01/2019-04-30`` or empty."""
        if self.start is None or self.end is None:
            return ""
        if self.precision is DatePrecision.DAY:
            return self.start.isoformat()
        if self.precision is DatePrecision.MONTH:
            return self.start.isoformat()[:7]
        if self.precision is DatePrecision.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened.

    Attributes:
        country: ISO 3166-1 alpha-3 ("COL"), or empty when unknown.
        admin_area: First-level administrative area ("Cauca"), as the source names it.
        place: Town, village or landmark.
    """

    country: str = ""
    admin_area: str = ""
    place: str = ""


@dataclass(frozen=True, slots=True)
class Victim:
    """A person or group an act was committed against.

    Attributes:
        name: Name or alias as the source writes it (empty when unidentified).
        kind: Person or group.
        sex: As reported.
        age: Age in years when known.
        age_group: The 16.10.1 age group (derived from ``age`` when given).
        roles: Ids of the ``groups-at-risk`` framework ("journalists", "trade-unionists", "defenders", ...).
        organisation: Organisation the victim worked for.
        sensitivity: Who may see this victim's record.
    """

    name: str = ""
    kind: VictimKind = VictimKind.PERSON
    sex: Sex = Sex.UNKNOWN
    age: int | None = None
    age_group: AgeGroup = AgeGroup.UNKNOWN
    roles: tuple[str, ...] = ()
    organisation: str = ""
    sensitivity: Sensitivity = Sensitivity.PUBLIC


@dataclass(frozen=True, slots=True)
class Perpetrator:
    """Who committed an act, as far as the sources tell (``name`` is usually empty)."""

    type: PerpetratorType = PerpetratorType.UNKNOWN
    name: str = ""


@dataclass(frozen=True, slots=True)
class Act:
    """One act of an event: its type (an ``attack-types`` label id), against which victims, by whom.

    Attributes:
        type: Label id of the attack-types framework ("killing", "arbitrary-detention", ...).
        victims: Indices into the incident's ``victims``.
        perpetrators: Indices into the incident's ``perpetrators``.
        date: When the act happened, when it differs from the event's date.
        motive: The motive as the source states it.
        motive_confirmed: The source says the act was linked to the victim's work (``None``: not stated).
    """

    type: str
    victims: tuple[int, ...] = ()
    perpetrators: tuple[int, ...] = ()
    date: FuzzyDate | None = None
    motive: str = ""
    motive_confirmed: bool | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where the information comes from, and how far it can be trusted.

    Attributes:
        kind: A corpus paragraph, a file, a URL, an organisation or a person.
        reference: What identifies it: the paragraph key ("block:123"), a path, a URL, a name.
        name: Who it is ("Committee to Protect Journalists", "a relative").
        reliability: The assessor's grade of the source.
        independence: Primary (saw the facts), secondary (found them out itself) or derived (repeats another).
        independence_group: Sources in the same group are not independent of each other (the same organisation,
            or reports that all go back to it); defaults to the name.
        evidence: The words of the source that tell of the incident (a paragraph's text, a row's values).
        sensitivity: Who may see this source (a person's identity is confidential by default).
    """

    kind: SourceKind
    reference: str
    name: str = ""
    reliability: Reliability = Reliability.UNKNOWN
    independence: Independence = Independence.SECONDARY
    independence_group: str = ""
    evidence: str = ""
    sensitivity: Sensitivity = Sensitivity.PUBLIC

    @property
    def group(self) -> str:
        """The independence group: given, else the normalised name, else the reference."""
        return (self.independence_group or self.name or self.reference).strip().casefold()


@dataclass(frozen=True, slots=True)
class StateReply:
    """A State's reply to an intervention."""

    date: dt.date
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Intervention:
    """What the UN did: a communication (with its symbol, e.g. ``UA COL 4/2019``), a statement, a visit.

    Attributes:
        kind: Communication, public statement, visit, trial observation or other.
        date: When.
        by: Who acted (a mandate or entity: "SR-HRD", "OHCHR").
        symbol: The communication's reference.
        reply: The State's reply, once received.
        sensitivity: Communications are confidential until published.
        id: Store id (``None`` before it is stored).
    """

    kind: InterventionKind
    date: dt.date
    by: str = ""
    symbol: str = ""
    summary: str = ""
    reply: StateReply | None = None
    sensitivity: Sensitivity = Sensitivity.PUBLIC
    id: int | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One change of an incident's verification status: who, when, why."""

    status: VerificationStatus
    at: dt.datetime
    by: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Incident:
    """An event against defenders with everything known about it.

    Attributes:
        title: A short line ("Killing of a journalist in Kabul").
        date: When the event happened.
        location: Where.
        acts: What was done; at least one.
        victims: To whom.
        perpetrators: By whom.
        sources: Who tells of it.
        interventions: What the UN did.
        description: Free text.
        sensitivity: Who may see the incident at all.
        status: Current verification status.
        history: Status changes, oldest first.
        external_ids: Ids in the lists it was imported from ("cpj:3f2a…"): a re-import finds it by them.
        attributes: Other values kept from the source list (column → value), for drill-down.
        id: Store id (``None`` before it is stored).
    """

    title: str
    date: FuzzyDate
    location: Location
    acts: tuple[Act, ...]
    victims: tuple[Victim, ...] = ()
    perpetrators: tuple[Perpetrator, ...] = ()
    sources: tuple[Source, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    description: str = ""
    sensitivity: Sensitivity = Sensitivity.PUBLIC
    status: VerificationStatus = VerificationStatus.REPORTED
    history: tuple[StatusChange, ...] = ()
    external_ids: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.acts:
            raise ValueError("an incident needs at least one act")
        for act in self.acts:
            if any(i >= len(self.victims) or i < 0 for i in act.victims):
                raise ValueError(f"act {act.type!r} names a victim the incident does not have")
            if any(i >= len(self.perpetrators) or i < 0 for i in act.perpetrators):
                raise ValueError(f"act {act.type!r} names a perpetrator the incident does not have")

    @property
    def act_types(self) -> tuple[str, ...]:
        """The distinct act types, in order."""
        return tuple(dict.fromkeys(act.type for act in self.acts))
