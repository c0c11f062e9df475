"""The mandate registry in PostgreSQL: :class:`hrdmap.storage.sql.mandates.SqlMandates`, citing text found with
``ILIKE`` (PostgreSQL's ``LIKE`` minds case, SQLite's does not)."""

from __future__ import annotations

from hrdmap.storage.sql.mandates import SqlMandates


class PostgresMandates(SqlMandates):
    """The shared mandate registry over a PostgreSQL session; implements
    :class:`hrdmap.storage.mandates.MandateRepository`."""

    citing_statement = SqlMandates.citing_statement.replace(" LIKE ", " ILIKE ")
