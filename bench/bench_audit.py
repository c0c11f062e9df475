"""What the audit trail's hash chain costs: writing an entry, and verifying the whole trail.

Each round makes a fresh SQLite store (a file in a temporary folder) and, when a server answers, a fresh
PostgreSQL schema (``HRDMAP_BENCH_POSTGRES_URL``, default ``postgresql://root@127.0.0.1:5432/test``, dropped after),
and on each:

- **chained writes/s**: ``store.audit.record`` as the services call it, one transaction per entry (read the
  latest entry, hash, insert);
- **plain writes/s**: the baseline, measured in the same round on the same store and connection, in the store's
  own transaction (its write lock included): the ``INSERT`` of an entry with a fixed hash and no read of the
  latest (what a write cost before the chain, give or take two columns);
- **verify entries/s**: :func:`hrdmap.storage.audit_chain.verify` over the whole trail (read a page at a time,
  rehash every entry).

Prints each round, the medians, the ratio chained / plain and the load average (the machine is shared).
Rerun: ``.venv/bin/python bench/bench_audit.py [--entries 5000] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator

from hrdmap.storage.audit_chain import verify
from hrdmap.storage.registry import open_store
from hrdmap.storage.repository import Store

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
SERVER = os.environ.get("HRDMAP_BENCH_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test")


@contextlib.contextmanager
def _sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/hrdmap.sqlite3"


@contextlib.contextmanager
def _postgres() -> Iterator[str]:
    import psycopg
    from psycopg import sql

    schema = f"hrdmap_bench_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{SERVER}{'&' if '?' in SERVER else '?'}schema={schema}"
    finally:
        with psycopg.connect(SERVER, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


_PLAIN = (
    "INSERT INTO audit (id, at, actor, action, subject, detail, previous_hash, hash)"
    " VALUES (?, '2026-03-01T09:30:00.000000Z', 'ana', 'document.stored', ?, ?, ?, ?)"
)


def _plain_insert(store: Store) -> Callable[[int], None]:
    """One entry inserted on the store's own connection, in its own transaction, without the chain's read."""
    conn = getattr(store, "_conn", None)
    if conn is not None:  # SQLite
        return lambda n: conn.execute(_PLAIN, (10**9 + n, f"document:{n}", f'{{"n": {n}}}', "0" * 64, "f" * 64))
    database = store.database  # type: ignore[attr-defined]
    statement = _PLAIN.replace("?", "%s")
    return lambda n: database.execute(statement, (10**9 + n, f"document:{n}", f'{{"n": {n}}}', "0" * 64, "f" * 64))


def _round(url: str, entries: int) -> dict[str, float]:
    store: Store = open_store(url)
    try:
        start = time.perf_counter()
        for n in range(entries):
            with store.transaction():
                store.audit.record("document.stored", actor="ana", at=AT, subject=f"document:{n}", detail={"n": n})
        chained = entries / (time.perf_counter() - start)
        plain_insert = _plain_insert(store)
        start = time.perf_counter()
        for n in range(entries):  # ids after the chained ones; a fixed hash: the cost of the bare insert
            with store.transaction():
                plain_insert(n)
        plain = entries / (time.perf_counter() - start)
        start = time.perf_counter()
        report = verify(lambda: store.audit.chain())
        checked = report.entries / (time.perf_counter() - start)
    finally:
        store.close()
    return {"chained": chained, "plain": plain, "verify": checked}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    kinds: dict[str, Callable[[], contextlib.AbstractContextManager[str]]] = {"sqlite": _sqlite}
    try:
        import psycopg

        psycopg.connect(SERVER, connect_timeout=3).close()
        kinds["postgresql"] = _postgres
    except Exception as error:  # noqa: BLE001 - no server: SQLite only, said so
        print(f"postgresql skipped: {str(error).strip().splitlines()[0] if str(error).strip() else error}")
    for kind, make in kinds.items():
        rounds = []
        for n in range(args.rounds):
            with make() as url:
                figures = _round(url, args.entries)
            rounds.append(figures)
            print(f"{kind} round {n + 1}: " + ", ".join(f"{k} {v:,.0f}/s" for k, v in figures.items()))
        median = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
        print(
            f"{kind} median over {args.entries} entries: chained writes {median['chained']:,.0f}/s, "
            f"plain writes {median['plain']:,.0f}/s (chained/plain {median['chained'] / median['plain']:.2f}), "
            f"verify {median['verify']:,.0f} entries/s"
        )
    print("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
