"""Ingest files into the corpus: the use-case behind ``hrdmap ingest``.

A batch is recorded first, one ``pending`` item per file, and committed. Each file is then read and stored in
**one transaction**: its new version (blocks and footnotes), the versions of the files inside it, the items'
final statuses and the audit rows. A file that cannot be read becomes a ``failed`` item with a reason, and the
batch goes on.

Killing the process at any moment loses nothing committed and leaves the store consistent: the file being
processed is still ``pending``. Every run first finishes the unfinished batches it finds (the store's ``ingest``
lock, held for the whole run, guarantees they were interrupted, not running elsewhere, whichever data folder or
machine the other run works from; the data folder's lock keeps its search index to one writer), then runs the
new one; files whose
bytes are already stored are ``unchanged`` and cost only a digest.

With an engine (``executor``, ``HRDMAP_EXECUTOR``: :mod:`hrdmap.engine`) the files are parsed on its workers,
ahead of the loop (:mod:`hrdmap.services.engine_parse`); the loop stores them as it does without one, so the
store ends up the same. An engine lost mid-run stops the run like a kill would: the next run finishes the batch.

The search index follows the store (see :mod:`hrdmap.services.indexing`): it is brought up to date before the
first file, every ``index_every`` stored documents, and at the end.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.engine import LOCAL, EngineUnavailable, Executor, check_executor, open_executor
from hrdmap.readers.sources import Found, expand_paths, local_path, source_text
from hrdmap.services.attempts import StoreAttempts, failed_files, refuse_interrupted
from hrdmap.services.engine_parse import EngineParser
from hrdmap.services.indexing import sync_index
from hrdmap.services.reading import Outcome, Reader, failure
from hrdmap.services.sealing import SealedStore, seal_document
from hrdmap.services.workspace import Workspace
from hrdmap.storage.batches import BatchItem, ItemStatus
from hrdmap.storage.lock import exclusive
from hrdmap.storage.repository import ReadOnlyStore

#: Stored documents between two commits of the search index.
INDEX_EVERY = 50


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a batch stands, after each of its files.

    Attributes:
        batch_id: The batch.
        done: Files finished in this run.
        total: Files this run has to finish in the batch.
        path: The file just finished.
        status: What happened to it.
    """

    batch_id: int
    done: int
    total: int
    path: str
    status: ItemStatus


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What became of every file of a batch (members of archives and attachments included).

    Attributes:
        batch_id: The batch.
        items: Its items, in the order they were recorded.
        resumed: Whether this run finished a batch that an earlier, interrupted run started.
    """

    batch_id: int
    items: tuple[BatchItem, ...]
    resumed: bool = False

    @property
    def counts(self) -> Counter[ItemStatus]:
        """Number of items per status."""
        return Counter(item.status for item in self.items)

    @property
    def failures(self) -> list[BatchItem]:
        """The items that failed."""
        return [item for item in self.items if item.status is ItemStatus.FAILED]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest run did: interrupted batches it finished, then the batch of the files given.

    Attributes:
        batches: Resumed batches first, then the new one (absent when no files were given).
    """

    batches: tuple[BatchReport, ...]

    @property
    def counts(self) -> Counter[ItemStatus]:
        """Number of items per status over every batch."""
        total: Counter[ItemStatus] = Counter()
        for batch in self.batches:
            total.update(batch.counts)
        return total

    @property
    def failures(self) -> list[BatchItem]:
        """The items that failed, over every batch."""
        return [item for batch in self.batches for item in batch.failures]


