"""Incidents in PostgreSQL (:class:`hrdmap.storage.incidents.IncidentRepository`); tables: ``0006_incidents.sql``.

The same rows as the SQLite adapter's (:mod:`hrdmap.storage.sqlite.incidents`); orders that SQLite gives by its
rule that ``NULL`` is the smallest value are spelt out (``NULLS LAST`` / ``NULLS FIRST``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from psycopg.rows import DictRow

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
from hrdmap.storage.postgresql.connection import Database
from hrdmap.storage.postgresql.values import maybe_utc, stamp, to_json, utc

_EVENT = (
    "title, description, date_start, date_end, date_precision, date_text, date_approximate, country, admin_area,"
    " place, sensitivity"
)
_PARTS = {"incident_acts": "seq", "incident_victims": "seq", "incident_perpetrators": "seq"}


def _date_columns(date: FuzzyDate | None) -> tuple[Any, ...]:
    if date is None:
        return (None, None, None, None)
    return (date.start, date.end, date.precision.value, date.text)


def _date(row: DictRow, prefix: str = "date") -> FuzzyDate:
    return FuzzyDate(
        row[f"{prefix}_start"],
        row[f"{prefix}_end"],
        DatePrecision(row[f"{prefix}_precision"]),
        row[f"{prefix}_text"] or "",
    )


class PostgresIncidents:
    """Incidents in PostgreSQL; writes join the store's transaction.

    Args:
        db: The store's connections.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- writing ---------------------------------------------------------------------------------------------

    def add(self, incident: Incident, *, at: dt.datetime) -> int:
        """Store a new incident with all its parts."""
        at = stamp(at)
        incident_id = int(
            self._db.value(
                f"INSERT INTO incidents ({_EVENT}, status, attributes, created_at, updated_at)"  # noqa: S608
                f" VALUES ({', '.join(['%s'] * 15)}) RETURNING id",
                (*_event_values(incident), incident.status.value, to_json(incident.attributes), at, at),
            )
        )
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

    def _write_parts(self, incident_id: int, incident: Incident) -> None:
        self._db.executemany(
            "INSERT INTO incident_acts (incident_id, seq, type, victims, perpetrators, date_start, date_end,"
            " date_precision, date_text, motive, motive_confirmed) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (incident_id, seq, act.type, to_json(list(act.victims)), to_json(list(act.perpetrators)),
                 *_date_columns(act.date), act.motive, act.motive_confirmed)
                for seq, act in enumerate(incident.acts)
            ],
        )  # fmt: skip
        self._db.executemany(
            "INSERT INTO incident_victims (incident_id, seq, name, kind, sex, age, age_group, roles, organisation,"
            " sensitivity) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (incident_id, seq, v.name, v.kind.value, v.sex.value, v.age, v.age_group.value, to_json(list(v.roles)),
                 v.organisation, v.sensitivity.value)
                for seq, v in enumerate(incident.victims)
            ],
        )  # fmt: skip
        self._db.executemany(
            "INSERT INTO incident_perpetrators (incident_id, seq, type, name) VALUES (%s, %s, %s, %s)",
            [(incident_id, seq, p.type.value, p.name) for seq, p in enumerate(incident.perpetrators)],
        )

    def replace(self, incident_id: int, incident: Incident, *, at: dt.datetime) -> None:
        """Replace the event's fields, acts, victims and perpetrators; sources and history stay."""
        columns = ", ".join(f"{c.strip()} = %s" for c in _EVENT.split(","))
        self._db.execute(
            f"UPDATE incidents SET {columns}, attributes = %s, updated_at = %s WHERE id = %s",  # noqa: S608
            (*_event_values(incident), to_json(incident.attributes), stamp(at), incident_id),
        )
        for table in _PARTS:
            self._db.execute(f"DELETE FROM {table} WHERE incident_id = %s", (incident_id,))  # noqa: S608
        self._write_parts(incident_id, incident)

    def add_external_id(self, incident_id: int, external_id: str) -> None:
        """Record one more list id for an incident."""
        self._db.execute(
            "INSERT INTO incident_external_ids (external_id, incident_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (external_id, incident_id),
        )

    def add_source(self, incident_id: int, source: Source, *, at: dt.datetime, block_id: int | None = None) -> None:
        """Attach a source."""
        self._db.execute(
            "INSERT INTO incident_sources (incident_id, kind, reference, name, reliability, independence,"
            " independence_group, evidence, sensitivity, block_id, added_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (incident_id, source.kind.value, source.reference, source.name, source.reliability.value,
             source.independence.value, source.independence_group, source.evidence, source.sensitivity.value,
             block_id, stamp(at)),
        )  # fmt: skip

    def _insert_status(self, incident_id: int, change: StatusChange) -> None:
        self._db.execute(
            "INSERT INTO incident_status (incident_id, status, at, actor, reason) VALUES (%s, %s, %s, %s, %s)",
            (incident_id, change.status.value, stamp(change.at), change.by, change.reason),
        )

    def add_status(self, incident_id: int, change: StatusChange) -> None:
        """Append a status change and make it current."""
        self._insert_status(incident_id, change)
        self._db.execute(
            "UPDATE incidents SET status = %s, updated_at = %s WHERE id = %s",
            (change.status.value, stamp(change.at), incident_id),
        )

    def add_intervention(self, incident_id: int, intervention: Intervention) -> int:
        """Record a UN intervention."""
        reply = intervention.reply
        return int(
            self._db.value(
                "INSERT INTO incident_interventions (incident_id, kind, date, actor, symbol, summary, reply_date,"
                " reply_summary, sensitivity) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (incident_id, intervention.kind.value, intervention.date, intervention.by, intervention.symbol,
                 intervention.summary, reply.date if reply else None, reply.summary if reply else "",
                 intervention.sensitivity.value),
            )
        )  # fmt: skip

    def set_reply(self, intervention_id: int, reply: StateReply) -> bool:
        """Record the State's reply."""
        touched = self._db.execute(
            "UPDATE incident_interventions SET reply_date = %s, reply_summary = %s WHERE id = %s",
            (reply.date, reply.summary, intervention_id),
        )
        return touched > 0

    def intervention_incident(self, intervention_id: int) -> int | None:
        """The incident an intervention belongs to."""
        row = self._db.one("SELECT incident_id FROM incident_interventions WHERE id = %s", (intervention_id,))
        return int(row["incident_id"]) if row else None

    # -- reading ---------------------------------------------------------------------------------------------

    def by_external_id(self, external_id: str) -> int | None:
        """The incident a list's id belongs to."""
        row = self._db.one("SELECT incident_id FROM incident_external_ids WHERE external_id = %s", (external_id,))
        return int(row["incident_id"]) if row else None

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

    def countable(self) -> Iterator[Incident]:
        """Incidents not merged into another, with only what counting needs, streamed in id order.

        One query gathers each incident's acts, victims and perpetrators as JSON, read through a server-side
        cursor, so memory stays flat however large the store.
        """
        with self._db.connection() as conn, conn.transaction(), conn.cursor(name="hrdmap_countable") as cursor:
            cursor.itersize = 2000
            cursor.execute(_COUNTABLE)
            for row in cursor:
                yield _countable(row)

    def _rows(self, table: str, ids: Sequence[int], order: str = "seq") -> dict[int, list[DictRow]]:
        grouped: dict[int, list[DictRow]] = {}
        query = f"SELECT * FROM {table} WHERE incident_id = ANY(%s) ORDER BY incident_id, {order}"  # noqa: S608
        for row in self._db.rows(query, (list(ids),)):
            grouped.setdefault(row["incident_id"], []).append(row)
        return grouped

    def _sources(self, ids: Sequence[int]) -> dict[int, list[DictRow]]:
        """Sources of each incident and of those merged into it."""
        grouped: dict[int, list[DictRow]] = {}
        rows = self._db.rows(
            "SELECT s.*, coalesce(i.merged_into, s.incident_id) AS owner FROM incident_sources s"
            " JOIN incidents i ON i.id = s.incident_id"
            " WHERE s.incident_id = ANY(%s) OR i.merged_into = ANY(%s) ORDER BY s.id",
            (list(ids), list(ids)),
        )
        for row in rows:
            grouped.setdefault(row["owner"], []).append(row)
            if row["owner"] != row["incident_id"] and row["incident_id"] in ids:
                grouped.setdefault(row["incident_id"], []).append(row)
        return grouped

    def _build(self, ids: Sequence[int]) -> dict[int, Incident]:
        events = self._db.rows("SELECT * FROM incidents WHERE id = ANY(%s)", (list(ids),))
        acts, victims = self._rows("incident_acts", ids), self._rows("incident_victims", ids)
        perpetrators, sources = self._rows("incident_perpetrators", ids), self._sources(ids)
        interventions = self._rows("incident_interventions", ids, "id")
        history = self._rows("incident_status", ids, "id")
        externals = self._rows("incident_external_ids", ids, 'external_id COLLATE "C"')
        built: dict[int, Incident] = {}
        for row in events:
            key = row["id"]
            date = _date(row)
            built[key] = Incident(
                title=row["title"],
                date=FuzzyDate(date.start, date.end, date.precision, date.text, bool(row["date_approximate"])),
                location=Location(row["country"], row["admin_area"], row["place"]),
                acts=tuple(_act(r) for r in acts.get(key, [])),
                victims=tuple(_victim(r) for r in victims.get(key, [])),
                perpetrators=tuple(
                    Perpetrator(PerpetratorType(r["type"]), r["name"]) for r in perpetrators.get(key, [])
                ),
                sources=tuple(_source(r) for r in sources.get(key, [])),
                interventions=tuple(_intervention(r) for r in interventions.get(key, [])),
                description=row["description"],
                sensitivity=Sensitivity(row["sensitivity"]),
                status=VerificationStatus(row["status"]),
                history=tuple(
                    StatusChange(VerificationStatus(r["status"]), utc(r["at"]), r["actor"], r["reason"])
                    for r in history.get(key, [])
                ),
                external_ids=tuple(r["external_id"] for r in externals.get(key, [])),
                attributes=row["attributes"],
                id=key,
            )
        return built

    def ids(self, query: IncidentFilter) -> list[int]:
        """Ids of matching incidents, newest first (those without a date last)."""
        clauses, params = ["TRUE"], list[Any]()
        if not query.include_merged:
            clauses.append("merged_into IS NULL")
        for column, value in (("country", query.country), ("status", query.status)):
            if value:
                clauses.append(f"{column} = %s")
                params.append(value)
        if query.act:
            clauses.append("id IN (SELECT incident_id FROM incident_acts WHERE type = %s)")
            params.append(query.act)
        if query.date_from:
            clauses.append("date_start >= %s")
            params.append(query.date_from)
        if query.date_to:
            clauses.append("date_start <= %s")
            params.append(query.date_to)
        rows = self._db.rows(
            f"SELECT id FROM incidents WHERE {' AND '.join(clauses)}"  # noqa: S608
            " ORDER BY date_start DESC NULLS LAST, id DESC LIMIT %s",
            (*params, query.limit),
        )
        return [int(r["id"]) for r in rows]

    def counted_ids(self) -> list[int]:
        """Ids of every incident not merged into another."""
        return [int(r["id"]) for r in self._db.rows("SELECT id FROM incidents WHERE merged_into IS NULL ORDER BY id")]

    def proposed_blocks(self) -> set[int]:
        """Corpus paragraphs already the source of an incident."""
        rows = self._db.rows("SELECT DISTINCT block_id FROM incident_sources WHERE block_id IS NOT NULL")
        return {int(r["block_id"]) for r in rows}

    # -- duplicates ------------------------------------------------------------------------------------------

    def merge(self, survivor_id: int, merged_id: int, *, at: dt.datetime, actor: str, reason: str) -> None:
        """Merge a duplicate into a survivor; incidents merged into the duplicate follow it."""
        at = stamp(at)
        self._db.execute("UPDATE incidents SET merged_into = %s WHERE merged_into = %s", (survivor_id, merged_id))
        self._db.execute(
            "UPDATE incidents SET merged_into = %s, updated_at = %s WHERE id = %s", (survivor_id, at, merged_id)
        )
        self._db.execute(
            "INSERT INTO incident_merges (survivor_id, merged_id, at, actor, reason) VALUES (%s, %s, %s, %s, %s)",
            (survivor_id, merged_id, at, actor, reason),
        )

    def unmerge(self, merged_id: int, *, at: dt.datetime, actor: str) -> bool:
        """Undo the merge of ``merged_id``."""
        at = stamp(at)
        touched = self._db.execute(
            "UPDATE incidents SET merged_into = NULL, updated_at = %s WHERE id = %s AND merged_into IS NOT NULL",
            (at, merged_id),
        )
        if touched == 0:
            return False
        self._db.execute(
            "UPDATE incident_merges SET undone_at = %s, undone_by = %s WHERE merged_id = %s AND undone_at IS NULL",
            (at, actor, merged_id),
        )
        return True

    def merged_into(self, incident_id: int) -> int | None:
        """The survivor an incident is merged into."""
        row = self._db.one("SELECT merged_into FROM incidents WHERE id = %s", (incident_id,))
        return int(row["merged_into"]) if row and row["merged_into"] is not None else None

    def merges(self, incident_id: int) -> list[Merge]:
        """Merges involving an incident."""
        rows = self._db.rows(
            "SELECT * FROM incident_merges WHERE survivor_id = %s OR merged_id = %s ORDER BY id",
            (incident_id, incident_id),
        )
        return [
            Merge(
                r["id"],
                r["survivor_id"],
                r["merged_id"],
                utc(r["at"]),
                r["actor"],
                r["reason"],
                maybe_utc(r["undone_at"]),
            )
            for r in rows
        ]

    def mark_distinct(self, left_id: int, right_id: int, *, at: dt.datetime, actor: str) -> None:
        """Record that two incidents are not duplicates."""
        low, high = sorted((left_id, right_id))
        self._db.execute(
            "INSERT INTO incident_distinct_pairs (left_id, right_id, at, actor) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            (low, high, stamp(at), actor),
        )

    def distinct_pairs(self) -> set[tuple[int, int]]:
        """Pairs judged not to be duplicates."""
        return {(int(r["left_id"]), int(r["right_id"])) for r in self._db.rows("SELECT * FROM incident_distinct_pairs")}

    # -- cases -----------------------------------------------------------------------------------------------

    def add_case(self, case: Case, *, at: dt.datetime) -> int:
        """Store a case."""
        case_id = int(
            self._db.value(
                "INSERT INTO cases (title, subject, status, sensitivity, created_at) VALUES (%s, %s, %s, %s, %s)"
                " RETURNING id",
                (case.title, case.subject, case.status.value, case.sensitivity.value, stamp(at)),
            )
        )
        for incident_id in case.incidents:
            self.add_case_incident(case_id, incident_id)
        for change in case.history:
            self.add_case_status(case_id, change)
        return case_id

    def get_case(self, case_id: int) -> Case | None:
        """A case with its incidents and history."""
        row = self._db.one("SELECT * FROM cases WHERE id = %s", (case_id,))
        if row is None:
            return None
        incidents = self._db.rows(
            "SELECT c.incident_id FROM case_incidents c JOIN incidents i ON i.id = c.incident_id"
            " WHERE c.case_id = %s ORDER BY i.date_start NULLS FIRST, i.id",
            (case_id,),
        )
        history = self._db.rows("SELECT * FROM case_status WHERE case_id = %s ORDER BY id", (case_id,))
        return Case(
            title=row["title"],
            subject=row["subject"],
            incidents=tuple(int(r["incident_id"]) for r in incidents),
            status=CaseStatus(row["status"]),
            history=tuple(
                CaseStatusChange(CaseStatus(r["status"]), utc(r["at"]), r["actor"], r["reason"]) for r in history
            ),
            sensitivity=Sensitivity(row["sensitivity"]),
            id=row["id"],
        )

    def cases(self) -> list[Case]:
        """Every case, newest first."""
        ids = [int(r["id"]) for r in self._db.rows("SELECT id FROM cases ORDER BY id DESC")]
        return [case for case in (self.get_case(i) for i in ids) if case is not None]

    def add_case_incident(self, case_id: int, incident_id: int) -> None:
        """Add an incident to a case."""
        self._db.execute(
            "INSERT INTO case_incidents (case_id, incident_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (case_id, incident_id),
        )

    def add_case_status(self, case_id: int, change: CaseStatusChange) -> None:
        """Append a case status change."""
        self._db.execute(
            "INSERT INTO case_status (case_id, status, at, actor, reason) VALUES (%s, %s, %s, %s, %s)",
            (case_id, change.status.value, stamp(change.at), change.by, change.reason),
        )
        self._db.execute("UPDATE cases SET status = %s WHERE id = %s", (change.status.value, case_id))

    # -- warnings --------------------------------------------------------------------------------------------

    def acknowledge(self, acknowledgement: Acknowledgement) -> None:
        """Record (or update) an acknowledged warning."""
        a = acknowledgement
        self._db.execute(
            "INSERT INTO warning_acknowledgements (series, period, at, actor, note, intervention_id)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (series, period) DO UPDATE SET at = excluded.at,"
            " actor = excluded.actor, note = excluded.note,"
            " intervention_id = coalesce(excluded.intervention_id, warning_acknowledgements.intervention_id)",
            (a.series, a.period, stamp(a.at), a.actor, a.note, a.intervention_id),
        )

    def acknowledgements(self) -> dict[tuple[str, str], Acknowledgement]:
        """Acknowledged warnings."""
        return {
            (r["series"], r["period"]): Acknowledgement(
                r["series"], r["period"], utc(r["at"]), r["actor"], r["note"], r["intervention_id"]
            )
            for r in self._db.rows("SELECT * FROM warning_acknowledgements")
        }


