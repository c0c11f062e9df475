"""PostgreSQL against SQLite on the same workload: ingest pages/s, tag writes/s, review round-trip.

Each round makes a fresh store of each kind (a SQLite file in a temporary folder; a new schema of the PostgreSQL
server at ``HRDMAP_BENCH_POSTGRES_URL``, default ``postgresql://root@127.0.0.1:5432/test``, dropped after) and
runs the same work on both, SQLite first in odd rounds and PostgreSQL first in even ones, so that both see the
same load on a shared machine. Figures per round and their medians are printed, with the ratio PostgreSQL /
SQLite (above 1: PostgreSQL is faster).

- **ingest pages/s (whole)**: :func:`hrdmap.services.ingest.ingest` over the PDFs (parsing in its sandboxed
  worker, storing, indexing): what a person waits for.
- **store pages/s**: the same documents, already parsed, written with ``documents.add_version`` (one
  transaction per document, as ingest does): the store's own share.
- **tag writes/s**: ``tags.replace`` of 5 tags on each paragraph, one transaction per 200 paragraphs (as
  ``hrdmap tag`` writes).
- **review round-trip, ms**: one decision through :func:`hrdmap.services.review.accept` (a transaction with its
  audit row) followed by the next page of the review queue (``review_queue``, 20 tags).

Rerun: ``.venv/bin/python bench/bench_store.py [--rounds 3] [--reviews 200] [--pdfs DIR]`` (default PDFs: the
real UN reports of ``../shared/data/un-upr-slovenia-docs``, else the fictional ``examples/corpus``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
from psycopg import sql

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.document import BlockKind, Document
from hrdmap.domain.tags import Tag
from hrdmap.services import review
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import Workspace, open_workspace
from hrdmap.storage.tags import NewTag

BENCH = Actor("bench", frozenset({Role.ADMINISTRATOR}))
ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("HRDMAP_BENCH_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test")
TEXT_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


@contextlib.contextmanager
def _workspace(kind: str) -> Iterator[Workspace]:
    """A fresh, empty workspace whose store is a SQLite file or a new PostgreSQL schema."""
    with tempfile.TemporaryDirectory() as folder:
        if kind == "sqlite":
            with open_workspace(Settings(home=Path(folder))) as ws:
                yield ws
            return
        schema = f"hrdmap_bench_{uuid.uuid4().hex[:12]}"
        url = f"{SERVER}{'&' if '?' in SERVER else '?'}schema={schema}"
        try:
            with open_workspace(Settings(home=Path(folder), database_url=url)) as ws:
                yield ws
        finally:
            with psycopg.connect(SERVER.partition("?")[0], autocommit=True) as conn:
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _parsed(pdfs: list[Path]) -> list[Document]:
    """The PDFs as parsed documents (ingested once into a scratch SQLite store and read back)."""
    with _workspace("sqlite") as ws:
        ingest(ws, BENCH, pdfs)
        return [ws.store.documents.load(d.version_id) for d in ws.store.documents.current()]


def _store_documents(ws: Workspace, documents: list[Document]) -> None:
    for document in documents:
        with ws.store.transaction():
            ws.store.documents.add_version(document, at=BENCH.now())


def _write_tags(ws: Workspace, per_block: int = 5, per_transaction: int = 200) -> int:
    blocks = [
        b.id
        for d in ws.store.documents.current()
        for b in ws.store.documents.blocks(d.version_id)
        if b.block.kind in TEXT_KINDS
    ]
    with ws.store.transaction():
        run = ws.store.tags.start_run({"bench": "1"}, actor=BENCH.name, at=BENCH.now())
    for start in range(0, len(blocks), per_transaction):
        part = blocks[start : start + per_transaction]
        tags = [
            NewTag(block, Tag("hrd-areas", label, 0.3 + 0.1 * n, "bench"), 0.5)
            for block in part
            for n, label in enumerate("ABCDEFGH"[:per_block])
        ]
        with ws.store.transaction():
            ws.store.tags.replace("bench", part, tags, run_id=run.id, at=BENCH.now())
    return len(blocks) * per_block


def _reviews(ws: Workspace, count: int) -> float:
    """Seconds per review round-trip: accept the least certain tag, then read the next page of the queue."""
    queue = review.review_queue(ws, BENCH, limit=20)
    start = time.perf_counter()
    for _ in range(count):
        review.accept(ws, BENCH, queue[0].tag.id, None)
        queue = review.review_queue(ws, BENCH, limit=20)
    return (time.perf_counter() - start) / count


def _round(kind: str, pdfs: list[Path], documents: list[Document], pages: int, reviews: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    with _workspace(kind) as ws:
        figures["ingest pages/s (whole)"] = pages / _timed(lambda: ingest(ws, BENCH, pdfs))
    with _workspace(kind) as ws:
        figures["store pages/s"] = pages / _timed(lambda: _store_documents(ws, documents))
        written: list[int] = []
        seconds = _timed(lambda: written.append(_write_tags(ws)))
        figures["tag writes/s"] = written[0] / seconds
        figures["review round-trip, ms"] = 1000 * _reviews(ws, reviews)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--pdfs", type=Path)
    args = parser.parse_args()
    shared = ROOT.parent / "shared" / "data" / "un-upr-slovenia-docs"
    folder = args.pdfs or (shared if shared.is_dir() else ROOT / "examples" / "corpus")
    pdfs = sorted(folder.rglob("*.pdf"))
    documents = _parsed(pdfs)
    pages = sum(d.pages or 0 for d in documents)
    paragraphs = sum(1 for d in documents for b in d.blocks if b.kind in TEXT_KINDS)
    print(f"{len(pdfs)} PDFs from {folder}: {pages} pages, {paragraphs} paragraphs; PostgreSQL at {SERVER}")
    results: dict[str, list[dict[str, float]]] = {"sqlite": [], "postgresql": []}
    for n in range(args.rounds):
        order = ("sqlite", "postgresql") if n % 2 == 0 else ("postgresql", "sqlite")
        for kind in order:
            results[kind].append(_round(kind, pdfs, documents, pages, args.reviews))
            print(f"round {n + 1} {kind:10}", "  ".join(f"{k} {v:.1f}" for k, v in results[kind][-1].items()))
    print(f"\nmedians of {args.rounds} rounds        SQLite   PostgreSQL   PostgreSQL/SQLite (>1: faster)")
    for key in results["sqlite"][0]:
        lite = statistics.median(r[key] for r in results["sqlite"])
        pg = statistics.median(r[key] for r in results["postgresql"])
        speed = lite / pg if key.endswith("ms") else pg / lite
        print(f"{key:28} {lite:9.1f} {pg:12.1f} {speed:14.2f}")


if __name__ == "__main__":
    main()