def ingest(
    workspace: Workspace,
    actor: Actor,
    paths: Iterable[Path],
    *,
    progress: ProgressCallback | None = None,
    index_every: int = INDEX_EVERY,
    follow_links: bool = False,
    retry_failed: bool = False,
    seal: Collection[Path] = (),
    executor: str | None = None,
) -> IngestReport:
    """Finish interrupted batches, then ingest ``paths`` (files and folders) as a new batch.

    Args:
        workspace: The store and search index to ingest into.
        actor: Who ingests (needs :attr:`~hrdmap.domain.actor.Permission.INGEST`); named in the audit trail.
        paths: Files and folders; folders are walked recursively in sorted order, hidden entries skipped.
            May be empty, to finish interrupted batches only.
        progress: Called after each file.
        index_every: Stored documents between two commits of the search index.
        follow_links: Read files that links inside a folder point to outside it (refused otherwise).
        retry_failed: Also read again every file whose latest attempt failed, those in quarantine included
            (files that killed or exhausted the parser, or were being parsed when hrdmap stopped).
        seal: Files (and everything inside them) whose text is stored sealed and left out of the search index:
            confidential contributions (:mod:`hrdmap.services.sealing`; only when a key file is set).
        executor: ``local`` (parse here, in the sandbox) or a distributed engine's address
            (``tcp://scheduler:8786``); the settings' ``executor`` when omitted.

    Raises:
        hrdmap.readers.sources.MissingPath: A path does not exist (nothing is recorded).
        hrdmap.storage.lock.Busy: Another process is ingesting into the same data folder or store.
        hrdmap.storage.repository.ReadOnlyStore: The data folder cannot be written.
        hrdmap.domain.errors.Forbidden: The actor may not ingest.
        hrdmap.engine.EngineUnavailable: The engine cannot be reached, or was lost (the batch stays unfinished).
    """
    actor.require(Permission.INGEST)
    found = expand_paths(paths, exclude=workspace.settings.home, follow_links=follow_links)
    if workspace.store.read_only:
        raise ReadOnlyStore(f"the data folder {workspace.settings.home} is read-only: ingest needs to write to it")
    address = workspace.settings.executor if executor is None else executor
    with (
        exclusive(workspace.settings.home / "ingest.lock"),
        workspace.store.lock("ingest"),
        _engine(address) as engine,
    ):
        run = _Run(workspace, actor, progress, index_every, frozenset(source_text(p.resolve()) for p in seal), engine)
        refuse_interrupted(workspace.store, actor)
        run.sync_index()
        reports = [run.finish_batch(batch.id, resumed=True) for batch in workspace.store.batches.unfinished()]
        if retry_failed:
            found.files.extend(path for path in failed_files(workspace.store) if path not in found.files)
            run.retry()
        if found.files:
            reports.append(run.finish_batch(run.start_batch(found), resumed=False))
        run.sync_index()
    return IngestReport(batches=tuple(reports))


@contextmanager
def _engine(address: str) -> Iterator[Executor | None]:
    """The engine at ``address`` for the run, or ``None`` for ``local`` (no engine is imported then)."""
    if check_executor(address) == LOCAL:
        yield None
        return
    with open_executor(address) as engine:
        yield engine


