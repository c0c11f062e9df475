"""What only the PostgreSQL audit trail needs: chaining the entries written before the chain existed.

The trail itself is :class:`hrdmap.storage.sql.audit.SqlAudit`. Triggers (migration ``0011_audit_chain.sql``)
refuse to update, delete or truncate chained entries and to insert one without a hash; :func:`chain_existing`
chains the entries written before that migration, as part of it.
"""

from __future__ import annotations

from hrdmap.storage.audit_chain import GENESIS, entry_hash
from hrdmap.storage.postgresql.connection import Connection
from hrdmap.storage.postgresql.values import utc


def chain_existing(conn: Connection) -> int:
    """Chain the entries written before the chain existed, in id order (inside the migration's transaction).

    Returns:
        How many entries were chained.
    """
    previous, count = GENESIS, 0
    for r in conn.execute("SELECT * FROM audit ORDER BY id").fetchall():
        own = entry_hash(r["id"], utc(r["at"]), r["actor"], r["action"], r["subject"], r["detail"], previous)
        conn.execute("UPDATE audit SET previous_hash = %s, hash = %s WHERE id = %s", (previous, own, r["id"]))
        previous, count = own, count + 1
    return count
