"""Read one file of a batch into what should happen to it and to the files inside it.

A file becomes a list of :class:`Outcome` items: the file itself first, then every member of a zip archive or
attachment of an e-mail (recursively), each under the source ``parent!member``. Nothing is written here: the
ingest service stores the outcomes of one file in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.document import Document, StoredDocument
from hrdmap.domain.raw import ChildFile
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import EmptyFile, IngestError, TooLarge
from hrdmap.ingest.registry import choose
from hrdmap.readers.sources import read_regular_file, storable
from hrdmap.storage.batches import ItemStatus
from hrdmap.storage.documents import DocumentRepository
from hrdmap.structure.builder import build_document

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Outcome:
    """What to record for one file or member.

    Attributes:
        source: The file's path, or ``parent!member``.
        status: Stored (``document`` is to be stored), unchanged (``match`` holds the same bytes), failed,
            or unpacked (a container with no text of its own).
        document: The document to store.
        match: The stored version with the same bytes.
        reason: Why it failed, or a note.
        error_code: The failure's code.
    """

    source: str
    status: ItemStatus
    document: Document | None = None
    match: StoredDocument | None = None
    reason: str | None = None
    error_code: str | None = None


def failure(source: str, error: Exception) -> Outcome:
    """The outcome of a file that could not be read, with a one-line reason.

    The reason does not repeat the file's name when an extractor put it first: the item names the file.
    """
    if isinstance(error, IngestError):
        reason = _one_line(str(error)).removeprefix(f"{_name(source)}: ")
        return Outcome(source, ItemStatus.FAILED, reason=reason, error_code=error.code)
    if isinstance(error, OSError):
        reason = _one_line(f"cannot read the file: {error.strerror or error}")
        return Outcome(source, ItemStatus.FAILED, reason=reason, error_code="unreadable")
    reason = _one_line(f"unexpected error: {type(error).__name__}: {error}")
    return Outcome(source, ItemStatus.FAILED, reason=reason, error_code="internal")


class Reader:
    """Reads files into outcomes, skipping bytes the store already holds.

    Args:
        documents: The stored documents, to recognise bytes already stored.
        limits: Size, depth and unpacking limits.
    """

    def __init__(self, documents: DocumentRepository, limits: Limits) -> None:
        self._documents = documents
        self._limits = limits

    def read_file(self, path: Path, source: str | None = None) -> list[Outcome]:
        """Read a regular file from disk; its kind and size are checked before any byte is read.

        Args:
            path: The file.
            source: The text its outcomes are recorded under (the path's :func:`~.sources.source_text`).

        Raises:
            IngestError: The file itself cannot be read (members that cannot be read are failed outcomes).
            OSError: The file cannot be opened.
        """
        data = read_regular_file(path, self._limits.max_file_bytes)
        source = source if source is not None else storable(str(path))
        return self._read(data, source, depth=0, budget=_Budget(self._limits.max_unpacked_bytes))

    def _read(self, data: bytes, source: str, *, depth: int, budget: _Budget) -> list[Outcome]:
        sha256 = hashlib.sha256(data).hexdigest()
        same = self._same_bytes(source, sha256)
        if same is not None:
            return [same]
        name = _name(source)
        raw = choose(data, name).extract(data, name, self._limits)
        children, raw.children = raw.children, []
        if not raw.blocks and not raw.lines and children:
            own = Outcome(source, ItemStatus.UNPACKED)
        else:
            document = build_document(raw, source=source, sha256=sha256, size=len(data))
            if not document.blocks:
                raise EmptyFile("no text found (a scanned document needs OCR first)")
            own = Outcome(source, ItemStatus.STORED, document=document)
        return [own, *(o for child in children for o in self._member(child, source, depth + 1, budget))]

    def _same_bytes(self, source: str, sha256: str) -> Outcome | None:
        """An unchanged outcome when these bytes are stored: as this source's current version, or as a new
        source's copy of another document."""
        known = self._documents.by_source(source)
        if known is not None:
            return Outcome(source, ItemStatus.UNCHANGED, match=known) if known.sha256 == sha256 else None
        copy = self._documents.by_sha256(sha256)
        if copy is None:
            return None
        return Outcome(source, ItemStatus.UNCHANGED, match=copy, reason=f"same bytes as document {copy.id}")

    def _member(self, child: ChildFile, parent: str, depth: int, budget: _Budget) -> list[Outcome]:
        source = storable(f"{parent}!{child.name}")
        try:
            if depth > self._limits.max_depth:
                raise TooLarge(
                    f"nested deeper than {self._limits.max_depth} levels of archives or attachments"
                )
            if len(child.data) > self._limits.max_file_bytes:
                raise TooLarge(
                    f"{_mib(len(child.data))} is over the limit of {_mib(self._limits.max_file_bytes)}"
                )
            budget.take(len(child.data))
            return self._read(child.data, source, depth=depth, budget=budget)
        except Exception as error:  # noqa: BLE001 - one bad member must not stop its siblings
            return [failure(source, error)]


class _Budget:
    """What is left of the unpacked size allowed for one file and everything inside it."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._used = 0

    def take(self, size: int) -> None:
        self._used += size
        if self._used > self._limit:
            raise TooLarge(f"unpacks to more than {_mib(self._limit)} in all")


def _name(source: str) -> str:
    """The name an extractor gets for a file: its path, or its name inside its container."""
    return source.rsplit("!", 1)[-1]


def _mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB" if size >= MIB // 10 else f"{size} bytes"


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "no reason given"
