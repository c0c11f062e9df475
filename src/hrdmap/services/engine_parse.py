"""Parse an ingest batch's files on the distributed engine, ahead of the loop that stores them.

The ingest service stores files one after the other, as without an engine (same order, same transactions, so
the same ids). What the engine changes is *where* the parsing happens: before the loop reaches a file, its
bytes are read and digested here and, unless the store holds them already or they are in quarantine, sent to
the engine as a task keyed by a digest of the bytes, the file's name and source and the limits
(:func:`task_key`). When the loop reaches the file, the reader's parse takes that task's result; files inside
archives are parsed the same way when they are found. A window of files is in flight at a time, so memory
stays bounded by the window, not the batch.

The task (:func:`hrdmap.services.parsing.on_worker`) runs the parser in the worker's own sandbox, with the same
limits. A worker that dies mid-task has its task run again elsewhere; a task that kills workers again and
again fails as :class:`~hrdmap.ingest.errors.WorkerKilled` and goes to quarantine, as it would locally.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from hrdmap.engine import Executor, Pending, TaskFailed
from hrdmap.ingest.base import Limits
from hrdmap.ingest.errors import WorkerKilled
from hrdmap.readers.sources import local_path, read_regular_file
from hrdmap.services.parsing import Parsed, on_worker
from hrdmap.services.reading import Attempts
from hrdmap.storage.documents import DocumentRepository

#: Files in flight per thread of work on the engine (at least :data:`MIN_WINDOW` in all).
WINDOW_PER_WORKER = 2
MIN_WINDOW = 4


def task_key(sha256: str, name: str, source: str, limits: Limits) -> str:
    """The key of the task that parses these bytes: everything its result depends on, digested."""
    text = "\x00".join((sha256, name, source, repr(limits)))
    return "hrdmap-parse-" + hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


class EngineParser:
    """The reader's parse, served by the engine, with files sent ahead (see the module docstring).

    Args:
        engine: The engine.
        documents: The stored documents (files whose bytes are stored are not sent).
        limits: The limits of the run.
        attempts: The quarantine (bytes refused there are not sent).
        retry: Send bytes in quarantine too.
    """

    def __init__(
        self, engine: Executor, documents: DocumentRepository, limits: Limits, attempts: Attempts, *, retry: bool
    ) -> None:
        self._engine = engine
        self._documents = documents
        self._limits = limits
        self._attempts = attempts
        self._retry = retry
        self._sent: dict[str, Pending[Parsed]] = {}
        self._seen: set[str] = set()
        self.window = max(MIN_WINDOW, WINDOW_PER_WORKER * engine.workers())

    def ahead(self, sources: Sequence[str]) -> None:
        """Send the files of ``sources`` not sent yet (those that cannot be read are left to the reader)."""
        for source in sources:
            if source in self._seen:
                continue
            self._seen.add(source)
            try:
                data = read_regular_file(local_path(source), self._limits.max_file_bytes)
            except Exception:  # noqa: BLE001, S112 - the reader reads it again and records why it failed
                continue
            sha256 = hashlib.sha256(data).hexdigest()
            if self._stored(source, sha256) or (not self._retry and self._attempts.refused(sha256) is not None):
                continue
            name = source.rsplit("!", 1)[-1]
            self._send(data, name, source, sha256)

    def parse(self, data: bytes, name: str, source: str, sha256: str, limits: Limits) -> Parsed:
        """The reader's parse: the result of the task sent ahead, or of one sent now.

        Raises:
            IngestError: What the parse raised; ``WorkerKilled`` when workers died running it too often.
            EngineUnavailable: The engine was lost (the run stops; the file stays pending).
        """
        key = task_key(sha256, name, source, limits)
        pending = self._sent.pop(key, None)
        if pending is None:
            pending = self._engine.submit(key, on_worker, data, name, source, sha256, limits)
        try:
            return pending.result()
        except TaskFailed as error:
            raise WorkerKilled(f"{error} (the file may be built to crash or exhaust the parser)") from None

    def _send(self, data: bytes, name: str, source: str, sha256: str) -> None:
        key = task_key(sha256, name, source, self._limits)
        if key not in self._sent:
            self._sent[key] = self._engine.submit(key, on_worker, data, name, source, sha256, self._limits)

    def _stored(self, source: str, sha256: str) -> bool:
        known = self._documents.by_source(source)
        if known is not None:
            return known.sha256 == sha256
        return self._documents.by_sha256(sha256) is not None
