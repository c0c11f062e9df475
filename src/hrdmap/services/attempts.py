"""The ingest service's record of parses: started, ended, and refused for good reason.

This is the store's side of :class:`hrdmap.services.reading.Attempts` (see :mod:`hrdmap.storage.quarantine` for
the states). Each change commits at once, on its own: the record that a parse starts must be on disk before the
parser sees the bytes, or a parse that takes the whole process down would leave no trace.
"""

from __future__ import annotations

from pathlib import Path

from hrdmap.domain.actor import Actor
from hrdmap.ingest.errors import IngestError
from hrdmap.readers.sources import local_path
from hrdmap.storage.quarantine import Quarantined
from hrdmap.storage.repository import Store

#: The reason given to bytes that were being parsed when hrdmap stopped.
INTERRUPTED = (
    "hrdmap stopped while parsing this file (killed, out of memory or a power cut): it may be built to exhaust "
    "or crash the parser"
)


class StoreAttempts:
    """Records parses in the store's quarantine, and refuses bytes that killed or exhausted a parser.

    Args:
        store: The store.
        actor: Who ingests: named in the audit trail; their clock dates the records.
    """

    def __init__(self, store: Store, actor: Actor) -> None:
        self._store = store
        self._actor = actor

    def refused(self, sha256: str) -> Quarantined | None:
        """The record of bytes not to parse again, or ``None``."""
        record = self._store.quarantine.get(sha256)
        return record if record is not None and record.error_code is not None else None

    def start(self, sha256: str, source: str) -> None:
        """Record, and commit, that these bytes go to a parser now."""
        with self._store.transaction():
            self._store.quarantine.reading(sha256, source, at=self._actor.now())

    def end(self, sha256: str, source: str, error: IngestError | None) -> None:
        """Forget the bytes after a normal end; refuse them from now on after a dangerous one."""
        at = self._actor.now()
        with self._store.transaction():
            if error is None or not error.dangerous:
                self._store.quarantine.done(sha256)
                return
            reason = " ".join(str(error).split())
            self._store.quarantine.refuse(sha256, source, error.code, reason, at=at)
            self._store.audit.record(
                "file.quarantined",
                actor=self._actor.name,
                at=at,
                subject=source,
                detail={"sha256": sha256, "error_code": error.code},
            )


def refuse_interrupted(store: Store, actor: Actor) -> list[Quarantined]:
    """Refuse the bytes that were being parsed when an earlier run stopped (their record says ``reading``).

    Called under the ingest lock, so no parse is running: every ``reading`` record was left by a process that
    died. Their files' items, still pending in the interrupted batch, then fail as ``interrupted`` when the batch
    is finished, instead of being parsed again.
    """
    at = actor.now()
    with store.transaction():
        records = list(store.quarantine.interrupted(INTERRUPTED, at=at))
        for record in records:
            store.audit.record(
                "file.quarantined",
                actor=actor.name,
                at=at,
                subject=record.source,
                detail={"sha256": record.sha256, "error_code": "interrupted"},
            )
    return records


def failed_files(store: Store) -> list[Path]:
    """The files whose latest attempt failed and that still exist, for ``hrdmap ingest --retry-failed``.

    A failed member of a zip or an e-mail gives its outermost container, which is read again whole.
    """
    files: list[Path] = []
    for item in store.batches.latest_failures():
        path = _outermost_file(item.path)
        if path is not None and path not in files:
            files.append(path)
    return files


def _outermost_file(source: str) -> Path | None:
    """The file a source names: itself, or its outermost container (``a.zip!b.docx`` → ``a.zip``).

    A ``!`` may also be part of a file name, so the longest prefix that is a file wins.
    """
    parts = source.split("!")
    for end in range(len(parts), 0, -1):
        path = local_path("!".join(parts[:end]))
        if path.is_file():
            return path
    return None

