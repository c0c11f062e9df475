"""Fuzz ingestion with mutated real samples of every format, and say what became of each input.

Seeds: the fictional example corpus (``examples/corpus``: PDF, DOCX, ODT, HTML, text, Markdown, e-mail with an
attachment) and files made here the way the tests make them: a zip of members, an e-mail with a DOCX attachment,
a PDF of several pages, small decompression bombs (DOCX, ODT, PDF). Each input is one seed changed by one to four
mutations chosen at random from a seeded generator: bit flips, random or "interesting" bytes inserted (huge
numbers, control and escape characters, PDF and XML syntax, long runs), ranges deleted, duplicated or truncated,
two seeds spliced; for zip-based formats (DOCX, ODT, zip) a member is mutated *inside* the archive and the archive
rebuilt, so the mutation reaches the XML parser instead of failing the checksum; for PDFs a compressed stream is
inflated, mutated and put back, so it reaches pdfium's content parser.

Every input goes through the real service, ``hrdmap.services.ingest.ingest``, into one data folder: the sandboxed
worker, the quarantine, the store and the search index all see it. The search back-end is SQLite FTS5 (a Tantivy
commit per input would take most of the time), and the budgets are smaller than the defaults (1,000,000
characters, 20,000 blocks, 16 MiB inflated, ``--parse-seconds`` 30 s per file), so that a mutant that is merely big
fails fast as ``over_budget`` and one that still runs out of time is worth a look. Outcomes, per input:

- stored: the file (or its members) was stored, or found unchanged;
- failed: failed with an ingest error's code (``corrupt``, ``unsupported``, ``empty``, ``too_large``,
  ``over_budget`` …): the expected end of most mutants;
- crashed: an item failed as ``internal`` (a parser raised something unexpected: a bug) or ``worker_killed`` (the
  parser process died), or the ingest call itself raised;
- hung: an item failed as ``timeout`` (the worker was still parsing after ``--parse-seconds``).

Peak memory is the ingesting process's peak resident set and the largest resident set of its worker processes,
sampled after each input. Inputs that crash or hang are kept in ``--keep DIR`` to reproduce them.

Run::

    .venv/bin/python bench/fuzz_ingest.py --inputs 10000 [--seed 1] [--parse-seconds 30] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import docx
import psutil

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.ingest.base import Limits
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import open_workspace
from hrdmap.storage.batches import ItemStatus

REPO = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
CRASHES = frozenset({"internal", "worker_killed"})
FUZZER = Actor("fuzzer", frozenset({Role.ADMINISTRATOR}))
INTERESTING = (
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x1b[2J",
    b"\x9b",
    "\u202e".encode(),
    b"99999999999999999999",
    b"-1",
    b"0",
    b"4294967296",
    b"<<",
    b">>",
    b"endobj",
    b"stream\n",
    b"/Count 1000000",
    b"<!ENTITY a \"aaaaaaaaaa\">",
    b"<w:p>",
    b"</w:body>",
    b"<text:p>",
    b"<p>",
    b"<table><tr><td>",
    b"1. ",
    b"(a) ",
    b"\n\n",
    b"=?utf-8?b?",
    b"Content-Type: multipart/mixed; boundary=x\n",
    b"PK\x03\x04",
    b"%PDF-1.7",
)


@dataclass
class Summary:
    """What became of the inputs."""

    tried: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    peak_mib: float = 0.0
    worker_peak_mib: float = 0.0
    seconds: float = 0.0
    kept: list[str] = field(default_factory=list)

    def line(self) -> str:
        o = self.outcomes
        return (
            f"inputs tried {self.tried}, stored {o['stored']}, failed {o['failed']}, crashed {o['crashed']}, "
            f"hung {o['hung']}; peak memory {self.peak_mib:.0f} MiB (ingesting process), "
            f"{self.worker_peak_mib:.0f} MiB (largest worker); {self.seconds:.0f} s"
        )


# Seeds


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    document.add_heading("Contribution on defenders (fictional)", level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "Country", "Cases"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _email(attachment: bytes) -> bytes:
    message = EmailMessage()
    message["From"] = "focal.point@nhri.example.org"
    message["To"] = "registry@ohchr.example.org"
    message["Subject"] = "Contribution (fictional)"
    message.set_content("1. Defenders were threatened.\n\n2. The State was asked to act.")
    message.add_attachment(attachment, maintype="application", subtype="octet-stream", filename="annex.docx")
    return message.as_bytes()


def seeds() -> list[tuple[str, bytes]]:
    """The seed files: the example corpus and files made here (every format ingest reads but .doc and .rtf)."""
    sys.path.insert(0, str(REPO))
    from tests.hostile.bombs import docx_bomb, odt_bomb, pdf_bomb

    found = [(p.name, p.read_bytes()) for p in sorted((REPO / "examples" / "corpus").iterdir()) if p.is_file()]
    paragraphs = [f"{n}. Defenders in region {n} reported threats and surveillance." for n in range(1, 12)]
    made = _docx(paragraphs)
    found += [
        ("made.docx", made),
        ("members.zip", _zip({"a.txt": "\n\n".join(paragraphs).encode(), "b.docx": made})),
        ("with-annex.eml", _email(made)),
        ("pages.pdf", pdf_bomb(256 * 1024, pages=3)),
        ("bomb.docx", docx_bomb(64 * MIB)),
        ("bomb.odt", odt_bomb(64 * MIB)),
        ("bomb.pdf", pdf_bomb(64 * MIB)),
    ]
    return found


# Mutations


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randint(0, len(data))
    piece = rng.choice(INTERESTING) * rng.choice((1, 1, 2, 10, 1000))
    if rng.random() < 0.3:
        piece = rng.randbytes(rng.randint(1, 64))
    return data[:at] + piece + data[at:]


def _delete(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, max(1, len(data) // 8)) :]


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 256)]
    return data[:start] + piece * rng.choice((2, 10, 100)) + data[start:]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(0, len(data))]


def _numbers(rng: random.Random, data: bytes) -> bytes:
    matches = list(re.finditer(rb"\d+", data[:200_000]))
    if not matches:
        return _flip(rng, data)
    match = rng.choice(matches)
    value = rng.choice((b"0", b"-1", b"99999999999", b"2147483648", b"1e308", b"3.5"))
    return data[: match.start()] + value + data[match.end() :]


BYTE_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    _flip,
    _insert,
    _delete,
    _duplicate,
    _truncate,
    _numbers,
)


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(BYTE_MUTATIONS)(rng, data)
    return data


def _mutate_member(rng: random.Random, data: bytes) -> bytes | None:
    """Mutate one member of a zip-based file and rebuild the archive, or ``None`` when it is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:  # noqa: BLE001 - not a readable zip: mutate the bytes instead
        return None
    if not members or sum(len(v) for v in members.values()) > 16 * MIB:
        return None
    name = rng.choice(sorted(members))
    members[name] = _mutate_bytes(rng, members[name])
    if rng.random() < 0.1:
        members[f"extra{rng.randrange(100)}.xml"] = rng.choice(list(members.values()))
    return _zip(members)


