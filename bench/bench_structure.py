"""Cost of structure recovery on real UN PDFs, against bare pypdfium2 text extraction of the same files.

For every PDF of ``../shared/data/{un-doc-pdfs,un-upr-slovenia-docs,upr-wg-reports/pdfs}`` the run measures,
best of three: the baseline (pypdfium2 opens the file and reads each page's whole text, nothing else),
hrdmap's PDF extractor (positioned lines), layout analysis (``layout.blocks_from_lines``) and the rest of
``build_document`` (normalisation, labels, headings, footnotes, languages, metadata), as ratios of the
baseline.
Language identification is also timed alone. lingua's models are loaded before timing (once per process).

Run: ``.venv/bin/python -m bench.bench_structure``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from hrdmap.ingest.base import Limits
from hrdmap.ingest.pdf import PdfExtractor
from hrdmap.structure.builder import build_document
from hrdmap.structure.language import detect_latin
from hrdmap.structure.layout import blocks_from_lines

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HRDMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
FOLDERS = (
    "un-doc-pdfs",
    "un-upr-slovenia-docs/1stcycle",
    "un-upr-slovenia-docs/2ndcycle",
    "upr-wg-reports/pdfs",
)


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def bare(data: bytes) -> None:
    doc = pdfium.PdfDocument(data)
    try:
        for page in doc:
            page.get_textpage().get_text_range()
    finally:
        doc.close()


def measure(path: Path) -> tuple[int, dict[str, float]] | None:
    """Pages and best-of-three seconds of each step for one PDF; ``None`` for a file pdfium cannot read."""
    data = path.read_bytes()
    try:
        raw = PdfExtractor().extract(data, path.name, Limits())
    except Exception as error:  # noqa: BLE001 - a corrupt sample is reported, not timed
        print(f"{path.name}: skipped ({error})")
        return None
    blocks, _ = blocks_from_lines(raw.lines)
    texts = [b.text for b in blocks if len(b.text) >= 20]
    times = {
        "baseline": best_of(3, lambda: bare(data)),
        "extract": best_of(3, lambda: PdfExtractor().extract(data, path.name, Limits())),
        "layout": best_of(3, lambda: blocks_from_lines(raw.lines)),
        "build": best_of(3, lambda: build_document(raw, source=path.name, sha256="", size=len(data))),
        "lingua alone": best_of(3, lambda: detect_latin(texts)),
    }
    times["structure"] = times.pop("build") - times["layout"]
    return raw.pages or 0, times


def main() -> None:
    detect_latin(["warm up the language models of lingua", "x" * 200])
    totals = {"baseline": 0.0, "extract": 0.0, "layout": 0.0, "structure": 0.0, "lingua alone": 0.0}
    pages = 0
    for folder in FOLDERS:
        for path in sorted((SHARED / folder).glob("*.pdf")):
            measured = measure(path)
            if measured is None:
                continue
            pages += measured[0]
            for key, seconds in measured[1].items():
                totals[key] += seconds
            figures = "  ".join(f"{k} {v * 1000:7.1f} ms" for k, v in measured[1].items())
            print(f"{path.name:<22} {measured[0]:>4} pages  {figures}")
    base = totals["baseline"]
    print(f"\n{pages} pages; bare pypdfium2 {pages / base:.0f} pages/s")
    for key in ("extract", "layout", "structure", "lingua alone"):
        print(f"{key:<12} {totals[key]:6.2f} s = {totals[key] / base:4.2f} x baseline")
    ingest = totals["extract"] + totals["layout"] + totals["structure"]
    rate = f"{pages / ingest:.0f} pages/s = {base / ingest:.2f} of the baseline rate"
    print(f"extract + build_document: {rate}")


if __name__ == "__main__":
    main()