_COUNTABLE = """
    SELECT i.id, i.status, i.sensitivity, i.date_start, i.date_end, i.date_precision, i.country,
           (SELECT json_agg(json_build_object('type', a.type, 'victims', a.victims, 'perpetrators', a.perpetrators)
                            ORDER BY a.seq) FROM incident_acts a WHERE a.incident_id = i.id) AS acts,
           (SELECT json_agg(json_build_object('sex', v.sex, 'age_group', v.age_group, 'roles', v.roles,
                                              'sensitivity', v.sensitivity) ORDER BY v.seq)
              FROM incident_victims v WHERE v.incident_id = i.id) AS victims,
           (SELECT json_agg(p.type ORDER BY p.seq) FROM incident_perpetrators p WHERE p.incident_id = i.id)
             AS perpetrators
      FROM incidents i
     WHERE i.merged_into IS NULL AND EXISTS (SELECT 1 FROM incident_acts a WHERE a.incident_id = i.id)
     ORDER BY i.id
"""


def _countable(row: DictRow) -> Incident:
    return Incident(
        title="",
        date=FuzzyDate(row["date_start"], row["date_end"], DatePrecision(row["date_precision"])),
        location=Location(row["country"]),
        acts=tuple(Act(a["type"], tuple(a["victims"]), tuple(a["perpetrators"])) for a in row["acts"]),
        victims=tuple(
            Victim(
                sex=Sex(v["sex"]),
                age_group=AgeGroup(v["age_group"]),
                roles=tuple(v["roles"]),
                sensitivity=Sensitivity(v["sensitivity"]),
            )
            for v in row["victims"] or ()
        ),
        perpetrators=tuple(Perpetrator(PerpetratorType(t)) for t in row["perpetrators"] or ()),
        sensitivity=Sensitivity(row["sensitivity"]),
        status=VerificationStatus(row["status"]),
        id=row["id"],
    )


