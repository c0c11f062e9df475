"""Memory while ingesting 1,000 files in one batch: resident memory should stay flat as the batch grows.

Writes 1,000 small contributions (a third each text, HTML and DOCX) to a temporary folder, then ingests them
in one batch in a child process that samples its resident set size (RSS) after 250, 500, 750 and 1,000 files.
The baseline is the child's RSS at 250 files, taken in the same run; the figure that matters is the ratio
RSS(1,000) / RSS(250), which is about 1 when memory does not grow with the batch. Files are parsed in the
sandboxed worker process, so its RSS (with the forkserver's) is sampled too, and their sum.

Run::

    .venv/bin/python bench/bench_ingest_memory.py [--files 1000] [--paragraphs 20]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import psutil

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.services.ingest import Progress, ingest
from hrdmap.services.workspace import open_workspace

MIB = 1024 * 1024
BENCH = Actor("bench", frozenset({Role.ADMINISTRATOR}))
TOPICS = ("reprisals", "land and environment", "journalists", "protection mechanisms", "online threats")


def _paragraphs(n: int, count: int) -> list[str]:
    topic = TOPICS[n % len(TOPICS)]
    return [
        f"{p}. Contribution {n} reports on {topic}: defenders were threatened, placed under surveillance and "
        f"charged under national-security laws; the State was asked to investigate promptly (case {n}-{p})."
        for p in range(1, count + 1)
    ]


def _write(folder: Path, n: int, count: int) -> None:
    title, paragraphs = f"Contribution {n}", _paragraphs(n, count)
    kind = ("txt", "html", "docx")[n % 3]
    path = folder / f"contribution-{n:04d}.{kind}"
    if kind == "txt":
        path.write_text("\n\n".join([title, *paragraphs]) + "\n", encoding="utf-8")
    elif kind == "html":
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        path.write_text(f"<html lang='en'><body><h1>{title}</h1>{body}</body></html>", encoding="utf-8")
    else:
        document = docx.Document()
        document.add_heading(title, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        buffer = io.BytesIO()
        document.save(buffer)
        path.write_bytes(buffer.getvalue())


def child(folder: Path, home: Path, points: list[int]) -> None:
    """Ingest ``folder`` and print RSS samples as JSON (runs in a process of its own)."""
    process = psutil.Process()
    samples: dict[int, dict[str, float]] = {}

    def sample(event: Progress) -> None:
        if event.done in points:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
            workers = sum(child.memory_info().rss for child in process.children(recursive=True))
            samples[event.done] = {
                "rss": process.memory_info().rss / MIB,
                "peak": peak / MIB,
                "workers": workers / MIB,
            }

    settings = Settings(home=home)
    with open_workspace(settings) as workspace:
        start = time.perf_counter()
        report = ingest(workspace, BENCH, [folder], progress=sample)
        seconds = time.perf_counter() - start
    counts = {status.value: n for status, n in report.counts.items()}
    print(json.dumps({"samples": samples, "seconds": seconds, "counts": counts}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--paragraphs", type=int, default=20)
    parser.add_argument("--child", nargs=2, type=Path, metavar=("FOLDER", "HOME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    points = [args.files * q // 4 for q in (1, 2, 3, 4)]
    if args.child:
        child(args.child[0], args.child[1], points)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        for n in range(args.files):
            _write(folder, n, args.paragraphs)
        command = [
            sys.executable,
            __file__,
            "--files",
            str(args.files),
            "--child",
            str(folder),
            str(Path(tmp) / "home"),
        ]
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    samples = {int(k): v for k, v in result["samples"].items()}
    print(
        f"ingested {args.files} files ({args.paragraphs} paragraphs each) in {result['seconds']:.1f} s: "
        f"{result['counts']}"
    )
    print(f"{'files':>6} {'RSS MiB':>9} {'peak MiB':>9} {'workers MiB':>12} {'sum MiB':>9}")
    for point in points:
        here = samples[point]
        total = here["rss"] + here.get("workers", 0.0)
        print(f"{point:>6} {here['rss']:>9.1f} {here['peak']:>9.1f} {here.get('workers', 0.0):>12.1f} {total:>9.1f}")
    first, last = samples[points[0]], samples[points[-1]]
    print(f"RSS ratio {points[-1]}/{points[0]} files: {last['rss'] / first['rss']:.2f}")
    print(f"peak ratio {points[-1]}/{points[0]} files: {last['peak'] / first['peak']:.2f}")
    if first.get("workers"):
        print(f"worker RSS ratio {points[-1]}/{points[0]} files: {last['workers'] / first['workers']:.2f}")


if __name__ == "__main__":
    main()
