"""Need to know: which stored documents an actor may see, the one rule every read of the corpus applies.

A document that a contribution brought inherits that contribution's call, consent and stakeholder country:

- **sensitivity** is ``confidential`` when any contribution that brought it is confidential, else ``public``;
  a confidential document is seen only by an actor holding
  :attr:`~hrdmap.domain.actor.Permission.READ_CONFIDENTIAL` whose scope reaches that sensitivity;
- **calls**: an actor limited to some calls sees a contributed document only when one of its calls is in scope;
- **countries**: an actor limited to some countries sees a contributed document only when its stakeholder has
  no country or one in scope.

Documents no contribution brought (resolutions, UN reports) are public texts: every actor who may read the
corpus sees them. What an actor may not see answers "not found", like what does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hrdmap.domain.actor import Actor, Permission, Sensitivity
from hrdmap.services.workspace import Workspace
from hrdmap.storage.calls import Provenance

CONFIDENTIAL = "confidential"


def sensitivity(provenance: Sequence[Provenance]) -> Sensitivity:
    """A document's sensitivity from the contributions that brought it."""
    return Sensitivity.CONFIDENTIAL if any(p.consent == CONFIDENTIAL for p in provenance) else Sensitivity.PUBLIC


def allows(actor: Actor, provenance: Sequence[Provenance]) -> bool:
    """Whether ``actor`` may see a document brought by ``provenance`` (empty: a public text)."""
    return actor.can(Permission.READ_CORPUS) and in_scope(actor, provenance)


def in_scope(actor: Actor, provenance: Sequence[Provenance]) -> bool:
    """Whether a document brought by ``provenance`` is within ``actor``'s need to know, whatever its roles let it
    read: what an aggregate of the actor may count (an analyst counts what its scope reaches, never more)."""
    if not provenance:
        return True
    level = sensitivity(provenance)
    if level is Sensitivity.CONFIDENTIAL and not (
        actor.can(Permission.READ_CONFIDENTIAL) and actor.scope.allows(level)
    ):
        return False
    if not any(actor.scope.allows_call(p.call) for p in provenance):
        return False
    return all(p.country is None or actor.scope.allows_country(p.country) for p in provenance)


def unrestricted(actor: Actor) -> bool:
    """Whether the actor sees every document (so no look-up is needed)."""
    scope = actor.scope
    return (
        actor.can(Permission.READ_CONFIDENTIAL)
        and scope.calls is None
        and scope.countries is None
        and scope.allows(Sensitivity.CONFIDENTIAL)
    )


def visible_ids(workspace: Workspace, actor: Actor, document_ids: Iterable[int]) -> set[int]:
    """Those of ``document_ids`` the actor may see."""
    ids = list(dict.fromkeys(document_ids))
    if not actor.can(Permission.READ_CORPUS):
        return set()
    if unrestricted(actor):
        return set(ids)
    found = workspace.store.calls.provenance(ids)
    return {i for i in ids if allows(actor, found.get(i, []))}


def hidden_ids(workspace: Workspace, actor: Actor) -> set[int]:
    """The documents ``actor`` may not count in an aggregate (:func:`in_scope`) nor, when it may read the corpus,
    see: always some of those a contribution brought, since public texts are hidden from no one who reads.

    The set is what a count in the store leaves out, so a figure is exact for the actor without listing what
    it may see."""
    if unrestricted(actor):
        return set()
    return {i for i, p in workspace.store.calls.contributed().items() if not in_scope(actor, p)}


def scope_key(actor: Actor) -> tuple[object, ...]:
    """What :func:`in_scope` depends on: two actors with the same key count the same documents."""
    scope = actor.scope
    confidential = actor.can(Permission.READ_CONFIDENTIAL) and scope.allows(Sensitivity.CONFIDENTIAL)
    calls = None if scope.calls is None else tuple(sorted(scope.calls))
    countries = None if scope.countries is None else tuple(sorted(scope.countries))
    return confidential, calls, countries


def confidential_ids(workspace: Workspace, document_ids: Iterable[int]) -> set[int]:
    """Those of ``document_ids`` that a confidential contribution brought (their reads are audited)."""
    found = workspace.store.calls.provenance(list(document_ids))
    return {i for i, p in found.items() if sensitivity(p) is Sensitivity.CONFIDENTIAL}
