"""Calls for inputs: the use-cases behind ``hrdmap calls`` and ``hrdmap stakeholders``.

Every change goes through a function here and is written with its audit entry in one transaction. Files
received are stored in the corpus by the ingest service (a file already stored costs only a digest) before the
registry is written, so a contribution points at the documents read from it: the file's own and, for an e-mail
or an archive, the documents of the files inside it. A file that cannot be read is still recorded as a
contribution, without a document, and the result says why.

Contact addresses are written by :func:`add_stakeholder` and read only by :func:`stakeholder_contacts`, which
records in the audit trail who read them (never the addresses themselves).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.calls import (
    Accreditation,
    Call,
    CallRequest,
    CallStatus,
    Consent,
    Contribution,
    Stakeholder,
    StakeholderType,
    call_status,
)
from hrdmap.domain.errors import HrdmapError, NotFound
from hrdmap.readers.call_file import resolve_country
from hrdmap.reports.draft.stakeholder_counts import Contributor, contributions_sentence
from hrdmap.reports.wording import un_date as un_date  # for the edges: dates as a status and a report write them
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import Workspace
from hrdmap.storage.batches import ItemStatus
from hrdmap.storage.calls import Change, StoredCall
from hrdmap.storage.repository import Store


class CallError(HrdmapError):
    """A call or stakeholder cannot be found or changed; ``str()`` is the one-line reason shown to users."""


class UnknownCall(CallError, NotFound):
    """No call has that key, or none the actor may see (the same answer)."""


@dataclass(frozen=True, slots=True)
class ReadFile:
    """What the corpus holds for one file received.

    Attributes:
        path: The file.
        status: What ingest did with it (stored, unchanged, failed).
        reason: Why it failed, when it did.
        document_ids: The documents read from it: its own first, then those of the files inside it.
        members: The ``source!member`` names of the files inside it that were stored.
        language: The main language found in the file's own document.
    """

    path: Path
    status: ItemStatus
    reason: str | None = None
    document_ids: tuple[int, ...] = ()
    members: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True, slots=True)
class CallView:
    """A call with everything recorded about it: what a status view, a page or a draft report reads.

    Attributes:
        stored: The call, with the mandate registry's resolution when one is stored.
        stakeholders: Every stakeholder its requests and contributions name, by key.
        requests: Requests sent, by date.
        contributions: Contributions received, by date, each with its documents.
    """

    stored: StoredCall
    stakeholders: dict[str, Stakeholder]
    requests: tuple[CallRequest, ...]
    contributions: tuple[Contribution, ...]

    @property
    def call(self) -> Call:
        """The call."""
        return self.stored.call

    def status(self, as_of: dt.date) -> CallStatus:
        """Who was asked, answered, is late, on ``as_of``."""
        return call_status(self.call, self.stakeholders, list(self.requests), list(self.contributions), as_of)

    def contributors(self) -> list[Contributor]:
        """Each stakeholder that contributed, once; named only when one of its contributions is public."""
        public = {c.stakeholder for c in self.contributions if c.consent is Consent.PUBLIC}
        keys = sorted({c.stakeholder for c in self.contributions})
        return [Contributor(self.stakeholders[k].name, self.stakeholders[k].type, named=k in public) for k in keys]


@dataclass(frozen=True, slots=True)
class StatusView:
    """A call's status and the sentence a report uses for who contributed."""

    view: CallView
    status: CallStatus
    sentence: str


def find_call(store: Store, key: str, actor: Actor) -> StoredCall:
    """The call with this key, when it is in the actor's scope: the one door to a call.

    Raises:
        CallError: There is none, or it is out of the actor's scope (the same message: no existence leak).
    """
    stored = store.calls.call(key) if actor.scope.allows_call(key) else None
    if stored is None:
        raise UnknownCall(f"no call '{key}' in the registry")
    return stored


def find_stakeholder(store: Store, key: str) -> Stakeholder:
    """The stakeholder with this key.

    Raises:
        CallError: There is none.
    """
    found = store.calls.stakeholder(key)
    if found is None:
        raise CallError(f"no stakeholder '{key}' in the registry (add it with 'hrdmap stakeholders add')")
    return found


# The registry's writes, shared by the commands and the import


def save_call(store: Store, call: Call, *, actor: str, at: dt.datetime) -> tuple[int, Change]:
    """Store or update a call and audit the change."""
    call_id, change = store.calls.save_call(call, at=at)
    if change is not Change.UNCHANGED:
        store.audit.record(f"call.{change.value}", actor=actor, at=at, subject=f"call:{call.key}")
    return call_id, change


def save_stakeholder(
    store: Store, stakeholder: Stakeholder, contact: str | None, *, actor: str, at: dt.datetime
) -> Change:
    """Store or update a stakeholder and (when given) its contact, and audit what changed (never the contact)."""
    _, change = store.calls.save_stakeholder(stakeholder, at=at)
    subject = f"stakeholder:{stakeholder.key}"
    if change is not Change.UNCHANGED:
        detail = {"type": stakeholder.type.value}
        store.audit.record(f"stakeholder.{change.value}", actor=actor, at=at, subject=subject, detail=detail)
    if contact is not None and store.calls.set_contact(stakeholder.key, contact):
        store.audit.record("stakeholder.contact_set", actor=actor, at=at, subject=subject)
        change = Change.UPDATED if change is Change.UNCHANGED else change
    return change


