"""Incidents in PostgreSQL: the shared statements (:mod:`hrdmap.storage.sql.incidents`) and a streaming read for
figures."""

from __future__ import annotations

from collections.abc import Iterator

from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.storage.postgresql.session import PostgresSession
from hrdmap.storage.sql.incidents import SqlIncidents

#: Each countable incident with its acts, victims and perpetrators gathered as JSON.
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


class PostgresIncidents(SqlIncidents[PostgresSession]):
    """Incidents in PostgreSQL; writes join the store's transaction."""

    def countable(self) -> Iterator[Incident]:
        """Incidents not merged into another, with only what counting needs, streamed in id order.

        One query gathers each incident's acts, victims and perpetrators as JSON, read through a server-side
        cursor, so memory stays flat however large the store.
        """
        with self._session.db.connection() as conn, conn.transaction(), conn.cursor(name="hrdmap_countable") as cursor:
            cursor.itersize = 2000
            cursor.execute(_COUNTABLE)
            for row in cursor:
                yield self._counted(row, row["acts"], row["victims"] or (), row["perpetrators"] or ())