def _mutate_stream(rng: random.Random, data: bytes) -> bytes | None:
    """Inflate one Flate stream of a PDF, mutate it and put it back, or ``None`` when there is none."""
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    rng.shuffle(starts)
    for start in starts[:5]:
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        try:
            inflated = zlib.decompressobj().decompress(data[start:end], 4 * MIB)
        except zlib.error:
            continue
        return data[:start] + zlib.compress(_mutate_bytes(rng, inflated)) + b"\n" + data[end:]
    return None


def mutate(rng: random.Random, pool: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """One input: a seed, changed by the mutations of the module docstring."""
    name, data = rng.choice(pool)
    choice = rng.random()
    mutated: bytes | None = None
    if data.startswith(b"PK") and choice < 0.6:
        mutated = _mutate_member(rng, data)
    elif b"%PDF" in data[:1024] and choice < 0.5:
        mutated = _mutate_stream(rng, data)
    elif choice < 0.1:
        other = rng.choice(pool)[1]
        mutated = data[: rng.randint(0, len(data))] + other[rng.randint(0, len(other)) :]
    if mutated is None:
        mutated = _mutate_bytes(rng, data)
    if rng.random() < 0.05:  # a misleading name: content must decide
        name = Path(name).stem + rng.choice((".pdf", ".docx", ".txt", ".html", ".zip", ".odt", ".eml", ""))
    return name, mutated


# The run


def _classify(report_items: list[tuple[ItemStatus, str | None]]) -> str:
    codes = {code for status, code in report_items if status is ItemStatus.FAILED}
    if codes & CRASHES:
        return "crashed"
    if "timeout" in codes:
        return "hung"
    if any(status is not ItemStatus.FAILED for status, _ in report_items):
        return "stored"
    return "failed"


def _worker_rss(process: psutil.Process) -> float:
    try:
        return max((c.memory_info().rss for c in process.children(recursive=True)), default=0) / MIB
    except psutil.Error:
        return 0.0


def fuzz(
    inputs: int,
    *,
    seed: int = 1,
    parse_seconds: int = 30,
    max_seconds: float | None = None,
    keep: Path | None = None,
    progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Ingest ``inputs`` mutants (or as many as fit in ``max_seconds``) and count their outcomes."""
    rng = random.Random(seed)
    pool = seeds()
    summary = Summary()
    process = psutil.Process()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="hrdmap-fuzz-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        limits = Limits(
            parse_seconds=parse_seconds, max_chars=1_000_000, max_blocks=20_000, max_inflated_bytes=16 * MIB
        )
        settings = Settings(home=Path(tmp) / "home", limits=limits, search_backend="sqlite")
        with open_workspace(settings) as workspace:
            for number in range(inputs):
                if max_seconds is not None and time.monotonic() - started > max_seconds:
                    break
                name, data = mutate(rng, pool)
                path = folder / f"{number:05d}-{name}"
                path.write_bytes(data)
                try:
                    report = ingest(workspace, FUZZER, [path], index_every=10_000)
                    items = [(item.status, item.error_code) for batch in report.batches for item in batch.items]
                    outcome = _classify(items)
                    summary.codes.update(code or status.value for status, code in items)
                except Exception as error:  # noqa: BLE001 - the service itself must never raise on a file
                    outcome = "crashed"
                    summary.codes[f"raised {type(error).__name__}"] += 1
                summary.tried += 1
                summary.outcomes[outcome] += 1
                if outcome in ("crashed", "hung") and keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, keep / path.name)
                    summary.kept.append(path.name)
                path.unlink()
                summary.worker_peak_mib = max(summary.worker_peak_mib, _worker_rss(process))
                summary.peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                summary.seconds = time.monotonic() - started
                if progress is not None and summary.tried % 100 == 0:
                    progress(summary)
    summary.peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary.seconds = time.monotonic() - started
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parse-seconds", type=int, default=30, help="time limit per file (a hang past it)")
    parser.add_argument("--keep", type=Path, help="folder to copy crashing and hanging inputs to")
    args = parser.parse_args()

    def show(summary: Summary) -> None:
        print(summary.line(), flush=True)

    summary = fuzz(args.inputs, seed=args.seed, parse_seconds=args.parse_seconds, keep=args.keep, progress=show)
    print(summary.line())
    print("items by outcome code:", ", ".join(f"{code} {n}" for code, n in summary.codes.most_common()))
    if summary.kept:
        print(f"kept in {args.keep}: {', '.join(summary.kept)}")


if __name__ == "__main__":
    main()