def save_request(
    store: Store, call_id: int, call_key: str, request: CallRequest, *, actor: str, at: dt.datetime
) -> bool:
    """Record a request and audit it; ``False`` when it was recorded before."""
    if not store.calls.add_request(call_id, request, at=at):
        return False
    detail = {
        "stakeholder": request.stakeholder,
        "date": request.date.isoformat(),
        "channel": request.channel.value,
        "reminder": request.reminder,
    }
    store.audit.record("call.request_recorded", actor=actor, at=at, subject=f"call:{call_key}", detail=detail)
    return True


def save_contribution(
    store: Store, call_id: int, call_key: str, contribution: Contribution, *, actor: str, at: dt.datetime
) -> tuple[int, Change]:
    """Store or update a contribution, link its documents, and audit both."""
    contribution_id, change = store.calls.save_contribution(call_id, contribution, at=at)
    subject = f"contribution:{contribution_id}"
    if change is not Change.UNCHANGED:
        detail = {
            "call": call_key,
            "stakeholder": contribution.stakeholder,
            "received": contribution.received.isoformat(),
            "consent": contribution.consent.value,
        }
        store.audit.record(f"contribution.{change.value}", actor=actor, at=at, subject=subject, detail=detail)
    linked = store.calls.link_documents(contribution_id, contribution.document_ids)
    if linked:
        store.audit.record("contribution.linked", actor=actor, at=at, subject=subject, detail={"documents": linked})
    return contribution_id, change


# Files received


def read_files(
    workspace: Workspace, actor: Actor, paths: Sequence[Path], *, seal: Sequence[Path] = ()
) -> dict[Path, ReadFile]:
    """Store files in the corpus through the ingest service and say which documents each gave, by path; the
    text of the files of ``seal`` (confidential contributions) is sealed when a key file is set.

    Raises:
        hrdmap.readers.sources.MissingPath: A file does not exist.
        hrdmap.storage.lock.Busy: Another process is ingesting into the same data folder.
    """
    files = [p.resolve() for p in paths]
    report = ingest(workspace, actor, files, seal=seal)
    items = {item.path: item for item in report.batches[-1].items} if report.batches else {}
    found: dict[Path, ReadFile] = {}
    for path in files:
        item = items.get(str(path))
        if item is None or item.version_id is None:
            reason = item.reason if item else "not read"
            found[path] = ReadFile(path, item.status if item else ItemStatus.FAILED, reason)
            continue
        found[path] = _read_file(workspace.store, path, item.status, item.version_id)
    return found


def _read_file(store: Store, path: Path, status: ItemStatus, version_id: int) -> ReadFile:
    """The documents of a file ingest stored or matched (a copy of a stored file gives that file's documents)."""
    own = store.documents.version(version_id)
    if own is None:
        return ReadFile(path, ItemStatus.FAILED, "its stored version is gone")
    members = store.documents.members(own.source)
    language = own.languages[0] if own.languages else None
    ids = (own.id, *(member.id for member in members))
    return ReadFile(path, status, None, ids, tuple(member.source for member in members), language)


def contribution_from(
    read: ReadFile, stakeholder: str, received: dt.date, consent: Consent, language: str | None
) -> Contribution:
    """A contribution for a file read (language from the file when not given)."""
    return Contribution(
        stakeholder=stakeholder,
        received=received,
        consent=consent,
        source=str(read.path),
        language=language or read.language,
        document_ids=read.document_ids,
    )


# The commands


def add_call(workspace: Workspace, actor: Actor, call: Call) -> StoredCall:
    """Register a new call.

    Raises:
        CallError: A call with this key is registered already.
        hrdmap.domain.errors.Forbidden: The actor may not manage calls.
    """
    actor.require(Permission.MANAGE_CALLS)
    store = workspace.store
    with store.transaction():
        if store.calls.call(call.key) is not None:
            raise CallError(f"a call '{call.key}' is registered already")
        save_call(store, call, actor=actor.name, at=actor.now())
        return find_call(store, call.key, actor)


def list_calls(workspace: Workspace, actor: Actor) -> list[StoredCall]:
    """Every call in the actor's scope, by deadline."""
    actor.require(Permission.READ_CORPUS)
    return [c for c in workspace.store.calls.calls() if actor.scope.allows_call(c.call.key)]


def add_stakeholder(
    workspace: Workspace, actor: Actor, stakeholder: Stakeholder, contact: str | None = None
) -> Change:
    """Add a stakeholder to the registry, or update the one with the same key (and its contact when given)."""
    actor.require(Permission.MANAGE_CALLS)
    with workspace.store.transaction():
        return save_stakeholder(workspace.store, stakeholder, contact, actor=actor.name, at=actor.now())


