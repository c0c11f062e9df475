"""Parse one file's bytes into a document: the job the sandboxed worker runs.

:func:`parse_file` is everything that touches a file's content: the registry's choice of extractor (sniffing),
the extractor (inflation guards, pdfium, lxml, LibreOffice), the budgets on what it gave (pages, characters,
blocks) and structure recovery. The ingest service runs it in the worker of :mod:`hrdmap.ingest.sandbox`
(:func:`in_sandbox`), so a file that crashes a parser, eats its memory or never ends fails alone; the worker
imports this module before its first job.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass, field

from hrdmap.domain.document import Document
from hrdmap.domain.raw import ChildFile
from hrdmap.engine import EngineUnavailable
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import EmptyFile, OverBudget
from hrdmap.ingest.guards import check_budget
from hrdmap.ingest.registry import choose
from hrdmap.ingest.sandbox import shared_sandbox
from hrdmap.structure.builder import build_document

#: Modules the worker imports before its first job (once, in the forkserver, on Linux).
PRELOAD = (__name__,)

#: What parses a file: ``parse(data, name, source, sha256, limits)``; :func:`parse_file` itself runs in the
#: calling process, :func:`in_sandbox` in the worker.
Parse = Callable[[bytes, str, str, str, Limits], "Parsed"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a file's bytes hold.

    Attributes:
        document: The document, or ``None`` for a container with no text of its own (a zip archive).
        children: Files inside it (zip members, e-mail attachments), to be read in turn.
    """

    document: Document | None
    children: list[ChildFile] = field(default_factory=list)


def parse_file(data: bytes, name: str, source: str, sha256: str, limits: Limits) -> Parsed:
    """Read one file's bytes into its document and the files inside it.

    Args:
        data: The bytes.
        name: The file's name (its last path part, or its name inside its container), for the extractor.
        source: Where it comes from, stored with the document.
        sha256: The digest of ``data``.
        limits: Sizes and budgets.

    Raises:
        IngestError: The file cannot be read, or is over a size limit or a budget.
    """
    raw = choose(data, name).extract(data, name, limits)
    check_budget(raw, limits)
    children, raw.children = raw.children, []
    if not raw.blocks and not raw.lines and children:
        return Parsed(None, children)
    document = build_document(raw, source=source, sha256=sha256, size=len(data))
    if not document.blocks:
        raise EmptyFile("no text found (a scanned document needs OCR first)")
    if len(document.blocks) > limits.max_blocks:
        raise OverBudget(
            f"{len(document.blocks):,} blocks, over the budget of {limits.max_blocks:,} per file (HRDMAP_MAX_BLOCKS)"
        )
    return Parsed(document, children)


def in_sandbox(data: bytes, name: str, source: str, sha256: str, limits: Limits) -> Parsed:
    """:func:`parse_file` in the worker process of this process's sandbox (see :mod:`hrdmap.ingest.sandbox`).

    Raises:
        IngestError: As :func:`parse_file`, and ``OverBudget``, ``ParseTimeout`` or ``WorkerKilled`` when the
            worker ran out of memory or time, or died.
    """
    return shared_sandbox(PRELOAD).run(parse_file, data, name, source, sha256, limits=limits)


def on_worker(data: bytes, name: str, source: str, sha256: str, limits: Limits) -> Parsed:
    """:func:`in_sandbox` on a worker of the distributed engine: the task :mod:`hrdmap.services.engine_parse` sends.

    The worker keeps a sandbox of its own, so the limits hold on every worker as they do locally.

    Raises:
        EngineUnavailable: The worker is a daemonic process, which may not start the sandbox's parser process
            (start workers with ``DASK_DISTRIBUTED__WORKER__DAEMON=False`` or ``--no-nanny``: docs/scale.md).
        IngestError: As :func:`in_sandbox`.
    """
    if multiprocessing.current_process().daemon:
        raise EngineUnavailable(
            "the engine's worker is a daemonic process and cannot start the sandboxed parser: start the workers "
            "with DASK_DISTRIBUTED__WORKER__DAEMON=False (or dask worker --no-nanny); docs/scale.md"
        )
    return in_sandbox(data, name, source, sha256, limits)
