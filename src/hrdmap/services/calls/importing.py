"""Import a ``call.yaml`` file: the call, its stakeholders, the requests sent and the contributions received.

The steps, in order:

1. The whole file is read and checked (:mod:`hrdmap.readers.call_file`); any problem stops the import before
   anything is written, and every problem is reported.
2. The resolution's bundled text (``call.mandate.text``) is added to the mandate registry when no resolution
   with the call's symbol is registered yet.
3. The contribution files are stored in the corpus by the ingest service, in one batch (files already stored
   cost only a digest). A file that cannot be read is reported and its contribution recorded without a
   document: the stakeholder did answer, and the file can be fixed and added with ``hrdmap calls contribution``.
4. The registry is written in **one transaction**: the call, the stakeholders and their contacts, the requests,
   the contributions and their links to documents, with an audit entry for each change and one for the import.
   An error here leaves the registry as it was (documents stored in step 3 stay in the corpus, like any ingest).

Importing the same file again changes nothing and adds no audit entry but the import's own; a changed entry is
updated. Nothing is deleted: entries removed from the file stay in the registry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.calls import Consent
from hrdmap.readers.call_file import CallFile, ContributionEntry, read_call_file
from hrdmap.readers.call_file import CallFileError as CallFileError  # named for the edges that catch it
from hrdmap.services import mandates
from hrdmap.services.calls.manage import (
    ReadFile,
    contribution_from,
    read_files,
    save_call,
    save_contribution,
    save_request,
    save_stakeholder,
)
from hrdmap.services.workspace import Workspace
from hrdmap.storage.calls import Change


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did.

    Attributes:
        call_key: The call imported.
        call: Whether the call was created, updated or unchanged.
        stakeholders: Number of stakeholders per change.
        requests: Number of requests recorded by this import (those recorded before are not counted).
        contributions: Number of contributions per change.
        files: What ingest did with each contribution file.
        warnings: One line per thing to look at: files that could not be read, attachments not found, a
            mandate text that could not be registered.
    """

    call_key: str
    call: Change
    stakeholders: Counter[Change]
    requests: int
    contributions: Counter[Change]
    files: tuple[ReadFile, ...]
    warnings: tuple[str, ...]

    @property
    def failed_files(self) -> list[ReadFile]:
        """Contribution files that could not be read."""
        return [f for f in self.files if not f.document_ids]


def _register_mandate(workspace: Workspace, actor: Actor, parsed: CallFile) -> list[str]:
    """Add the bundled resolution text to the mandate registry unless its symbol is registered already."""
    mandate, text = parsed.call.mandate, parsed.mandate_text
    if mandate is None or text is None:
        return []
    if workspace.store.mandates.resolution(mandate.symbol) is not None:
        return []
    try:
        added = mandates.add_resolution(workspace, actor, text)
    except mandates.MandateError as error:
        return [f"{parsed.path}: call.mandate.text: not added to the mandate registry ({error})"]
    if added.resolution.symbol.upper() != mandate.symbol.upper():
        return [
            f"{parsed.path}: call.mandate.text: the file is resolution {added.resolution.symbol}, not {mandate.symbol}"
        ]
    return []


def _file_warnings(parsed: CallFile, entry: ContributionEntry, read: ReadFile, index: int) -> list[str]:
    where = f"{parsed.path}: contributions[{index}].file"
    if not read.document_ids:
        reason = read.reason or read.status.value
        return [f"{where}: {entry.path.name} could not be read ({reason}); recorded without a document"]
    names = {member.rsplit("!", 1)[-1] for member in read.members}
    missing = [name for name in entry.attachments if name not in names]
    return [f"{where}: attachment {name!r} was not found in {entry.path.name}" for name in missing]


def import_call(workspace: Workspace, actor: Actor, path: Path) -> ImportReport:
    """Import a call file (see the module docstring for the steps and what is written when).

    Raises:
        hrdmap.readers.call_file.CallFileError: The file has problems; nothing was written.
        hrdmap.storage.lock.Busy: Another process is ingesting into the same data folder.
        hrdmap.domain.errors.Forbidden: The actor may not manage calls.
    """
    actor.require(Permission.MANAGE_CALLS)
    parsed = read_call_file(path)
    warnings = _register_mandate(workspace, actor, parsed)
    confidential = [e.path for e in parsed.contributions if e.consent is Consent.CONFIDENTIAL]
    read = read_files(workspace, actor, [entry.path for entry in parsed.contributions], seal=confidential)
    for index, entry in enumerate(parsed.contributions):
        warnings += _file_warnings(parsed, entry, read[entry.path], index)
    name, at, store = actor.name, actor.now(), workspace.store
    with store.transaction():
        call_id, call_change = save_call(store, parsed.call, actor=name, at=at)
        stakeholders = Counter(
            save_stakeholder(store, s, parsed.contacts.get(s.key), actor=name, at=at) for s in parsed.stakeholders
        )
        requests = sum(save_request(store, call_id, parsed.call.key, r, actor=name, at=at) for r in parsed.requests)
        contributions: Counter[Change] = Counter()
        for entry in parsed.contributions:
            contribution = contribution_from(
                read[entry.path], entry.stakeholder, entry.received, entry.consent, entry.language
            )
            contributions[
                save_contribution(store, call_id, parsed.call.key, contribution, actor=name, at=at)[1]
            ] += 1
        store.audit.record(
            "call.imported",
            actor=name,
            at=at,
            subject=f"call:{parsed.call.key}",
            detail={"file": str(path.resolve()), "contributions": len(parsed.contributions)},
        )
    files = tuple(read[entry.path] for entry in parsed.contributions)
    return ImportReport(parsed.call.key, call_change, stakeholders, requests, contributions, files, tuple(warnings))
