"""The mandate registry's use-cases: add a resolution, list and show requests, link the answering documents.

A resolution enters the registry as a stored document (the ingest service reads the file, so the corpus holds
it like any other document), then is parsed (:mod:`hrdmap.analyse.resolutions.reader`) and its requests extracted
(:mod:`hrdmap.analyse.resolutions.requests`). :func:`link_answers` reads the corpus for documents citing each resolution
and links them to the requests they answer (:mod:`hrdmap.analyse.resolutions.citations`). Every change is written
with its audit entry in one transaction.

A request's status is computed when asked: *answered* when a document is linked to it, *overdue* when its
earliest due point has closed without one, *open* otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from hrdmap.analyse.resolutions.citations import answered_requests, body_of_symbol, find_citations
from hrdmap.analyse.resolutions.compilation import split_compilation
from hrdmap.analyse.resolutions.reader import ResolutionError, parse_resolution
from hrdmap.analyse.resolutions.requests import extract_requests
from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.document import StoredDocument
from hrdmap.domain.errors import HrdmapError, NotFound
from hrdmap.domain.mandates import AnswerLink, Request, RequestStatus, Resolution, StoredRequest
from hrdmap.services.disclosure import Audience, policy
from hrdmap.services.ingest import ingest
from hrdmap.services.workspace import Workspace
from hrdmap.storage.batches import ItemStatus
from hrdmap.storage.mandates import MandateRepository, StoredResolution


class MandateError(HrdmapError):
    """A file cannot be added to the registry; ``str()`` is the one-line reason shown to users."""


class UnknownResolution(NotFound):
    """No resolution in the registry has the symbol asked for."""


@dataclass(frozen=True, slots=True)
class AddedResolution:
    """What :func:`add_resolution` did.

    Attributes:
        resolution: The parsed resolution.
        document: The stored document it was read from.
        requests: Its requests as stored, with their status.
        ingested: Whether the file was stored by this call (``False`` when it was already in the corpus).
    """

    resolution: Resolution
    document: StoredDocument
    requests: tuple[StoredRequest, ...]
    ingested: bool


@dataclass(frozen=True, slots=True)
class ResolutionView:
    """A stored resolution with its requests."""

    stored: StoredResolution
    document: StoredDocument | None
    requests: tuple[StoredRequest, ...]


@dataclass(frozen=True, slots=True)
class NewLink:
    """A link :func:`link_answers` added."""

    symbol: str
    request: Request
    link: AnswerLink


def request_status(request: Request, links: tuple[AnswerLink, ...], today: dt.date) -> RequestStatus:
    """Answered when a document is linked; overdue when the earliest due point closed before ``today``."""
    if links:
        return RequestStatus.ANSWERED
    due = request.due
    return RequestStatus.OVERDUE if due is not None and due.closes < today else RequestStatus.OPEN


def _ingested_version(workspace: Workspace, actor: Actor, path: Path) -> tuple[int, bool]:
    """Store the file through the ingest service (a no-op when its bytes are stored) and give its version."""
    if not path.is_file():
        raise MandateError(f"{path}: no such file")
    report = ingest(workspace, actor, [path])
    item = report.batches[-1].items[0]
    if item.status is ItemStatus.FAILED or item.version_id is None:
        raise MandateError(f"{path}: {item.reason or 'could not be read'}")
    return item.version_id, item.status is ItemStatus.STORED


def add_resolution(workspace: Workspace, actor: Actor, path: Path) -> AddedResolution:
    """Ingest a resolution's file if needed, parse it, and store the resolution and its requests.

    Storing a resolution whose symbol is already registered replaces it (its links are dropped; run
    :func:`link_answers` again).

    Raises:
        MandateError: The file cannot be read, or is not a resolution (the message says why).
        hrdmap.domain.errors.Forbidden: The actor may not manage mandates.
    """
    actor.require(Permission.MANAGE_MANDATES)
    version_id, ingested = _ingested_version(workspace, actor, path)
    document = workspace.store.documents.load(version_id)
    try:
        resolution = parse_resolution(document)
    except ResolutionError as error:
        raise MandateError(str(error)) from None
    return _store_resolution(workspace, actor, resolution, version_id, ingested)


@dataclass(frozen=True, slots=True)
class AddedFile:
    """What :func:`add_resolutions` did with one file.

    Attributes:
        path: The file.
        resolutions: The resolutions and decisions stored from it, in order.
        found: How many resolutions and decisions the file holds (one for a file that is one resolution).
        skipped: One line per resolution or decision of a compilation that could not be read, with the reason.
    """

    path: Path
    resolutions: tuple[AddedResolution, ...]
    found: int
    skipped: tuple[str, ...] = ()

    @property
    def decisions(self) -> int:
        """How many of the stored ones are decisions."""
        return sum(1 for added in self.resolutions if added.resolution.kind == "decision")


def add_resolutions(workspace: Workspace, actor: Actor, path: Path) -> AddedFile:
    """Add every resolution and decision a file holds: one, or all those of a compilation.

    A session report or a volume of resolutions holds many, each opened by its number and title (and maybe its
    symbol) as a heading (:func:`hrdmap.analyse.resolutions.compilation.split_compilation`); each is stored
    under its own symbol, printed or built from its number and the body that adopted it. A file that holds none
    is refused with the reason.

    Raises:
        MandateError: The file cannot be read, or holds no resolution or decision that can be read.
        hrdmap.domain.errors.Forbidden: The actor may not manage mandates.
    """
    actor.require(Permission.MANAGE_MANDATES)
    version_id, ingested = _ingested_version(workspace, actor, path)
    document = workspace.store.documents.load(version_id)
    parts = split_compilation(document)
    if not parts:
        try:
            resolution = parse_resolution(document)
        except ResolutionError as error:
            raise MandateError(f"{error}; no resolution or decision found in it") from None
        return AddedFile(path, (_store_resolution(workspace, actor, resolution, version_id, ingested),), 1)
    added: list[AddedResolution] = []
    skipped: list[str] = []
    for part in parts:
        if part.symbol is None:
            skipped.append(f"{part.number}: cannot tell which body adopted it (no symbol, no opening words)")
            continue
        try:
            resolution = parse_resolution(part.document, require_operative=not part.decision)
        except ResolutionError as error:
            skipped.append(f"{part.number}: {str(error).rsplit(': ', 1)[-1]}")
            continue
        added.append(_store_resolution(workspace, actor, resolution, version_id, ingested))
    if not added:
        raise MandateError(f"{path}: {len(parts)} resolutions and decisions found, none could be read ({skipped[0]})")
    return AddedFile(path, tuple(added), len(parts), tuple(skipped))


def _store_resolution(
    workspace: Workspace, actor: Actor, resolution: Resolution, version_id: int, ingested: bool
) -> AddedResolution:
    """Store a parsed resolution and its requests (one transaction, audited), replacing one of its symbol."""
    stored = workspace.store.documents.version(version_id)
    assert stored is not None  # noqa: S101 - the ingest service just returned this version
    requests = extract_requests(resolution)
    now = actor.now()
    store = workspace.store
    with store.transaction():
        resolution_id = store.mandates.save(
            resolution, requests, document_id=stored.id, version_id=version_id, at=now
        )
        store.audit.record(
            "mandate.resolution_stored",
            actor=actor.name,
            at=now,
            subject=f"resolution:{resolution.symbol}",
            detail={"document": stored.id, "version": stored.version, "requests": len(requests)},
        )
        rows = _stored_requests(store.mandates, resolution_id, actor.today())
    return AddedResolution(resolution, stored, tuple(rows), ingested)


def _stored_requests(
    registry: MandateRepository, resolution_id: int | None, today: dt.date
) -> list[StoredRequest]:
    rows = registry.requests(resolution_id)
    links = registry.links([r.id for r in rows])
    stored = []
    for row in rows:
        found = tuple(links.get(row.id, ()))
        stored.append(
            StoredRequest(row.id, row.symbol, row.request, request_status(row.request, found, today), found)
        )
    return stored


def list_requests(
    workspace: Workspace,
    actor: Actor,
    *,
    symbol: str | None = None,
    addressee: str | None = None,
    status: RequestStatus | None = None,
    today: dt.date | None = None,
) -> list[StoredRequest]:
    """Requests in the registry, by resolution and paragraph, optionally filtered.

    Args:
        workspace: The data folder.
        actor: Who asks.
        symbol: Only this resolution's requests.
        addressee: Only requests whose normalised addressee contains this text (case-insensitive).
        status: Only requests with this status.
        today: The day status is computed for (the actor's today when omitted).

    Raises:
        UnknownResolution: ``symbol`` is not in the registry.
    """
    actor.require(Permission.READ_CORPUS)
    registry = workspace.store.mandates
    resolution_id = None
    if symbol is not None:
        found = registry.resolution(symbol)
        if found is None:
            raise UnknownResolution(f"no resolution '{symbol}' in the registry")
        resolution_id = found.id
    rows = _marked(workspace, actor, _stored_requests(registry, resolution_id, today or actor.today()))
    wanted = (addressee or "").lower()
    return [
        r
        for r in rows
        if wanted in r.request.addressee.name.lower() and (status is None or r.status is status)
    ]


def show_resolution(
    workspace: Workspace, actor: Actor, symbol: str, *, today: dt.date | None = None
) -> ResolutionView:
    """A resolution with its paragraphs and requests, status as of ``today`` (the actor's today when omitted).

    Raises:
        UnknownResolution: ``symbol`` is not in the registry.
    """
    actor.require(Permission.READ_CORPUS)
    registry = workspace.store.mandates
    found = registry.resolution(symbol)
    if found is None:
        raise UnknownResolution(f"no resolution '{symbol}' in the registry")
    rows = _marked(workspace, actor, _stored_requests(registry, found.id, today or actor.today()))
    return ResolutionView(found, workspace.store.documents.get(found.document_id), tuple(rows))


def _marked(workspace: Workspace, actor: Actor, rows: list[StoredRequest]) -> list[StoredRequest]:
    """The requests with the links to documents of confidential contributions marked (internal views mark what
    they show of them, :mod:`hrdmap.services.disclosure`)."""
    ids = [link.document_id for row in rows for link in row.links]
    confidential = policy(workspace, actor, Audience.INTERNAL, ids).confidential
    if not confidential:
        return rows
    return [
        replace(row, links=tuple(replace(k, confidential=k.document_id in confidential) for k in row.links))
        for row in rows
    ]


def link_answers(workspace: Workspace, actor: Actor) -> list[NewLink]:
    """Link every request to the stored documents that answer it, and record each new link.

    A document answers a request when one of its paragraphs or footnotes cites the resolution: naming the
    request's paragraph ("pursuant to paragraph 17 of resolution 72/247", "A/RES/72/247, para. 16"), or naming
    the resolution in responsive words ("submitted pursuant to General Assembly resolution 72/247") when the
    request asks for a document. Resolutions themselves (their own text, or a later resolution recalling an
    earlier one) never answer.

    Returns:
        The links added by this run (links found before are kept and not repeated).

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not manage mandates.
    """
    actor.require(Permission.MANAGE_MANDATES)
    now = actor.now()
    added: list[NewLink] = []
    store = workspace.store
    with store.transaction():
        resolutions = store.mandates.resolutions()
        resolution_documents = {r.document_id for r in resolutions}
        for stored in resolutions:
            added += _link_resolution(store.mandates, stored, resolution_documents, now)
        confidential = policy(workspace, actor, Audience.INTERNAL, [n.link.document_id for n in added]).confidential
        added = [replace(n, link=replace(n.link, confidential=n.link.document_id in confidential)) for n in added]
        for new in added:
            store.audit.record(
                "mandate.linked",
                actor=actor.name,
                at=now,
                subject=f"resolution:{new.symbol}",
                detail={
                    "paragraph": new.request.reference,
                    "document": new.link.document_id,
                    "block": new.link.block_id,
                    "method": new.link.method,
                },
            )
    return added


def _link_resolution(
    registry: MandateRepository, stored: StoredResolution, skip_documents: set[int], now: dt.datetime
) -> list[NewLink]:
    """Links for one resolution's requests from the documents citing it."""
    resolution = stored.resolution
    rows = registry.requests(stored.id)
    if not rows:
        return []
    added: list[NewLink] = []
    for block in registry.citing_blocks(resolution.number or resolution.symbol, resolution.symbol):
        if block.document_id in skip_documents or _is_resolution_symbol(block.symbol):
            continue
        for citation in find_citations(block.text):
            document_body = body_of_symbol(block.symbol)
            pairs = answered_requests(citation, resolution, [r.request for r in rows], document_body)
            for index, method in pairs:
                link = AnswerLink(
                    block.document_id,
                    block.block_id,
                    block.symbol,
                    block.title,
                    citation.text,
                    block.text,
                    method,
                )
                if registry.add_link(rows[index].id, link, at=now):
                    added.append(NewLink(resolution.symbol, rows[index].request, link))
    return added


def _is_resolution_symbol(symbol: str | None) -> bool:
    return bool(symbol) and ("/RES/" in (symbol or "") or "/DEC/" in (symbol or ""))
