"""What only the SQLite audit trail needs: chaining the entries written before the chain existed.

The trail itself is :class:`hrdmap.storage.sql.audit.SqlAudit`. Triggers (migration ``0011_audit_chain.sql``)
refuse to update or delete a chained entry and to insert one without a hash; :func:`chain_existing` chains the
entries written before that migration, as part of it.
"""

from __future__ import annotations

import json
import sqlite3

from hrdmap.storage.audit_chain import GENESIS, entry_hash
from hrdmap.storage.sqlite.timestamps import from_text


def chain_existing(conn: sqlite3.Connection) -> int:
    """Chain the entries written before the chain existed, in id order (inside the migration's transaction).

    Returns:
        How many entries were chained.
    """
    previous, count = GENESIS, 0
    rows = conn.execute("SELECT * FROM audit ORDER BY id").fetchall()
    for r in rows:
        own = entry_hash(
            r["id"], from_text(r["at"]), r["actor"], r["action"], r["subject"], json.loads(r["detail"]), previous
        )
        conn.execute("UPDATE audit SET previous_hash = ?, hash = ? WHERE id = ?", (previous, own, r["id"]))
        previous, count = own, count + 1
    return count
