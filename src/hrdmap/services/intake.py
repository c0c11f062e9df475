"""Safe intake: an external contributor, holding a per-request link, submits files to one call.

The web app checks the link (signed, for one call and one stakeholder, with an expiry) and acts as
``intake:<stakeholder>`` with the contributor role, limited to that call. :func:`submit` is the one door: it
stores the file through the ingest service (same guards as ``hrdmap ingest``: sniffed type, size, archive and XML
guards, a sandboxed parser), sealed when the contributor asks for confidentiality and a key file is set, and
records the contribution, auditing it. Nothing about the submitter's browser or device is stored with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from hrdmap.domain.actor import Actor, Permission, Role, Scope
from hrdmap.domain.calls import Consent
from hrdmap.domain.errors import Forbidden, InvalidInput
from hrdmap.services.calls.manage import find_call, find_stakeholder, record_contributions
from hrdmap.services.workspace import Workspace
from hrdmap.storage.batches import ItemStatus


@dataclass(frozen=True, slots=True)
class Receipt:
    """What the contributor is told: the file's name, its fingerprint, when, and whether it could be read.

    Attributes:
        reference: The contribution's number in the registry.
        file_name: The file's name as received.
        sha256: The fingerprint of the bytes received (to check later that the same file is meant).
        received: The day it was received.
        read: Whether text could be read from it.
        reason: Why not, when it could not.
        confidential: Whether it is kept confidential.
    """

    reference: int
    file_name: str
    sha256: str
    received: dt.date
    read: bool
    reason: str | None
    confidential: bool


def contributor(stakeholder: str, call_key: str, actor_clock: Actor) -> Actor:
    """The actor a valid intake link acts as: the contributor role, one call, named after the stakeholder."""
    return Actor(f"intake:{stakeholder}", frozenset({Role.CONTRIBUTOR}), Scope(calls=frozenset({call_key})),
                 actor_clock.clock)


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
    workspace: Workspace, actor: Actor, call_key: str, stakeholder: str, path: Path, *, confidential: bool
) -> Receipt:
    """Store a submitted file and record it as the stakeholder's contribution to the call.

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
    return Receipt(
        reference=recorded.contribution.id,
        file_name=path.name,
        sha256=digest,
        received=actor.today(),
        read=read.status is not ItemStatus.FAILED,
        reason=read.reason,
        confidential=confidential,
    )