class _Run:
    """One ingest run: processes the pending items of batches and keeps the index in step."""

    def __init__(
        self,
        workspace: Workspace,
        actor: Actor,
        progress: ProgressCallback | None,
        index_every: int,
        seal: frozenset[str] = frozenset(),
        engine: Executor | None = None,
    ) -> None:
        self._ws = workspace
        self._seal = seal
        self._store = workspace.store
        self._clock = actor.clock
        self._actor = actor.name
        self._attempts = StoreAttempts(workspace.store, actor)
        self._engine = engine
        self._remote: EngineParser | None = None
        self._reader = self._new_reader(retry=False)
        self._progress = progress
        self._index_every = max(1, index_every)
        self._stored_since_sync = 0

    def retry(self) -> None:
        """From now on, parse bytes in quarantine too."""
        self._reader = self._new_reader(retry=True)

    def _new_reader(self, *, retry: bool) -> Reader:
        """A reader that parses here, in the sandbox, or on the engine."""
        limits = self._ws.settings.limits
        if self._engine is None:
            return Reader(self._store.documents, limits, attempts=self._attempts, retry=retry)
        self._remote = EngineParser(self._engine, self._store.documents, limits, self._attempts, retry=retry)
        return Reader(self._store.documents, limits, attempts=self._attempts, parse=self._remote.parse, retry=retry)

    def start_batch(self, found: Found) -> int:
        """Record a batch with one pending item per file, fail the files refused before reading, and commit."""
        at = self._clock.now()
        with self._store.transaction():
            batch = self._store.batches.start([source_text(f) for f in found.files], actor=self._actor, at=at)
            self._store.audit.record(
                "batch.started",
                actor=self._actor,
                at=at,
                subject=f"batch:{batch.id}",
                detail={"files": len(found.files)},
            )
            for path, error in found.refused.items():
                self._record_one(batch.id, failure(source_text(path), error), at)
        return batch.id

    def finish_batch(self, batch_id: int, *, resumed: bool) -> BatchReport:
        """Process a batch's pending items, then mark it finished."""
        pending = [i for i in self._store.batches.items(batch_id) if i.status is ItemStatus.PENDING]
        for done, item in enumerate(pending, start=1):
            if self._remote is not None:
                self._remote.ahead([i.path for i in pending[done - 1 : done - 1 + self._remote.window]])
            status = self._process(batch_id, item.path)
            if self._progress is not None:
                self._progress(Progress(batch_id, done, len(pending), item.path, status))
        at = self._clock.now()
        with self._store.transaction():
            self._store.batches.finish(batch_id, at=at)
            self._store.audit.record(
                "batch.finished",
                actor=self._actor,
                at=at,
                subject=f"batch:{batch_id}",
                detail={"resumed": resumed},
            )
        return BatchReport(batch_id, tuple(self._store.batches.items(batch_id)), resumed=resumed)

    def sync_index(self) -> None:
        """Bring the search index up to date with the store."""
        sync_index(self._store, self._ws.search_backend())
        self._stored_since_sync = 0

    def _process(self, batch_id: int, path: str) -> ItemStatus:
        try:
            outcomes = self._reader.read_file(local_path(path), path)
        except EngineUnavailable:  # the engine, not the file: stop, the file stays pending for the next run
            raise
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
            outcomes = [failure(path, error)]
        try:
            status = self._record(batch_id, outcomes)
        except Exception as error:  # noqa: BLE001 - what the file gave cannot be stored: record why
            status = self._record(batch_id, [failure(path, error)])
        if self._stored_since_sync >= self._index_every:
            self.sync_index()
        return status

    def _record(self, batch_id: int, outcomes: list[Outcome]) -> ItemStatus:
        """Store one file's outcomes, its members' and the items' statuses in one transaction."""
        at = self._clock.now()
        with self._store.transaction():
            statuses = [self._record_one(batch_id, outcome, at) for outcome in outcomes]
        return statuses[0]

    def _record_one(self, batch_id: int, outcome: Outcome, at: dt.datetime) -> ItemStatus:
        status, version_id = outcome.status, outcome.match.version_id if outcome.match else None
        document = outcome.document
        if document is not None:
            known = self._store.documents.by_source(document.source)
            if known is not None and known.sha256 == document.sha256:  # stored meanwhile by another run
                status, version_id = ItemStatus.UNCHANGED, known.version_id
            else:
                if document.source.split("!", 1)[0] in self._seal and isinstance(self._store, SealedStore):
                    document = seal_document(self._store.ring, document)
                stored = self._store.documents.add_version(document, at=at)
                version_id = stored.version_id
                self._stored_since_sync += 1
                self._store.audit.record(
                    "document.stored",
                    actor=self._actor,
                    at=at,
                    subject=f"document:{stored.id}",
                    detail={
                        "source": stored.source,
                        "version": stored.version,
                        "sha256": stored.sha256,
                        "batch": batch_id,
                    },
                )
        elif status is ItemStatus.FAILED:
            self._store.audit.record(
                "document.failed",
                actor=self._actor,
                at=at,
                subject=outcome.source,
                detail={"error_code": outcome.error_code, "batch": batch_id},
            )
        self._store.batches.set_item(
            batch_id,
            outcome.source,
            status,
            at=at,
            reason=outcome.reason,
            error_code=outcome.error_code,
            version_id=version_id,
        )
        return status
