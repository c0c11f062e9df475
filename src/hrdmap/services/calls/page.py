"""Build the public inputs page of a call (:mod:`hrdmap.reports.inputs_page` renders and writes it).

Only contributions with ``public`` consent enter the page; confidential ones are counted, and nothing else of
them (stakeholder, file, title, text) is read here. Each published file is copied from where it was received,
after checking that its bytes are still those stored in the corpus (a file changed since is not published: it
was never reviewed), and scrubbed (:mod:`hrdmap.reports.published_copy`: no author, comments, tracked changes,
custom properties or scripts); a format that cannot be scrubbed is listed without a file. An e-mail is never
published as such, since its headers carry addresses: its attachments that belong to the contribution are
published instead, each checked against its stored document and scrubbed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.calls import Consent, Contribution
from hrdmap.domain.document import StoredDocument
from hrdmap.ingest.email import EmailExtractor
from hrdmap.ingest.errors import IngestError
from hrdmap.reports.inputs_page import InputsPage, PageEntry, PublishedFile, write_inputs_page
from hrdmap.reports.published_copy import NotScrubbable, scrub
from hrdmap.services.calls.manage import CallView, UnknownCall, get_call
from hrdmap.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class BuiltPage:
    """The page's content and what could not be published (one line each, for the person running it)."""

    page: InputsPage
    warnings: tuple[str, ...]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Files:
    """Reads the files of public contributions and checks them against the corpus."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace
        self.warnings: list[str] = []

    def published(self, contribution: Contribution) -> tuple[PublishedFile, ...]:
        documents = [d for d in (self._ws.store.documents.get(i) for i in contribution.document_ids) if d]
        source = Path(contribution.source)
        try:
            data = source.read_bytes()
        except OSError:
            self.warnings.append(f"{source}: cannot be read; listed without a file")
            return ()
        if EmailExtractor().sniff(data):
            return self._attachments(source, data, documents[1:])
        if not documents or documents[0].sha256 != _sha256(data):
            self.warnings.append(f"{source}: not the file stored in the corpus; listed without a file")
            return ()
        return self._scrubbed(source.name, source.suffix, data)

    def _scrubbed(self, name: str, suffix: str, data: bytes) -> tuple[PublishedFile, ...]:
        """The copy to publish, its metadata, comments, tracked changes and scripts removed; none when the format
        cannot be scrubbed."""
        try:
            return (PublishedFile(suffix, scrub(data, suffix)),)
        except NotScrubbable as error:
            self.warnings.append(f"{name}: {error}; listed without a file")
            return ()

    def _attachments(self, source: Path, data: bytes, members: list[StoredDocument]) -> tuple[PublishedFile, ...]:
        """The e-mail's attachments that are stored as documents of the contribution, with the same bytes."""
        try:
            children = EmailExtractor().extract(data, source.name, self._ws.settings.limits).children
        except IngestError as error:
            self.warnings.append(f"{source}: {error}; listed without a file")
            return ()
        wanted = {(m.source.rsplit("!", 1)[-1], m.sha256) for m in members}
        files = tuple(
            f
            for c in children
            if (c.name, _sha256(c.data)) in wanted
            for f in self._scrubbed(c.name, Path(c.name).suffix, c.data)
        )
        if not files:
            self.warnings.append(f"{source}: an e-mail without a stored attachment; listed without a file")
        return files


def _mandate(view: CallView) -> str | None:
    mandate = view.call.mandate
    if mandate is None:
        return None
    return mandate.citation or mandate.symbol


def inputs_page(workspace: Workspace, actor: Actor, key: str) -> BuiltPage:
    """The inputs page of a call: its public contributions, and a count of the confidential ones.

    Raises:
        hrdmap.services.calls.manage.CallError: There is no such call.
        hrdmap.domain.errors.Forbidden: The actor may not publish.
    """
    actor.require(Permission.DRAFT)
    view = get_call(workspace, actor, key)
    files = _Files(workspace)
    entries = []
    for contribution in view.contributions:
        if contribution.consent is not Consent.PUBLIC:
            continue
        stakeholder = view.stakeholders[contribution.stakeholder]
        entries.append(
            PageEntry(
                stakeholder.key,
                stakeholder.name,
                stakeholder.type,
                contribution.language,
                files.published(contribution),
            )
        )
    confidential = sum(1 for c in view.contributions if c.consent is Consent.CONFIDENTIAL)
    call = view.call
    page = InputsPage(
        call.title, call.deadline, tuple(entries), confidential, call.issued_by, _mandate(view), call.fictional
    )
    return BuiltPage(page, tuple(files.warnings))


@dataclass(frozen=True, slots=True)
class PublishedPage:
    """An inputs page written to disk: what it holds, the paths written (the page first), and the warnings."""

    built: BuiltPage
    written: tuple[Path, ...]


def publish_inputs_page(workspace: Workspace, actor: Actor, key: str, output: Path) -> PublishedPage:
    """Build the inputs page of a call and write it to ``output``, its public files in ``inputs/`` beside it.

    Raises:
        hrdmap.services.calls.manage.CallError: There is no such call.
        hrdmap.reports.inputs_page.PageError: ``output`` cannot be written (a folder, or foreign files in inputs/).
        hrdmap.domain.errors.Forbidden: The actor may not publish.
    """
    built = inputs_page(workspace, actor, key)
    written = write_inputs_page(built.page, output)
    with workspace.store.transaction():
        workspace.store.audit.record(
            "call.page_published",
            actor=actor.name,
            at=actor.now(),
            subject=f"call:{key}",
            detail={"output": str(output), "entries": len(built.page.entries), "files": len(written) - 1},
        )
    return PublishedPage(built, tuple(written))


@dataclass(frozen=True, slots=True)
class PublicEntry:
    """One public contribution as the public inputs page lists it (no file bytes, no contact)."""

    stakeholder: str
    type: str
    language: str | None
    files: int


@dataclass(frozen=True, slots=True)
class PublicInputs:
    """What the public may read of a call: its title, deadline, public contributions and a count of the rest."""

    key: str
    title: str
    deadline: dt.date
    entries: tuple[PublicEntry, ...]
    confidential: int
    fictional: bool


def public_inputs(workspace: Workspace, actor: Actor, key: str) -> PublicInputs:
    """The public inputs page of a call, for anyone: confidential contributions are counted, never named.

    Raises:
        hrdmap.services.calls.manage.UnknownCall: There is no such call.
    """
    stored = workspace.store.calls.call(key)
    if stored is None:
        raise UnknownCall(f"no call '{key}'")
    contributions = workspace.store.calls.contributions(stored.id)
    names = {s.key: s for s in workspace.store.calls.stakeholders()}
    entries = tuple(
        PublicEntry(names[c.stakeholder].name, names[c.stakeholder].type.value, c.language, len(c.document_ids))
        for c in contributions
        if c.consent is Consent.PUBLIC and c.stakeholder in names
    )
    confidential = sum(1 for c in contributions if c.consent is Consent.CONFIDENTIAL)
    call = stored.call
    return PublicInputs(key, call.title, call.deadline, entries, confidential, call.fictional)
