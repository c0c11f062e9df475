"""Incidents in SQLite (:class:`hrdmap.storage.incidents.IncidentRepository`); tables: ``0006_incidents.sql``."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

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
from hrdmap.storage.sqlite.connection import chunks
from hrdmap.storage.sqlite.timestamps import date_from_text, date_to_text, from_text, to_text


def _date_columns(date: FuzzyDate | None) -> tuple[Any, ...]:
    if date is None:
        return (None, None, None, None)
    return (date_to_text(date.start), date_to_text(date.end), date.precision.value, date.text)


def _date(row: sqlite3.Row, prefix: str = "date") -> FuzzyDate:
    return FuzzyDate(
        date_from_text(row[f"{prefix}_start"]),
        date_from_text(row[f"{prefix}_end"]),
        DatePrecision(row[f"{prefix}_precision"]),
        row[f"{prefix}_text"] or "",
    )


class SqliteIncidents:
    """Incidents over one SQLite connection; writes join the store's transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # -- writing ---------------------------------------------------------------------------------------------

    def add(self, incident: Incident, *, at: dt.datetime) -> int:
        """Store a new incident with all its parts."""
        stamp = to_text(at)
        cursor = self._conn.execute(
            "INSERT INTO incidents (title, description, date_start, date_end, date_precision, date_text,"
            " date_approximate, country, admin_area, place, sensitivity, status, attributes, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*self._event_values(incident), incident.status.value, json.dumps(incident.attributes), stamp, stamp),
        )
        incident_id = int(cursor.lastrowid or 0)
        self._write_parts(incident_id, incident)
        for source in incident.sources:
            self.add_source(incident_id, source, at=at)
        for intervention in incident.interventions:
            self.add_intervention(incident_id, intervention)
        for change in incident.history:
            self._conn.execute(
                "INSERT INTO incident_status (incident_id, status, at, actor, reason) VALUES (?, ?, ?, ?, ?)",
                (incident_id, change.status.value, to_text(change.at), change.by, change.reason),
            )
        for external in incident.external_ids:
            self.add_external_id(incident_id, external)
        return incident_id

    @staticmethod
    def _event_values(incident: Incident) -> tuple[Any, ...]:
        date, where = incident.date, incident.location
        return (
            incident.title, incident.description, date_to_text(date.start), date_to_text(date.end),
            date.precision.value, date.text, int(date.approximate), where.country, where.admin_area, where.place,
            incident.sensitivity.value,
        )  # fmt: skip

    def _write_parts(self, incident_id: int, incident: Incident) -> None:
        for seq, act in enumerate(incident.acts):
            confirmed = None if act.motive_confirmed is None else int(act.motive_confirmed)
            self._conn.execute(
                "INSERT INTO incident_acts (incident_id, seq, type, victims, perpetrators, date_start, date_end,"
                " date_precision, date_text, motive, motive_confirmed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (incident_id, seq, act.type, json.dumps(list(act.victims)), json.dumps(list(act.perpetrators)),
                 *_date_columns(act.date), act.motive, confirmed),
            )  # fmt: skip
        for seq, victim in enumerate(incident.victims):
            self._conn.execute(
                "INSERT INTO incident_victims (incident_id, seq, name, kind, sex, age, age_group, roles,"
                " organisation, sensitivity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (incident_id, seq, victim.name, victim.kind.value, victim.sex.value, victim.age,
                 victim.age_group.value, json.dumps(list(victim.roles)), victim.organisation,
                 victim.sensitivity.value),
            )  # fmt: skip
        for seq, perpetrator in enumerate(incident.perpetrators):
            self._conn.execute(
                "INSERT INTO incident_perpetrators (incident_id, seq, type, name) VALUES (?, ?, ?, ?)",
                (incident_id, seq, perpetrator.type.value, perpetrator.name),
            )

    def replace(self, incident_id: int, incident: Incident, *, at: dt.datetime) -> None:
        """Replace the event's fields, acts, victims and perpetrators; sources and history stay."""
        self._conn.execute(
            "UPDATE incidents SET title = ?, description = ?, date_start = ?, date_end = ?, date_precision = ?,"
            " date_text = ?, date_approximate = ?, country = ?, admin_area = ?, place = ?, sensitivity = ?,"
            " attributes = ?, updated_at = ? WHERE id = ?",
            (*self._event_values(incident), json.dumps(incident.attributes), to_text(at), incident_id),
        )
        for table in ("incident_acts", "incident_victims", "incident_perpetrators"):
            self._conn.execute(f"DELETE FROM {table} WHERE incident_id = ?", (incident_id,))  # noqa: S608
        self._write_parts(incident_id, incident)

    def add_external_id(self, incident_id: int, external_id: str) -> None:
        """Record one more list id for an incident."""
        self._conn.execute(
            "INSERT OR IGNORE INTO incident_external_ids (external_id, incident_id) VALUES (?, ?)",
            (external_id, incident_id),
        )

    def add_source(self, incident_id: int, source: Source, *, at: dt.datetime, block_id: int | None = None) -> None:
        """Attach a source."""
        self._conn.execute(
            "INSERT INTO incident_sources (incident_id, kind, reference, name, reliability, independence,"
            " independence_group, evidence, sensitivity, block_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (incident_id, source.kind.value, source.reference, source.name, source.reliability.value,
             source.independence.value, source.independence_group, source.evidence, source.sensitivity.value,
             block_id, to_text(at)),
        )  # fmt: skip

    def add_status(self, incident_id: int, change: StatusChange) -> None:
        """Append a status change and make it current."""
        self._conn.execute(
            "INSERT INTO incident_status (incident_id, status, at, actor, reason) VALUES (?, ?, ?, ?, ?)",
            (incident_id, change.status.value, to_text(change.at), change.by, change.reason),
        )
        self._conn.execute(
            "UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?",
            (change.status.value, to_text(change.at), incident_id),
        )

    def add_intervention(self, incident_id: int, intervention: Intervention) -> int:
        """Record a UN intervention."""
        reply = intervention.reply
        cursor = self._conn.execute(
            "INSERT INTO incident_interventions (incident_id, kind, date, actor, symbol, summary, reply_date,"
            " reply_summary, sensitivity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (incident_id, intervention.kind.value, intervention.date.isoformat(), intervention.by,
             intervention.symbol, intervention.summary, date_to_text(reply.date) if reply else None,
             reply.summary if reply else "", intervention.sensitivity.value),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def set_reply(self, intervention_id: int, reply: StateReply) -> bool:
        """Record the State's reply."""
        cursor = self._conn.execute(
            "UPDATE incident_interventions SET reply_date = ?, reply_summary = ? WHERE id = ?",
            (reply.date.isoformat(), reply.summary, intervention_id),
        )
        return cursor.rowcount > 0

    def intervention_incident(self, intervention_id: int) -> int | None:
        """The incident an intervention belongs to."""
        row = self._conn.execute(
            "SELECT incident_id FROM incident_interventions WHERE id = ?", (intervention_id,)
        ).fetchone()
        return int(row[0]) if row else None

    # -- reading ---------------------------------------------------------------------------------------------

    def by_external_id(self, external_id: str) -> int | None:
        """The incident a list's id belongs to."""
        row = self._conn.execute(
            "SELECT incident_id FROM incident_external_ids WHERE external_id = ?", (external_id,)
        ).fetchone()
        return int(row[0]) if row else None

    def get(self, incident_id: int) -> Incident | None:
        """The whole incident."""
        found = self.get_many([incident_id])
        return found[0] if found else None

    def get_many(self, incident_ids: Sequence[int]) -> list[Incident]:
        """Several incidents, in the order asked."""
        return list(self.iterate(incident_ids))

    def iterate(self, incident_ids: Sequence[int], chunk: int = 500) -> Iterator[Incident]:
        """Incidents read in chunks."""
        for part in chunks(list(incident_ids), chunk):
            built = self._build(part)
            yield from (built[i] for i in part if i in built)

    def countable(self) -> Iterator[Incident]:
        """Incidents not merged into another, with only what counting needs, streamed in id order.

        Four cursors sorted by incident id are walked together (a merge join), so memory stays flat.
        """
        events = self._conn.execute(
            "SELECT id, status, sensitivity, date_start, date_end, date_precision, country FROM incidents"
            " WHERE merged_into IS NULL ORDER BY id"
        )
        acts = _Grouped(self._conn.execute(
            "SELECT incident_id, type, victims, perpetrators FROM incident_acts ORDER BY incident_id, seq"
        ))  # fmt: skip
        victims = _Grouped(self._conn.execute(
            "SELECT incident_id, sex, age_group, roles, sensitivity FROM incident_victims ORDER BY incident_id, seq"
        ))  # fmt: skip
        perpetrators = _Grouped(self._conn.execute(
            "SELECT incident_id, type FROM incident_perpetrators ORDER BY incident_id, seq"
        ))  # fmt: skip
        for row in events:
            key = row["id"]
            found_acts = acts.take(key)
            if not found_acts:
                continue
            yield Incident(
                title="",
                date=FuzzyDate(
                    date_from_text(row["date_start"]),
                    date_from_text(row["date_end"]),
                    DatePrecision(row["date_precision"]),
                ),
                location=Location(row["country"]),
                acts=tuple(
                    Act(a["type"], tuple(json.loads(a["victims"])), tuple(json.loads(a["perpetrators"])))
                    for a in found_acts
                ),
                victims=tuple(
                    Victim(
                        sex=Sex(v["sex"]),
                        age_group=AgeGroup(v["age_group"]),
                        roles=tuple(json.loads(v["roles"])),
                        sensitivity=Sensitivity(v["sensitivity"]),
                    )
                    for v in victims.take(key)
                ),  # fmt: skip
                perpetrators=tuple(Perpetrator(PerpetratorType(p["type"])) for p in perpetrators.take(key)),
                sensitivity=Sensitivity(row["sensitivity"]),
                status=VerificationStatus(row["status"]),
                id=key,
            )

    def _rows(self, table: str, ids: Sequence[int], order: str = "seq") -> dict[int, list[sqlite3.Row]]:
        marks = ",".join("?" * len(ids))
        grouped: dict[int, list[sqlite3.Row]] = {}
        sql = f"SELECT * FROM {table} WHERE incident_id IN ({marks}) ORDER BY incident_id, {order}"  # noqa: S608
        for row in self._conn.execute(sql, tuple(ids)):
            grouped.setdefault(row["incident_id"], []).append(row)
        return grouped

    def _sources(self, ids: Sequence[int]) -> dict[int, list[sqlite3.Row]]:
        """Sources of each incident and of those merged into it."""
        marks = ",".join("?" * len(ids))
        sql = (
            "SELECT s.*, coalesce(i.merged_into, s.incident_id) AS owner FROM incident_sources s"  # noqa: S608
            " JOIN incidents i ON i.id = s.incident_id"
            f" WHERE s.incident_id IN ({marks}) OR i.merged_into IN ({marks}) ORDER BY s.id"
        )
        grouped: dict[int, list[sqlite3.Row]] = {}
        for row in self._conn.execute(sql, (*ids, *ids)):
            grouped.setdefault(row["owner"], []).append(row)
            if row["owner"] != row["incident_id"] and row["incident_id"] in ids:
                grouped.setdefault(row["incident_id"], []).append(row)
        return grouped

    def _build(self, ids: Sequence[int]) -> dict[int, Incident]:
        marks = ",".join("?" * len(ids))
        events = self._conn.execute(f"SELECT * FROM incidents WHERE id IN ({marks})", tuple(ids)).fetchall()  # noqa: S608
        acts, victims = self._rows("incident_acts", ids), self._rows("incident_victims", ids)
        perpetrators, sources = self._rows("incident_perpetrators", ids), self._sources(ids)
        interventions = self._rows("incident_interventions", ids, "id")
        history = self._rows("incident_status", ids, "id")
        externals = self._rows("incident_external_ids", ids, "external_id")
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
                    StatusChange(VerificationStatus(r["status"]), from_text(r["at"]), r["actor"], r["reason"])
                    for r in history.get(key, [])
                ),
                external_ids=tuple(r["external_id"] for r in externals.get(key, [])),
                attributes=json.loads(row["attributes"]),
                id=key,
            )
        return built

    def ids(self, query: IncidentFilter) -> list[int]:
        """Ids of matching incidents, newest first."""
        clauses, params = ["1 = 1"], []
        if not query.include_merged:
            clauses.append("merged_into IS NULL")
        for column, value in (("country", query.country), ("status", query.status)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if query.act:
            clauses.append("id IN (SELECT incident_id FROM incident_acts WHERE type = ?)")
            params.append(query.act)
        if query.date_from:
            clauses.append("date_start >= ?")
            params.append(query.date_from.isoformat())
        if query.date_to:
            clauses.append("date_start <= ?")
            params.append(query.date_to.isoformat())
        sql = f"SELECT id FROM incidents WHERE {' AND '.join(clauses)} ORDER BY date_start DESC, id DESC LIMIT ?"  # noqa: S608
        return [int(r[0]) for r in self._conn.execute(sql, (*params, query.limit))]

    def counted_ids(self) -> list[int]:
        """Ids of every incident not merged into another."""
        return [int(r[0]) for r in self._conn.execute("SELECT id FROM incidents WHERE merged_into IS NULL ORDER BY id")]

    def proposed_blocks(self) -> set[int]:
        """Corpus paragraphs already the source of an incident."""
        rows = self._conn.execute("SELECT DISTINCT block_id FROM incident_sources WHERE block_id IS NOT NULL")
        return {int(r[0]) for r in rows}

    # -- duplicates ------------------------------------------------------------------------------------------

    def merge(self, survivor_id: int, merged_id: int, *, at: dt.datetime, actor: str, reason: str) -> None:
        """Merge a duplicate into a survivor; incidents merged into the duplicate follow it."""
        self._conn.execute("UPDATE incidents SET merged_into = ? WHERE merged_into = ?", (survivor_id, merged_id))
        self._conn.execute(
            "UPDATE incidents SET merged_into = ?, updated_at = ? WHERE id = ?", (survivor_id, to_text(at), merged_id)
        )
        self._conn.execute(
            "INSERT INTO incident_merges (survivor_id, merged_id, at, actor, reason) VALUES (?, ?, ?, ?, ?)",
            (survivor_id, merged_id, to_text(at), actor, reason),
        )

    def unmerge(self, merged_id: int, *, at: dt.datetime, actor: str) -> bool:
        """Undo the merge of ``merged_id``."""
        cursor = self._conn.execute(
            "UPDATE incidents SET merged_into = NULL, updated_at = ? WHERE id = ? AND merged_into IS NOT NULL",
            (to_text(at), merged_id),
        )
        if cursor.rowcount == 0:
            return False
        self._conn.execute(
            "UPDATE incident_merges SET undone_at = ?, undone_by = ? WHERE merged_id = ? AND undone_at IS NULL",
            (to_text(at), actor, merged_id),
        )
        return True

    def merged_into(self, incident_id: int) -> int | None:
        """The survivor an incident is merged into."""
        row = self._conn.execute("SELECT merged_into FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def merges(self, incident_id: int) -> list[Merge]:
        """Merges involving an incident."""
        rows = self._conn.execute(
            "SELECT * FROM incident_merges WHERE survivor_id = ? OR merged_id = ? ORDER BY id",
            (incident_id, incident_id),
        )
        return [
            Merge(r["id"], r["survivor_id"], r["merged_id"], from_text(r["at"]), r["actor"], r["reason"],
                  from_text(r["undone_at"]) if r["undone_at"] else None)
            for r in rows
        ]  # fmt: skip

    def mark_distinct(self, left_id: int, right_id: int, *, at: dt.datetime, actor: str) -> None:
        """Record that two incidents are not duplicates."""
        low, high = sorted((left_id, right_id))
        self._conn.execute(
            "INSERT OR IGNORE INTO incident_distinct_pairs (left_id, right_id, at, actor) VALUES (?, ?, ?, ?)",
            (low, high, to_text(at), actor),
        )

    def distinct_pairs(self) -> set[tuple[int, int]]:
        """Pairs judged not to be duplicates."""
        return {
            (int(r[0]), int(r[1])) for r in self._conn.execute("SELECT left_id, right_id FROM incident_distinct_pairs")
        }

    # -- cases -----------------------------------------------------------------------------------------------

    def add_case(self, case: Case, *, at: dt.datetime) -> int:
        """Store a case."""
        cursor = self._conn.execute(
            "INSERT INTO cases (title, subject, status, sensitivity, created_at) VALUES (?, ?, ?, ?, ?)",
            (case.title, case.subject, case.status.value, case.sensitivity.value, to_text(at)),
        )
        case_id = int(cursor.lastrowid or 0)
        for incident_id in case.incidents:
            self.add_case_incident(case_id, incident_id)
        for change in case.history:
            self.add_case_status(case_id, change)
        return case_id

    def get_case(self, case_id: int) -> Case | None:
        """A case with its incidents and history."""
        row = self._conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            return None
        incidents = self._conn.execute(
            "SELECT c.incident_id FROM case_incidents c JOIN incidents i ON i.id = c.incident_id"
            " WHERE c.case_id = ? ORDER BY i.date_start, i.id",
            (case_id,),
        )
        history = self._conn.execute("SELECT * FROM case_status WHERE case_id = ? ORDER BY id", (case_id,))
        return Case(
            title=row["title"],
            subject=row["subject"],
            incidents=tuple(int(r[0]) for r in incidents),
            status=CaseStatus(row["status"]),
            history=tuple(
                CaseStatusChange(CaseStatus(r["status"]), from_text(r["at"]), r["actor"], r["reason"]) for r in history
            ),
            sensitivity=Sensitivity(row["sensitivity"]),
            id=row["id"],
        )

    def cases(self) -> list[Case]:
        """Every case, newest first."""
        ids = [int(r[0]) for r in self._conn.execute("SELECT id FROM cases ORDER BY id DESC")]
        return [case for case in (self.get_case(i) for i in ids) if case is not None]

    def add_case_incident(self, case_id: int, incident_id: int) -> None:
        """Add an incident to a case."""
        self._conn.execute(
            "INSERT OR IGNORE INTO case_incidents (case_id, incident_id) VALUES (?, ?)", (case_id, incident_id)
        )

    def add_case_status(self, case_id: int, change: CaseStatusChange) -> None:
        """Append a case status change."""
        self._conn.execute(
            "INSERT INTO case_status (case_id, status, at, actor, reason) VALUES (?, ?, ?, ?, ?)",
            (case_id, change.status.value, to_text(change.at), change.by, change.reason),
        )
        self._conn.execute("UPDATE cases SET status = ? WHERE id = ?", (change.status.value, case_id))

    # -- warnings --------------------------------------------------------------------------------------------

    def acknowledge(self, acknowledgement: Acknowledgement) -> None:
        """Record (or update) an acknowledged warning."""
        a = acknowledgement
        self._conn.execute(
            "INSERT INTO warning_acknowledgements (series, period, at, actor, note, intervention_id)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (series, period) DO UPDATE SET at = excluded.at,"
            " actor = excluded.actor, note = excluded.note,"
            " intervention_id = coalesce(excluded.intervention_id, intervention_id)",
            (a.series, a.period, to_text(a.at), a.actor, a.note, a.intervention_id),
        )

    def acknowledgements(self) -> dict[tuple[str, str], Acknowledgement]:
        """Acknowledged warnings."""
        return {
            (r["series"], r["period"]): Acknowledgement(
                r["series"], r["period"], from_text(r["at"]), r["actor"], r["note"], r["intervention_id"]
            )
            for r in self._conn.execute("SELECT * FROM warning_acknowledgements")
        }


class _Grouped:
    """Rows of a cursor sorted by ``incident_id``, taken one incident at a time (ids asked in increasing order)."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._rows = iter(cursor)
        self._next: sqlite3.Row | None = next(self._rows, None)

    def take(self, incident_id: int) -> list[sqlite3.Row]:
        while self._next is not None and self._next["incident_id"] < incident_id:
            self._next = next(self._rows, None)
        found = []
        while self._next is not None and self._next["incident_id"] == incident_id:
            found.append(self._next)
            self._next = next(self._rows, None)
        return found


def _act(row: sqlite3.Row) -> Act:
    confirmed = row["motive_confirmed"]
    return Act(
        type=row["type"],
        victims=tuple(json.loads(row["victims"])),
        perpetrators=tuple(json.loads(row["perpetrators"])),
        date=_date(row) if row["date_precision"] else None,
        motive=row["motive"],
        motive_confirmed=None if confirmed is None else bool(confirmed),
    )


def _victim(row: sqlite3.Row) -> Victim:
    return Victim(
        name=row["name"],
        kind=VictimKind(row["kind"]),
        sex=Sex(row["sex"]),
        age=row["age"],
        age_group=AgeGroup(row["age_group"]),
        roles=tuple(json.loads(row["roles"])),
        organisation=row["organisation"],
        sensitivity=Sensitivity(row["sensitivity"]),
    )


def _source(row: sqlite3.Row) -> Source:
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


def _intervention(row: sqlite3.Row) -> Intervention:
    reply = StateReply(dt.date.fromisoformat(row["reply_date"]), row["reply_summary"]) if row["reply_date"] else None
    return Intervention(
        kind=InterventionKind(row["kind"]),
        date=dt.date.fromisoformat(row["date"]),
        by=row["actor"],
        symbol=row["symbol"],
        summary=row["summary"],
        reply=reply,
        sensitivity=Sensitivity(row["sensitivity"]),
        id=row["id"],
    )