def _event_values(incident: Incident) -> tuple[Any, ...]:
    date, where = incident.date, incident.location
    return (
        incident.title, incident.description, date.start, date.end, date.precision.value, date.text,
        bool(date.approximate), where.country, where.admin_area, where.place, incident.sensitivity.value,
    )  # fmt: skip


def _act(row: DictRow) -> Act:
    return Act(
        type=row["type"],
        victims=tuple(row["victims"]),
        perpetrators=tuple(row["perpetrators"]),
        date=_date(row) if row["date_precision"] else None,
        motive=row["motive"],
        motive_confirmed=row["motive_confirmed"],
    )


def _victim(row: DictRow) -> Victim:
    return Victim(
        name=row["name"],
        kind=VictimKind(row["kind"]),
        sex=Sex(row["sex"]),
        age=row["age"],
        age_group=AgeGroup(row["age_group"]),
        roles=tuple(row["roles"]),
        organisation=row["organisation"],
        sensitivity=Sensitivity(row["sensitivity"]),
    )


def _source(row: DictRow) -> Source:
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


def _intervention(row: DictRow) -> Intervention:
    reply = StateReply(row["reply_date"], row["reply_summary"]) if row["reply_date"] else None
    return Intervention(
        kind=InterventionKind(row["kind"]),
        date=row["date"],
        by=row["actor"],
        symbol=row["symbol"],
        summary=row["summary"],
        reply=reply,
        sensitivity=Sensitivity(row["sensitivity"]),
        id=row["id"],
    )
