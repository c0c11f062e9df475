"""Incidents: what the services need from a store (the protocol) and the small records it returns.

Both adapters run the statements of :mod:`hrdmap.storage.sql.incidents`; tables are created by the migration
``0006_incidents.sql``. Nothing is deleted: duplicates are merged (and can be unmerged), status histories are
append-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from hrdmap.domain.monitoring.cases import Case, CaseStatusChange
from hrdmap.domain.monitoring.incidents import Incident, Intervention, Source, StateReply, StatusChange


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """Which incidents to list (every field optional; all must hold)."""

    country: str | None = None
    status: str | None = None
    act: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_merged: bool = False
    limit: int = 200


@dataclass(frozen=True, slots=True)
class Merge:
    """One merge of a duplicate into a survivor."""

    id: int
    survivor_id: int
    merged_id: int
    at: dt.datetime
    actor: str
    reason: str
    undone_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """An early warning someone acknowledged, and the intervention that followed."""

    series: str
    period: str
    at: dt.datetime
    actor: str
    note: str
    intervention_id: int | None


class IncidentRepository(Protocol):
    """Incidents, their parts and histories, merges, cases and acknowledged warnings."""

    def add(self, incident: Incident, *, at: dt.datetime) -> int:
        """Store a new incident with its acts, victims, perpetrators, sources, interventions and external ids."""
        ...

    def replace(self, incident_id: int, incident: Incident, *, at: dt.datetime) -> None:
        """Replace the event's fields, acts, victims and perpetrators (sources and history are kept)."""
        ...

    def get(self, incident_id: int) -> Incident | None:
        """The whole incident, with the sources of the incidents merged into it."""
        ...

    def get_many(self, incident_ids: Sequence[int]) -> list[Incident]:
        """Several incidents, in the order asked (missing ids are left out)."""
        ...

    def by_external_id(self, external_id: str) -> int | None:
        """The incident a list's id belongs to."""
        ...

    def add_external_id(self, incident_id: int, external_id: str) -> None:
        """Record one more list id for an incident."""
        ...

    def add_source(self, incident_id: int, source: Source, *, at: dt.datetime, block_id: int | None = None) -> None:
        """Attach a source."""
        ...

    def add_status(self, incident_id: int, change: StatusChange) -> None:
        """Append a status change and make it the current status."""
        ...

    def add_intervention(self, incident_id: int, intervention: Intervention) -> int:
        """Record a UN intervention; returns its id."""
        ...

    def set_reply(self, intervention_id: int, reply: StateReply) -> bool:
        """Record the State's reply to an intervention; ``False`` when there is no such intervention."""
        ...

    def intervention_incident(self, intervention_id: int) -> int | None:
        """The incident an intervention belongs to."""
        ...

    def ids(self, query: IncidentFilter) -> list[int]:
        """Ids of the incidents that match, newest first."""
        ...

    def counted_ids(self) -> list[int]:
        """Ids of every incident not merged into another, in id order."""
        ...

    def proposed_blocks(self) -> set[int]:
        """Corpus paragraphs already used as the source of a proposed (or reviewed) incident."""
        ...

    def merge(self, survivor_id: int, merged_id: int, *, at: dt.datetime, actor: str, reason: str) -> None:
        """Merge a duplicate into a survivor (the duplicate and its sources are kept)."""
        ...

    def unmerge(self, merged_id: int, *, at: dt.datetime, actor: str) -> bool:
        """Undo the merge of ``merged_id``; ``False`` when it is not merged."""
        ...

    def merged_into(self, incident_id: int) -> int | None:
        """The survivor an incident is merged into, or ``None``."""
        ...

    def merges(self, incident_id: int) -> list[Merge]:
        """Merges that involve an incident, oldest first."""
        ...

    def mark_distinct(self, left_id: int, right_id: int, *, at: dt.datetime, actor: str) -> None:
        """Record that two incidents are not duplicates."""
        ...

    def distinct_pairs(self) -> set[tuple[int, int]]:
        """Pairs judged not to be duplicates, as ``(smaller id, larger id)``."""
        ...

    def add_case(self, case: Case, *, at: dt.datetime) -> int:
        """Store a case; returns its id."""
        ...

    def get_case(self, case_id: int) -> Case | None:
        """A case with its incidents and status history."""
        ...

    def cases(self) -> list[Case]:
        """Every case, newest first."""
        ...

    def add_case_incident(self, case_id: int, incident_id: int) -> None:
        """Add an incident to a case (no-op when already there)."""
        ...

    def add_case_status(self, case_id: int, change: CaseStatusChange) -> None:
        """Append a case status change and make it current."""
        ...

    def acknowledge(self, acknowledgement: Acknowledgement) -> None:
        """Record (or update) the acknowledgement of a warning."""
        ...

    def acknowledgements(self) -> dict[tuple[str, str], Acknowledgement]:
        """Acknowledged warnings by ``(series, period)``."""
        ...

    def countable(self) -> Iterator[Incident]:
        """Every incident not merged into another, in id order, with only what counting needs: date, country,
        status, sensitivity, acts, victims (sex, age group, roles, sensitivity) and perpetrators' types (no title,
        names, sources, interventions or history). Streams: figures over a large store stay fast and small."""
        ...

    def iterate(self, incident_ids: Sequence[int], chunk: int = 500) -> Iterator[Incident]:
        """The incidents of ``incident_ids`` read in chunks (for counting large stores)."""
        ...
