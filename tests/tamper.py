"""An attacker with access to the database: plain SQL against a real store, the audit's triggers dropped first.

Used by the audit-tamper tests of the command line (``tests/cli/test_audit.py``) and the web app
(``tests/web/test_audit.py``), on SQLite and on PostgreSQL. Each :data:`TAMPERS` entry rewrites a trail of five
entries (ids 1 to 5, written by :func:`five_entries`) the way someone editing the database by hand would, and says
which entry ``hrdmap audit verify`` must name, and why.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from hrdmap.storage.audit_chain import GENESIS, entry_hash, verify
from hrdmap.storage.registry import open_store
from tests.postgres import fresh_schema_url, server_url

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
ADAPTERS = ("sqlite", "postgresql")


def assert_old_entries_chained(url: str) -> None:
    """Open the store at ``url``, whose three entries were written before the audit chain's migration, add one,
    and check that the migration chained the old ones in order and the new one after them."""
    store = open_store(url)
    try:
        store.audit.record("batch.started", actor="ana", at=AT)
        chain = list(store.audit.chain())
        report = verify(lambda: store.audit.chain())
    finally:
        store.close()
    assert [(e.id, e.subject) for e in chain[:3]] == [(1, "document:1"), (2, "document:2"), (3, "document:3")]
    assert chain[0].previous_hash == GENESIS and chain[3].previous_hash == chain[2].hash
    assert report.intact and report.entries == 4


@contextmanager
def store_url(adapter: str, folder: Path) -> Iterator[str]:
    """The URL of a new store of ``adapter``: a file in ``folder``, or a PostgreSQL schema dropped after."""
    if adapter == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{(folder / 'hrdmap.sqlite3').as_posix()}"
        return
    with fresh_schema_url() as url:
        yield url


def five_entries(url: str) -> str:
    """Write five entries through the store (as services do) and return the head hash."""
    store = open_store(url)
    try:
        for n in range(1, 6):
            with store.transaction():
                store.audit.record(
                    "document.stored", actor="ana", at=AT + dt.timedelta(minutes=n), subject=f"document:{n}"
                )
        return store.audit.entries(limit=1)[0].hash
    finally:
        store.close()


class Attacker:
    """Plain SQL on the store at ``url``, as someone holding the database file or a database account."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.postgres = url.startswith("postgresql")

    def run(self, *statements: str, params: tuple[object, ...] = ()) -> None:
        """Run statements in one transaction (the parameters go to the last)."""
        if self.postgres:
            import psycopg

            schema = parse_qs(urlsplit(self.url).query)["schema"][0]
            with psycopg.connect(server_url(), autocommit=True) as conn, conn.transaction():
                conn.execute(f'SET LOCAL search_path TO "{schema}"')
                for n, statement in enumerate(statements):
                    conn.execute(statement.replace("?", "%s"), params if n == len(statements) - 1 else ())
            return
        conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
        try:
            with conn:
                for n, statement in enumerate(statements):
                    conn.execute(statement, params if n == len(statements) - 1 else ())
        finally:
            conn.close()

    def drop_triggers(self) -> None:
        """Drop the triggers that keep the audit trail append-only."""
        on = " ON audit" if self.postgres else ""
        self.run(*(f"DROP TRIGGER {t}{on}" for t in ("audit_no_update", "audit_no_delete")))

    def row(self, entry_id: int) -> dict[str, object]:
        """An entry as stored (time as a datetime, detail as a value)."""
        store = open_store(self.url)
        try:
            entry = next(e for e in store.audit.chain(after=entry_id - 1) if e.id == entry_id)
        finally:
            store.close()
        return {
            "id": entry.id,
            "at": entry.at,
            "actor": entry.actor,
            "action": entry.action,
            "subject": entry.subject,
            "detail": dict(entry.detail),
            "previous_hash": entry.previous_hash,
            "hash": entry.hash,
        }


def _rehash(row: dict[str, object]) -> str:
    return entry_hash(
        row["id"],
        row["at"],
        row["actor"],
        row["action"],
        row["subject"],
        row["detail"],
        row["previous_hash"],  # type: ignore[arg-type]
    )


def change(attacker: Attacker) -> None:
    """Entry 3's actor rewritten."""
    attacker.run("UPDATE audit SET actor = 'mallory' WHERE id = 3")


def change_and_rehash(attacker: Attacker) -> None:
    """Entry 3's actor rewritten and its own hash recomputed (the algorithm is public)."""
    row = {**attacker.row(3), "actor": "mallory"}
    attacker.run("UPDATE audit SET actor = ?, hash = ? WHERE id = 3", params=("mallory", _rehash(row)))


def delete(attacker: Attacker) -> None:
    """Entry 3 deleted."""
    attacker.run("DELETE FROM audit WHERE id = 3")


def insert(attacker: Attacker) -> None:
    """An entry backdated before the first one, with a correct hash of its own."""
    row = {
        "id": 0,
        "at": AT,
        "actor": "mallory",
        "action": "document.stored",
        "subject": "document:9",
        "detail": {},
        "previous_hash": GENESIS,
    }
    attacker.run(
        "INSERT INTO audit (id, at, actor, action, subject, detail, previous_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        params=(
            0,
            "2026-03-01T09:30:00.000000Z",
            "mallory",
            "document.stored",
            "document:9",
            json.dumps({}),
            GENESIS,
            _rehash(row),
        ),
    )


def reorder(attacker: Attacker) -> None:
    """Entries 3 and 4 swapped."""
    attacker.run(
        "UPDATE audit SET id = -3 WHERE id = 3",
        "UPDATE audit SET id = 3 WHERE id = 4",
        "UPDATE audit SET id = 4 WHERE id = -3",
    )


@dataclass(frozen=True)
class Tamper:
    """One way of rewriting the trail, and what verify must say: the first broken entry and the kind."""

    name: str
    act: Callable[[Attacker], None]
    entry_id: int
    kind: str


TAMPERS = (
    Tamper("changed", change, 3, "changed"),
    Tamper("changed-and-rehashed", change_and_rehash, 3, "changed"),
    Tamper("deleted", delete, 4, "deleted"),
    Tamper("inserted", insert, 0, "inserted"),
    Tamper("reordered", reorder, 3, "reordered"),
)
