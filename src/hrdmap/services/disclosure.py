"""The confidentiality policy applied to stored documents: one door every output goes through.

:func:`policy` looks up, once, which of some documents a confidential contribution brought (see
:mod:`hrdmap.services.visibility`) and answers, for an output written for an audience, whether each may be shown
and whether it is marked (the rule is :func:`hrdmap.domain.disclosure.disclose`). The audience an actor gets is
never wider than what the actor may read: someone who may not read confidential data gets a public output
whatever was asked.

Example::

    rules = policy(workspace, actor, Audience.PUBLIC, ids)
    rows = [r for r in rows if rules.shows(r.document_id)]
    print(f"{rules.withheld(ids)} confidential documents counted, not shown")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hrdmap.domain.actor import Actor, Permission, Sensitivity
from hrdmap.domain.disclosure import CONSENT_CONFIDENTIAL, CONSENT_PUBLIC, Disclosure, disclose
from hrdmap.domain.disclosure import MARK as MARK  # for the edges, which print it
from hrdmap.domain.disclosure import Audience as Audience  # for the edges, which choose it
from hrdmap.services.visibility import sensitivity
from hrdmap.services.workspace import Workspace


def audience_for(actor: Actor, asked: Audience) -> Audience:
    """``asked``, narrowed to :attr:`Audience.PUBLIC` for an actor who may not read confidential data."""
    cleared = actor.can(Permission.READ_CONFIDENTIAL) and actor.scope.allows(Sensitivity.CONFIDENTIAL)
    return asked if cleared else Audience.PUBLIC


@dataclass(frozen=True, slots=True)
class Policy:
    """The disclosure of each of a set of documents in one output.

    Attributes:
        audience: Who the output is for.
        confidential: Ids of the documents a confidential contribution brought.
        contributed: Ids of the documents any contribution brought (the others are UN documents and the like).
    """

    audience: Audience
    confidential: frozenset[int]
    contributed: frozenset[int] = frozenset()

    def of(self, document_id: int) -> Disclosure:
        """What the output may show of the document."""
        return disclose(self.audience, document_id in self.confidential)

    def shows(self, document_id: int) -> bool:
        """Whether the document's content may appear (else it is only counted)."""
        return self.of(document_id).shown

    def marked(self, document_id: int) -> bool:
        """Whether what appears of the document is marked confidential."""
        return self.of(document_id).marked

    def consent(self, document_id: int) -> str | None:
        """The consent the document came with (``public``, ``confidential``), or ``None`` for a UN document."""
        if document_id in self.confidential:
            return CONSENT_CONFIDENTIAL
        return CONSENT_PUBLIC if document_id in self.contributed else None

    def withheld(self, document_ids: Iterable[int]) -> int:
        """How many of the documents the output counts without showing them."""
        return sum(1 for d in set(document_ids) if not self.shows(d))


def policy(workspace: Workspace, actor: Actor, audience: Audience, document_ids: Iterable[int]) -> Policy:
    """The policy of an output for ``audience`` (narrowed by :func:`audience_for`) over ``document_ids``."""
    ids = list(dict.fromkeys(document_ids))
    found = workspace.store.calls.provenance(ids) if ids else {}
    confidential = frozenset(i for i, p in found.items() if sensitivity(p) is Sensitivity.CONFIDENTIAL)
    return Policy(audience_for(actor, audience), confidential, frozenset(i for i, p in found.items() if p))