def list_stakeholders(
    workspace: Workspace, actor: Actor, types: Sequence[StakeholderType] = ()
) -> list[Stakeholder]:
    """Stakeholders (of these types, or all), by name; without their contacts."""
    actor.require(Permission.READ_CORPUS)
    return workspace.store.calls.stakeholders(types)


def stakeholder_contacts(workspace: Workspace, actor: Actor, keys: Sequence[str]) -> dict[str, str]:
    """The contact addresses of these stakeholders, by key: the one door to contacts.

    The read is recorded in the audit trail (who, and how many stakeholders), the addresses are not.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not read confidential data.
    """
    actor.require(Permission.READ_CONFIDENTIAL)
    store = workspace.store
    with store.transaction():
        found = store.calls.contacts(keys)
        store.audit.record(
            "stakeholder.contacts_viewed",
            actor=actor.name,
            at=actor.now(),
            detail={"stakeholders": len(keys), "with_contact": len(found)},
        )
    return found


def record_request(workspace: Workspace, actor: Actor, call_key: str, request: CallRequest) -> bool:
    """Record that a request for inputs (or a reminder) was sent; ``False`` when it was recorded before.

    Raises:
        CallError: The call or the stakeholder is not in the registry.
        hrdmap.domain.errors.Forbidden: The actor may not manage calls.
    """
    actor.require(Permission.MANAGE_CALLS)
    store = workspace.store
    with store.transaction():
        stored = find_call(store, call_key, actor)
        find_stakeholder(store, request.stakeholder)
        return save_request(store, stored.id, call_key, request, actor=actor.name, at=actor.now())


@dataclass(frozen=True, slots=True)
class RecordedContribution:
    """A contribution recorded from a file, and what ingest said about the file."""

    contribution: Contribution
    read: ReadFile
    change: Change


def record_contributions(
    workspace: Workspace,
    actor: Actor,
    call_key: str,
    stakeholder: str,
    files: Sequence[Path],
    *,
    received: dt.date,
    consent: Consent,
    language: str | None = None,
) -> list[RecordedContribution]:
    """Store the files in the corpus and record one contribution per file (the files inside an e-mail or an
    archive belong to its contribution).

    Raises:
        CallError: The call or the stakeholder is not in the registry.
        hrdmap.readers.sources.MissingPath: A file does not exist (nothing is recorded).
        hrdmap.domain.errors.Forbidden: The actor may not manage calls.
    """
    actor.require(Permission.MANAGE_CALLS)
    store = workspace.store
    find_call(store, call_key, actor)
    find_stakeholder(store, stakeholder)
    read = read_files(workspace, actor, files, seal=files if consent is Consent.CONFIDENTIAL else ())
    recorded = []
    with store.transaction():
        stored, at = find_call(store, call_key, actor), actor.now()
        for one in read.values():
            contribution = contribution_from(one, stakeholder, received, consent, language)
            contribution_id, change = save_contribution(
                store, stored.id, call_key, contribution, actor=actor.name, at=at
            )
            recorded.append(RecordedContribution(replace(contribution, id=contribution_id), one, change))
    return recorded


def get_call(workspace: Workspace, actor: Actor, key: str) -> CallView:
    """A call with its stakeholders, requests and contributions (contacts are not read).

    Raises:
        CallError: There is no such call, or none the actor may see.
    """
    actor.require(Permission.READ_CORPUS)
    registry = workspace.store.calls
    stored = find_call(workspace.store, key, actor)
    requests = registry.requests(stored.id)
    contributions = registry.contributions(stored.id)
    keys = {r.stakeholder for r in requests} | {c.stakeholder for c in contributions}
    stakeholders = {s.key: s for s in registry.stakeholders() if s.key in keys}
    return CallView(stored, stakeholders, tuple(requests), tuple(contributions))


def call_status_view(workspace: Workspace, actor: Actor, key: str, *, as_of: dt.date | None = None) -> StatusView:
    """Where a call stands on ``as_of`` (the actor's today when omitted), with the report's sentence.

    Raises:
        CallError: There is no such call, or none the actor may see.
    """
    view = get_call(workspace, actor, key)
    return StatusView(view, view.status(as_of or actor.today()), contributions_sentence(view.contributors()))


def new_stakeholder(
    key: str,
    name: str,
    type_: StakeholderType,
    *,
    country: str | None = None,
    accreditation: Accreditation | None = None,
) -> Stakeholder:
    """A stakeholder from what a person typed, its country put in UN naming.

    Raises:
        CallError: The country is unknown, or an accreditation is given for a stakeholder that is not an NHRI.
    """
    if accreditation is not None and type_ is not StakeholderType.NHRI:
        raise CallError(f"accreditation: only national human rights institutions have one, not {type_.value}")
    resolved = resolve_country(country) if country else None
    if country and resolved is None:
        raise CallError(f"country: {country!r} is not a country in UN naming or an ISO 3166 alpha-3 code")
    name_en, code = resolved or (None, None)
    return Stakeholder(key, name, type_, name_en, code, accreditation)
