"""Regenerate the fictional example corpus in ``examples/corpus/`` from ``scripts/examples_texts/``.

Usage::

    .venv/bin/python scripts/make_examples.py            # rewrite examples/corpus/
    .venv/bin/python scripts/make_examples.py --out DIR  # write elsewhere (tests compare two runs)

Each source text names its output file and format in its front matter; the same text is laid out as PDF
(reportlab), DOCX (python-docx), ODT (odfpy), HTML, plain text, Markdown or e-mail. A source marked
``embedded: true`` is not written on its own but attached to the e-mail that names it. Output is
deterministic: fixed dates, fixed PDF identifiers, fixed zip member dates and a fixed MIME boundary, so
re-running gives the same bytes with the same library versions. Needs the ``dev`` extra (reportlab, odfpy,
arabic-reshaper, python-bidi) and the DejaVu fonts (``fonts-dejavu-core``) for the Arabic PDF.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import examples_office  # noqa: E402 - the helper modules live beside this script
import examples_pdfdocs  # noqa: E402
import examples_web  # noqa: E402
from examples_source import Source, load  # noqa: E402

TEXTS = HERE / "examples_texts"
DEFAULT_OUT = HERE.parent / "examples" / "corpus"

RENDERERS: dict[str, Callable[[Source], bytes]] = {
    "pdf": lambda source: examples_pdfdocs.render(source)[0],
    "docx": examples_office.render_docx,
    "odt": examples_office.render_odt,
    "html": examples_web.render_html,
    "txt": examples_web.render_txt,
    "md": examples_web.render_md,
}


def _email(path: Path) -> tuple[Source, bytes]:
    """Render an e-mail source: its body is the raw text, its attachment another source."""
    source = load(path)
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    attached = load(TEXTS / source.meta["attachment"])
    data = RENDERERS[attached.meta["format"]](attached)
    return source, examples_web.render_eml(source, body, (attached.meta["file"], data))


def build(out: Path) -> list[Path]:
    """Write every example file into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for path in sorted(TEXTS.glob("*.txt")):
        source = load(path)
        if source.meta.get("embedded"):
            continue
        if source.meta["format"] == "eml":
            source, data = _email(path)
        else:
            data = RENDERERS[source.meta["format"]](source)
        target = out / source.meta["file"]
        target.write_bytes(data)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"{path.stat().st_size:>8}  {path}")  # noqa: T201 - a script reports what it wrote
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
