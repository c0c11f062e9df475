"""Indicators (SDG 16.10.1 and any act type) counted with DuckDB over the incidents' fact rows.

An :class:`IndicatorTable` loads the fact rows (:mod:`hrdmap.monitoring.facts`) once into an in-process DuckDB
table; each :meth:`IndicatorTable.count` is then one ``GROUP BY`` (docs/monitoring.md measures it over 1,000,000
incidents), and :meth:`IndicatorTable.drill` lists the incidents behind any cell.

Counting rules (docs/monitoring.md): the unit is the **victim** of an act (16.10.1 counts people), with the number
of incidents beside it; only incidents that count (reported, under verification, verified, not verifiable: not
proposed, rejected or refuted) are counted, or those of the statuses asked for; an incident belongs to the year
and month of its first possible day; a victim with several roles counts once in each role, so rows by role may
add up to more than the total; the same holds for perpetrators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hrdmap.domain.errors import InvalidInput
from hrdmap.domain.monitoring.vocabulary import COUNTED, Sensitivity
from hrdmap.monitoring.facts import COLUMNS

#: The groupings a count can be broken down by, and the column (or unnested list) behind each.
DIMENSIONS: dict[str, str] = {
    "year": "year",
    "month": "month",
    "country": "country",
    "region": "region",
    "subregion": "subregion",
    "sex": "sex",
    "age_group": "age_group",
    "role": "role",
    "perpetrator": "perpetrator",
    "act": "act",
    "status": "status",
    "precision": "precision",
}
#: The violations SDG indicator 16.10.1 counts.
SDG_16_10_1 = ("killing", "enforced-disappearance", "torture", "arbitrary-detention")
#: The victims' groups 16.10.1 counts (labels of the groups-at-risk framework).
SDG_16_10_1_GROUPS = ("defenders", "journalists", "trade-unionists")


class IndicatorError(InvalidInput):
    """A query that cannot be answered (an unknown grouping)."""


@dataclass(frozen=True, slots=True)
class IndicatorQuery:
    """What to count.

    Attributes:
        acts: Act types counted (empty: all).
        by: Groupings, in order (names of :data:`DIMENSIONS`).
        statuses: Verification statuses counted (empty: every status that counts).
        date_from: Earliest first possible day.
        date_to: Latest first possible day.
        roles: Only victims with one of these roles (empty: all).
        countries: Only these ISO3 codes (empty: all).
        clearance: The most sensitive record the reader may see counted.
    """

    acts: tuple[str, ...] = ()
    by: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    roles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    clearance: Sensitivity = Sensitivity.PUBLIC


@dataclass(frozen=True, slots=True)
class Cell:
    """One figure: the values of the groupings, the victims and the incidents counted."""

    key: tuple[str, ...]
    victims: int
    incidents: int
    meta: dict[str, Any] = field(default_factory=dict)


class IndicatorTable:
    """Fact rows held in DuckDB, counted by any grouping.

    Example::

        table = IndicatorTable(fact_rows(incidents))
        table.count(IndicatorQuery(acts=("killing",), by=("year", "country")))
    """

    def __init__(self, rows: Iterable[dict[str, Any]], threads: int = 2) -> None:
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        for row in rows:
            for name in COLUMNS:
                columns[name].append(row[name])
        self._load(columns, threads)

    @classmethod
    def from_columns(cls, columns: Mapping[str, Sequence[Any]], threads: int = 2) -> IndicatorTable:
        """A table from fact columns (name → values, all of one length), e.g. read column-wise from a store."""
        table = cls.__new__(cls)
        table._load(columns, threads)
        return table

    def _load(self, columns: Mapping[str, Sequence[Any]], threads: int) -> None:
        import duckdb
        import pyarrow as pa

        schema = pa.schema(
            [
                (name, pa.list_(pa.string()) if name in ("roles", "perpetrators") else _arrow_type(name))
                for name in COLUMNS
            ]
        )
        self._connection = duckdb.connect()
        self._connection.execute(f"SET threads TO {int(threads)}")
        self._connection.register("facts_arrow", pa.Table.from_pydict(dict(columns), schema=schema))
        # Low-cardinality text columns become ENUMs: grouping and filtering on them is several times faster.
        self._values: dict[str, frozenset[str]] = {}
        casts = []
        for column in _ENUM_COLUMNS:
            found = self._connection.execute(
                f"SELECT DISTINCT {column} FROM facts_arrow WHERE {column} IS NOT NULL"  # noqa: S608 - fixed names
            ).fetchall()
            self._values[column] = frozenset(str(row[0]) for row in found)
            members = ", ".join(_literal(v) for v in sorted(self._values[column])) or "''"
            self._connection.execute(f"CREATE TYPE {column}_t AS ENUM ({members})")
            casts.append(f"CAST({column} AS {column}_t) AS {column}")
        for column in ("roles", "perpetrators"):
            sql = f"SELECT DISTINCT unnest({column}) FROM facts_arrow"  # noqa: S608 - fixed names
            found = self._connection.execute(sql).fetchall()
            self._values[column] = frozenset(str(row[0]) for row in found)
        replace = ", ".join(casts)
        self._connection.execute(f"CREATE TABLE facts AS SELECT * REPLACE ({replace}) FROM facts_arrow")  # noqa: S608
        self._connection.unregister("facts_arrow")
        self.size = len(columns["incident_id"])

    def _in(self, column: str, values: Iterable[str]) -> str:
        """SQL ``column IN (...)`` over the values the table holds (others cannot match), as literals."""
        known = sorted(v for v in set(values) if v in self._values[column])
        return f"{column} IN ({', '.join(_literal(v) for v in known)})" if known else "FALSE"

    def close(self) -> None:
        """Release the DuckDB connection."""
        self._connection.close()

    def _where(self, query: IndicatorQuery) -> tuple[str, list[Any]]:
        levels = [s.value for s in Sensitivity if s.rank <= query.clearance.rank]
        clauses = [self._in("sensitivity", levels)]
        clauses.append(self._in("status", query.statuses or sorted(s.value for s in COUNTED)))
        params: list[Any] = []
        if query.acts:
            clauses.append(self._in("act", query.acts))
        if query.roles:
            clauses.append("list_has_any(roles, ?)")
            params.append(list(query.roles))
        if query.countries:
            clauses.append(self._in("country", query.countries))
        if query.date_from:
            clauses.append("date_start >= ?")
            params.append(query.date_from)
        if query.date_to:
            clauses.append("date_start <= ?")
            params.append(query.date_to)
        return " AND ".join(clauses), params

    def _source(self, query: IndicatorQuery) -> tuple[str, list[Any]]:
        unknown = [d for d in query.by if d not in DIMENSIONS]
        if unknown:
            raise IndicatorError(f"cannot group by {unknown[0]!r} (one of: {', '.join(DIMENSIONS)})")
        where, params = self._where(query)
        extra = []
        if "role" in query.by:
            extra.append("unnest(roles) AS role")
        if "perpetrator" in query.by:
            extra.append("unnest(perpetrators) AS perpetrator")
        select = ", ".join(["*", *extra])
        inner = f"SELECT {select} FROM facts WHERE {where}"  # noqa: S608 - fixed column names; values are bound
        if "role" in query.by and query.roles:
            inner = f"SELECT * FROM ({inner}) WHERE list_contains(?, role)"  # noqa: S608 - values are bound
            params.append(list(query.roles))
        return inner, params

    def count(self, query: IndicatorQuery) -> list[Cell]:
        """The figures of a query, one cell per combination of the groupings, in order.

        Raises:
            IndicatorError: An unknown grouping.
        """
        inner, params = self._source(query)
        keys = [DIMENSIONS[d] for d in query.by]
        cast = ", ".join(f"coalesce(CAST({k} AS VARCHAR), '(unknown)')" for k in keys)
        group = f"GROUP BY ALL ORDER BY {', '.join(str(i + 1) for i in range(len(keys)))}" if keys else ""
        select = f"{cast}, " if keys else ""
        # Rows are unique per act and victim: with one act type, counting rows counts victims.
        victims = "count(*)" if len(query.acts) == 1 else "count(DISTINCT victim_uid)"
        counts = f"{victims}, count(DISTINCT incident_id)"
        sql = f"SELECT {select}{counts} FROM ({inner}) {group}"  # noqa: S608 - fixed column names; values are bound
        rows = self._connection.execute(sql, params).fetchall()
        return [Cell(tuple(row[: len(keys)]), int(row[-2]), int(row[-1])) for row in rows if row[-1]]

    def drill(self, query: IndicatorQuery, key: Sequence[str], limit: int | None = None) -> list[int]:
        """The ids of the incidents behind one cell of ``query`` (``key``: the cell's grouping values)."""
        inner, params = self._source(query)
        conditions = []
        for dimension, value in zip(query.by, key, strict=True):
            conditions.append(f"coalesce(CAST({DIMENSIONS[dimension]} AS VARCHAR), '(unknown)') = ?")
            params.append(value)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        tail = f" LIMIT {int(limit)}" if limit else ""
        sql = f"SELECT DISTINCT incident_id FROM ({inner}) {where} ORDER BY incident_id{tail}"  # noqa: S608
        return [int(row[0]) for row in self._connection.execute(sql, params).fetchall()]


_ENUM_COLUMNS = (
    "act",
    "status",
    "sensitivity",
    "month",
    "precision",
    "country",
    "region",
    "subregion",
    "sex",
    "age_group",
)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _arrow_type(name: str) -> Any:
    import pyarrow as pa

    if name in ("incident_id", "victim_uid"):
        return pa.int64()
    if name == "year":
        return pa.int32()
    if name in ("date_start", "date_end"):
        return pa.date32()
    return pa.string()
