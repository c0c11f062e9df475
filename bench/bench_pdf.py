"""PDF ingestion speed: hrdmap's pages per second against bare pypdfium2 text extraction, in one run.

The set is every real PDF in the shared data (un-upr-slovenia-docs, upr-wg-reports/pdfs, un-doc-pdfs: 28 files,
622 pages). The baseline opens each file with pypdfium2 and calls ``get_text_range()`` on every page, which is
the least any PDF text extraction must do. hrdmap's figure is full ingestion: ``PdfExtractor.extract`` (text,
positions, fonts, markers) plus ``build_document`` (layout analysis, labels, headings, footnotes, languages,
metadata). The figure that matters is the ratio hrdmap / bare (the target is at least 0.5); the break-down says
where the time goes. Each measure is the best of ``--repeat`` rounds, after one warm-up round (which loads the
language models).

Run::

    .venv/bin/python bench/bench_pdf.py [--repeat 3] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from hrdmap.domain.raw import RawDocument
from hrdmap.ingest.base import Limits
from hrdmap.ingest.pdf import PdfExtractor
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


def best(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


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
    raws = extract_all(files)
    lines = [raw.lines for raw in raws]

    t_bare = best(lambda: bare(files), args.repeat)
    t_full = best(lambda: full(files), args.repeat)
    t_extract = best(lambda: extract_all(files), args.repeat)
    t_layout = best(lambda: [blocks_from_lines(each) for each in lines], args.repeat)

    print(f"{len(files)} PDFs, {pages} pages, best of {args.repeat}")
    print(f"bare pypdfium2 get_text_range : {pages / t_bare:8.1f} pages/s ({1000 * t_bare / pages:.2f} ms/page)")
    print(f"hrdmap extract + build        : {pages / t_full:8.1f} pages/s ({1000 * t_full / pages:.2f} ms/page)")
    print(f"ratio hrdmap / bare           : {t_bare / t_full:8.2f}  (target >= 0.5)")
    print("where hrdmap's time goes, ms/page:")
    print(f"  pdfium page loading (bare)  : {1000 * t_bare / pages:6.2f}")
    print(f"  extractor beyond that       : {1000 * (t_extract - t_bare) / pages:6.2f}")
    print(f"  layout (blocks_from_lines)  : {1000 * t_layout / pages:6.2f}")
    print(f"  rest of build_document      : {1000 * (t_full - t_extract - t_layout) / pages:6.2f}")


if __name__ == "__main__":
    main()
