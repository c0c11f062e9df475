"""Import a list kept by others with its mapping file: every accepted row committed, reruns change nothing.

Rows are mapped by :func:`hrdmap.monitoring.importer.import_rows` and written in transactions of
``BATCH`` rows, each row whole or not at all; a row whose list id is already stored is left as it is (so a rerun,
or a second run after a crash, adds only what is missing). One audit entry records the file and the counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.monitoring.incidents import Incident
from hrdmap.monitoring.importer import MappedRow, RowError, SkippedRow, import_rows, vocabulary_from
from hrdmap.monitoring.mapping import Mapping
from hrdmap.services.workspace import Workspace

#: Rows written per transaction.
BATCH = 500


@dataclass(slots=True)
class ImportReport:
    """What an import did.

    Attributes:
        file: The list.
        added: Incidents stored.
        unchanged: Rows whose list id was already stored.
        skipped: Rows the mapping leaves out on purpose.
        errors: Rows refused, each naming file, row, column and reason.
    """

    file: Path
    added: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)


def _write(workspace: Workspace, pending: list[Incident], report: ImportReport, at: dt.datetime) -> None:
    repository = workspace.store.incidents
    with workspace.store.transaction():
        for incident in pending:
            if any(repository.by_external_id(e) is not None for e in incident.external_ids):
                report.unchanged += 1
                continue
            repository.add(incident, at=at)
            report.added += 1
    pending.clear()


def import_list(
    workspace: Workspace, actor: Actor, path: Path, mapping: Mapping, *, max_bytes: int | None = None
) -> ImportReport:
    """Import a list (CSV, TSV, XLSX, JSON) with its mapping.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not record incidents.
        hrdmap.monitoring.mapping.MappingError: The mapping reads a column the file does not have.
        hrdmap.monitoring.readers.ReadError: The file cannot be read; rows before a broken one are kept.
    """
    actor.require(Permission.MANAGE_INCIDENTS)
    at = actor.now()
    report = ImportReport(path)
    pending: list[Incident] = []
    try:
        for result in import_rows(path, mapping, vocabulary_from(workspace.frameworks()), max_bytes=max_bytes):
            if isinstance(result, RowError):
                report.errors.append(result)
            elif isinstance(result, SkippedRow):
                report.skipped += 1
            elif isinstance(result, MappedRow):
                pending.append(result.incident)
                if len(pending) >= BATCH:
                    _write(workspace, pending, report, at)
    finally:
        if pending:
            _write(workspace, pending, report, at)
        with workspace.store.transaction():
            workspace.store.audit.record(
                "incidents.imported",
                actor=actor.name,
                at=at,
                subject=f"file:{path.name}",
                detail={
                    "mapping": mapping.name,
                    "added": report.added,
                    "unchanged": report.unchanged,
                    "skipped": report.skipped,
                    "errors": len(report.errors),
                },
            )
    return report
