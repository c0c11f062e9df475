"""What a signed-in person sees first: open calls, overdue requests, the review queue, the corpus's size.

Each figure is given only when the actor's roles allow the reads behind it (``None`` otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from hrdmap.domain.actor import Actor, Permission
from hrdmap.domain.mandates import RequestStatus
from hrdmap.services import mandates
from hrdmap.services.calls import manage
from hrdmap.services.visibility import hidden_ids
from hrdmap.services.workspace import Workspace
from hrdmap.storage.calls import StoredCall


@dataclass(frozen=True, slots=True)
class Overview:
    """The dashboard's figures; ``None`` where the actor may not see them.

    Attributes:
        open_calls: Calls whose deadline has not passed, in the actor's scope.
        overdue_requests: Mandate requests past due with no answer.
        review_waiting: Tags waiting for review (up to 100 counted: the page says "100+").
        documents: Documents the actor may see.
    """

    open_calls: tuple[StoredCall, ...] | None
    overdue_requests: int | None
    review_waiting: int | None
    documents: int | None


#: The review queue is counted up to this many (the page says "100+").
WAITING_SHOWN = 100


def overview(workspace: Workspace, actor: Actor) -> Overview:
    """The dashboard of ``actor``. The corpus's figures are counted in the store, leaving out the documents
    the actor may not see (:func:`~hrdmap.services.visibility.hidden_ids`), so they are exact for its scope
    without listing the corpus."""
    reads = actor.can(Permission.READ_CORPUS)
    today = actor.today()
    calls = tuple(c for c in manage.list_calls(workspace, actor) if c.call.deadline >= today) if reads else None
    overdue = (
        len(mandates.list_requests(workspace, actor, status=RequestStatus.OVERDUE)) if reads else None
    )
    hidden = sorted(hidden_ids(workspace, actor)) if reads else []
    waiting = (
        workspace.store.tags.count_waiting(limit=WAITING_SHOWN, exclude_documents=hidden)
        if reads and actor.can(Permission.REVIEW)
        else None
    )
    documents = workspace.store.documents.count_current(exclude=hidden) if reads else None
    return Overview(calls, overdue, waiting, documents)
