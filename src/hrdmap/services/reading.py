"""Read one file of a batch into what should happen to it and to the files inside it.

A file becomes a list of :class:`Outcome` items: the file itself first, then every member of a zip archive or
attachment of an e-mail (recursively), each under the source ``parent!member``. The outcomes are not stored
here: the ingest service stores those of one file in one transaction.

The bytes are read, digested and compared with the store here; parsing them is the job of
:mod:`hrdmap.services.parsing`, run in the sandboxed worker. Around each parse the reader tells its
:class:`Attempts` (the ingest service, which commits it at once) that it starts, and how it ended, so that bytes
that killed the worker, or the whole process, are not parsed again unless asked (``retry``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from hrdmap.domain.document import Document, StoredDocument
from hrdmap.domain.raw import ChildFile
from hrdmap.engine import EngineUnavailable
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import IngestError, TooLarge
from hrdmap.readers.sources import read_regular_file, storable
from hrdmap.services.parsing import Parse, Parsed, in_sandbox
from hrdmap.storage.batches import ItemStatus
from hrdmap.storage.documents import DocumentRepository
from hrdmap.storage.quarantine import Quarantined

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


class Attempts(Protocol):
    """Where a reader records the parses it starts and how they end (see :mod:`hrdmap.storage.quarantine`)."""

    def refused(self, sha256: str) -> Quarantined | None:
        """The record of bytes not to parse again, or ``None``."""
        ...

    def start(self, sha256: str, source: str) -> None:
        """These bytes go to a parser now: record it durably before they do."""
        ...

    def end(self, sha256: str, source: str, error: IngestError | None) -> None:
        """The parse ended: normally (``error`` ``None`` or an ordinary failure), or dangerously."""
        ...


class QuarantinedFile(IngestError):
    """Bytes that killed or exhausted a parser before, failed again without being parsed."""

    def __init__(self, record: Quarantined) -> None:
        why = record.reason or "it stopped the parser before"
        super().__init__(f"not read again: {why} (hrdmap ingest --retry-failed reads it again)")
        self.code = record.error_code or "worker_killed"


class Reader:
    """Reads files into outcomes, skipping bytes the store already holds and bytes in quarantine.

    Args:
        documents: The stored documents, to recognise bytes already stored.
        limits: Size, depth, unpacking limits and budgets.
        attempts: Where parses are recorded; without it nothing is recorded or refused.
        parse: What parses bytes: in the sandbox by default.
        retry: Parse bytes in quarantine too (``hrdmap ingest --retry-failed``).
    """

    def __init__(
        self,
        documents: DocumentRepository,
        limits: Limits,
        *,
        attempts: Attempts | None = None,
        parse: Parse = in_sandbox,
        retry: bool = False,
    ) -> None:
        self._documents = documents
        self._limits = limits
        self._attempts = attempts
        self._parse = parse
        self._retry = retry

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
        parsed = self._guarded_parse(data, source, sha256)
        if parsed.document is None:
            own = Outcome(source, ItemStatus.UNPACKED)
        else:
            own = Outcome(source, ItemStatus.STORED, document=parsed.document)
        members = (o for child in parsed.children for o in self._member(child, source, depth + 1, budget))
        return [own, *members]

    def _guarded_parse(self, data: bytes, source: str, sha256: str) -> Parsed:
        """Parse the bytes, unless they are in quarantine; record the attempt before and its end after.

        Raises:
            QuarantinedFile: The bytes killed or exhausted a parser before (and ``retry`` is off).
            IngestError: The parse failed.
        """
        attempts = self._attempts
        if attempts is None:
            return self._parse(data, _name(source), source, sha256, self._limits)
        record = None if self._retry else attempts.refused(sha256)
        if record is not None:
            raise QuarantinedFile(record)
        attempts.start(sha256, source)
        try:
            parsed = self._parse(data, _name(source), source, sha256, self._limits)
        except IngestError as error:
            attempts.end(sha256, source, error)
            raise
        except BaseException:  # Ctrl-C, or a bug on this side: not the file's doing
            attempts.end(sha256, source, None)
            raise
        attempts.end(sha256, source, None)
        return parsed

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
                raise TooLarge(f"nested deeper than {self._limits.max_depth} levels of archives or attachments")
            if len(child.data) > self._limits.max_file_bytes:
                raise TooLarge(f"{_mib(len(child.data))} is over the limit of {_mib(self._limits.max_file_bytes)}")
            budget.take(len(child.data))
            return self._read(child.data, source, depth=depth, budget=budget)
        except EngineUnavailable:  # the engine, not the member: the whole file stays pending
            raise
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
