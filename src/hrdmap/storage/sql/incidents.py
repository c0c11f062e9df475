"""Incidents (:class:`hrdmap.storage.incidents.IncidentRepository`) for SQLite and PostgreSQL alike; tables:
``0006_incidents.sql``.

One set of statements serves both databases; orders that SQLite gives by its rule that ``NULL`` is the smallest
value are spelt out (``NULLS LAST`` / ``NULLS FIRST``, SQLite 3.30 or later). The adapters keep only
:meth:`SqlIncidents.countable`'s streaming read, which each database does its own way.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, cast

from hrdmap.domain.monitoring.cases import Case, CaseStatusChange
from hrdmap.domain.monitoring.incidents import (
    Act,
    FuzzyDate,
    Incident,
    Intervention,
    Location,
    Perpetrator,
    Source,
    StateReply,
    StatusChange,
    Victim,
)
from hrdmap.domain.monitoring.vocabulary import (
    AgeGroup,
    CaseStatus,
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
from hrdmap.storage.incidents import Acknowledgement, IncidentFilter, Merge
from hrdmap.storage.rows import from_row
from hrdmap.storage.sql.session import Row, S, maybe_stamp

#: Sources of each incident asked (``asked``) and of the incidents merged into it, oldest first.
_SOURCES = (
    "SELECT s.*, m.asked FROM incident_sources s JOIN ("
    " SELECT id AS member, id AS asked FROM incidents WHERE id {ids}"
    " UNION ALL SELECT id, merged_into FROM incidents WHERE merged_into {ids}"
    ") m ON m.member = s.incident_id ORDER BY s.id"
)


class SqlIncidents(ABC, Generic[S]):
    """Incidents over a :class:`~hrdmap.storage.sql.session.SqlSession`; writes join the store's transaction.

    An adapter subclasses it with :meth:`countable`, the streaming read for figures, over its own session.

    Args:
        session: The store's session.
    """

    def __init__(self, session: S) -> None:
        self._session = session

    # -- writing ---------------------------------------------------------------------------------------------

    def add(self, incident: Incident, *, at: dt.datetime) -> int:
        """Store a new incident with all its parts."""
        stamp = self._session.stamp(at)
        incident_id = self._session.insert(
            "INSERT INTO incidents (title, description, date_start, date_end, date_precision, date_text,"
            " date_approximate, country, admin_area, place, sensitivity, status, attributes, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*self._event_values(incident), incident.status.value, self._session.json(incident.attributes), stamp,
             stamp),
        )  # fmt: skip
        self._write_parts(incident_id, incident)
        for source in incident.sources:
            self.add_source(incident_id, source, at=at)
        for intervention in incident.interventions:
            self.add_intervention(incident_id, intervention)
        for change in incident.history:
            self._insert_status(incident_id, change)
        for external in incident.external_ids:
            self.add_external_id(incident_id, external)
        return incident_id

    def _event_values(self, incident: Incident) -> tuple[Any, ...]:
        date, where, day = incident.date, incident.location, self._session.day
        return (
            incident.title, incident.description, day(date.start), day(date.end), date.precision.value, date.text,
            bool(date.approximate), where.country, where.admin_area, where.place, incident.sensitivity.value,
        )  # fmt: skip

    def _date_values(self, date: FuzzyDate | None) -> tuple[Any, ...]:
        if date is None:
            return (None, None, None, None)
        return (self._session.day(date.start), self._session.day(date.end), date.precision.value, date.text)

    def _write_parts(self, incident_id: int, incident: Incident) -> None:
        json = self._session.json
        self._session.executemany(
            "INSERT INTO incident_acts (incident_id, seq, type, victims, perpetrators, date_start, date_end,"
            " date_precision, date_text, motive, motive_confirmed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (incident_id, seq, act.type, json(list(act.victims)), json(list(act.perpetrators)),
                 *self._date_values(act.date), act.motive, act.motive_confirmed)
                for seq, act in enumerate(incident.acts)
            ],
        )  # fmt: skip
        self._session.executemany(
            "INSERT INTO incident_victims (incident_id, seq, name, kind, sex, age, age_group, roles, organisation,"
            " sensitivity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (incident_id, seq, v.name, v.kind.value, v.sex.value, v.age, v.age_group.value, json(list(v.roles)),
                 v.organisation, v.sensitivity.value)
                for seq, v in enumerate(incident.victims)
            ],
        )  # fmt: skip
        self._session.executemany(
            "INSERT INTO incident_perpetrators (incident_id, seq, type, name) VALUES (?, ?, ?, ?)",
            [(incident_id, seq, p.type.value, p.name) for seq, p in enumerate(incident.perpetrators)],
        )

    def replace(self, incident_id: int, incident: Incident, *, at: dt.datetime) -> None:
        """Replace the event's fields, acts, victims and perpetrators; sources and history stay."""
        self._session.execute(
            "UPDATE incidents SET title = ?, description = ?, date_start = ?, date_end = ?, date_precision = ?,"
            " date_text = ?, date_approximate = ?, country = ?, admin_area = ?, place = ?, sensitivity = ?,"
            " attributes = ?, updated_at = ? WHERE id = ?",
            (*self._event_values(incident), self._session.json(incident.attributes), self._session.stamp(at),
             incident_id),
        )  # fmt: skip
        for table in ("incident_acts", "incident_victims", "incident_perpetrators"):
            self._session.execute(f"DELETE FROM {table} WHERE incident_id = ?", (incident_id,))  # noqa: S608
        self._write_parts(incident_id, incident)

    def add_external_id(self, incident_id: int, external_id: str) -> None:
        """Record one more list id for an incident."""
        self._session.execute(
            "INSERT INTO incident_external_ids (external_id, incident_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (external_id, incident_id),
        )

    def add_source(self, incident_id: int, source: Source, *, at: dt.datetime, block_id: int | None = None) -> None:
        """Attach a source."""
        self._session.execute(
            "INSERT INTO incident_sources (incident_id, kind, reference, name, reliability, independence,"
            " independence_group, evidence, sensitivity, block_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (incident_id, source.kind.value, source.reference, source.name, source.reliability.value,
             source.independence.value, source.independence_group, source.evidence, source.sensitivity.value,
             block_id, self._session.stamp(at)),
        )  # fmt: skip

    def _insert_status(self, incident_id: int, change: StatusChange) -> None:
        self._session.execute(
            "INSERT INTO incident_status (incident_id, status, at, actor, reason) VALUES (?, ?, ?, ?, ?)",
            (incident_id, change.status.value, self._session.stamp(change.at), change.by, change.reason),
        )

    def add_status(self, incident_id: int, change: StatusChange) -> None:
        """Append a status change and make it current."""
        self._insert_status(incident_id, change)
        self._session.execute(
            "UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?",
            (change.status.value, self._session.stamp(change.at), incident_id),
        )

    def add_intervention(self, incident_id: int, intervention: Intervention) -> int:
        """Record a UN intervention."""
        reply, day = intervention.reply, self._session.day
        return self._session.insert(
            "INSERT INTO incident_interventions (incident_id, kind, date, actor, symbol, summary, reply_date,"
            " reply_summary, sensitivity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (incident_id, intervention.kind.value, day(intervention.date), intervention.by, intervention.symbol,
             intervention.summary, day(reply.date if reply else None), reply.summary if reply else "",
             intervention.sensitivity.value),
        )  # fmt: skip

    def set_reply(self, intervention_id: int, reply: StateReply) -> bool:
        """Record the State's reply."""
        touched = self._session.execute(
            "UPDATE incident_interventions SET reply_date = ?, reply_summary = ? WHERE id = ?",
            (self._session.day(reply.date), reply.summary, intervention_id),
        )
        return touched > 0

    def intervention_incident(self, intervention_id: int) -> int | None:
        """The incident an intervention belongs to."""
        found = self._session.value("SELECT incident_id FROM incident_interventions WHERE id = ?", (intervention_id,))
        return None if found is None else int(found)

    # -- reading ---------------------------------------------------------------------------------------------

    def by_external_id(self, external_id: str) -> int | None:
        """The incident a list's id belongs to."""
        found = self._session.value(
            "SELECT incident_id FROM incident_external_ids WHERE external_id = ?", (external_id,)
        )
        return None if found is None else int(found)

    def get(self, incident_id: int) -> Incident | None:
        """The whole incident."""
        found = self.get_many([incident_id])
        return found[0] if found else None

    def get_many(self, incident_ids: Sequence[int]) -> list[Incident]:
        """Several incidents, in the order asked."""
        return list(self.iterate(incident_ids))

    def iterate(self, incident_ids: Sequence[int], chunk: int = 500) -> Iterator[Incident]:
        """Incidents read in chunks."""
        ids = list(incident_ids)
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            built = self._build(part)
            yield from (built[i] for i in part if i in built)

    @abstractmethod
    def countable(self) -> Iterator[Incident]:
        """Incidents not merged into another, with only what counting needs, streamed in id order.

        Each adapter streams its own way, in one read of the database (one snapshot), and builds each incident
        with :meth:`_counted`.
        """

    def _counted(self, row: Row, acts: Iterable[Row], victims: Iterable[Row], perpetrators: Iterable[str]) -> Incident:
        """What counting needs of one incident.

        Args:
            row: The incident's ``id``, ``status``, ``sensitivity``, ``date_start``, ``date_end``,
                ``date_precision`` and ``country``.
            acts: Its acts' ``type``, ``victims`` and ``perpetrators`` (JSON as the session reads it back).
            victims: Its victims' ``sex``, ``age_group``, ``roles`` (JSON) and ``sensitivity``.
            perpetrators: Its perpetrators' types.
        """
        s = self._session
        return Incident(
            title="",
            date=FuzzyDate(
                s.from_day(row["date_start"]), s.from_day(row["date_end"]), DatePrecision(row["date_precision"])
            ),
            location=Location(row["country"]),
            acts=tuple(
                Act(a["type"], tuple(s.from_json(a["victims"])), tuple(s.from_json(a["perpetrators"]))) for a in acts
            ),
            victims=tuple(
                Victim(
                    sex=Sex(v["sex"]),
                    age_group=AgeGroup(v["age_group"]),
                    roles=tuple(s.from_json(v["roles"])),
                    sensitivity=Sensitivity(v["sensitivity"]),
                )
                for v in victims
            ),
            perpetrators=tuple(Perpetrator(PerpetratorType(t)) for t in perpetrators),
            sensitivity=Sensitivity(row["sensitivity"]),
            status=VerificationStatus(row["status"]),
            id=row["id"],
        )

    def _grouped(self, statement: str, ids: Sequence[int], key: str = "incident_id") -> dict[int, list[Row]]:
        """The rows of ``statement`` over ``ids`` by their ``key`` column, in the statement's order for each key.

        The session may run the statement once per slice of ``ids``; all rows of one key come from one slice.
        """
        grouped: dict[int, list[Row]] = {}
        for row in self._session.rows_in(statement, ids):
            grouped.setdefault(row[key], []).append(row)
        return grouped

    def _rows(self, table: str, ids: Sequence[int], order: str = "seq") -> dict[int, list[Row]]:
        statement = f"SELECT * FROM {table} WHERE incident_id {{ids}} ORDER BY incident_id, {order}"  # noqa: S608
        return self._grouped(statement, ids)

    def _build(self, ids: Sequence[int]) -> dict[int, Incident]:
        events = self._session.rows_in("SELECT * FROM incidents WHERE id {ids}", ids)
        acts, victims = self._rows("incident_acts", ids), self._rows("incident_victims", ids)
        perpetrators, sources = self._rows("incident_perpetrators", ids), self._grouped(_SOURCES, ids, "asked")
        interventions = self._rows("incident_interventions", ids, "id")
        history = self._rows("incident_status", ids, "id")
        externals = self._rows("incident_external_ids", ids, "external_id COLLATE BINARY")
        built: dict[int, Incident] = {}
        for row in events:
            key = row["id"]
            built[key] = Incident(
                title=row["title"],
                date=self._date(row, bool(row["date_approximate"])),
                location=Location(row["country"], row["admin_area"], row["place"]),
                acts=tuple(self._act(r) for r in acts.get(key, [])),
                victims=tuple(self._victim(r) for r in victims.get(key, [])),
                perpetrators=tuple(
                    Perpetrator(PerpetratorType(r["type"]), r["name"]) for r in perpetrators.get(key, [])
                ),
                sources=tuple(_source(r) for r in sources.get(key, [])),
                interventions=tuple(self._intervention(r) for r in interventions.get(key, [])),
                description=row["description"],
                sensitivity=Sensitivity(row["sensitivity"]),
                status=VerificationStatus(row["status"]),
                history=tuple(
                    StatusChange(
                        VerificationStatus(r["status"]), self._session.from_stamp(r["at"]), r["actor"], r["reason"]
                    )
                    for r in history.get(key, [])
                ),
                external_ids=tuple(r["external_id"] for r in externals.get(key, [])),
                attributes=self._session.from_json(row["attributes"]),
                id=key,
            )
        return built

    def _date(self, row: Row, approximate: bool = False) -> FuzzyDate:
        return FuzzyDate(
            self._session.from_day(row["date_start"]),
            self._session.from_day(row["date_end"]),
            DatePrecision(row["date_precision"]),
            row["date_text"] or "",
            approximate,
        )

    def _act(self, row: Row) -> Act:
        confirmed = row["motive_confirmed"]
        return Act(
            type=row["type"],
            victims=tuple(self._session.from_json(row["victims"])),
            perpetrators=tuple(self._session.from_json(row["perpetrators"])),
            date=self._date(row) if row["date_precision"] else None,
            motive=row["motive"],
            motive_confirmed=None if confirmed is None else bool(confirmed),
        )

    def _victim(self, row: Row) -> Victim:
        return Victim(
            name=row["name"],
            kind=VictimKind(row["kind"]),
            sex=Sex(row["sex"]),
            age=row["age"],
            age_group=AgeGroup(row["age_group"]),
            roles=tuple(self._session.from_json(row["roles"])),
            organisation=row["organisation"],
            sensitivity=Sensitivity(row["sensitivity"]),
        )

    def _intervention(self, row: Row) -> Intervention:
        reply_date = self._session.from_day(row["reply_date"])
        return Intervention(
            kind=InterventionKind(row["kind"]),
            date=cast(dt.date, self._session.from_day(row["date"])),  # NOT NULL
            by=row["actor"],
            symbol=row["symbol"],
            summary=row["summary"],
            reply=StateReply(reply_date, row["reply_summary"]) if reply_date else None,
            sensitivity=Sensitivity(row["sensitivity"]),
            id=row["id"],
        )

    def ids(self, query: IncidentFilter) -> list[int]:
        """Ids of matching incidents, newest first (those without a date last)."""
        clauses, params = ["TRUE"], list[Any]()
        if not query.include_merged:
            clauses.append("merged_into IS NULL")
        for column, value in (("country", query.country), ("status", query.status)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if query.act:
            clauses.append("id IN (SELECT incident_id FROM incident_acts WHERE type = ?)")
            params.append(query.act)
        for clause, day in (("date_start >= ?", query.date_from), ("date_start <= ?", query.date_to)):
            if day:
                clauses.append(clause)
                params.append(self._session.day(day))
        rows = self._session.rows(
            f"SELECT id FROM incidents WHERE {' AND '.join(clauses)}"  # noqa: S608
            " ORDER BY date_start DESC NULLS LAST, id DESC LIMIT ?",
            (*params, query.limit),
        )
        return [int(r["id"]) for r in rows]

    def counted_ids(self) -> list[int]:
        """Ids of every incident not merged into another."""
        rows = self._session.rows("SELECT id FROM incidents WHERE merged_into IS NULL ORDER BY id")
        return [int(r["id"]) for r in rows]

    def proposed_blocks(self) -> set[int]:
        """Corpus paragraphs already the source of an incident."""
        rows = self._session.rows("SELECT DISTINCT block_id FROM incident_sources WHERE block_id IS NOT NULL")
        return {int(r["block_id"]) for r in rows}

    # -- duplicates ------------------------------------------------------------------------------------------

    def merge(self, survivor_id: int, merged_id: int, *, at: dt.datetime, actor: str, reason: str) -> None:
        """Merge a duplicate into a survivor; incidents merged into the duplicate follow it."""
        stamp = self._session.stamp(at)
        self._session.execute("UPDATE incidents SET merged_into = ? WHERE merged_into = ?", (survivor_id, merged_id))
        self._session.execute(
            "UPDATE incidents SET merged_into = ?, updated_at = ? WHERE id = ?", (survivor_id, stamp, merged_id)
        )
        self._session.execute(
            "INSERT INTO incident_merges (survivor_id, merged_id, at, actor, reason) VALUES (?, ?, ?, ?, ?)",
            (survivor_id, merged_id, stamp, actor, reason),
        )

    def unmerge(self, merged_id: int, *, at: dt.datetime, actor: str) -> bool:
        """Undo the merge of ``merged_id``."""
        stamp = self._session.stamp(at)
        touched = self._session.execute(
            "UPDATE incidents SET merged_into = NULL, updated_at = ? WHERE id = ? AND merged_into IS NOT NULL",
            (stamp, merged_id),
        )
        if touched == 0:
            return False
        self._session.execute(
            "UPDATE incident_merges SET undone_at = ?, undone_by = ? WHERE merged_id = ? AND undone_at IS NULL",
            (stamp, actor, merged_id),
        )
        return True

    def merged_into(self, incident_id: int) -> int | None:
        """The survivor an incident is merged into."""
        found = self._session.value("SELECT merged_into FROM incidents WHERE id = ?", (incident_id,))
        return None if found is None else int(found)

    def merges(self, incident_id: int) -> list[Merge]:
        """Merges involving an incident."""
        rows = self._session.rows(
            "SELECT * FROM incident_merges WHERE survivor_id = ? OR merged_id = ? ORDER BY id",
            (incident_id, incident_id),
        )
        return [
            from_row(
                Merge, r, at=self._session.from_stamp(r["at"]), undone_at=maybe_stamp(self._session, r["undone_at"])
            )
            for r in rows
        ]

    def mark_distinct(self, left_id: int, right_id: int, *, at: dt.datetime, actor: str) -> None:
        """Record that two incidents are not duplicates."""
        low, high = sorted((left_id, right_id))
        self._session.execute(
            "INSERT INTO incident_distinct_pairs (left_id, right_id, at, actor) VALUES (?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (low, high, self._session.stamp(at), actor),
        )

    def distinct_pairs(self) -> set[tuple[int, int]]:
        """Pairs judged not to be duplicates."""
        rows = self._session.rows("SELECT left_id, right_id FROM incident_distinct_pairs")
        return {(int(r["left_id"]), int(r["right_id"])) for r in rows}

    # -- cases -----------------------------------------------------------------------------------------------

    def add_case(self, case: Case, *, at: dt.datetime) -> int:
        """Store a case."""
        case_id = self._session.insert(
            "INSERT INTO cases (title, subject, status, sensitivity, created_at) VALUES (?, ?, ?, ?, ?)",
            (case.title, case.subject, case.status.value, case.sensitivity.value, self._session.stamp(at)),
        )
        for incident_id in case.incidents:
            self.add_case_incident(case_id, incident_id)
        for change in case.history:
            self.add_case_status(case_id, change)
        return case_id

    def get_case(self, case_id: int) -> Case | None:
        """A case with its incidents and history."""
        row = self._session.one("SELECT * FROM cases WHERE id = ?", (case_id,))
        if row is None:
            return None
        incidents = self._session.rows(
            "SELECT c.incident_id FROM case_incidents c JOIN incidents i ON i.id = c.incident_id"
            " WHERE c.case_id = ? ORDER BY i.date_start NULLS FIRST, i.id",
            (case_id,),
        )
        history = self._session.rows("SELECT * FROM case_status WHERE case_id = ? ORDER BY id", (case_id,))
        return from_row(
            Case,
            row,
            incidents=tuple(int(r["incident_id"]) for r in incidents),
            status=CaseStatus(row["status"]),
            history=tuple(
                CaseStatusChange(CaseStatus(r["status"]), self._session.from_stamp(r["at"]), r["actor"], r["reason"])
                for r in history
            ),
            sensitivity=Sensitivity(row["sensitivity"]),
        )

    def cases(self) -> list[Case]:
        """Every case, newest first."""
        ids = [int(r["id"]) for r in self._session.rows("SELECT id FROM cases ORDER BY id DESC")]
        return [case for case in (self.get_case(i) for i in ids) if case is not None]

    def add_case_incident(self, case_id: int, incident_id: int) -> None:
        """Add an incident to a case."""
        self._session.execute(
            "INSERT INTO case_incidents (case_id, incident_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (case_id, incident_id),
        )

    def add_case_status(self, case_id: int, change: CaseStatusChange) -> None:
        """Append a case status change."""
        self._session.execute(
            "INSERT INTO case_status (case_id, status, at, actor, reason) VALUES (?, ?, ?, ?, ?)",
            (case_id, change.status.value, self._session.stamp(change.at), change.by, change.reason),
        )
        self._session.execute("UPDATE cases SET status = ? WHERE id = ?", (change.status.value, case_id))

    # -- warnings --------------------------------------------------------------------------------------------

    def acknowledge(self, acknowledgement: Acknowledgement) -> None:
        """Record (or update) an acknowledged warning."""
        a = acknowledgement
        self._session.execute(
            "INSERT INTO warning_acknowledgements (series, period, at, actor, note, intervention_id)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (series, period) DO UPDATE SET at = excluded.at,"
            " actor = excluded.actor, note = excluded.note,"
            " intervention_id = coalesce(excluded.intervention_id, warning_acknowledgements.intervention_id)",
            (a.series, a.period, self._session.stamp(a.at), a.actor, a.note, a.intervention_id),
        )

    def acknowledgements(self) -> dict[tuple[str, str], Acknowledgement]:
        """Acknowledged warnings."""
        return {
            (r["series"], r["period"]): from_row(Acknowledgement, r, at=self._session.from_stamp(r["at"]))
            for r in self._session.rows("SELECT * FROM warning_acknowledgements")
        }


def _source(row: Row) -> Source:
    return Source(
        kind=SourceKind(row["kind"]),
        reference=row["reference"],
        name=row["name"],
        reliability=Reliability(row["reliability"]),
        independence=Independence(row["independence"]),
        independence_group=row["independence_group"],
        evidence=row["evidence"],
        sensitivity=Sensitivity(row["sensitivity"]),
    )
