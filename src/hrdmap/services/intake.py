"""Safe intake: an external contributor, holding a per-request link, submits files to one call.

Every link is stored (:func:`make_link`): the token the web app signs names the stored link, so an officer can
revoke one link (:func:`revoke_link`) and a revoked, expired or unknown link is answered alike ("not found",
:func:`granted`). The web app acts as ``intake:<stakeholder>`` (or as the contributor's own account when one is
signed in) with the contributor role, limited to that call. :func:`submit` is the one door: it stores the file
through the ingest service (same guards as ``hrdmap ingest``: sniffed type, size, archive and XML guards, a
sandboxed parser), sealed when the contributor asks for confidentiality and a key file is set, records the
contribution, auditing it, and keeps the receipt, so that a contributor sees its own submissions again
(:func:`submissions`) and nobody else's. Nothing about the submitter's browser or device is stored with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission, Role, Scope
from hrdmap.domain.calls import Consent
from hrdmap.domain.errors import Forbidden, InvalidInput, NotFound
from hrdmap.services import audit_trail
from hrdmap.services.calls.manage import find_call, find_stakeholder, record_contributions
from hrdmap.services.workspace import Workspace
from hrdmap.storage.accounts import IntakeLinkRecord, ReceiptRecord
from hrdmap.storage.batches import ItemStatus


def contributor(stakeholder: str, call_key: str, actor_clock: Actor, *, account: str | None = None) -> Actor:
    """The actor a valid intake link acts as: the contributor role, one call, named after the stakeholder (or
    after the contributor's own account, when one is signed in: its submissions are then its own)."""
    name = account or f"intake:{stakeholder}"
    return Actor(name, frozenset({Role.CONTRIBUTOR}), Scope(calls=frozenset({call_key})), actor_clock.clock)


def make_link(
    workspace: Workspace, actor: Actor, call_key: str, stakeholder: str, *, days: int, origin: str | None = None
) -> tuple[IntakeLinkRecord, str, str]:
    """Store a new intake link for ``stakeholder`` to ``call_key``, valid for ``days``; returns it, the call's
    title and the stakeholder's name. Audited.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not manage calls.
        hrdmap.services.calls.manage.UnknownCall: No such call in the actor's scope.
        hrdmap.services.calls.manage.CallError: No such stakeholder.
        InvalidInput: ``days`` outside 1–90.
    """
    if not 1 <= days <= 90:
        raise InvalidInput("days: from 1 to 90")
    title, key, name = link_target(workspace, actor, call_key, stakeholder)
    at = actor.now()
    link = IntakeLinkRecord(0, call_key, key, at, actor.name, at + dt.timedelta(days=days))
    with workspace.store.transaction():
        link_id = workspace.store.accounts.add_intake_link(link)
        audit_trail.record(
            workspace, actor, "intake.link.created", subject=f"intake-link:{link_id}",
            detail={"call": call_key, "stakeholder": key, "days": days}, origin=origin,
        )  # fmt: skip
    return replace(link, id=link_id), title, name


def granted(workspace: Workspace, actor: Actor, link_id: int, call_key: str, stakeholder: str) -> IntakeLinkRecord:
    """The stored link a signed token names, when it still works.

    Raises:
        NotFound: No such link, one for another call or stakeholder, one revoked or expired (one answer for all).
    """
    link = workspace.store.accounts.intake_link(link_id)
    if (
        link is None
        or (link.call_key, link.stakeholder) != (call_key, stakeholder)
        or link.revoked_at is not None
        or actor.now() >= link.valid_until
    ):
        raise NotFound("no such intake link")
    return link


def links(workspace: Workspace, actor: Actor, call_key: str) -> list[IntakeLinkRecord]:
    """The intake links of a call, newest first.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not manage calls.
        hrdmap.services.calls.manage.UnknownCall: No such call in the actor's scope.
    """
    actor.require(Permission.MANAGE_CALLS)
    find_call(workspace.store, call_key, actor)
    return workspace.store.accounts.intake_links(call_key)


def revoke_link(workspace: Workspace, actor: Actor, call_key: str, link_id: int, *, origin: str | None = None) -> None:
    """Revoke one intake link of a call: from now on it answers like an unknown link. Audited.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not manage calls.
        hrdmap.services.calls.manage.UnknownCall: No such call in the actor's scope.
        NotFound: No such link for this call, or one revoked already.
    """
    actor.require(Permission.MANAGE_CALLS)
    find_call(workspace.store, call_key, actor)
    link = workspace.store.accounts.intake_link(link_id)
    if link is None or link.call_key != call_key:
        raise NotFound(f"no intake link {link_id}")
    with workspace.store.transaction():
        if not workspace.store.accounts.revoke_intake_link(link_id, at=actor.now(), by=actor.name):
            raise NotFound(f"no intake link {link_id} to revoke")
        audit_trail.record(
            workspace, actor, "intake.link.revoked", subject=f"intake-link:{link_id}",
            detail={"call": call_key, "stakeholder": link.stakeholder}, origin=origin,
        )  # fmt: skip


def submissions(workspace: Workspace, actor: Actor, *, link_id: int | None = None) -> list[ReceiptRecord]:
    """A contributor's own submissions, newest first: those made through the link ``link_id`` (the link is the
    credential), or, without one, those the signed-in contributor's account made. Nobody else's.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor is not a contributor.
    """
    if Role.CONTRIBUTOR not in actor.roles:
        raise Forbidden(f"{actor.name} is not a contributor")
    if link_id is not None:
        return workspace.store.accounts.receipts(link_id=link_id)
    return workspace.store.accounts.receipts(submitted_by=actor.name)


def link_target(workspace: Workspace, actor: Actor, call_key: str, stakeholder: str) -> tuple[str, str, str]:
    """Check that an officer may make an intake link for ``stakeholder`` to ``call_key``; returns the call's
    title, the stakeholder's key and name.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor may not manage calls.
        hrdmap.services.calls.manage.UnknownCall: No such call in the actor's scope.
        hrdmap.services.calls.manage.CallError: No such stakeholder.
    """
    actor.require(Permission.MANAGE_CALLS)
    stored = find_call(workspace.store, call_key, actor)
    found = find_stakeholder(workspace.store, stakeholder)
    return stored.call.title, found.key, found.name


def call_title(workspace: Workspace, actor: Actor, call_key: str, stakeholder: str) -> tuple[str, str]:
    """The call's title and the stakeholder's name, for the intake page.

    Raises:
        hrdmap.services.calls.manage.UnknownCall: No such call in the actor's scope.
        hrdmap.services.calls.manage.CallError: No such stakeholder.
    """
    _check(actor, call_key)
    stored = find_call(workspace.store, call_key, actor)
    return stored.call.title, find_stakeholder(workspace.store, stakeholder).name


def _check(actor: Actor, call_key: str) -> None:
    if Role.CONTRIBUTOR not in actor.roles or not actor.scope.allows_call(call_key):
        raise Forbidden(f"{actor.name} may not submit to call {call_key}")


def submit(
    workspace: Workspace,
    actor: Actor,
    call_key: str,
    stakeholder: str,
    path: Path,
    *,
    confidential: bool,
    link_id: int | None = None,
) -> ReceiptRecord:
    """Store a submitted file and record it as the stakeholder's contribution to the call; keep its receipt.

    Returns:
        The receipt kept, which is what the contributor is told: the contribution's number in the registry, the
        file's name and fingerprint, the day it was received, and whether it could be read.

    Raises:
        hrdmap.domain.errors.Forbidden: The actor is not a contributor to this call.
        hrdmap.services.calls.manage.CallError: The call or the stakeholder is unknown.
    """
    _check(actor, call_key)
    if not path.is_file():
        raise InvalidInput(f"{path.name}: nothing was received")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    acting = Actor(actor.name, frozenset({Role.OFFICER}), actor.scope, actor.clock,
                   limit=frozenset({Permission.INGEST, Permission.MANAGE_CALLS, Permission.READ_CORPUS}))
    consent = Consent.CONFIDENTIAL if confidential else Consent.PUBLIC
    (recorded,) = record_contributions(
        workspace, acting, call_key, stakeholder, [path], received=actor.today(), consent=consent
    )
    read = recorded.read
    receipt = ReceiptRecord(
        0, link_id, actor.name, call_key, stakeholder, recorded.contribution.id, path.name, digest, actor.today(),
        read.status is not ItemStatus.FAILED, read.reason, confidential, actor.now(),
    )  # fmt: skip
    with workspace.store.transaction():
        receipt_id = workspace.store.accounts.add_receipt(receipt)
    return replace(receipt, id=receipt_id)
