"""PDF ingestion speed: hrdmap's pages per second against bare pypdfium2 text extraction, in one run.

The set is every real PDF in the shared data (un-upr-slovenia-docs, upr-wg-reports/pdfs, un-doc-pdfs: 28 files,
622 pages). The baseline opens each file with pypdfium2 and calls ``get_text_range()`` on every page, which is
the least any PDF text extraction must do. hrdmap's figure is full ingestion: ``PdfExtractor.extract`` (text,
positions, fonts, markers) plus ``build_document`` (layout analysis, labels, headings, footnotes, languages,
metadata). The figure that matters is the ratio hrdmap / bare (the target is at least 0.5); the break-down says
where the time goes. Ingestion runs the same work in the sandboxed worker process (``hrdmap.services.parsing``:
bytes sent over a pipe, the document pickled back, limits set per file); its rate is printed too, with its ratio
to bare. Bare, full and sandboxed extraction are timed in turn, ``--repeat`` rounds after one warm-up round
(which loads the language models), so that all see the same load on a shared machine. The figure is the
median of the rounds' ratios (wall clock); the ratio of the best times and each round's ratio, by wall clock
and by CPU time (this process, lingua's threads included), show the spread.

Run::

    .venv/bin/python bench/bench_pdf.py [--repeat 5] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from hrdmap.domain.raw import RawDocument
from hrdmap.ingest.base import Limits
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.services.parsing import in_sandbox
from hrdmap.structure.builder import build_document
from hrdmap.structure.layout import blocks_from_lines

FOLDERS = ("un-upr-slovenia-docs", "upr-wg-reports/pdfs", "un-doc-pdfs")


def pdf_files(data: Path) -> list[Path]:
    return sorted(path for folder in FOLDERS for path in (data / folder).rglob("*.pdf"))


def bare(files: list[tuple[str, bytes]]) -> int:
    pages = 0
    for _, data in files:
        doc = pdfium.PdfDocument(data)
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        doc.close()
    return pages


def extract_all(files: list[tuple[str, bytes]]) -> list[RawDocument]:
    extractor, limits = PdfExtractor(), Limits()
    return [extractor.extract(data, name, limits) for name, data in files]


def full(files: list[tuple[str, bytes]]) -> int:
    pages = 0
    for raw, (name, data) in zip(extract_all(files), files, strict=True):
        build_document(raw, source=name, sha256="0" * 64, size=len(data))
        pages += raw.pages or 0
    return pages


def sandboxed(files: list[tuple[str, bytes]]) -> int:
    """Full ingestion of every file in the sandboxed worker, as ``hrdmap ingest`` runs it."""
    pages, limits = 0, Limits()
    for name, data in files:
        parsed = in_sandbox(data, name, name, "0" * 64, limits)
        assert parsed.document is not None
        pages += parsed.document.pages or 0
    return pages


def best(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(function: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process, all its threads) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def rounds(files: list[tuple[str, bytes]], repeat: int) -> list[tuple[float, float, float, float, float]]:
    """Bare, full and sandboxed timings taken in turn, round after round, so that all see the same load."""
    found = []
    for _ in range(repeat):
        bare_wall, bare_cpu = timed(lambda: bare(files))
        full_wall, full_cpu = timed(lambda: full(files))
        sandbox_wall, _ = timed(lambda: sandboxed(files))
        found.append((bare_wall, full_wall, bare_cpu, full_cpu, sandbox_wall))
    return found


def spread(ratios: list[float]) -> str:
    return f"median {statistics.median(ratios):.2f}, min {min(ratios):.2f}, max {max(ratios):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3)
    default = os.environ.get("HRDMAP_SHARED_DATA", str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    args = parser.parse_args()

    paths = pdf_files(args.data)
    files = [(path.name, path.read_bytes()) for path in paths]
    pages = bare(files)
    full(files)  # warm-up: language models, regex caches
    sandboxed(files)  # the worker's warm-up
    raws = extract_all(files)
    lines = [raw.lines for raw in raws]

    timings = rounds(files, args.repeat)
    t_bare = min(t[0] for t in timings)
    t_full = min(t[1] for t in timings)
    t_extract = best(lambda: extract_all(files), args.repeat)
    t_layout = best(lambda: [blocks_from_lines(each) for each in lines], args.repeat)
    wall_ratios = [t[0] / t[1] for t in timings]
    cpu_ratios = [t[2] / t[3] for t in timings]
    t_sandbox = min(t[4] for t in timings)
    sandbox_ratios = [t[0] / t[4] for t in timings]

    print(f"{len(files)} PDFs, {pages} pages, {args.repeat} rounds (bare and full in turn), best of each")
    print(f"bare pypdfium2 get_text_range : {pages / t_bare:8.1f} pages/s ({1000 * t_bare / pages:.2f} ms/page)")
    print(f"hrdmap extract + build        : {pages / t_full:8.1f} pages/s ({1000 * t_full / pages:.2f} ms/page)")
    print(f"ratio hrdmap / bare           : {statistics.median(wall_ratios):8.2f}  (median of rounds; target >= 0.5)")
    print(f"  ratio of the best times     : {t_bare / t_full:8.2f}")
    print(f"  per round, wall clock       : {' '.join(f'{r:.2f}' for r in wall_ratios)}  ({spread(wall_ratios)})")
    print(f"  per round, CPU time         : {' '.join(f'{r:.2f}' for r in cpu_ratios)}  ({spread(cpu_ratios)})")
    print(f"hrdmap in the sandbox worker  : {pages / t_sandbox:8.1f} pages/s ({1000 * t_sandbox / pages:.2f} ms/page)")
    print(f"ratio sandboxed / bare        : {statistics.median(sandbox_ratios):8.2f}  (median of rounds)")
    print(f"  per round, wall clock       : {' '.join(f'{r:.2f}' for r in sandbox_ratios)}  ({spread(sandbox_ratios)})")
    print("where hrdmap's time goes, ms/page (best of each):")
    print(f"  pdfium page loading (bare)  : {1000 * t_bare / pages:6.2f}")
    print(f"  extractor beyond that       : {1000 * (t_extract - t_bare) / pages:6.2f}")
    print(f"  layout (blocks_from_lines)  : {1000 * t_layout / pages:6.2f}")
    print(f"  rest of build_document      : {1000 * (t_full - t_extract - t_layout) / pages:6.2f}")


if __name__ == "__main__":
    main()
